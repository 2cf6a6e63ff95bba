package dev.imcp.runtime.audit;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Follows a JSON Schema (2020-12, and the draft-04 to 2019-09 forms generated tools use) alongside a JSON value, to
 * find the schemas that apply to each property and item. Only what decides sensitivity is followed:
 * {@code properties}, {@code patternProperties}, {@code additionalProperties}, {@code items} (a schema, or a draft-04
 * array), {@code prefixItems}, {@code allOf}, {@code anyOf}, {@code oneOf} and local references ({@code $ref} to
 * {@code #/...} in the same document). Conditionals and remote references are not followed. Also used by
 * {@link dev.imcp.runtime.chain.ResultSizeLink} to find an array's {@code minItems}.
 */
public final class SchemaWalk {

    /** How many references are followed in a row, so that a cycle of {@code $ref}s ends. */
    private static final int MAX_REF_HOPS = 16;

    private SchemaWalk() {
    }

    /** Returns whether one of {@code schemas} says {@code format: password}, {@code writeOnly} or {@code x-sensitive}. */
    static boolean sensitive(List<JsonNode> schemas) {
        for (JsonNode s : schemas) {
            if (s.path("writeOnly").asBoolean(false) || s.path("x-sensitive").asBoolean(false)
                    || "password".equals(s.path("format").asText(null))) {
                return true;
            }
        }
        return false;
    }

    /** Returns the effective schemas of property {@code name} of an object whose effective schemas are {@code schemas}. */
    public static List<JsonNode> property(List<JsonNode> schemas, String name, JsonNode root) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode s : schemas) {
            boolean matched = false;
            JsonNode declared = s.path("properties").get(name);
            if (declared != null) {
                out.addAll(resolve(declared, root));
                matched = true;
            }
            Iterator<Map.Entry<String, JsonNode>> patterns = s.path("patternProperties").fields();
            while (patterns.hasNext()) {
                Map.Entry<String, JsonNode> p = patterns.next();
                if (finds(p.getKey(), name)) {
                    out.addAll(resolve(p.getValue(), root));
                    matched = true;
                }
            }
            JsonNode additional = s.get("additionalProperties");
            if (!matched && additional != null && additional.isObject()) {
                out.addAll(resolve(additional, root));
            }
        }
        return out;
    }

    /** Returns the effective schemas of item {@code index} of an array whose effective schemas are {@code schemas}. */
    public static List<JsonNode> item(List<JsonNode> schemas, int index, JsonNode root) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode s : schemas) {
            JsonNode prefix = s.path("prefixItems");
            JsonNode items = s.get("items");
            if (index < prefix.size()) {
                out.addAll(resolve(prefix.get(index), root));
            } else if (items != null && items.isArray()) {
                if (index < items.size()) {
                    out.addAll(resolve(items.get(index), root));
                }
            } else if (items != null && items.isObject()) {
                out.addAll(resolve(items, root));
            }
        }
        return out;
    }

    /** Returns {@code schema} and the schemas it includes by reference and by {@code allOf}/{@code anyOf}/{@code oneOf}. */
    public static List<JsonNode> resolve(JsonNode schema, JsonNode root) {
        List<JsonNode> out = new ArrayList<>();
        resolve(schema, root, 0, out);
        return out;
    }

    private static void resolve(JsonNode schema, JsonNode root, int hops, List<JsonNode> out) {
        if (schema == null || !schema.isObject() || hops > MAX_REF_HOPS) {
            return;
        }
        out.add(schema);
        JsonNode ref = schema.get("$ref");
        if (ref != null && ref.isTextual() && ref.textValue().startsWith("#")) {
            try {
                resolve(root.at(ref.textValue().substring(1)), root, hops + 1, out);
            } catch (IllegalArgumentException e) {
                // not a JSON pointer (an anchor): not followed
            }
        }
        for (String combinator : List.of("allOf", "anyOf", "oneOf")) {
            for (JsonNode sub : schema.path(combinator)) {
                resolve(sub, root, hops + 1, out);
            }
        }
    }

    private static boolean finds(String regex, String name) {
        try {
            return Pattern.compile(regex).matcher(name).find();
        } catch (PatternSyntaxException e) {
            return false;
        }
    }
}
