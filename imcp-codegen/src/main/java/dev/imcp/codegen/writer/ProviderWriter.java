package dev.imcp.codegen.writer;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.WildcardTypeName;
import dev.imcp.codegen.model.ContractModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.lang.model.element.Modifier;

/** Builds {@code <ServiceName>ToolProvider implements ToolProvider}, found by {@link java.util.ServiceLoader}. */
final class ProviderWriter {

    /** How many tools one generated method adds (about 13 bytes of bytecode each). */
    static final int ADDS_PER_METHOD = 500;

    private ProviderWriter() {
    }

    static TypeSpec provider(ContractModel contract, ClassName name, ClassName upstream, List<ClassName> toolClasses) {
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
        boolean secured = !contract.security().schemes().isEmpty();
        boolean routed = !contract.upstreams().urls().isEmpty();
        // The canonical constructor, so the contract's hash and file (which contract answered) are always named.
        CodeBlock service = CodeBlock.builder()
                .add("new $T(\n", Spi.SERVICE_DESCRIPTOR)
                .indent().indent()
                .add("$S,\n$S,\n$L,\n$L,\n$S,\n$S,\n$L,\n$L,\n$L,\n$L)", contract.serviceId(), contract.kind().wire(),
                        literal(contract.title()), literal(contract.version()), contract.sha256(),
                        contract.location().file(), literal(contract.defaultUrl()), ports.build(),
                        secured ? CodeBlock.of("security()") : CodeBlock.of("$T.NONE", SecurityWriter.REST_SECURITY),
                        routed ? CodeBlock.of("upstreams()") : CodeBlock.of("$T.NONE", SecurityWriter.NAMED_UPSTREAMS))
                .unindent().unindent()
                .build();
        ParameterizedTypeName anyTool = ParameterizedTypeName.get(Spi.TOOL,
                WildcardTypeName.subtypeOf(Object.class), WildcardTypeName.subtypeOf(Object.class));
        ParameterizedTypeName toolList = ParameterizedTypeName.get(ClassName.get(List.class), anyTool);
        // One add per tool, large services in methods of ADDS_PER_METHOD adds: a method's code is limited to 64 KB
        // (JVM specification, section 4.7.3), which List.of(...) with some 5,000 tools would pass. Each such method
        // is in a nested class of its own, as each add takes about 4 constants and a class holds at most 65,535
        // (section 4.1), which Microsoft Graph's beta (22,361 tools) passes.
        MethodSpec.Builder tools = MethodSpec.methodBuilder("tools")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(toolList)
                .addParameter(Spi.UPSTREAM_CONTEXT, "upstream")
                .addStatement("$T stub = new $T(upstream)", upstream, upstream)
                .addStatement("$T schemas = $T.load($T.class)", Spi.TOOL_SCHEMAS, Spi.TOOL_SCHEMAS, name)
                .addStatement("$T tools = new $T<>($L)", toolList, ArrayList.class, toolClasses.size());
        List<TypeSpec> chunks = new ArrayList<>();
        if (toolClasses.size() <= ADDS_PER_METHOD) {
            toolClasses.forEach(t -> tools.addStatement("tools.add(new $T(stub, schemas))", t));
        } else {
            for (int from = 0; from < toolClasses.size(); from += ADDS_PER_METHOD) {
                MethodSpec.Builder chunk = MethodSpec.methodBuilder("add")
                        .addModifiers(Modifier.STATIC)
                        .addParameter(toolList, "tools")
                        .addParameter(upstream, "stub")
                        .addParameter(Spi.TOOL_SCHEMAS, "schemas");
                toolClasses.subList(from, Math.min(from + ADDS_PER_METHOD, toolClasses.size()))
                        .forEach(t -> chunk.addStatement("tools.add(new $T(stub, schemas))", t));
                ClassName part = name.nestedClass("Tools" + chunks.size());
                tools.addStatement("$T.add(tools, stub, schemas)", part);
                chunks.add(TypeSpec.classBuilder(part)
                        .addModifiers(Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                        .addJavadoc("Tools $L to $L of the service.\n", from + 1,
                                Math.min(from + ADDS_PER_METHOD, toolClasses.size()))
                        .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build())
                        .addMethod(chunk.build())
                        .build());
            }
        }
        tools.addStatement("return $T.copyOf(tools)", List.class);
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
                .addMethod(tools.build())
                .addTypes(chunks)
                .addMethods(secured ? SecurityWriter.methods(contract.security()) : List.of())
                .addMethods(routed ? List.of(SecurityWriter.upstreams(contract.upstreams())) : List.of())
                .build();
    }

    private static CodeBlock literal(String text) {
        return text == null ? CodeBlock.of("null") : CodeBlock.of("$S", text);
    }
}
