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
 * <p>A local {@code $ref} to an object component ({@code #/components/schemas/<name>}, Swagger 2.0's definitions
 * through the converter) becomes a {@link Kind#REF} node; the component's body is converted once, named after the
 * component, and {@link #withDefinitions} decides per published schema which components stay {@code $defs} (used
 * more than once, or containing themselves) and which are written in place. Keywords beside a {@code $ref}
 * ({@code description}; OpenAPI 3.1, section 4.8.24 Schema Object) stay on the referencing node, never on the
 * shared component. Components that are not objects (strings, enums, arrays) are inlined; a cycle through them
 * alone is cut with an {@link Kind#ANY} node and an {@code OPENAPI_RECURSIVE_SCHEMA} warning.
 *
 * <p>{@code allOf} is merged into one object, or is its one part besides parts that only annotate (see
 * {@link #allOf}); {@code oneOf}, {@code anyOf} and {@code not} are kept in the published
 * schema, with the {@code discriminator} (values from its {@code mapping}, else implicit) recorded for the writer,
 * which publishes each alternative's discriminator value and maps the union to a sealed interface; {@code example}
 * and {@code examples} become JSON Schema's {@code examples}; the nullable forms
 * ({@code nullable: true} in 3.0, {@code type: [T, "null"]} and {@code oneOf: [{type: "null"}, X]} in 3.1) become
 * a nullable node; {@code const} is kept. OpenAPI 3.0's boolean {@code exclusiveMinimum} and
 * {@code exclusiveMaximum} become JSON Schema 2020-12's numeric form. Unknown types and several non-null types
 * become {@code ANY} with an {@code OPENAPI_UNSUPPORTED_SCHEMA} warning.
 */
final class OpenApiSchemas {

    private static final String COMPONENT_PREFIX = "#/components/schemas/";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final OpenAPI api;
    private final JsonLocator locator;
    private final Diagnostics diagnostics;
    private final boolean swagger2;
    private final Map<String, SchemaModel> definitions = new HashMap<>();
    private final Map<String, SchemaModel> inlined = new HashMap<>();
    private final OpenApiDefinitions published = new OpenApiDefinitions(definitions);
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
            return reference(schema, pointer);
        }
        List<Schema> allOf = schema.getAllOf();
        if (allOf != null && !allOf.isEmpty()) {
            return allOf(schema, pointer, typeName);
        }
        if (schema.getOneOf() != null || schema.getAnyOf() != null) {
            return union(schema, pointer, typeName);
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
        if (schema.getNot() != null) {
            b.not(convert(schema.getNot(), pointer + "/not", typeName + "Not"));
        }
        return b.build();
    }

    /**
     * Converts a schema with {@code oneOf} or {@code anyOf}: the alternatives are kept in the published schema
     * (JSON Schema 2020-12 Core, sections 10.2.1.2 and 10.2.1.3) with their discriminator, if any; the Java type is
     * decided by the writer (a sealed interface for a discriminated union of objects, else a record of the schema's
     * own properties, or {@code Object}, any JSON value as Jackson binds it, when it has none). The common
     * nullable form, one alternative besides {@code {"type": "null"}}, becomes that alternative, nullable.
     */
    private SchemaModel union(Schema<?> schema, String pointer, String typeName) {
        boolean hasOwn = schema.getProperties() != null && !schema.getProperties().isEmpty();
        String keyword = schema.getOneOf() != null ? "oneOf" : "anyOf";
        List<Schema> alternatives = schema.getOneOf() != null ? schema.getOneOf() : schema.getAnyOf();
        List<Integer> real = new ArrayList<>();
        for (int i = 0; i < alternatives.size(); i++) {
            if (!isNull(alternatives.get(i))) {
                real.add(i);
            }
        }
        boolean nullable = real.size() < alternatives.size();
        if (real.size() == 1 && !hasOwn && (schema.getOneOf() == null || schema.getAnyOf() == null)) {
            int i = real.get(0);
            SchemaModel only = convert(alternatives.get(i), pointer + "/" + keyword + "/" + i, typeName);
            SchemaModel.Builder b = only.toBuilder().nullable(only.nullable() || nullable
                    || Boolean.TRUE.equals(schema.getNullable()));
            if (schema.getDescription() != null) {
                b.description(schema.getDescription());
            }
            if (schema.getTitle() != null) {
                b.title(schema.getTitle());
            }
            return b.build();
        }
        SchemaModel.Builder b = common(SchemaModel.builder(hasOwn ? Kind.OBJECT : Kind.ANY), schema, pointer);
        if (hasOwn) {
            object(b, schema, pointer, typeName);
        }
        List<SchemaModel> oneOf = schema.getOneOf() == null ? List.of()
                : alternatives(schema.getOneOf(), pointer + "/oneOf", typeName);
        List<SchemaModel> anyOf = schema.getAnyOf() == null ? List.of()
                : alternatives(schema.getAnyOf(), pointer + "/anyOf", typeName);
        oneOf.forEach(b::oneOf);
        anyOf.forEach(b::anyOf);
        SchemaModel.Discriminator discriminator = discriminator(schema.getDiscriminator(), oneOf.isEmpty() ? anyOf : oneOf,
                oneOf.isEmpty() ? schema.getAnyOf() : schema.getOneOf());
        if (discriminator != null) {
            b.discriminator(discriminator).typeName(typeName);
        }
        if (schema.getNot() != null) {
            b.not(convert(schema.getNot(), pointer + "/not", typeName + "Not"));
        }
        return b.build();
    }

    /**
     * Returns the discriminator of a {@code oneOf} or {@code anyOf} (OpenAPI 3.1, section 4.8.25): per alternative,
     * the {@code mapping} keys that name its component ({@code "#/components/schemas/Cat"} or {@code "Cat"}); for an
     * alternative no key names, the values its discriminator property allows ({@code const}, {@code enum}) when it
     * declares some, else the component's name (the implicit mapping). {@code null} when the contract declares no
     * discriminator or no alternative gets a value.
     */
    private SchemaModel.Discriminator discriminator(io.swagger.v3.oas.models.media.Discriminator declared,
            List<SchemaModel> converted, List<Schema> alternatives) {
        if (declared == null || declared.getPropertyName() == null || converted.isEmpty()) {
            return null;
        }
        String property = declared.getPropertyName();
        Map<String, String> mapping = declared.getMapping() == null ? Map.of() : declared.getMapping();
        List<List<String>> values = new ArrayList<>();
        boolean any = false;
        for (int i = 0; i < converted.size(); i++) {
            String ref = alternatives.get(i).get$ref();
            String component = ref != null && ref.startsWith(COMPONENT_PREFIX) ? ref.substring(COMPONENT_PREFIX.length()) : null;
            List<String> own = new ArrayList<>();
            mapping.forEach((value, target) -> {
                if (component != null && (target.equals(ref) || target.equals(component))) {
                    own.add(value);
                }
            });
            if (own.isEmpty()) {
                SchemaModel body = converted.get(i).kind() == Kind.REF ? definitions.get(converted.get(i).ref())
                        : converted.get(i);
                SchemaModel tag = body == null ? null : body.properties().get(property);
                if (tag != null && tag.constValue() instanceof String c) {
                    own.add(c);
                } else if (tag != null && !tag.enumValues().isEmpty()
                        && tag.enumValues().stream().allMatch(v -> v instanceof String)) {
                    tag.enumValues().forEach(v -> own.add((String) v));
                } else if (component != null) {
                    own.add(component);
                }
            }
            any |= !own.isEmpty();
            values.add(own);
        }
        return any ? new SchemaModel.Discriminator(property, values) : null;
    }

    private List<SchemaModel> alternatives(List<Schema> list, String pointer, String typeName) {
        List<SchemaModel> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            Schema<?> alternative = list.get(i);
            out.add(isNull(alternative)
                    ? SchemaModel.builder(Kind.ANY).enumValue(null).location(locate(pointer + "/" + i)).build()
                    : convert(alternative, pointer + "/" + i, typeName + "Option" + (i + 1)));
        }
        return out;
    }

    /** Returns whether {@code s} is {@code {"type": "null"}} (OpenAPI 3.1) and nothing else. */
    private static boolean isNull(Schema<?> s) {
        return s.get$ref() == null && ("null".equals(s.getType())
                || s.getTypes() != null && s.getTypes().size() == 1 && s.getTypes().contains("null"));
    }

    /**
     * Returns the {@link Kind#REF} node standing for the component {@code ref} names (its body converted once and
     * kept in {@link #definitions}), with the referencing node's own {@code description} and {@code nullable}: those
     * describe the use, never the shared component (OpenAPI 3.1, section 4.8.23: siblings of {@code $ref}).
     * A component that is not an object (a string, an enum, an array) is inlined: it is small, and parameters
     * and bodies keep their plain type.
     */
    private SchemaModel reference(Schema<?> use, String pointer) {
        String ref = use.get$ref();
        if (!ref.startsWith(COMPONENT_PREFIX)) {
            // Unresolvable and remote references are reported by OpenApiRefs from the raw document.
            return SchemaModel.builder(Kind.ANY).location(locate(pointer)).build();
        }
        String name = ref.substring(COMPONENT_PREFIX.length());
        Schema<?> target = api.getComponents() == null || api.getComponents().getSchemas() == null
                ? null : api.getComponents().getSchemas().get(name);
        if (target == null) {
            return SchemaModel.builder(Kind.ANY).location(locate(pointer)).build();
        }
        if (!definition(target)) {
            return inline(name, target, use, pointer);
        }
        if (!definitions.containsKey(name) && converting.add(name)) {
            try {
                definitions.put(name, convert(target, componentPointer(name), Names.upperCamel(name)));
            } finally {
                converting.remove(name);
            }
        }
        return SchemaModel.reference(name).description(use.getDescription())
                .nullable(Boolean.TRUE.equals(use.getNullable())).location(locate(pointer)).build();
    }

    /** Returns an inlined copy of a component that is not published as a definition. */
    private SchemaModel inline(String name, Schema<?> target, Schema<?> use, String pointer) {
        SchemaModel done = inlined.get(name);
        if (done == null) {
            if (!converting.add(name)) {
                diagnostics.add(Diagnostic.warning("OPENAPI_RECURSIVE_SCHEMA", locate(pointer),
                        "'" + use.get$ref() + "' refers to itself through " + String.join(" -> ", converting) + " -> "
                                + name + "; the recursive value is accepted as any JSON value"));
                return SchemaModel.builder(Kind.ANY).description(target.getDescription()).location(locate(pointer)).build();
            }
            try {
                done = convert(target, componentPointer(name), Names.upperCamel(name));
                inlined.put(name, done);
            } finally {
                converting.remove(name);
            }
        }
        if (use.getDescription() == null && !Boolean.TRUE.equals(use.getNullable())) {
            return done;
        }
        SchemaModel.Builder copy = done.toBuilder();
        if (use.getDescription() != null) {
            copy.description(use.getDescription());
        }
        return copy.nullable(done.nullable() || Boolean.TRUE.equals(use.getNullable())).build();
    }

    /** Returns whether a component schema is published as a {@code $defs} entry rather than inlined. */
    private static boolean definition(Schema<?> s) {
        return s.getProperties() != null && !s.getProperties().isEmpty() || s.getAllOf() != null
                || s.getOneOf() != null || s.getAnyOf() != null || "object".equals(s.getType())
                || s.getTypes() != null && s.getTypes().contains("object");
    }

    /**
     * Returns {@code root} as a self-contained published schema: the components it uses once written in place, the
     * others (and the ones that contain themselves) declared as its definitions ({@link OpenApiDefinitions});
     * {@code null} stays {@code null}.
     */
    SchemaModel withDefinitions(SchemaModel root) {
        return root == null ? null : published.publish(root);
    }

    /**
     * Converts a schema with {@code allOf} (JSON Schema 2020-12 Core, section 10.2.1.1).
     *
     * <p>Parts that only annotate ({@code description}, {@code title}, {@code example}, {@code default},
     * {@code nullable}, {@code readOnly}, {@code writeOnly}, ... and no type or constraint) accept every value:
     * OpenAPI 3.0 ignores keywords beside a {@code $ref}, so producers describe a reference as
     * {@code allOf: [{$ref}, {description}]} (AWS's documents throughout, and many generators for enum references).
     * Their annotations, and the schema's own, are kept on the result ({@link #annotated}): the schema's first, then
     * the parts' in order. When one other part is left, the schema is that part; with none, any value. Otherwise the
     * object parts are merged into one object; a reference still being converted (a cycle) is kept as an
     * {@code allOf} constraint. When no part is an object, the first one is the schema (a later one replaces it when
     * the first only restates its type) and the others (constraints on the same value, rare) are left out with an
     * {@code OPENAPI_UNSUPPORTED_SCHEMA} warning, as is a non-object part beside object parts.
     */
    private SchemaModel allOf(Schema<?> schema, String pointer, String typeName) {
        List<Schema> parts = new ArrayList<>(schema.getAllOf());
        List<Integer> substantive = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            if (!annotationOnly(parts.get(i))) {
                substantive.add(i);
            }
        }
        List<Schema<?>> annotating = new ArrayList<>();
        annotating.add(schema);
        for (int i = 0; i < parts.size(); i++) {
            if (!substantive.contains(i)) {
                annotating.add(parts.get(i));
            }
        }
        if (schema.getProperties() == null && substantive.isEmpty()) {
            // "allOf: [{description}]": any value, described
            return annotated(SchemaModel.builder(Kind.ANY).location(locate(pointer)).build(), annotating, pointer);
        }
        if (schema.getProperties() == null && substantive.size() == 1
                && (parts.get(substantive.get(0)).get$ref() != null || parts.size() > 1)) {
            // "allOf: [{$ref}]" or "allOf: [X, {description}]": one use of X, described here
            int k = substantive.get(0);
            return annotated(convert(parts.get(k), pointer + "/allOf/" + k, typeName), annotating, pointer);
        }
        SchemaModel.Builder merged = common(SchemaModel.builder(Kind.OBJECT), schema, pointer).typeName(typeName);
        if (schema.getProperties() != null) {
            parts.add(schema);
        }
        SchemaModel firstOther = null;
        int firstOtherIndex = -1;
        boolean objects = false;
        for (int i = 0; i < parts.size(); i++) {
            Schema<?> part = parts.get(i);
            if (part != schema && annotationOnly(part)) {
                continue; // its annotations are added at the end
            }
            SchemaModel converted = part == schema
                    ? object(SchemaModel.builder(Kind.OBJECT), schema, pointer, typeName).build()
                    : convert(part, pointer + "/allOf/" + i, typeName + "Part" + (i + 1));
            if (converted.kind() == Kind.REF) {
                SchemaModel body = definitions.get(converted.ref());
                if (body == null || body.kind() != Kind.OBJECT) {
                    // still being converted (a cycle through allOf) or not an object: kept as a constraint
                    merged.allOf(converted);
                    objects = true;
                    continue;
                }
                converted = body;
            }
            if (converted.kind() != Kind.OBJECT) {
                if (parts.size() == 1) {
                    return converted;
                }
                if (firstOther == null || restatesKind(firstOther, converted)) {
                    firstOther = converted; // the first, or a later one the first only restated the type of
                    firstOtherIndex = i;
                } else if (!restatesKind(converted, firstOther)) {
                    leftOut(pointer + "/allOf/" + i);
                }
                continue;
            }
            objects = true;
            converted.properties().forEach(merged::property);
            converted.required().forEach(merged::required);
            if (converted.additionalProperties() != null) {
                merged.additionalProperties(converted.additionalProperties());
            }
            // a component's text describes the component, not the composite that includes it
            if (schema.getDescription() == null && converted.description() != null && part.get$ref() == null) {
                merged.description(converted.description());
            }
        }
        if (firstOther != null) {
            if (!objects) {
                // no object to merge into: the value is the first part's, the others' constraints are left out
                return annotated(firstOther, annotating, pointer);
            }
            leftOut(pointer + "/allOf/" + firstOtherIndex);
        }
        return annotating.size() > 1 ? annotated(merged.build(), annotating, pointer) : merged.build();
    }

    /**
     * Returns {@code model} with the annotations of {@code sources} added (each only annotates, or is the schema
     * holding the {@code allOf}), the first source's winning: the first {@code description} replaces the model's
     * (a use describes the schema it uses), {@code title}, {@code default}, {@code readOnly}, {@code writeOnly},
     * {@code examples} and the schema's own constraints fill in what the model lacks, and {@code nullable} holds
     * when any says so.
     */
    private SchemaModel annotated(SchemaModel model, List<Schema<?>> sources, String pointer) {
        SchemaModel.Builder b = model.toBuilder();
        boolean nullable = model.nullable();
        String description = null;
        String title = null;
        Object defaultValue = null;
        Map<String, Object> constraints = new java.util.LinkedHashMap<>();
        for (Schema<?> source : sources) {
            SchemaModel a = common(SchemaModel.builder(Kind.ANY), source, pointer).build();
            nullable |= a.nullable();
            description = description != null ? description : a.description();
            title = title != null ? title : a.title();
            defaultValue = defaultValue != null ? defaultValue : a.defaultValue();
            a.constraints().forEach(constraints::putIfAbsent);
        }
        b.nullable(nullable);
        if (description != null) {
            b.description(description);
        }
        if (title != null && model.title() == null) {
            b.title(title);
        }
        if (defaultValue != null && model.defaultValue() == null) {
            b.defaultValue(defaultValue);
        }
        constraints.forEach((keyword, value) -> {
            if (!model.constraints().containsKey(keyword)) {
                b.constraint(keyword, value);
            }
        });
        return b.build();
    }

    /**
     * Whether {@code part} only says that its value has {@code kept}'s type (the Australian Taxation Office's
     * {@code allOf: [{$ref: id}, {type: string}]}).
     */
    private static boolean restatesKind(SchemaModel part, SchemaModel kept) {
        return part.kind() == kept.kind() && part.kind() != Kind.OBJECT && part.kind() != Kind.ARRAY
                && part.enumValues().isEmpty() && part.constraints().isEmpty() && part.format() == null
                && part.constValue() == null && part.not() == null && part.allOf().isEmpty() && part.anyOf().isEmpty()
                && part.oneOf().isEmpty();
    }

    private void leftOut(String pointer) {
        diagnostics.add(Diagnostic.warning("OPENAPI_UNSUPPORTED_SCHEMA", locate(pointer),
                "'allOf' combining this schema with another of a different kind (or two non-object schemas) is not "
                        + "supported; this part is left out"));
    }

    /**
     * Whether {@code s} only annotates: no {@code $ref}, type, composition, enumeration, format or constraint, so it
     * accepts every value (a {@code description}, {@code title}, {@code example}, {@code default},
     * {@code nullable}, {@code readOnly} or {@code deprecated} of its own is allowed).
     */
    private static boolean annotationOnly(Schema<?> s) {
        return s.get$ref() == null && s.getType() == null && (s.getTypes() == null || s.getTypes().isEmpty())
                && s.getProperties() == null && s.getItems() == null && s.getAllOf() == null && s.getAnyOf() == null
                && s.getOneOf() == null && s.getNot() == null && s.getEnum() == null && s.getConst() == null
                && s.getAdditionalProperties() == null && s.getFormat() == null && s.getPattern() == null
                && s.getMinimum() == null && s.getMaximum() == null && s.getExclusiveMinimumValue() == null
                && s.getExclusiveMaximumValue() == null && s.getMultipleOf() == null && s.getMinLength() == null
                && s.getMaxLength() == null && s.getMinItems() == null && s.getMaxItems() == null
                && s.getUniqueItems() == null && s.getMinProperties() == null && s.getMaxProperties() == null
                && s.getRequired() == null && s.getDiscriminator() == null && s.getPatternProperties() == null
                && s.getPrefixItems() == null && s.getContains() == null && s.getIf() == null;
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
        } else if (Boolean.TRUE.equals(additional) || additional == null && schema.getDiscriminator() != null
                && schema.getOneOf() == null && schema.getAnyOf() == null) {
            // a discriminator without alternatives is a base type that other schemas extend with allOf (Swagger 2.0
            // polymorphism, OpenAPI 3.1 section 4.8.25.2): a value may be any of them, so its record keeps the
            // properties the base does not name
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
        // annotations (JSON Schema 2020-12 Validation, section 9.4); the writer leaves such properties out of
        // inputs (readOnly) and outputs (writeOnly), OpenAPI 3.0.3 section 4.7.24.1
        b.constraint("readOnly", Boolean.TRUE.equals(s.getReadOnly()) ? Boolean.TRUE : null);
        b.constraint("writeOnly", Boolean.TRUE.equals(s.getWriteOnly()) ? Boolean.TRUE : null);
        if (s.getDefault() != null) {
            b.defaultValue(plain(s.getDefault()));
        }
        // examples (JSON Schema 2020-12 Validation, section 9.5): 3.1's list, else 3.0's single example
        List<Object> examples = new ArrayList<>();
        if (s.getExamples() != null) {
            s.getExamples().forEach(e -> examples.add(plain(e)));
        } else if (s.getExample() != null) {
            examples.add(plain(s.getExample()));
        }
        if (!examples.isEmpty()) {
            b.constraint("examples", examples);
        }
        if (s.getConst() != null) {
            b.constValue(plain(s.getConst()));
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
