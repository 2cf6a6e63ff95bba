package dev.imcp.codegen.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imcp.codegen.diag.Diagnostic;
import dev.imcp.codegen.diag.Diagnostics;
import dev.imcp.codegen.model.Names;
import dev.imcp.codegen.model.SchemaModel;
import dev.imcp.codegen.model.SchemaModel.Kind;
import dev.imcp.codegen.model.SourceLocation;
import dev.imcp.codegen.read.JsonLocator;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Converts swagger-parser {@link Schema}s (OpenAPI "Schema Object") to {@link SchemaModel}s.
 *
 * <p>Local {@code $ref}s to {@code #/components/schemas/<name>} are inlined and the component name
 * becomes the type name; the same component converts to the same instance. A reference cycle is cut
 * with an {@link Kind#ANY} node and an {@code OPENAPI_RECURSIVE_SCHEMA} warning; {@code oneOf},
 * {@code anyOf}, {@code not} and unknown types become {@code ANY} with an
 * {@code OPENAPI_UNSUPPORTED_SCHEMA} warning. OpenAPI 3.0's boolean {@code exclusiveMinimum} and
 * {@code exclusiveMaximum} become JSON Schema 2020-12's numeric form.
 */
final class OpenApiSchemas {

    private static final String COMPONENT_PREFIX = "#/components/schemas/";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final OpenAPI api;
    private final JsonLocator locator;
    private final Diagnostics diagnostics;
    private final boolean swagger2;
    private final Map<String, SchemaModel> components = new HashMap<>();
    private final Set<String> converting = new LinkedHashSet<>();

    OpenApiSchemas(OpenAPI api, JsonLocator locator, Diagnostics diagnostics, boolean swagger2) {
        this.api = api;
        this.locator = locator;
        this.diagnostics = diagnostics;
        this.swagger2 = swagger2;
    }

    /**
     * Converts {@code schema}.
     *
     * @param schema the schema, possibly a {@code $ref}
     * @param pointer its JSON pointer in the document
     * @param typeName the type name an inline object (or string enum) gets
     */
    SchemaModel convert(Schema<?> schema, String pointer, String typeName) {
        if (schema == null) {
            return SchemaModel.builder(Kind.ANY).location(locate(pointer)).build();
        }
        if (schema.get$ref() != null) {
            return reference(schema.get$ref(), pointer);
        }
        List<Schema> allOf = schema.getAllOf();
        if (allOf != null && !allOf.isEmpty()) {
            return allOf(schema, pointer, typeName);
        }
        if (schema.getOneOf() != null || schema.getAnyOf() != null || schema.getNot() != null) {
            String keyword = schema.getOneOf() != null ? "oneOf" : schema.getAnyOf() != null ? "anyOf" : "not";
            diagnostics.add(Diagnostic.warning("OPENAPI_UNSUPPORTED_SCHEMA", locate(pointer),
                    "'" + keyword + "' is not supported yet; the value is accepted as any JSON value"));
            return common(SchemaModel.builder(Kind.ANY), schema, pointer).build();
        }
        Kind kind = kind(schema, pointer);
        SchemaModel.Builder b = common(SchemaModel.builder(kind), schema, pointer);
        switch (kind) {
            case OBJECT -> object(b, schema, pointer, typeName);
            case ARRAY -> b.items(convert(schema.getItems(), pointer + "/items", typeName + "Item"));
            case STRING -> {
                if (schema.getEnum() != null && !schema.getEnum().isEmpty()) {
                    b.typeName(typeName);
                }
            }
            default -> {
                // scalars carry only the common keywords
            }
        }
        return b.build();
    }

    private SchemaModel reference(String ref, String pointer) {
        if (!ref.startsWith(COMPONENT_PREFIX)) {
            // Unresolvable references are reported by OpenApiRefs from the raw document.
            return SchemaModel.builder(Kind.ANY).location(locate(pointer)).build();
        }
        String name = ref.substring(COMPONENT_PREFIX.length());
        SchemaModel done = components.get(name);
        if (done != null) {
            return done;
        }
        Schema<?> target = api.getComponents() == null || api.getComponents().getSchemas() == null
                ? null : api.getComponents().getSchemas().get(name);
        if (target == null) {
            return SchemaModel.builder(Kind.ANY).location(locate(pointer)).build();
        }
        if (!converting.add(name)) {
            diagnostics.add(Diagnostic.warning("OPENAPI_RECURSIVE_SCHEMA", locate(pointer),
                    "'" + ref + "' refers to itself through " + String.join(" -> ", converting) + " -> " + name
                            + "; the recursive value is accepted as any JSON value"));
            return SchemaModel.builder(Kind.ANY).description(target.getDescription()).location(locate(pointer)).build();
        }
        try {
            SchemaModel model = convert(target, componentPointer(name), Names.upperCamel(name));
            components.put(name, model);
            return model;
        } finally {
            converting.remove(name);
        }
    }

    private SchemaModel allOf(Schema<?> schema, String pointer, String typeName) {
        SchemaModel.Builder merged = common(SchemaModel.builder(Kind.OBJECT), schema, pointer).typeName(typeName);
        List<Schema> parts = new ArrayList<>(schema.getAllOf());
        if (schema.getProperties() != null) {
            parts.add(schema);
        }
        for (int i = 0; i < parts.size(); i++) {
            Schema<?> part = parts.get(i);
            SchemaModel converted = part == schema
                    ? object(SchemaModel.builder(Kind.OBJECT), schema, pointer, typeName).build()
                    : convert(part, pointer + "/allOf/" + i, typeName + "Part" + (i + 1));
            if (converted.kind() != Kind.OBJECT) {
                if (parts.size() == 1) {
                    return converted;
                }
                diagnostics.add(Diagnostic.warning("OPENAPI_UNSUPPORTED_SCHEMA", locate(pointer + "/allOf/" + i),
                        "'allOf' of a non-object schema is not supported; that part is left out"));
                continue;
            }
            converted.properties().forEach(merged::property);
            converted.required().forEach(merged::required);
            if (converted.additionalProperties() != null) {
                merged.additionalProperties(converted.additionalProperties());
            }
            if (schema.getDescription() == null && converted.description() != null) {
                merged.description(converted.description());
            }
        }
        return merged.build();
    }

    private SchemaModel.Builder object(SchemaModel.Builder b, Schema<?> schema, String pointer, String typeName) {
        Map<String, Schema> properties = schema.getProperties();
        if (properties != null && !properties.isEmpty()) {
            b.typeName(typeName);
            for (Map.Entry<String, Schema> e : properties.entrySet()) {
                b.property(e.getKey(), convert(e.getValue(), JsonLocator.pointer(pointer + "/properties", e.getKey()),
                        typeName + Names.upperCamel(e.getKey())));
            }
        }
        if (schema.getRequired() != null) {
            schema.getRequired().forEach(b::required);
        }
        Object additional = schema.getAdditionalProperties();
        if (additional instanceof Schema<?> value) {
            b.additionalProperties(convert(value, pointer + "/additionalProperties", typeName + "Value"));
        } else if (Boolean.TRUE.equals(additional)) {
            b.additionalProperties(SchemaModel.builder(Kind.ANY).build());
        }
        return b;
    }

    private Kind kind(Schema<?> schema, String pointer) {
        String type = schema.getType();
        if (type == null && schema.getTypes() != null) {
            type = schema.getTypes().stream().filter(t -> !"null".equals(t)).sorted().findFirst().orElse(null);
            if (schema.getTypes().stream().filter(t -> !"null".equals(t)).count() > 1) {
                diagnostics.add(Diagnostic.warning("OPENAPI_UNSUPPORTED_SCHEMA", locate(pointer),
                        "a schema with several types " + schema.getTypes() + " is accepted as any JSON value"));
                return Kind.ANY;
            }
        }
        if (type == null) {
            if (schema.getProperties() != null || schema.getAdditionalProperties() != null) {
                return Kind.OBJECT;
            }
            return schema.getItems() != null ? Kind.ARRAY : Kind.ANY;
        }
        Kind kind = Kind.ofJsonType(type);
        if (kind == null) {
            diagnostics.add(Diagnostic.warning("OPENAPI_UNSUPPORTED_SCHEMA", locate(pointer),
                    "type '" + type + "' is not supported; the value is accepted as any JSON value"));
            kind = Kind.ANY;
        }
        return kind;
    }

    private SchemaModel.Builder common(SchemaModel.Builder b, Schema<?> s, String pointer) {
        b.title(s.getTitle()).description(s.getDescription()).format(s.getFormat()).location(locate(pointer));
        boolean nullable = Boolean.TRUE.equals(s.getNullable())
                || (s.getTypes() != null && s.getTypes().contains("null"));
        b.nullable(nullable);
        if (s.getEnum() != null) {
            s.getEnum().stream().filter(v -> v != null).forEach(v -> b.enumValue(plain(v)));
        }
        BigDecimal minimum = s.getMinimum();
        BigDecimal maximum = s.getMaximum();
        if (Boolean.TRUE.equals(s.getExclusiveMinimum()) && minimum != null) {
            b.constraint("exclusiveMinimum", minimum);
        } else {
            b.constraint("minimum", minimum);
        }
        if (Boolean.TRUE.equals(s.getExclusiveMaximum()) && maximum != null) {
            b.constraint("exclusiveMaximum", maximum);
        } else {
            b.constraint("maximum", maximum);
        }
        b.constraint("exclusiveMinimum", s.getExclusiveMinimumValue());
        b.constraint("exclusiveMaximum", s.getExclusiveMaximumValue());
        b.constraint("multipleOf", s.getMultipleOf());
        b.constraint("minLength", s.getMinLength());
        b.constraint("maxLength", s.getMaxLength());
        b.constraint("pattern", s.getPattern());
        b.constraint("minItems", s.getMinItems());
        b.constraint("maxItems", s.getMaxItems());
        b.constraint("uniqueItems", Boolean.TRUE.equals(s.getUniqueItems()) ? Boolean.TRUE : null);
        if (s.getDefault() != null) {
            b.defaultValue(plain(s.getDefault()));
        }
        return b;
    }

    /** Returns {@code value} as a plain JSON value: String, Number, Boolean, List or Map. */
    static Object plain(Object value) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        if (value instanceof JsonNode node) {
            return MAPPER.convertValue(node, Object.class);
        }
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            return MAPPER.convertValue(value, Object.class);
        }
        return value.toString();
    }

    private String componentPointer(String name) {
        return swagger2 ? JsonLocator.pointer("/definitions", name) : JsonLocator.pointer("/components/schemas", name);
    }

    private SourceLocation locate(String pointer) {
        return locator.locate(pointer);
    }
}
