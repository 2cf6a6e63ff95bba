package dev.imcp.codegen.writer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.imcp.codegen.output.OutputReconciler;
import dev.imcp.codegen.model.ContractKind;
import dev.imcp.codegen.model.ContractModel;
import dev.imcp.codegen.model.OperationModel;
import dev.imcp.codegen.model.SchemaModel;
import dev.imcp.codegen.model.SchemaModel.Kind;
import dev.imcp.codegen.model.SoapAttachment;
import dev.imcp.codegen.model.SoapBinding;
import dev.imcp.codegen.model.SoapParameter;
import dev.imcp.codegen.model.SourceLocation;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SOAP upstream stub, on a hand-built model (the WSDL reader is tested separately) and a stand-in SEI. */
class SoapUpstreamTest {

    @TempDir
    Path out;

    @Test
    void callsTheSeiAndCompiles() throws Exception {
        SourceLocation at = SourceLocation.of("hello.wsdl", "");
        SchemaModel greetMe = SchemaModel.builder(Kind.OBJECT).javaType("org.example.hello.GreetMe")
                .property("requestType", SchemaModel.builder(Kind.STRING).build()).location(at).build();
        SchemaModel greetMeResponse = SchemaModel.builder(Kind.OBJECT).javaType("org.example.hello.GreetMeResponse")
                .location(at).build();
        SchemaModel single = SchemaModel.builder(Kind.OBJECT).typeName("PingMeInput")
                .property("text", SchemaModel.builder(Kind.STRING).build()).required("text").location(at).build();
        SchemaModel upload = SchemaModel.builder(Kind.OBJECT).typeName("UploadInput")
                .property("file", SchemaModel.builder(Kind.STRING).contentEncoding("base64")
                        .contentMediaType("application/pdf").javaType("byte[]").build())
                .required("file").location(at).build();
        List<OperationModel> ops = List.of(
                new OperationModel("greetMe", "GreetMe", null, "Greets.", Map.of(), greetMe, greetMeResponse,
                        new SoapBinding("1.1", "", "document", false, "SoapPort", "org.example.hello.Greeter", "greetMe",
                                List.of(new SoapParameter("in", "in", "org.example.hello.GreetMe", SoapParameter.Mode.IN, false)),
                                "org.example.hello.GreetMeResponse", null), at),
                new OperationModel("pingMe", "PingMe", null, null, Map.of(), single, null,
                        new SoapBinding("1.1", "", "document", false, "SoapPort", "org.example.hello.Greeter", "pingMe",
                                List.of(new SoapParameter("text", "text", "java.lang.String", SoapParameter.Mode.IN, false)),
                                null, null), at),
                new OperationModel("sayHi", "SayHi", null, null, Map.of(),
                        SchemaModel.builder(Kind.OBJECT).location(at).build(),
                        SchemaModel.builder(Kind.STRING).location(at).build(),
                        new SoapBinding("1.1", "", "document", false, "OtherPort", "org.example.hello.Greeter", "sayHi",
                                List.of(), "java.lang.String", null), at),
                // SOAP with Attachments, on a port an earlier operation created: the port is made with its MIME part
                new OperationModel("upload", "Upload", null, null, Map.of(), upload,
                        SchemaModel.builder(Kind.STRING).location(at).build(),
                        new SoapBinding("1.1", "", "document", false, "SoapPort", "org.example.hello.Greeter", "upload",
                                List.of(new SoapParameter("file", "file", "byte[]", SoapParameter.Mode.IN, false)),
                                "java.lang.String", null, List.of(),
                                List.of(new SoapAttachment("upload", false, "file", "application/pdf"))), at));
        ContractModel contract = new ContractModel("hello", ContractKind.WSDL, "Hello", null, null, "0".repeat(64),
                "http://localhost/hello", Map.of("SoapPort", "http://localhost/hello", "OtherPort", "http://localhost/other"),
                ops, at);
        OutputReconciler.reconcile(new SourceWriter().write(List.of(contract), "com.example.gen", null, null,
                out.resolve("java"), out.resolve("resources")), List.of(), List.of());

        String upstream = Files.readString(out.resolve("java/com/example/gen/hello/HelloUpstream.java"));
        assertTrue(upstream.contains("this.soapPort = upstream.soapPort(Greeter.class, \"SoapPort\", false, List.of(\n"
                + "                MimePart.input(\"upload\", \"file\", \"application/pdf\")));"), upstream);
        assertTrue(upstream.contains("return soapPort.upload(input.file());"), upstream);
        assertTrue(upstream.contains("this.otherPort = upstream.soapPort(Greeter.class, \"OtherPort\");"), upstream);
        assertTrue(upstream.contains("return soapPort.greetMe(input);"), upstream);
        assertTrue(upstream.contains("soapPort.pingMe(input.text());\n        return null;"), upstream);
        assertTrue(upstream.contains("return otherPort.sayHi();"), upstream);

        Path sei = out.resolve("java/org/example/hello");
        Files.createDirectories(sei);
        Files.writeString(sei.resolve("Greeter.java"), "package org.example.hello;\n/** SEI. */\npublic interface Greeter {\n"
                + "    /** @param in in\n     * @return out */\n    GreetMeResponse greetMe(GreetMe in);\n"
                + "    /** @param in in */\n    void pingMe(String in);\n"
                + "    /** @return out */\n    String sayHi();\n"
                + "    /** @param file file\n     * @return out */\n    String upload(byte[] file);\n}\n");
        Files.writeString(sei.resolve("GreetMe.java"), "package org.example.hello;\n/** In. */\npublic class GreetMe {}\n");
        Files.writeString(sei.resolve("GreetMeResponse.java"), "package org.example.hello;\n/** Out. */\npublic class GreetMeResponse {}\n");
        List<Path> sources = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(out.resolve("java"))) {
            walk.filter(p -> p.toString().endsWith(".java")).sorted().forEach(sources::add);
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        try (StandardJavaFileManager files = compiler.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8)) {
            StringWriter log = new StringWriter();
            boolean ok = compiler.getTask(log, files, null, List.of("-Xlint:all", "-Werror", "--release", "21", "-proc:none",
                    "-classpath", System.getProperty("java.class.path"), "-d", out.resolve("classes").toString()),
                    null, files.getJavaFileObjectsFromPaths(sources)).call();
            assertTrue(ok, log.toString());
        }
        assertEquals("com.example.gen.hello.HelloToolProvider\n",
                Files.readString(out.resolve("resources/META-INF/services/dev.imcp.runtime.spi.ToolProvider")));
    }
}
