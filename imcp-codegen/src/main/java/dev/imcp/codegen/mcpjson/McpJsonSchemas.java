package dev.imcp.codegen.mcpjson;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imcp.codegen.diag.Diagnostic;
import dev.imcp.codegen.diag.Diagnostics;
import dev.imcp.codegen.model.Names;
import dev.imcp.codegen.model.SchemaModel;
import dev.imcp.codegen.model.SchemaModel.Kind;
import dev.imcp.codegen.read.JsonLocator;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts the JSON Schemas of an MCP JSON contract ({@code inputSchema}, {@code outputSchema}) to
 * {@link SchemaModel}s. Supports {@code type} (a name, or a list of one name and {@code "null"}),
 * {@code properties}, {@code required}, {@code items}, {@code additionalProperties}, {@code enum},
 * {@code default}, {@code examples}, {@code const}, {@code title}, {@code description}, {@code format}, the validation keywords,
 * the composition keywords ({@code allOf}, {@code anyOf}, {@code oneOf}, {@code not}: kept in the published
 * schema, the Java type coming from the other keywords) and {@code $defs} (or draft-07 {@code definitions}) with
 * {@code $ref}s to them, kept as definitions and references (JSON Schema 2020-12 Core, sections 8.2.3.1 and
 * 8.2.4), so a recursive schema stays finite. A {@code $ref} to anything else is an {@code MCPJSON_UNRESOLVED_REF}
 * error; {@code if} and {@code $dynamicRef} are accepted as any JSON value with an
 * {@code MCPJSON_UNSUPPORTED_SCHEMA} warning.
 */
final class McpJsonSchemas {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final List<String> CONSTRAINTS = List.of("minimum", "maximum", "exclusiveMinimum",
            "exclusiveMaximum", "multipleOf", "minLength", "maxLength", "pattern", "minItems", "maxItems", "uniqueItems",
            "examples");
    private static final List<String> UNSUPPORTED = List.of("if", "$dynamicRef");

    private final JsonLocator locator;
    private final Diagnostics diagnostics;
    private final Map<String, JsonNode> raw = new HashMap<>();
    private final Map<String, SchemaModel> declared = new HashMap<>();
    private final Deque<Map<String, String>> scopes = new ArrayDeque<>();

    McpJsonSchemas(JsonLocator locator, Diagnostics diagnostics) {
        this.locator = locator;
        this.diagnostics = diagnostics;
    }

    /**
     * Converts {@code node}.
     *
     * @param node the schema
     * @param pointer its JSON pointer in the contract
     * @param typeName the type name an object with properties (or a string enum) gets
     */
    SchemaModel convert(JsonNode node, String pointer, String typeName) {
        if (node == null || !node.isObject()) {
            return SchemaModel.builder(Kind.ANY).location(locator.locate(pointer)).build();
        }
        for (String keyword : UNSUPPORTED) {
            if (node.has(keyword)) {
                diagnostics.add(Diagnostic.warning("MCPJSON_UNSUPPORTED_SCHEMA", locator.locate(JsonLocator.pointer(pointer, keyword)),
                        "'" + keyword + "' is not supported; the value is accepted as any JSON value"));
                return SchemaModel.builder(Kind.ANY).description(text(node, "description"))
                        .location(locator.locate(pointer)).build();
            }
        }
        Map<String, String> scope = declare(node, pointer);
        try {
            if (node.has("$ref")) {
                return reference(node, pointer);
            }
            SchemaModel.Builder b = body(node, pointer, typeName);
            if (scope != null) {
                scope.values().forEach(name -> b.definition(name, declared.get(name)));
            }
            return b.build();
        } finally {
            if (scope != null) {
                scopes.pop();
            }
        }
    }

