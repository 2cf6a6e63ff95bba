package dev.imcp.codegen.writer;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.imcp.codegen.model.Names;
import dev.imcp.codegen.model.SchemaModel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.lang.model.element.Modifier;

/** Builds the records (object schemas) and enums (string enums) of {@code <javaPackage>.model}. */
final class RecordWriter {

    static final ClassName JSON_PROPERTY = ClassName.get("com.fasterxml.jackson.annotation", "JsonProperty");
    static final ClassName JSON_VALUE = ClassName.get("com.fasterxml.jackson.annotation", "JsonValue");

    private RecordWriter() {
    }

    static final ClassName JSON_ANY_SETTER = ClassName.get("com.fasterxml.jackson.annotation", "JsonAnySetter");
    static final ClassName JSON_ANY_GETTER = ClassName.get("com.fasterxml.jackson.annotation", "JsonAnyGetter");
    static final ClassName JSON_TYPE_INFO = ClassName.get("com.fasterxml.jackson.annotation", "JsonTypeInfo");
    static final ClassName JSON_SUB_TYPES = ClassName.get("com.fasterxml.jackson.annotation", "JsonSubTypes");

    /** The record component that keeps the properties a contract does not name. */
    static final String OTHERS = "additionalProperties";

    /**
     * Returns a record with one component per property: {@code @JsonProperty} carries the wire name,
     * the compact constructor checks required components and copies lists and maps (tolerating
     * {@code null} elements). With {@code others}, a last component of that map type keeps every property the
     * schema does not name ({@code @JsonAnySetter} when read, {@code @JsonAnyGetter} when written), so a value
     * that a contract's {@code additionalProperties} or {@code oneOf} alternatives allow travels whole. A record
     * that is an alternative of discriminated unions implements their sealed {@code parents}, and
     * {@code @JsonTypeInfo(use = NONE)} keeps a property declared as the record itself plain.
     */
    static TypeSpec record(ClassName name, SchemaModel schema, Map<String, String> componentNames,
            Map<String, TypeName> types, TypeName others, java.util.Collection<ClassName> parents, String contractName) {
        CodeBlock.Builder doc = CodeBlock.builder().add("$L\n", Javadocs.firstOf(
                "The {@code " + name.simpleName() + "} object of " + Javadocs.escape(contractName) + ".",
                schema.description(), schema.title()));
        MethodSpec.Builder constructor = MethodSpec.compactConstructorBuilder().addModifiers(Modifier.PUBLIC);
        boolean needsBody = false;
        if (!schema.properties().isEmpty()) {
            doc.add("\n");
        }
        for (Map.Entry<String, SchemaModel> e : schema.properties().entrySet()) {
            String wire = e.getKey();
            String component = componentNames.get(wire);
            TypeName type = types.get(wire);
            doc.add("@param $L $L\n", component, Javadocs.firstOf("the {@code " + Javadocs.escape(wire) + "} property",
                    e.getValue().description(), e.getValue().title()));
            constructor.addParameter(ParameterSpec.builder(type, component)
                    .addAnnotation(AnnotationSpec.builder(JSON_PROPERTY).addMember("value", "$S", wire).build())
                    .build());
            if (schema.required().contains(wire) && !e.getValue().nullable()) {
                constructor.addStatement("$T.requireNonNull($L, $S)", Objects.class, component, wire);
                needsBody = true;
            }
            if (type instanceof ParameterizedTypeName p && p.rawType().equals(ClassName.get(List.class))) {
                constructor.addStatement("$L = $L == null ? null : $T.unmodifiableList(new $T<>($L))",
                        component, component, Collections.class, ArrayList.class, component);
                needsBody = true;
            } else if (type instanceof ParameterizedTypeName p && p.rawType().equals(ClassName.get(Map.class))) {
                constructor.addStatement("$L = $L == null ? null : $T.unmodifiableMap(new $T<>($L))",
                        component, component, Collections.class, LinkedHashMap.class, component);
                needsBody = true;
            }
        }
        if (others != null) {
            String component = OTHERS;
            for (int i = 2; componentNames.containsValue(component); i++) {
                component = OTHERS + i;
            }
            doc.add("@param $L the properties the contract does not name, by name\n", component);
            constructor.addParameter(ParameterSpec.builder(others, component)
                    .addAnnotation(JSON_ANY_SETTER).addAnnotation(JSON_ANY_GETTER).build());
            constructor.addStatement("$L = $L == null ? null : $T.unmodifiableMap(new $T<>($L))",
                    component, component, Collections.class, LinkedHashMap.class, component);
            needsBody = true;
        }
        if (needsBody) {
            constructor.addJavadoc("Checks the required components and copies the collections.\n");
        } else {
            constructor = MethodSpec.constructorBuilder().addModifiers(Modifier.PUBLIC)
                    .addParameters(constructor.build().parameters());
        }
        TypeSpec.Builder record = TypeSpec.recordBuilder(name)
                .addModifiers(Modifier.PUBLIC)
                .addAnnotation(Generated.annotation(contractName));
        if (!parents.isEmpty()) {
            record.addSuperinterfaces(parents)
                    .addAnnotation(AnnotationSpec.builder(JSON_TYPE_INFO).addMember("use", "$T.Id.NONE", JSON_TYPE_INFO).build());
        }
        return record.addJavadoc(doc.build())
                .recordConstructor(constructor.build())
                .build();
    }

