package dev.imcp.codegen.writer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.imcp.codegen.model.SchemaModel;
import dev.imcp.codegen.model.SchemaModel.Kind;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders {@link SchemaModel}s as JSON Schema 2020-12, with a fixed key order: {@code type} (or
 * {@code $ref}), {@code title}, {@code description}, {@code format}, {@code contentEncoding},
 * {@code contentMediaType}, {@code enum},
 * {@code const}, the constraints (sorted), {@code default}, {@code properties} (contract order),
 * {@code required}, {@code items}, {@code additionalProperties}, {@code allOf}, {@code anyOf}, {@code oneOf},
 * {@code not}, and last, on the root only, {@code $defs}. A nullable schema's type is
 * {@code ["<type>", "null"]}; a nullable {@code const} is rendered as {@code "enum": [value, null]}, since
 * {@code const} is checked on its own (2020-12 Validation, section 6.1.3) and would reject {@code null}
 * whatever the type says (readers add {@code null} to a nullable {@code enum} themselves).
 *
 * <p>A {@link Kind#REF} node is {@code "$ref": "#/$defs/<name>"} (2020-12 Core, section 8.2.3.1), the name
 * escaped as a JSON Pointer token (RFC 6901: {@code ~} as {@code ~0}, {@code /} as {@code ~1}) and then as a
 * URI fragment (RFC 3986, section 3.5: other characters percent-encoded as UTF-8); a nullable one is
 * {@code "anyOf": [{"$ref": ...}, {"type": "null"}]}, since the definition's own {@code type} would reject
 * {@code null}. Every definition a published schema reaches is rendered once, under the root's {@code $defs}
 * (section 8.2.4), sorted by name, whichever node of the model declared it; so a published schema is
 * self-contained and its references resolve against its own root.
 */
final class SchemaJson {

    /** The property a non-object result is published under. */
    static final String RESULT = "result";

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String HEX = "0123456789ABCDEF";

    private SchemaJson() {
    }

    /** Returns {@code schema} as a JSON Schema tree, without {@code $defs}. */
    static ObjectNode tree(SchemaModel schema) {
        ObjectNode node = NODES.objectNode();
        if (schema.kind() == Kind.REF) {
            if (schema.nullable()) {
                node.putArray("anyOf").add(NODES.objectNode().put("$ref", pointer(schema.ref())))
                        .add(NODES.objectNode().put("type", "null"));
            } else {
                node.put("$ref", pointer(schema.ref()));
            }
        } else if (schema.kind() != Kind.ANY) {
            if (schema.nullable()) {
                node.putArray("type").add(schema.kind().jsonType()).add("null");
            } else {
                node.put("type", schema.kind().jsonType());
            }
        }
        putText(node, "title", schema.title());
        putText(node, "description", schema.description());
        putText(node, "format", schema.format());
        putText(node, "contentEncoding", schema.contentEncoding());
        putText(node, "contentMediaType", schema.contentMediaType());
        if (!schema.enumValues().isEmpty()) {
            ArrayNode values = node.putArray("enum");
            schema.enumValues().forEach(v -> values.add(value(v)));
        }
        if (schema.constValue() != null) {
            if (schema.nullable()) {
                node.putArray("enum").add(value(schema.constValue())).addNull();
            } else {
                node.set("const", value(schema.constValue()));
            }
        }
        new TreeMap<>(schema.constraints()).forEach((k, v) -> node.set(k, value(v)));
        if (schema.defaultValue() != null) {
            node.set("default", value(schema.defaultValue()));
        }
        if (schema.kind() == Kind.OBJECT) {
            if (!schema.properties().isEmpty()) {
                ObjectNode properties = node.putObject("properties");
                for (Map.Entry<String, SchemaModel> e : schema.properties().entrySet()) {
                    properties.set(e.getKey(), tree(e.getValue()));
                }
            }
            if (!schema.required().isEmpty()) {
                ArrayNode required = node.putArray("required");
                schema.required().forEach(required::add);
            }
            if (schema.additionalProperties() != null) {
                node.set("additionalProperties", tree(schema.additionalProperties()));
            }
        }
        if (schema.kind() == Kind.ARRAY && schema.items() != null) {
            node.set("items", tree(schema.items()));
        }
        putAll(node, "allOf", schema.allOf());
        if (!schema.anyOf().isEmpty() && node.has("anyOf")) {
            // a nullable reference already took anyOf: both must hold
            ObjectNode both = NODES.objectNode();
            putAll(both, "anyOf", schema.anyOf());
            (node.has("allOf") ? (ArrayNode) node.get("allOf") : node.putArray("allOf")).add(both);
        } else {
            putAll(node, "anyOf", schema.anyOf());
        }
        putAll(node, "oneOf", schema.oneOf());
        if (schema.discriminator() != null) {
            tagAlternatives(node.get(schema.oneOf().isEmpty() ? "anyOf" : "oneOf"), schema.discriminator());
        }
        if (schema.not() != null) {
            node.set("not", tree(schema.not()));
        }
        return node;
    }

    /**
     * States the discriminator in the published alternatives: the alternative at position i requires the
     * discriminator property and allows only the values that select it ({@code const}, or {@code enum} for several),
     * beside its own keywords ({@code $ref} siblings, JSON Schema 2020-12 Core, section 8.2.3.1). So a value
     * matches exactly the alternative its discriminator names, as OpenAPI's Discriminator Object means, and the
     * generated sealed interface can bind it.
     */
    private static void tagAlternatives(JsonNode alternatives, SchemaModel.Discriminator discriminator) {
        if (!(alternatives instanceof ArrayNode array) || array.size() != discriminator.values().size()) {
            return;
        }
        for (int i = 0; i < array.size(); i++) {
            java.util.List<String> values = discriminator.values().get(i);
            if (values.isEmpty() || !(array.get(i) instanceof ObjectNode alternative) || alternative.has("anyOf")) {
                continue;
            }
            ObjectNode properties = alternative.has("properties") ? (ObjectNode) alternative.get("properties")
                    : alternative.putObject("properties");
            ObjectNode tag = properties.has(discriminator.propertyName())
                    ? (ObjectNode) properties.get(discriminator.propertyName())
                    : properties.putObject(discriminator.propertyName());
            java.util.Set<String> stated = new java.util.TreeSet<>();
            if (tag.has("const")) {
                stated.add(tag.get("const").asText());
            } else if (tag.has("enum")) {
                tag.get("enum").forEach(v -> stated.add(v.asText()));
            }
            if (stated.equals(new java.util.TreeSet<>(values))) {
                // the alternative already says it
            } else if (values.size() == 1) {
                tag.put("const", values.get(0));
            } else {
                ArrayNode allowed = tag.putArray("enum");
                values.forEach(allowed::add);
            }
            ArrayNode required = alternative.has("required") ? (ArrayNode) alternative.get("required")
                    : alternative.putArray("required");
            boolean listed = false;
            for (JsonNode r : required) {
                listed |= r.asText().equals(discriminator.propertyName());
            }
            if (!listed) {
                required.add(discriminator.propertyName());
            }
        }
    }

    private static void putAll(ObjectNode node, String keyword, java.util.List<SchemaModel> schemas) {
        if (!schemas.isEmpty()) {
            ArrayNode array = node.putArray(keyword);
            schemas.forEach(s -> array.add(tree(s)));
        }
    }

    /** Returns the published input schema: always an object, with the {@code $defs} it reaches. */
    static ObjectNode input(SchemaModel schema) {
        schema = root(schema);
        ObjectNode node = tree(schema);
        if (schema.kind() == Kind.OBJECT && !node.has("properties")) {
            node.putObject("properties");
        }
        return ReadWriteOnly.strip(withDefinitions(node, schema), "readOnly");
    }

    /**
     * Returns the published output schema of {@code output}: the schema itself when it is an object,
     * else an object wrapping it under {@value #RESULT}; {@code null} when there is no output or the
     * contract allows any value (the runtime then publishes an object result as is and wraps any other
     * value under {@value #RESULT}, MCP "Structured Content"). A {@code oneOf}/{@code anyOf} of objects is published
     * with {@code "type": "object"} added, since every value it allows is one.
     */
    static ObjectNode output(SchemaModel output) {
        output = root(output);
        if (output == null || output.kind() == Kind.ANY && !objectUnion(output)) {
            return null;
        }
        if (output.kind() == Kind.ANY) {
            // every alternative is an object, so the result is one: MCP wants "type": "object" at the root
            ObjectNode node = NODES.objectNode().put("type", "object");
            node.setAll(tree(output));
            return ReadWriteOnly.strip(withDefinitions(node, output), "writeOnly");
        }
        if (!wrapped(output)) {
            return ReadWriteOnly.strip(withDefinitions(tree(output), output), "writeOnly");
        }
        ObjectNode node = NODES.objectNode().put("type", "object");
        node.putObject("properties").set(RESULT, tree(output));
        node.putArray("required").add(RESULT);
        return ReadWriteOnly.strip(withDefinitions(node, output), "writeOnly");
    }

    /** Adds to the root {@code node} the {@code $defs} that {@code schema} reaches, sorted by name. */
    private static ObjectNode withDefinitions(ObjectNode node, SchemaModel schema) {
        Map<String, SchemaModel> definitions = schema.reachableDefinitions();
        if (!definitions.isEmpty()) {
            ObjectNode defs = node.putObject("$defs");
            definitions.forEach((name, body) -> defs.set(name, tree(body)));
        }
        return node;
    }

    /** Returns the URI fragment reference to the definition {@code name}: {@code #/$defs/<escaped name>}. */
    static String pointer(String name) {
        String token = name.replace("~", "~0").replace("/", "~1");
        StringBuilder out = new StringBuilder("#/$defs/");
        for (byte b : token.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c < 0x80 && (Character.isLetterOrDigit(c) || "-._~!$&'()*+,;=:@/?".indexOf(c) >= 0)) {
                out.append(c);
            } else {
                out.append('%').append(HEX.charAt(c >> 4)).append(HEX.charAt(c & 0xf));
            }
        }
        return out.toString();
    }

    /**
     * Returns whether {@code schema} is a {@code oneOf} or {@code anyOf} (and nothing else) whose alternatives are all
     * objects, directly or through a reference.
     */
    private static boolean objectUnion(SchemaModel schema) {
        java.util.List<SchemaModel> alternatives = new java.util.ArrayList<>(schema.oneOf());
        alternatives.addAll(schema.anyOf());
        if (alternatives.isEmpty() || schema.nullable()) {
            return false;
        }
        Map<String, SchemaModel> definitions = schema.allDefinitions();
        for (SchemaModel alternative : alternatives) {
            SchemaModel body = alternative.kind() == Kind.REF ? definitions.get(alternative.ref()) : alternative;
            if (body == null || body.kind() != Kind.OBJECT || alternative.nullable() || body.nullable()) {
                return false;
            }
        }
        return true;
    }

    /** Returns whether a result of {@code output} is not a JSON object and so is published under {@value #RESULT}. */
    static boolean wrapped(SchemaModel output) {
        SchemaModel value = root(output);
        return value != null && value.kind() != Kind.OBJECT && value.kind() != Kind.ANY;
    }

    /**
     * Returns {@code schema}, or when it is a reference, the definition it stands for (with the reference's own
     * description, and the definitions of both): a published schema's root states its type, so MCP clients
     * see {@code "type": "object"} there and the result wrapping is decided on the definition's kind.
     */
    static SchemaModel root(SchemaModel schema) {
        if (schema == null || schema.kind() != Kind.REF) {
            return schema;
        }
        SchemaModel.Builder body = schema.reachableDefinitions().get(schema.ref()).toBuilder()
                .definitions(schema.allDefinitions());
        if (schema.description() != null) {
            body.description(schema.description());
        }
        return body.build();
    }

    /** Returns {@code node} as compact JSON text. */
    static String text(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void putText(ObjectNode node, String key, String value) {
        if (value != null) {
            node.put(key, value);
        }
    }

    private static JsonNode value(Object v) {
        if (v instanceof java.math.BigDecimal d) {
            // Contract numbers arrive as BigDecimal; publish 100 rather than 1E+2.
            java.math.BigDecimal n = d.stripTrailingZeros();
            if (n.scale() <= 0) {
                // integers beyond a long (xsd:unsignedLong's maximum) stay exact
                return n.precision() - n.scale() < 19 ? NODES.numberNode(n.longValueExact())
                        : NODES.numberNode(n.toBigIntegerExact());
            }
            return NODES.numberNode(n.doubleValue());
        }
        return MAPPER.valueToTree(v);
    }
}
