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

    /**
     * Returns a record with one component per property: {@code @JsonProperty} carries the wire name,
     * the compact constructor checks required components and copies lists and maps (tolerating
     * {@code null} elements).
     */
    static TypeSpec record(ClassName name, SchemaModel schema, Map<String, String> componentNames,
            Map<String, TypeName> types, String contractName) {
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
        if (needsBody) {
            constructor.addJavadoc("Checks the required components and copies the collections.\n");
        } else {
            constructor = MethodSpec.constructorBuilder().addModifiers(Modifier.PUBLIC)
                    .addParameters(constructor.build().parameters());
        }
        return TypeSpec.recordBuilder(name)
                .addModifiers(Modifier.PUBLIC)
                .addAnnotation(Generated.annotation(contractName))
                .addJavadoc(doc.build())
                .recordConstructor(constructor.build())
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