    /**
     * Returns the sealed interface of a discriminated {@code oneOf}/{@code anyOf}: it permits one record per
     * alternative, and Jackson picks the record by the discriminator property's value ({@code @JsonTypeInfo}
     * {@code EXISTING_PROPERTY}, visible, so the record keeps the property and writes it back unchanged).
     *
     * @param subtypes per record, the discriminator values that select it
     */
    static TypeSpec sealedInterface(ClassName name, SchemaModel schema, String property,
            Map<ClassName, List<String>> subtypes, String contractName) {
        CodeBlock.Builder types = CodeBlock.builder().add("{");
        boolean first = true;
        for (Map.Entry<ClassName, List<String>> e : subtypes.entrySet()) {
            types.add(first ? "\n" : ",\n");
            first = false;
            CodeBlock names = e.getValue().stream().map(v -> CodeBlock.of("$S", v)).collect(CodeBlock.joining(", "));
            types.add("@$T.Type(value = $T.class, names = {$L})", JSON_SUB_TYPES, e.getKey(), names);
        }
        types.add("\n}");
        StringBuilder which = new StringBuilder();
        subtypes.forEach((record, values) -> which.append("<li>{@link ").append(record.simpleName()).append("}: ")
                .append(Javadocs.escape(String.join(", ", values))).append("</li>\n"));
        return TypeSpec.interfaceBuilder(name)
                .addModifiers(Modifier.PUBLIC, Modifier.SEALED)
                .addPermittedSubclasses(subtypes.keySet())
                .addAnnotation(Generated.annotation(contractName))
                .addAnnotation(AnnotationSpec.builder(JSON_TYPE_INFO)
                        .addMember("use", "$T.Id.NAME", JSON_TYPE_INFO)
                        .addMember("include", "$T.As.EXISTING_PROPERTY", JSON_TYPE_INFO)
                        .addMember("property", "$S", property)
                        .addMember("visible", "true")
                        .build())
                .addAnnotation(AnnotationSpec.builder(JSON_SUB_TYPES).addMember("value", types.build()).build())
                .addJavadoc("$L\n\n<p>Which one a value is follows its {@code $L} property:\n<ul>\n$L</ul>\n",
                        Javadocs.firstOf("One of the alternatives of {@code " + name.simpleName() + "} in "
                                + Javadocs.escape(contractName) + ".", schema.description(), schema.title()),
                        Javadocs.escape(property), which)
                .build();
    }

    /** Returns an enum whose constants carry their wire values, serialized with {@code @JsonValue}. */
    static TypeSpec enumeration(ClassName name, SchemaModel schema, String contractName) {
        TypeSpec.Builder b = TypeSpec.enumBuilder(name)
                .addModifiers(Modifier.PUBLIC)
                .addAnnotation(Generated.annotation(contractName))
                .addJavadoc("$L\n", Javadocs.firstOf("The allowed values of {@code " + name.simpleName() + "}.",
                        schema.description(), schema.title()));
        Set<String> used = new HashSet<>();
        for (Object value : schema.enumValues()) {
            String wire = (String) value;
            String constant = Names.constant(wire);
            for (int i = 2; !used.add(constant); i++) {
                constant = Names.constant(wire) + "_" + i;
            }
            b.addEnumConstant(constant, TypeSpec.anonymousClassBuilder("$S", wire)
                    .addJavadoc("The wire value {@code $L}.\n", Javadocs.escape(wire).replace("}", "&#125;").replace("{", "&#123;"))
                    .build());
        }
        return b.addField(FieldSpec.builder(String.class, "value", Modifier.PRIVATE, Modifier.FINAL).build())
                .addMethod(MethodSpec.constructorBuilder()
                        .addParameter(String.class, "value")
                        .addStatement("this.value = value")
                        .build())
                .addMethod(MethodSpec.methodBuilder("value")
                        .addJavadoc("Returns the value as the contract spells it.\n")
                        .addAnnotation(JSON_VALUE)
                        .addModifiers(Modifier.PUBLIC)
                        .returns(String.class)
                        .addStatement("return value")
                        .build())
                .addMethod(MethodSpec.methodBuilder("toString")
                        .addJavadoc("Returns the wire value, so query and path parameters carry it.\n")
                        .addAnnotation(Override.class)
                        .addModifiers(Modifier.PUBLIC)
                        .returns(String.class)
                        .addStatement("return value")
                        .build())
                .build();
    }
}