    /**
     * Converts the {@code $defs} (or draft-07 {@code definitions}) of {@code node}, if any, and opens their scope;
     * returns the scope (local name to model name), or {@code null} when there are none. A name another schema of
     * the contract already declares with a different body gets a number suffix, since definition names are
     * unique within a contract.
     */
    private Map<String, String> declare(JsonNode node, String pointer) {
        String keyword = node.has("$defs") ? "$defs" : node.has("definitions") ? "definitions" : null;
        JsonNode defs = keyword == null ? null : node.get(keyword);
        if (defs == null || !defs.isObject() || defs.isEmpty()) {
            return null;
        }
        Map<String, String> scope = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = defs.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> e = fields.next();
            String name = e.getKey();
            for (int i = 2; raw.containsKey(name) && !raw.get(name).equals(e.getValue()); i++) {
                name = e.getKey() + i;
            }
            raw.put(name, e.getValue());
            scope.put(e.getKey(), name);
        }
        scopes.push(scope);
        for (Map.Entry<String, String> e : scope.entrySet()) {
            if (!declared.containsKey(e.getValue())) {
                declared.put(e.getValue(), convert(defs.get(e.getKey()),
                        JsonLocator.pointer(pointer + "/" + keyword, e.getKey()), Names.upperCamel(e.getValue())));
            }
        }
        return scope;
    }

    /**
     * Returns the {@link Kind#REF} node of a {@code $ref} to {@code #/$defs/<name>} (or {@code #/definitions/<name>})
     * of an enclosing schema, with the referencing node's own description; any other reference is an
     * {@code MCPJSON_UNRESOLVED_REF} error.
     */
    private SchemaModel reference(JsonNode node, String pointer) {
        String ref = node.get("$ref").asText();
        String local = null;
        for (String prefix : List.of("#/$defs/", "#/definitions/")) {
            if (ref.startsWith(prefix)) {
                local = ref.substring(prefix.length()).replace("~1", "/").replace("~0", "~");
            }
        }
        for (Map<String, String> scope : scopes) {
            if (local != null && scope.containsKey(local)) {
                return SchemaModel.reference(scope.get(local)).description(text(node, "description"))
                        .location(locator.locate(pointer)).build();
            }
        }
        diagnostics.add(Diagnostic.error("MCPJSON_UNRESOLVED_REF", locator.locate(JsonLocator.pointer(pointer, "$ref")),
                        "'" + ref + "' names no definition of an enclosing schema")
                .withFix("declare it under \"$defs\" of the tool's inputSchema or outputSchema, and refer to it as "
                        + "\"#/$defs/<name>\" (references to other documents are not followed)"));
        return SchemaModel.builder(Kind.ANY).location(locator.locate(pointer)).build();
    }

    private SchemaModel.Builder body(JsonNode node, String pointer, String typeName) {
        boolean nullable = false;
        String type = null;
        JsonNode t = node.get("type");
        if (t != null && t.isTextual()) {
            type = t.asText();
        } else if (t != null && t.isArray()) {
            for (JsonNode each : t) {
                if ("null".equals(each.asText())) {
                    nullable = true;
                } else if (type == null) {
                    type = each.asText();
                } else {
                    type = "?";
                }
            }
        }
        Kind kind = kind(type, node, pointer);
        SchemaModel.Builder b = SchemaModel.builder(kind).nullable(nullable).location(locator.locate(pointer))
                .title(text(node, "title")).description(text(node, "description")).format(text(node, "format"));
        JsonNode values = node.get("enum");
        if (values != null && values.isArray()) {
            values.forEach(v -> {
                if (!v.isNull()) {
                    b.enumValue(MAPPER.convertValue(v, Object.class));
                }
            });
            if (kind == Kind.STRING) {
                b.typeName(typeName);
            }
        }
        for (String keyword : CONSTRAINTS) {
            JsonNode v = node.get(keyword);
            if (v != null && (v.isNumber() || v.isTextual() || v.isBoolean() || v.isArray() && keyword.equals("examples"))) {
                b.constraint(keyword, MAPPER.convertValue(v, Object.class));
            }
        }
        if (node.has("default")) {
            b.defaultValue(MAPPER.convertValue(node.get("default"), Object.class));
        }
        if (kind == Kind.OBJECT) {
            JsonNode properties = node.get("properties");
            if (properties != null && properties.isObject() && properties.size() > 0) {
                b.typeName(typeName);
                Iterator<Map.Entry<String, JsonNode>> fields = properties.fields();
                while (fields.hasNext()) {
                    Map.Entry<String, JsonNode> e = fields.next();
                    b.property(e.getKey(), convert(e.getValue(), JsonLocator.pointer(pointer + "/properties", e.getKey()),
                            typeName + Names.upperCamel(e.getKey())));
                }
            }
            JsonNode required = node.get("required");
            if (required != null && required.isArray()) {
                required.forEach(r -> b.required(r.asText()));
            }
            JsonNode additional = node.get("additionalProperties");
            if (additional != null && additional.isObject()) {
                b.additionalProperties(convert(additional, pointer + "/additionalProperties", typeName + "Value"));
            }
        } else if (kind == Kind.ARRAY) {
            b.items(convert(node.get("items"), pointer + "/items", typeName + "Item"));
        }
        if (node.has("const")) {
            b.constValue(MAPPER.convertValue(node.get("const"), Object.class));
        }
        alternatives(node, pointer, "allOf", typeName).forEach(b::allOf);
        alternatives(node, pointer, "anyOf", typeName).forEach(b::anyOf);
        alternatives(node, pointer, "oneOf", typeName).forEach(b::oneOf);
        if (node.has("not")) {
            b.not(convert(node.get("not"), pointer + "/not", typeName + "Not"));
        }
        return b;
    }

    /** Converts the schemas of the composition keyword {@code keyword}; they only narrow the published schema. */
    private List<SchemaModel> alternatives(JsonNode node, String pointer, String keyword, String typeName) {
        JsonNode list = node.get(keyword);
        List<SchemaModel> out = new ArrayList<>();
        if (list != null && list.isArray()) {
            for (int i = 0; i < list.size(); i++) {
                out.add(convert(list.get(i), pointer + "/" + keyword + "/" + i, typeName + "Option" + (i + 1)));
            }
        }
        return out;
    }

    private Kind kind(String type, JsonNode node, String pointer) {
        if (type == null) {
            return node.has("properties") ? Kind.OBJECT : node.has("items") ? Kind.ARRAY : Kind.ANY;
        }
        Kind kind = Kind.ofJsonType(type);
        if (kind == null) {
            diagnostics.add(Diagnostic.warning("MCPJSON_UNSUPPORTED_SCHEMA", locator.locate(pointer + "/type"),
                    "type " + node.get("type") + " is not supported; the value is accepted as any JSON value"));
            kind = Kind.ANY;
        }
        return kind;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v != null && v.isTextual() ? v.asText() : null;
    }
}
