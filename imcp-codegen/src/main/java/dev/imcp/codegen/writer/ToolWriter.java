package dev.imcp.codegen.writer;

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
 * Builds {@code <javaName>Tool implements Tool<I, O>}: the tool's descriptor (name, title, description and
 * annotations in the class; the JSON Schemas from the service's {@value SourceWriter#TOOL_SCHEMAS_FILE}
 * resource, through the runtime's {@code ToolSchemas}) and a {@code call(CallContext, input)} that delegates to the
 * service's upstream stub (the runtime enforces the context's deadline and cancellation around it).
 */
final class ToolWriter {

    private ToolWriter() {
    }

    static TypeSpec tool(ContractModel contract, OperationModel op, ClassName name, ClassName upstream,
            TypeName input, TypeName output, String upstreamMethod) {
        CodeBlock annotations = annotations(op.annotations());
        CodeBlock descriptor = CodeBlock.builder()
                .add("new $T(\n", Spi.TOOL_DESCRIPTOR)
                .add("$S,\n", contract.serviceId())
                .add("NAME,\n")
                .add("$L,\n", literal(op.title()))
                .add("$L,\n", literal(op.description()))
                .add("schemas.input(NAME),\n")
                .add("schemas.output(NAME),\n")
                .add("$L,\n", SchemaJson.wrapped(op.output()) ? CodeBlock.of("$S", SchemaJson.RESULT) : "null")
                .add("$L)", annotations)
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
                .addField(FieldSpec.builder(String.class, "NAME", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                        .addJavadoc("The tool's name in {@code tools/list}.\n")
                        .initializer("$S", op.toolName())
                        .build())
                .addField(upstream, "upstream", Modifier.PRIVATE, Modifier.FINAL)
                .addField(Spi.TOOL_DESCRIPTOR, "descriptor", Modifier.PRIVATE, Modifier.FINAL)
                .addMethod(MethodSpec.constructorBuilder()
                        .addModifiers(Modifier.PUBLIC)
                        .addJavadoc("Creates the tool.\n\n@param upstream the service's upstream stub\n"
                                + "@param schemas the service's tool schemas (resource {@code $L})\n", SourceWriter.TOOL_SCHEMAS_FILE)
                        .addParameter(upstream, "upstream")
                        .addParameter(Spi.TOOL_SCHEMAS, "schemas")
                        .addStatement("this.upstream = upstream")
                        .addStatement("this.descriptor = $L", descriptor)
                        .build())
                .addMethod(MethodSpec.methodBuilder("descriptor")
                        .addAnnotation(Override.class)
                        .addModifiers(Modifier.PUBLIC)
                        .returns(Spi.TOOL_DESCRIPTOR)
                        .addStatement("return descriptor")
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
                        .addParameter(Spi.CALL_CONTEXT, "context")
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
