package dev.imcp.codegen.writer;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.imcp.codegen.model.Names;
import dev.imcp.codegen.model.OperationModel;
import dev.imcp.codegen.model.SchemaModel;
import dev.imcp.codegen.model.SchemaModel.Kind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Maps the schemas of one contract to Java types, and collects the records and enums to generate in
 * {@code <javaPackage>.model}: one per type name, identical shapes shared, a different shape under a
 * taken name suffixed with a number. Names are assigned in contract order, so they are stable.
 *
 * <p>A reference ({@link Kind#REF}) has the type of the definition it names, looked up among the definitions
 * of the operation schemas seen so far (names are unique within a contract). A record is registered under its
 * shape before its components are typed, so a definition that contains itself becomes a record with a
 * component of its own type, directly or through a list.
 */
final class ModelTypes {

    private final String modelPackage;
    private final String contractName;
    private final Map<String, ClassName> byShape = new HashMap<>();
    private final Set<String> taken = new HashSet<>();
    private final TreeMap<ClassName, TypeSpec> specs = new TreeMap<>((a, b) -> a.canonicalName().compareTo(b.canonicalName()));
    private final Map<ClassName, Map<String, String>> components = new HashMap<>();
    private final Map<String, SchemaModel> definitions = new HashMap<>();
    private final Map<SchemaModel, String> shapeKeys = new java.util.IdentityHashMap<>();
    private final Map<String, Integer> shapeNumbers = new HashMap<>();
    private final Map<ClassName, Set<ClassName>> sealedParents = new HashMap<>();
    private final Map<ClassName, java.util.function.Function<java.util.Collection<ClassName>, TypeSpec>> recordInputs =
            new HashMap<>();

    ModelTypes(String javaPackage, String contractName) {
        this.modelPackage = javaPackage + ".model";
        this.contractName = contractName;
    }

    /** Returns the input type of {@code op}: its Java type, else a record (even without properties). */
    TypeName input(OperationModel op) {
        SchemaModel input = op.input();
        definitions.putAll(input.allDefinitions());
        if (input.javaType() != null) {
            return TypeNames.parse(input.javaType());
        }
        String name = input.typeName() != null ? input.typeName() : op.javaName() + "Input";
        return record(input.typeName() == null ? input.toBuilder().typeName(name).build() : input);
    }

    /** Returns the output type of {@code op}; {@link Void} when it has none. */
    TypeName output(OperationModel op) {
        if (op.output() == null) {
            return ClassName.get(Void.class);
        }
        definitions.putAll(op.output().allDefinitions());
        return type(op.output());
    }

    /** Returns the Java type of {@code schema}, generating a record or enum when it needs one. */
    TypeName type(SchemaModel schema) {
        if (schema.javaType() != null) {
            return TypeNames.parse(schema.javaType());
        }
        ClassName sealed = sealed(schema);
        if (sealed != null) {
            return sealed;
        }
        return switch (schema.kind()) {
            case OBJECT -> schema.properties().size() > SourceWriter.MAX_RECORD_COMPONENTS
                    // too wide for a record: its values as Jackson binds any JSON object (the schema is unchanged)
                    ? ParameterizedTypeName.get(ClassName.get(Map.class), ClassName.get(String.class), ClassName.OBJECT)
                    : schema.properties().isEmpty() || schema.typeName() == null
                    ? ParameterizedTypeName.get(ClassName.get(Map.class), ClassName.get(String.class),
                            schema.additionalProperties() == null ? ClassName.OBJECT : type(schema.additionalProperties()))
                    : record(schema);
            case ARRAY -> ParameterizedTypeName.get(ClassName.get(List.class),
                    schema.items() == null ? ClassName.OBJECT : type(schema.items()));
            case STRING -> !schema.enumValues().isEmpty() && schema.typeName() != null
                    && schema.enumValues().stream().allMatch(v -> v instanceof String)
                    ? enumType(schema) : ClassName.get(String.class);
            case INTEGER -> "int32".equals(schema.format()) ? ClassName.get(Integer.class) : ClassName.get(Long.class);
            case NUMBER -> ClassName.get(Double.class);
            case BOOLEAN -> ClassName.get(Boolean.class);
            case ANY -> ClassName.OBJECT;
            case REF -> type(definition(schema.ref()));
        };
    }

    private SchemaModel definition(String name) {
        SchemaModel body = definitions.get(name);
        if (body == null) {
            throw new IllegalStateException("'" + name + "' is referenced but not defined");
        }
        // a definition without a type name of its own is named after the definition
        return body.typeName() == null && body.kind() == Kind.OBJECT && !body.properties().isEmpty()
                ? body.toBuilder().typeName(name).build() : body;
    }

    /** Returns the record component name of each wire property of the record {@code type}. */
    Map<String, String> components(ClassName type) {
        return components.getOrDefault(type, Map.of());
    }

    /**
     * Returns every record, enum and sealed interface to generate, sorted by name; a record that is an alternative of
     * a discriminated union implements the union's sealed interface.
     */
    Map<ClassName, TypeSpec> specs() {
        Map<ClassName, TypeSpec> all = new TreeMap<>(specs.comparator());
        specs.forEach((name, spec) -> all.put(name, sealedParents.containsKey(name)
                ? recordInputs.get(name).apply(sealedParents.get(name)) : spec));
        return all;
    }

    private ClassName record(SchemaModel schema) {
        return define("record:" + shape(schema), schema.typeName(), name -> {
            Map<String, String> wireToComponent = componentNames(schema);
            components.put(name, wireToComponent);
            Map<String, TypeName> types = new LinkedHashMap<>();
            for (Map.Entry<String, SchemaModel> e : schema.properties().entrySet()) {
                types.put(e.getKey(), type(e.getValue()));
            }
            TypeName others = null;
            boolean fromAlternatives = alternativesAddProperties(schema);
            if (schema.additionalProperties() != null || fromAlternatives) {
                others = ParameterizedTypeName.get(ClassName.get(Map.class), ClassName.get(String.class),
                        schema.additionalProperties() == null || fromAlternatives
                                ? ClassName.OBJECT : type(schema.additionalProperties()));
            }
            TypeName extras = others;
            recordInputs.put(name, parents -> RecordWriter.record(name, schema, wireToComponent, types, extras, parents,
                    contractName));
            return recordInputs.get(name).apply(List.of());
        });
    }

    /**
     * Returns whether a {@code oneOf} or {@code anyOf} alternative of {@code schema} declares a property the schema
     * itself does not: a value of such an alternative carries it, and the record must keep it.
     */
    private boolean alternativesAddProperties(SchemaModel schema) {
        List<SchemaModel> alternatives = new ArrayList<>(schema.oneOf());
        alternatives.addAll(schema.anyOf());
        for (SchemaModel alternative : alternatives) {
            SchemaModel body = alternative.kind() == Kind.REF ? definitions.get(alternative.ref()) : alternative;
            if (body != null && !schema.properties().keySet().containsAll(body.properties().keySet())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Returns the sealed interface for a discriminated {@code oneOf} or {@code anyOf} (OpenAPI Discriminator Object),
     * generating it and making each alternative's record implement it; {@code null} when {@code schema} is not one,
     * or when an alternative is not an object whose properties include the discriminator property and every
     * property the union declares itself, or no discriminator value selects it (then the value binds as a record
     * keeping the alternatives' properties, or as {@code Object}: nothing is lost).
     */
    private ClassName sealed(SchemaModel schema) {
        SchemaModel.Discriminator discriminator = schema.discriminator();
        if (discriminator == null || schema.typeName() == null) {
            return null;
        }
        List<SchemaModel> alternatives = schema.oneOf().isEmpty() ? schema.anyOf() : schema.oneOf();
        if (alternatives.size() != discriminator.values().size()) {
            return null;
        }
        List<SchemaModel> bodies = new ArrayList<>();
        for (int i = 0; i < alternatives.size(); i++) {
            SchemaModel alternative = alternatives.get(i);
            SchemaModel body = alternative.kind() == Kind.REF ? definition(alternative.ref()) : alternative;
            if (body.javaType() != null || body.kind() != Kind.OBJECT || body.typeName() == null
                    || !body.properties().containsKey(discriminator.propertyName())
                    || !body.properties().keySet().containsAll(schema.properties().keySet())
                    || discriminator.values().get(i).isEmpty()
                    || body.properties().size() > SourceWriter.MAX_RECORD_COMPONENTS) {
                return null; // not a union of records (a too wide alternative would be a map): the schema's own type
            }
            bodies.add(body);
        }
        ClassName existing = byShape.get("sealed:" + shape(schema));
        if (existing != null) {
            return existing;
        }
        ClassName name = allocate(schema.typeName());
        byShape.put("sealed:" + shape(schema), name);
        Map<ClassName, List<String>> subtypes = new LinkedHashMap<>();
        for (int i = 0; i < bodies.size(); i++) {
            ClassName record = record(bodies.get(i));
            subtypes.computeIfAbsent(record, k -> new ArrayList<>()).addAll(discriminator.values().get(i));
            sealedParents.computeIfAbsent(record, k -> new java.util.TreeSet<>(
                    (a, b) -> a.canonicalName().compareTo(b.canonicalName()))).add(name);
        }
        specs.put(name, RecordWriter.sealedInterface(name, schema, discriminator.propertyName(), subtypes, contractName));
        return name;
    }

    private ClassName enumType(SchemaModel schema) {
        return define("enum:" + shape(schema), schema.typeName(),
                name -> RecordWriter.enumeration(name, schema, contractName));
    }

    /**
     * Returns the type already generated for {@code shape}, or allocates a name, registers it (before
     * building, so a nested reference to the same shape finds it) and builds its spec.
     */
    private ClassName define(String shape, String typeName, java.util.function.Function<ClassName, TypeSpec> build) {
        ClassName existing = byShape.get(shape);
        if (existing != null) {
            return existing;
        }
        ClassName name = allocate(typeName);
        byShape.put(shape, name);
        specs.put(name, build.apply(name));
        return name;
    }

    private ClassName allocate(String typeName) {
        String base = Names.upperCamel(typeName);
        String candidate = base;
        for (int i = 2; !taken.add(candidate); i++) {
            candidate = base + i;
        }
        return ClassName.get(modelPackage, candidate);
    }

    private static Map<String, String> componentNames(SchemaModel schema) {
        Map<String, String> names = new LinkedHashMap<>();
        Set<String> used = new HashSet<>();
        for (String wire : schema.properties().keySet()) {
            String base = Names.lowerCamel(wire);
            String candidate = base;
            for (int i = 2; !used.add(candidate); i++) {
                candidate = base + i;
            }
            names.put(wire, candidate);
        }
        return names;
    }

    private String shapes(List<SchemaModel> schemas) {
        StringBuilder out = new StringBuilder("[");
        schemas.forEach(s -> out.append(shape(s)).append(','));
        return out.append(']').toString();
    }

    /**
     * Returns a key for {@code schema}'s shape without source locations, for deduplication: equal keys, equal shapes.
     * A key describes one level and names each sub-schema by the number its own key was given, so it stays short
     * and each node of a tree is described once (memoized by identity; trees are immutable).
     */
    String shape(SchemaModel s) {
        if (s == null) {
            return "null";
        }
        String known = shapeKeys.get(s);
        if (known != null) {
            return known;
        }
        StringBuilder props = new StringBuilder();
        s.properties().forEach((k, v) -> props.append(k).append('=').append(shape(v)).append(';'));
        List<Object> rest = new ArrayList<>(List.of(s.kind(), String.valueOf(s.ref()), String.valueOf(s.typeName()),
                String.valueOf(s.javaType()),
                String.valueOf(s.title()), String.valueOf(s.description()), String.valueOf(s.format()),
                s.required(), shape(s.items()), shape(s.additionalProperties()), s.enumValues(),
                String.valueOf(s.discriminator()), shapes(s.oneOf()), shapes(s.anyOf()),
                new TreeMap<>(s.constraints()), String.valueOf(s.defaultValue()), s.nullable()));
        String full = rest + "{" + props + "}";
        String key = "#" + shapeNumbers.computeIfAbsent(full, k -> shapeNumbers.size());
        shapeKeys.put(s, key);
        return key;
    }
}
