package dev.imcp.codegen.writer;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.WildcardTypeName;
import dev.imcp.codegen.model.ContractModel;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.lang.model.element.Modifier;

/** Builds {@code <ServiceName>ToolProvider implements ToolProvider}, found by {@link java.util.ServiceLoader}. */
final class ProviderWriter {

    private ProviderWriter() {
    }

    static TypeSpec provider(ContractModel contract, ClassName name, ClassName upstream, List<ClassName> tools) {
        CodeBlock.Builder ports = CodeBlock.builder();
        if (contract.soapPorts().isEmpty()) {
            ports.add("$T.of()", Map.class);
        } else {
            ports.add("$T.ofEntries(", Map.class);
            boolean first = true;
            for (Map.Entry<String, String> e : new TreeMap<>(contract.soapPorts()).entrySet()) {
                ports.add(first ? "$T.entry($S, $S)" : ", $T.entry($S, $S)", Map.class, e.getKey(), e.getValue());
                first = false;
            }
            ports.add(")");
        }
        CodeBlock service = CodeBlock.builder()
                .add("new $T(\n", Spi.SERVICE_DESCRIPTOR)
                .indent().indent()
                .add("$S,\n$S,\n$L,\n$L,\n$S,\n$L,\n$L)", contract.serviceId(), contract.kind().wire(),
                        literal(contract.title()), literal(contract.version()), contract.sha256(),
                        literal(contract.defaultUrl()), ports.build())
                .unindent().unindent()
                .build();
        CodeBlock.Builder list = CodeBlock.builder().add("return $T.of(", List.class);
        for (int i = 0; i < tools.size(); i++) {
            list.add(i == 0 ? "\nnew $T(stub, schemas)" : ",\nnew $T(stub, schemas)", tools.get(i));
        }
        ParameterizedTypeName anyTool = ParameterizedTypeName.get(Spi.TOOL,
                WildcardTypeName.subtypeOf(Object.class), WildcardTypeName.subtypeOf(Object.class));
        return TypeSpec.classBuilder(name)
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addAnnotation(Generated.annotation(contract.location().file()))
                .addJavadoc("The tools of service {@code $L}, generated from $L.\n", contract.serviceId(),
                        Javadocs.escape(contract.location().file()))
                .addSuperinterface(Spi.TOOL_PROVIDER)
                .addField(FieldSpec.builder(Spi.SERVICE_DESCRIPTOR, "SERVICE", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                        .addJavadoc("The service the contract describes.\n")
                        .initializer(service)
                        .build())
                .addMethod(MethodSpec.constructorBuilder()
                        .addModifiers(Modifier.PUBLIC)
                        .addJavadoc("Creates the provider; {@link java.util.ServiceLoader} calls this.\n")
                        .build())
                .addMethod(MethodSpec.methodBuilder("service")
                        .addAnnotation(Override.class)
                        .addModifiers(Modifier.PUBLIC)
                        .returns(Spi.SERVICE_DESCRIPTOR)
                        .addStatement("return SERVICE")
                        .build())
                .addMethod(MethodSpec.methodBuilder("tools")
                        .addAnnotation(Override.class)
                        .addModifiers(Modifier.PUBLIC)
                        .returns(ParameterizedTypeName.get(ClassName.get(List.class), anyTool))
                        .addParameter(Spi.UPSTREAM_CONTEXT, "upstream")
                        .addStatement("$T stub = new $T(upstream)", upstream, upstream)
                        .addStatement("$T schemas = $T.load($T.class)", Spi.TOOL_SCHEMAS, Spi.TOOL_SCHEMAS, name)
                        .addStatement(list.add(")").build())
                        .build())
                .build();
    }

    private static CodeBlock literal(String text) {
        return text == null ? CodeBlock.of("null") : CodeBlock.of("$S", text);
    }
}
