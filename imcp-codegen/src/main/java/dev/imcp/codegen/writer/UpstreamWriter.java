package dev.imcp.codegen.writer;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.imcp.codegen.model.ContractModel;
import dev.imcp.codegen.model.EncodedSoapBinding;
import dev.imcp.codegen.model.HttpBinding;
import dev.imcp.codegen.model.HttpBinding.HttpParameter;
import dev.imcp.codegen.model.Names;
import dev.imcp.codegen.model.OperationModel;
import dev.imcp.codegen.model.SoapAttachment;
import dev.imcp.codegen.model.SoapBinding;
import dev.imcp.codegen.model.SoapParameter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.lang.model.element.Modifier;

/**
 * Builds {@code <ServiceName>Upstream}, the typed stub of one contract: for HTTP bindings one method per
 * operation building an {@code HttpCall} from the input record; for SOAP bindings one CXF port per
 * distinct SEI and port (created with the SOAP with Attachments parts of every operation called through it, as
 * {@code MimePart}s), and one method per operation calling the SEI method.
 */
final class UpstreamWriter {

    private final ContractModel contract;
    private final ModelTypes types;
    private final TypeSpec.Builder type;
    private final MethodSpec.Builder constructor;
    /** JAX-WS's holder of an output part (JAX-WS 2.3 section 2.3.3). */
    private static final ClassName HOLDER = ClassName.get("jakarta.xml.ws", "Holder");

    private final Map<String, PortField> soapFields = new LinkedHashMap<>();
    /** The constructor's statements in order: a {@link CodeBlock}, or a {@link PortField} written at the end. */
    private final List<Object> constructorSteps = new ArrayList<>();
    private final Set<String> encodedPorts = new HashSet<>();
    private final ClassName name;
    private final Set<String> methodNames = new HashSet<>();
    /**
     * The classes holding the operations' methods (and an rpc/encoded operation's constant), by part: the stub
     * itself, then its inner classes {@code Operations2}, ... (see {@link #PART_CONSTANTS}).
     */
    private final List<TypeSpec.Builder> parts = new ArrayList<>();
    /** {@link #estimatedConstants} of the operations of the last part. */
    private int partConstants;
    /** The parameter names the last part's constants hold (see {@link #estimatedConstants}). */
    private final Set<String> partNames = new HashSet<>();
    private boolean http;
    /** Upstream name to the field of its client, for contracts with several base URLs. */
    private final Map<String, String> upstreamFields = new LinkedHashMap<>();

    UpstreamWriter(ContractModel contract, ClassName name, ModelTypes types) {
        this.contract = contract;
        this.name = name;
        this.types = types;
        this.type = TypeSpec.classBuilder(name)
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addAnnotation(Generated.annotation(contract.location().file()))
                .addJavadoc("The upstream stub of service {@code $L}, generated from $L.\n",
                        contract.serviceId(), Javadocs.escape(contract.location().file()));
        parts.add(type);
        this.constructor = MethodSpec.constructorBuilder()
                .addModifiers(Modifier.PUBLIC)
                .addJavadoc("Creates the stub.\n\n@param upstream the runtime's configured access to the service\n")
                .addParameter(Spi.UPSTREAM_CONTEXT, "upstream");
    }

    /** Adds the method of {@code op} and returns its name. */
    String add(OperationModel op, TypeName input, TypeName output) {
        String base = Names.lowerCamel(op.javaName());
        String method = base;
        for (int i = 2; !methodNames.add(method); i++) {
            method = base + i;
        }
        choosePart(op);
        MethodSpec.Builder m = MethodSpec.methodBuilder(method)
                .addModifiers(Modifier.PUBLIC)
                .addJavadoc("Calls operation {@code $L}.\n\n@param input the tool's arguments\n@return $L\n",
                        Javadocs.escape(op.toolName()), op.output() == null ? "{@code null}" : "the upstream's result")
                .addParameter(input, "input")
                .returns(output);
        if (op.binding() instanceof HttpBinding binding) {
            http(m, binding, input, output, httpField(contract.upstreams().operations().get(op.location().pointer())));
        } else if (op.binding() instanceof SoapBinding binding) {
            soap(m, op, binding, input, output);
        } else if (op.binding() instanceof EncodedSoapBinding binding) {
            encoded(m, op, binding, input, output);
        }
        parts.get(parts.size() - 1).addMethod(m.build());
        return parts.size() == 1 ? method : partField(parts.size()) + "." + method;
    }

