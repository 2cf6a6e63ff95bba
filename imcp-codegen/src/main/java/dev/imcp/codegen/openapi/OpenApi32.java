package dev.imcp.codegen.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imcp.codegen.diag.Diagnostic;
import dev.imcp.codegen.read.JsonLocator;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Reads OpenAPI 3.2 documents through swagger-parser's 3.1 path. OpenAPI 3.2.0 (September 2025) keeps 3.1's data
 * model and adds to it; what it adds for operations has no place in 3.1's model and is skipped, each with an
 * {@code OPENAPI_UNSUPPORTED_OPERATION} warning at its member:
 * <ul>
 *   <li>the {@code query} operation of a path item (the HTTP QUERY method, section 4.10.1);
 *   <li>{@code additionalOperations} (other HTTP methods by name, section 4.10.1);
 *   <li>an operation with an {@code in: querystring} parameter (the whole query string as one value,
 *       section 4.12.2.1), which the runtime does not send.
 * </ul>
 * The rest of what 3.2 adds (a tag's {@code parent} and {@code kind}, {@code $self}, a response's {@code summary},
 * {@code itemSchema} for streamed media, the OAuth 2.0 device flow) describes nothing a tool call needs; swagger-parser
 * notes each as unexpected ({@code OPENAPI_INVALID} warnings) and the operations are published.
 */
final class OpenApi32 {


    private OpenApi32() {
    }

    /** A block-style YAML document's top-level {@code openapi} member with a 3.2 version, up to the version. */
    private static final java.util.regex.Pattern YAML_VERSION =
            java.util.regex.Pattern.compile("(?m)^([\"']?openapi[\"']?[ \\t]*:[ \\t]*[\"']?)3\\.2\\.\\d+");

    /**
     * Returns the document as swagger-parser's 3.1 path should read it: {@code text} itself with {@code 3.1.1} in
     * place of the 3.2 version of its top-level {@code openapi} member, when that member starts a line of a
     * block-style YAML document (everything else, YAML's anchors, aliases and merge keys included, as written);
     * else {@code raw} as JSON text with that version (JSON has no aliases to lose).
     */
    static String as31(String text, JsonNode raw) {
        if (!text.strip().startsWith("{")) {
            java.util.regex.Matcher m = YAML_VERSION.matcher(text);
            if (m.find()) {
                return text.substring(0, m.start()) + m.group(1) + "3.1.1" + text.substring(m.end());
            }
        }
        com.fasterxml.jackson.databind.node.ObjectNode copy = raw.deepCopy();
        copy.put("openapi", "3.1.1");
        return copy.toString();
    }

    /**
     * Returns a warning for each 3.2 operation that is skipped (see the class comment), in document order;
     * {@code skippedOperations} is {@link #skippedOperations}'s answer for {@code root}.
     */
    static List<Diagnostic> unsupported(JsonNode root, java.util.Set<String> skippedOperations, JsonLocator locator) {
        List<Diagnostic> found = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> paths = root.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            String pointer = JsonLocator.pointer("/paths", path.getKey());
            if (path.getValue().path("query").isObject()) {
                found.add(skip(locator, JsonLocator.pointer(pointer, "query"), "operation QUERY " + path.getKey()
                        + " is skipped: the HTTP QUERY method of OpenAPI 3.2 is not supported"));
            }
            Iterator<String> others = path.getValue().path("additionalOperations").fieldNames();
            while (others.hasNext()) {
                String method = others.next();
                found.add(skip(locator, JsonLocator.pointer(pointer, "additionalOperations", method), "operation "
                        + method + " " + path.getKey() + " is skipped: OpenAPI 3.2's additionalOperations are not "
                        + "supported"));
            }
            for (String method : OpenApiRefs.METHODS) {
                if (skippedOperations.contains(JsonLocator.pointer(pointer, method))) {
                    found.add(skip(locator, JsonLocator.pointer(pointer, method), "operation "
                            + method.toUpperCase(java.util.Locale.ROOT) + " " + path.getKey() + " is skipped: its 'in: "
                            + "querystring' parameter (OpenAPI 3.2: the whole query string as one value) is not "
                            + "supported"));
                }
            }
        }
        return found;
    }

    /**
     * Returns the JSON pointers ({@code /paths/~1search/get}) of the operations swagger-parser's 3.1 model keeps but
     * that are skipped: those with an {@code in: querystring} parameter, of their own or of their path item.
     */
    static java.util.Set<String> skippedOperations(JsonNode root) {
        java.util.Set<String> skipped = new java.util.HashSet<>();
        Iterator<Map.Entry<String, JsonNode>> paths = root.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            boolean pathQuerystring = querystring(root, path.getValue().path("parameters"));
            for (String method : OpenApiRefs.METHODS) {
                JsonNode op = path.getValue().path(method);
                if (op.isObject() && (pathQuerystring || querystring(root, op.path("parameters")))) {
                    skipped.add(JsonLocator.pointer("/paths", path.getKey(), method));
                }
            }
        }
        return skipped;
    }

    private static boolean querystring(JsonNode root, JsonNode parameters) {
        for (JsonNode p : parameters) {
            // a parameter given by a local reference (#/components/parameters/Q), followed a few steps
            for (int hops = 0; hops < 8 && p.path("$ref").asText().startsWith("#"); hops++) {
                p = OpenApiRefs.follow(root, p.path("$ref").asText());
            }
            if ("querystring".equals(p.path("in").asText())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether swagger-parser's model of an operation has fewer parameters than the document gives it (its own and
     * its path item's): its 3.1 path drops a parameter it cannot read, an {@code in: querystring} one that came
     * through a reference into another file, say. Such an operation is skipped rather than published without the
     * parameter.
     */
    static boolean lostParameters(JsonNode rawPathItem, String method, io.swagger.v3.oas.models.PathItem item,
            io.swagger.v3.oas.models.Operation op) {
        if (rawPathItem.has("$ref")) {
            return false; // the path item is in another file: nothing here to count
        }
        int given = rawPathItem.path("parameters").size() + rawPathItem.path(method).path("parameters").size();
        int read = (item.getParameters() == null ? 0 : item.getParameters().size())
                + (op.getParameters() == null ? 0 : op.getParameters().size());
        return read < given;
    }

    private static Diagnostic skip(JsonLocator locator, String pointer, String message) {
        return Diagnostic.skipped("OPENAPI_UNSUPPORTED_OPERATION", locator.locate(pointer), message, 1)
                .withFix("describe the operation with a method OpenAPI 3.1 has, or leave it out (x-mcp: false)");
    }
}
