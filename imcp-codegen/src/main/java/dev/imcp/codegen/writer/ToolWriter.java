package dev.imcp.codegen.writer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.imcp.codegen.model.ContractModel;
import dev.imcp.codegen.model.OperationModel;
import java.util.Map;
import javax.lang.model.element.Modifier;

/**
 * Builds {@code <javaName>Tool implements Tool<I, O>}: the tool's constant descriptor (schemas as JSON
 * text) and a {@code call} that delegates to the service's upstream stub.
 */
final class ToolWriter {

    private ToolWriter() {
    }

    static TypeSpec tool(ContractModel contract, OperationModel op, ClassName name, ClassName upstream,
            TypeName input, TypeName output, String upstreamMethod) {
        ObjectNode outputSchema = OutputSchemas.published(op);
        CodeBlock annotations = annotations(op.annotations());
        CodeBlock descriptor = CodeBlock.builder()
                .add("new $T(\n", Spi.TOOL_DESCRIPTOR)
                .indent().indent()
                .add("$S,\n", contract.serviceId())
                .add("$S,\n", op.toolName())
                .add("$L,\n", literal(op.title()))
                .add("$L,\n", literal(op.description()))
                .add("$L,\n", StringLiterals.of(SchemaJson.text(SchemaJson.input(op.input()))))
                .add("$L,\n", outputSchema == null ? "null" : StringLiterals.of(SchemaJson.text(outputSchema)))
                .add("$L,\n", SchemaJson.wrapped(op.output()) ? CodeBlock.of("$S", SchemaJson.RESULT) : "null")
                .add("$L)", annotations)
                .unindent().unindent()
                .build();
        TypeName rawInput = input instanceof ParameterizedTypeName p ? p.rawType() : input;
        return TypeSpec.classBuilder(name)
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addAnnotation(Generated.annotation(contract.location().file()))
                .addJavadoc("$L\n\n<p>MCP tool {@code $L}, generated from $L.\n",
                        Javadocs.firstOf("Calls operation {@code " + Javadocs.escape(op.toolName()) + "}.",
                                op.description(), op.title()),
                        Javadocs.escape(op.toolName()), Javadocs.escape(contract.location().file()))
                .addSuperinterface(ParameterizedTypeName.get(Spi.TOOL, input, output))
                .addField(FieldSpec.builder(Spi.TOOL_DESCRIPTOR, "DESCRIPTOR",
                                Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                        .addJavadoc("The descriptor published in {@code tools/list}.\n")
                        .initializer(descriptor)
                        .build())
                .addField(upstream, "upstream", Modifier.PRIVATE, Modifier.FINAL)
                .addMethod(MethodSpec.constructorBuilder()
                        .addModifiers(Modifier.PUBLIC)
                        .addJavadoc("Creates the tool.\n\n@param upstream the service's upstream stub\n")
                        .addParameter(upstream, "upstream")
                        .addStatement("this.upstream = upstream")
                        .build())
                .addMethod(MethodSpec.methodBuilder("descriptor")
                        .addAnnotation(Override.class)
                        .addModifiers(Modifier.PUBLIC)
                        .returns(Spi.TOOL_DESCRIPTOR)
                        .addStatement("return DESCRIPTOR")
                        .build())
                .addMethod(MethodSpec.methodBuilder("inputType")
                        .addAnnotation(Override.class)
                        .addModifiers(Modifier.PUBLIC)
                        .returns(ParameterizedTypeName.get(ClassName.get(Class.class), input))
                        .addStatement("return $T.class", rawInput)
                        .build())
                .addMethod(MethodSpec.methodBuilder("call")
                        .addAnnotation(Override.class)
                        .addModifiers(Modifier.PUBLIC)
                        .returns(output)
                        .addParameter(input, "input")
                        .addException(Exception.class)
                        .addStatement("return upstream.$L(input)", upstreamMethod)
                        .build())
                .build();
    }

    private static CodeBlock literal(String text) {
        return text == null ? CodeBlock.of("null") : CodeBlock.of("$S", text);
    }

    private static CodeBlock annotations(Map<String, Boolean> annotations) {
        if (annotations.isEmpty()) {
            return CodeBlock.of("$T.of()", Map.class);
        }
        // Map.of takes at most ten pairs; Map.ofEntries has no limit.
        boolean small = annotations.size() <= 10;
        CodeBlock.Builder b = CodeBlock.builder().add(small ? "$T.of(" : "$T.ofEntries(", Map.class);
        boolean first = true;
        for (Map.Entry<String, Boolean> e : new java.util.TreeMap<>(annotations).entrySet()) {
            b.add(first ? "" : ", ");
            if (small) {
                b.add("$S, $L", e.getKey(), e.getValue());
            } else {
                b.add("$T.entry($S, $L)", Map.class, e.getKey(), e.getValue());
            }
            first = false;
        }
        return b.add(")").build();
    }
}