    /** Starts a new part when {@code op}'s estimated constants would take the last one past the budget. */
    private void choosePart(OperationModel op) {
        int constants = estimatedConstants(op, partNames);
        if (partConstants + constants > PART_CONSTANTS && partConstants > 0) { // a part has one operation at least
            int number = parts.size() + 1;
            ClassName part = name.nestedClass("Operations" + number);
            parts.add(TypeSpec.classBuilder(part)
                    .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                    .addJavadoc("Part $L of the operations: a class file holds at most 65,535 constants (JVMS section"
                            + " 4.1), fewer than so many operations need. Its methods use the stub's clients.\n", number)
                    .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build()));
            type.addField(FieldSpec.builder(part, partField(number), Modifier.PUBLIC, Modifier.FINAL)
                    .addJavadoc("Operations of part $L.\n", number)
                    .initializer("new $T()", part)
                    .build());
            partConstants = 0;
            partNames.clear();
            constants = estimatedConstants(op, partNames);
        }
        partConstants += constants;
    }

    /**
     * The most constants the methods of one class are estimated to need: a class file holds at most 65,535
     * (JVMS section 4.1, {@code constant_pool_count} is a u2), and javac fails a class with more ("too many
     * constants": Microsoft Graph's 11,422 operations in one stub). The rest is left for what the methods share.
     */
    static final int PART_CONSTANTS = 50_000;

    /**
     * Estimates, from above, the constant-pool entries an operation's method adds to a class that already holds
     * {@code namesInPart}: 16 for its name, descriptor, types and path; 3 per parameter for the call of its input
     * record's accessor (method reference, name and type, descriptor); 3 per parameter name the class does not hold
     * yet (a string and its text, the accessor's name), which it adds to {@code namesInPart}; and 8 for an
     * rpc/encoded operation's constant. Measured: Kubernetes' stub, whose 1,062 operations share their parameter
     * names, has 15,457 constants (estimated about 42,600); operations of 100 parameters each of their own stay
     * under the estimate (tested).
     */
    static int estimatedConstants(OperationModel op, Set<String> namesInPart) {
        Set<String> names = new HashSet<>();
        if (op.input() != null && op.input().properties() != null) {
            names.addAll(op.input().properties().keySet());
        }
        if (op.binding() instanceof HttpBinding binding) {
            binding.parameters().forEach(p -> names.add(p.name()));
        }
        int added = 0;
        for (String n : names) {
            added += namesInPart.add(n) ? 1 : 0;
        }
        return 16 + 3 * names.size() + 3 * added + (op.binding() instanceof EncodedSoapBinding ? 8 : 0);
    }

    /** Returns the field of the stub holding part {@code number} (2, 3, ...): {@code operations2}, ... */
    private static String partField(int number) {
        return "operations" + number;
    }

    /**
     * Returns the field of the HTTP client an operation calls: {@code http} for the service's base URL, else one
     * field per named upstream ({@code upstream.http(name)}), declared on first use.
     */
    private String httpField(String upstreamName) {
        if (upstreamName == null) {
            if (!http) {
                http = true;
                type.addField(Spi.HTTP_UPSTREAM, "http", Modifier.PRIVATE, Modifier.FINAL);
                constructorSteps.add(CodeBlock.of("this.http = upstream.http()"));
            }
            return "http";
        }
        return upstreamFields.computeIfAbsent(upstreamName, name -> {
            String field = "http" + (upstreamFields.size() + 2);
            type.addField(Spi.HTTP_UPSTREAM, field, Modifier.PRIVATE, Modifier.FINAL);
            constructorSteps.add(CodeBlock.of("this.$N = upstream.http($S)", field, name));
            return field;
        });
    }

    private void http(MethodSpec.Builder m, HttpBinding binding, TypeName input, TypeName output, String httpField) {
        Map<String, String> components = input instanceof ClassName c ? types.components(c) : Map.of();
        m.addException(Spi.UPSTREAM_EXCEPTION);
        Set<String> parameterProperties = new HashSet<>();
        CodeBlock.Builder call = CodeBlock.builder().add("$T call = $T.builder($S, $S)", Spi.HTTP_CALL, Spi.HTTP_CALL,
                binding.method(), binding.pathTemplate());
        for (HttpParameter p : binding.parameters()) {
            parameterProperties.add(p.property());
            String component = components.get(p.property());
            if (component == null) {
                continue;
            }
            if (p.style() != null) {
                call.add("\n.param($S, $S, $S, $L, $L, input.$L())", p.in().name().toLowerCase(Locale.ROOT), p.name(),
                        p.style(), p.explode(), p.allowReserved(), component);
                continue;
            }
            String setter = switch (p.in()) {
                case PATH -> "pathParam";
                case QUERY -> "query";
                case HEADER -> "header";
                case COOKIE -> null;
            };
            if (setter != null) {
                call.add("\n.$L($S, input.$L())", setter, p.name(), component);
            }
        }
        if ("*".equals(binding.bodyProperty())) {
            m.addStatement("$T<$T, $T> body = new $T<>()", Map.class, String.class, Object.class, LinkedHashMap.class);
            for (Map.Entry<String, String> e : components.entrySet()) {
                if (!parameterProperties.contains(e.getKey())) {
                    m.beginControlFlow("if (input.$L() != null)", e.getValue())
                            .addStatement("body.put($S, input.$L())", e.getKey(), e.getValue())
                            .endControlFlow();
                }
            }
            call.add("\n.body(body)");
        } else if (binding.bodyProperty() != null && components.containsKey(binding.bodyProperty())) {
            if (binding.bodyMediaType() == null || binding.bodyMediaType().equals("application/json")) {
                call.add("\n.body(input.$L())", components.get(binding.bodyProperty()));
            } else {
                call.add("\n.body(input.$L(), $S)", components.get(binding.bodyProperty()), binding.bodyMediaType());
            }
            for (Map.Entry<String, HttpBinding.BodyField> f : new TreeMap<>(binding.bodyFields()).entrySet()) {
                HttpBinding.BodyField field = f.getValue();
                call.add("\n.bodyField($S, $S, $L, $S, $L)", f.getKey(), field.style(), field.explode(),
                        field.contentType(), field.file());
            }
        }
        call.add("\n.build()");
        m.addStatement(call.build());
        m.addStatement("return $N.exchange(call, $L)", httpField, typeExpression(output));
    }

    private void soap(MethodSpec.Builder m, OperationModel op, SoapBinding binding, TypeName input, TypeName output) {
        String key = binding.seiClass() + "#" + binding.portName();
        PortField port = soapFields.get(key);
        ClassName sei = ClassName.bestGuess(binding.seiClass());
        if (port == null) {
            String portName = Names.lowerCamel(binding.portName());
            String base = portName.endsWith("Port") ? portName : portName + "Port";
            String name = base;
            for (int i = 2; taken(name); i++) {
                name = base + i;
            }
            port = new PortField(name, sei, binding.portName(), "1.2".equals(binding.soapVersion()), new ArrayList<>());
            soapFields.put(key, port);
            type.addField(sei, name, Modifier.PRIVATE, Modifier.FINAL);
            constructorSteps.add(port);
        }
        port.attachments().addAll(binding.attachments());
        String field = port.field();
        m.addException(Exception.class);
        boolean whole = binding.singleInputType() != null && binding.singleInputType().equals(op.input().javaType());
        Map<String, String> inputComponents = input instanceof ClassName c ? types.components(c) : Map.of();
        List<CodeBlock> arguments = new ArrayList<>();
        for (SoapParameter p : binding.parameters()) {
            String variable = holderVariable(p.property());
            switch (p.mode()) {
                case IN -> arguments.add(whole ? CodeBlock.of("input")
                        : CodeBlock.of("input.$L()", inputComponents.get(p.property())));
                case INOUT -> {
                    m.addStatement("$T<$T> $L = new $T<>(input.$L())", HOLDER, TypeNames.parse(p.javaType()), variable,
                            HOLDER, inputComponents.get(p.property()));
                    arguments.add(CodeBlock.of("$L", variable));
                }
                case OUT -> {
                    m.addStatement("$T<$T> $L = new $T<>()", HOLDER, TypeNames.parse(p.javaType()), variable, HOLDER);
                    arguments.add(CodeBlock.of("$L", variable));
                }
            }
        }
        CodeBlock call = CodeBlock.of("$L.$L($L)", field, binding.seiMethod(), CodeBlock.join(arguments, ", "));
        if (!binding.hasHolders()) {
            if (binding.returnType() == null || returnsNothing(output)) {
                m.addStatement(call);
                m.addStatement("return null");
            } else {
                m.addStatement("return $L", call);
            }
            return;
        }
        if (binding.returnType() != null) {
            m.addStatement("$T result = $L", TypeNames.parse(binding.returnType()), call);
        } else {
            m.addStatement(call);
        }
        // The output record's components follow the output schema's properties: the return value, then holders.
        List<CodeBlock> values = new ArrayList<>();
        for (String property : op.output().properties().keySet()) {
            if (property.equals(binding.returnProperty())) {
                values.add(CodeBlock.of("result"));
            } else {
                values.add(CodeBlock.of("$L.value", holderVariable(property)));
            }
        }
        m.addStatement("return new $T($L)", output, CodeBlock.join(values, ", "));
    }

    /**
     * An rpc/encoded call: the parts go to the runtime's SAAJ client by name, as the JSON-shaped values the input
     * record holds; the descriptor is parsed once, when the stub is created.
     */
    private void encoded(MethodSpec.Builder m, OperationModel op, EncodedSoapBinding binding, TypeName input,
            TypeName output) {
        String port = "encoded" + Names.upperCamel(binding.portName());
        if (encodedPorts.add(port)) {
            type.addField(Spi.ENCODED_SOAP_PORT, port, Modifier.PRIVATE, Modifier.FINAL);
            constructorSteps.add(CodeBlock.of("this.$L = upstream.encodedSoapPort($S)", port, binding.portName()));
        }
        String constant = Names.constant(op.javaName());
        // In the operation's part: its constants and static initializer count against that class, not the stub.
        parts.get(parts.size() - 1).addField(FieldSpec.builder(Spi.ENCODED_OPERATION, constant, Modifier.PRIVATE,
                        Modifier.STATIC, Modifier.FINAL)
                .addJavadoc("The rpc/encoded call of {@code $L}.\n", Javadocs.escape(op.toolName()))
                .initializer("$T.fromJson($L)", Spi.ENCODED_OPERATION, StringLiterals.of(binding.descriptorJson()))
                .build());
        m.addException(Exception.class);
        Map<String, String> components = input instanceof ClassName c ? types.components(c) : Map.of();
        m.addStatement("$T<$T, $T> arguments = new $T<>()", Map.class, String.class, Object.class, LinkedHashMap.class);
        for (String part : binding.inputParts()) {
            m.addStatement("arguments.put($S, input.$L())", part, components.get(part));
        }
        if (returnsNothing(output)) {
            m.addStatement("$L.call($L, arguments)", port, constant);
            m.addStatement("return null");
        } else {
            m.addStatement("return $L.call($L, arguments)", port, constant);
        }
    }

    /** The local variable of the {@code Holder} for the output (or in-out) property {@code property}. */
    private static String holderVariable(String property) {
        return Names.lowerCamel(property) + "Holder";
    }

    /** Whether the tool's output type is {@code Void}: the stub calls, then returns {@code null}. */
    private static boolean returnsNothing(TypeName output) {
        return output.equals(ClassName.get(Void.class));
    }

    /** Returns the {@code java.lang.reflect.Type} expression of {@code type}: {@code X.class} or {@code Types.listOf(..)}. */
    static CodeBlock typeExpression(TypeName type) {
        if (type instanceof ParameterizedTypeName p) {
            List<TypeName> args = p.typeArguments();
            if (p.rawType().equals(ClassName.get(List.class))) {
                return CodeBlock.of("$T.listOf($L)", Spi.TYPES, typeExpression(args.get(0)));
            }
            if (p.rawType().equals(ClassName.get(Map.class))) {
                return CodeBlock.of("$T.mapOf($L)", Spi.TYPES, typeExpression(args.get(1)));
            }
            return CodeBlock.of("$T.class", p.rawType());
        }
        return CodeBlock.of("$T.class", type);
    }

    private boolean taken(String field) {
        return soapFields.values().stream().anyMatch(p -> p.field().equals(field));
    }

    /**
     * The statement that creates a CXF port. CXF's SEI does not say which SOAP version its binding speaks, nor
     * which parts the binding carries as MIME attachments (SOAP with Attachments): a SOAP 1.2 port asks for SOAP
     * 1.2, and a port whose operations have attachments passes them all, known once every operation is added.
     */
    private static CodeBlock create(PortField port) {
        if (port.attachments().isEmpty()) {
            return CodeBlock.of("this.$L = upstream.$L($T.class, $S)", port.field(),
                    port.soap12() ? "soap12Port" : "soapPort", port.sei(), port.portName());
        }
        List<CodeBlock> parts = new ArrayList<>();
        for (SoapAttachment a : port.attachments()) {
            parts.add(CodeBlock.of("$T.$L($S, $S, $S)", Spi.MIME_PART, a.output() ? "output" : "input", a.operation(),
                    a.part(), a.contentType()));
        }
        return CodeBlock.of("this.$L = upstream.soapPort($T.class, $S, $L, $T.of(\n$L))", port.field(), port.sei(),
                port.portName(), port.soap12(), List.class, CodeBlock.join(parts, ",\n"));
    }

    /** Returns the stub class. */
    TypeSpec build() {
        for (Object step : constructorSteps) {
            constructor.addStatement(step instanceof PortField port ? create(port) : (CodeBlock) step);
        }
        type.addMethod(constructor.build());
        for (int i = 1; i < parts.size(); i++) {
            type.addType(parts.get(i).build());
        }
        return type.build();
    }

    /**
     * One CXF port field of the stub.
     *
     * @param field the field's name
     * @param sei the SEI
     * @param portName the {@code wsdl:port/@name}
     * @param soap12 whether its binding is SOAP 1.2
     * @param attachments the MIME attachment parts of the operations called through it, in the order added
     */
    private record PortField(String field, ClassName sei, String portName, boolean soap12,
            List<SoapAttachment> attachments) {
    }
}
