package dev.imcp.codegen.mcpjson;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imcp.codegen.diag.Diagnostic;
import dev.imcp.codegen.diag.Diagnostics;
import dev.imcp.codegen.model.Names;
import dev.imcp.codegen.model.SchemaModel;
import dev.imcp.codegen.model.SchemaModel.Kind;
import dev.imcp.codegen.read.JsonLocator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Converts the JSON Schemas of an MCP JSON contract ({@code inputSchema}, {@code outputSchema}) to
 * {@link SchemaModel}s. Supports {@code type} (a name, or a list of one name and {@code "null"}),
 * {@code properties}, {@code required}, {@code items}, {@code additionalProperties}, {@code enum},
 * {@code default}, {@code title}, {@code description}, {@code format} and the validation keywords;
 * anything else ({@code $ref}, {@code oneOf}, ...) is accepted as any JSON value with an
 * {@code MCPJSON_UNSUPPORTED_SCHEMA} warning.
 */
final class McpJsonSchemas {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final List<String> CONSTRAINTS = List.of("minimum", "maximum", "exclusiveMinimum",
            "exclusiveMaximum", "multipleOf", "minLength", "maxLength", "pattern", "minItems", "maxItems", "uniqueItems");
    private static final List<String> UNSUPPORTED = List.of("$ref", "oneOf", "anyOf", "allOf", "not", "if");

    private final JsonLocator locator;
    private final Diagnostics diagnostics;

    McpJsonSchemas(JsonLocator locator, Diagnostics diagnostics) {
        this.locator = locator;
        this.diagnostics = diagnostics;
    }

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
            if (v != null && (v.isNumber() || v.isTextual() || v.isBoolean())) {
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
        return b.build();
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
