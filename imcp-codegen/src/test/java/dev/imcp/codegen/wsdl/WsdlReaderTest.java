package dev.imcp.codegen.wsdl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.imcp.codegen.diag.Diagnostic;
import dev.imcp.codegen.diag.Diagnostics;
import dev.imcp.codegen.model.ContractKind;
import dev.imcp.codegen.model.ContractModel;
import dev.imcp.codegen.model.OperationModel;
import dev.imcp.codegen.model.SchemaModel;
import dev.imcp.codegen.model.SchemaModel.Kind;
import dev.imcp.codegen.model.SoapBinding;
import dev.imcp.codegen.model.SoapParameter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The WSDL reader on CXF's hello_world.wsdl and hello_world_soap12.wsdl. */
class WsdlReaderTest {

    private static final String HELLO = "cxf-hello-world/testutils/src/main/resources/wsdl/hello_world.wsdl";
    private static final String SOAP12 = "cxf-soap12/testutils/src/main/resources/wsdl/hello_world_soap12.wsdl";
    private static final String SOAP_PKG = WsdlTestSupport.PACKAGE + ".soap";

    @TempDir
    Path out;

    private ContractModel hello(Diagnostics diagnostics) throws IOException {
        return WsdlTestSupport.read(WsdlTestSupport.corpus(HELLO), "src/main/wsdl/hello_world.wsdl", out, diagnostics);
    }

    private static OperationModel op(ContractModel model, String tool) {
        return model.operations().stream().filter(o -> o.toolName().equals(tool)).findFirst().orElseThrow();
    }

    @Test
    void readsTheContract() throws IOException {
        Diagnostics diagnostics = new Diagnostics();
        ContractModel model = hello(diagnostics);

        assertNotNull(model, diagnostics.all()::toString);
        assertEquals(List.of(), diagnostics.all());
        assertEquals("hello", model.serviceId());
        assertEquals(ContractKind.WSDL, model.kind());
        assertEquals("HelloWorld", model.title());
        assertEquals(WsdlTestSupport.sha256(Files.readAllBytes(WsdlTestSupport.corpus(HELLO))), model.sha256());
        assertEquals(Map.of("SoapPort", "http://localhost:9000/SoapContext/SoapPort",
                "SoapPort2", "http://localhost:7600/SoapContext/SoapPort"), model.soapPorts());
        assertEquals("http://localhost:9000/SoapContext/SoapPort", model.defaultUrl());
        assertEquals(List.of("sayHi", "greetMe", "testNillable", "greetMeLater", "greetMeSometime", "greetMeOneWay",
                "testDocLitFault", "testDocLitBare"), model.operations().stream().map(OperationModel::toolName).toList());
        OperationModel sayHi = op(model, "sayHi");
        assertEquals("SayHi", sayHi.javaName());
        assertEquals("Calls SOAP operation sayHi of port type Greeter.", sayHi.description());
        assertEquals(Map.of("openWorldHint", true), sayHi.annotations());
        assertEquals("src/main/wsdl/hello_world.wsdl", sayHi.location().file());
        assertEquals(211, sayHi.location().line());
        assertEquals("/definitions[@name='HelloWorld']/portType[@name='Greeter']/operation[@name='sayHi']",
                sayHi.location().pointer());
    }

    @Test
    void bindsOperationsToTheGeneratedSei() throws IOException {
        ContractModel model = hello(new Diagnostics());

        SoapBinding greetMe = (SoapBinding) op(model, "greetMe").binding();
        assertEquals(new SoapBinding("1.1", "", "document", true, "SoapPort", SOAP_PKG + ".Greeter", "greetMe",
                List.of(new SoapParameter("in", "greetMe", SOAP_PKG + ".GreetMe", SoapParameter.Mode.IN, false)),
                SOAP_PKG + ".GreetMeResponse", null), greetMe);
        SoapBinding oneWay = (SoapBinding) op(model, "greetMeOneWay").binding();
        assertNull(oneWay.returnType());
        assertNull(op(model, "greetMeOneWay").output());
        SoapBinding bare = (SoapBinding) op(model, "testDocLitBare").binding();
        assertEquals(new SoapBinding("1.1", "http://apache.org/hello_world_soap_http/testDocLitBare", "document",
                false, "SoapPort2", SOAP_PKG + ".DocLitBare", "testDocLitBare",
                List.of(new SoapParameter("in", "BareDocument", "java.lang.String", SoapParameter.Mode.IN, false)),
                SOAP_PKG + ".BareDocumentResponse", null), bare);

        // the names come from CXF's Java model: the SEI and each method really exist in the generated sources
        Path soap = out.resolve(SOAP_PKG.replace('.', '/'));
        for (OperationModel o : model.operations()) {
            SoapBinding b = (SoapBinding) o.binding();
            String sei = Files.readString(soap.resolve(b.seiClass().substring(SOAP_PKG.length() + 1) + ".java"));
            assertTrue(sei.contains(" " + b.seiMethod() + "("), o.toolName());
            for (SoapParameter p : b.parameters()) {
                if (p.javaType().startsWith(SOAP_PKG)) {
                    assertTrue(Files.exists(soap.resolve(p.javaType().substring(SOAP_PKG.length() + 1) + ".java")));
                }
            }
        }
        assertFalse(Files.exists(soap.resolve("SOAPService.java")), "no Service class is generated");
    }

    @Test
    void mapsSchemas() throws IOException {
        ContractModel model = hello(new Diagnostics());

        SchemaModel in = op(model, "testNillable").input();
        assertEquals(Kind.OBJECT, in.kind());
        assertEquals(SOAP_PKG + ".TestNillable", in.javaType());
        assertEquals(List.of("NillElem", "intElem"), List.copyOf(in.properties().keySet()));
        assertEquals(List.of("NillElem", "intElem"), in.required());
        assertTrue(in.properties().get("NillElem").nullable());
        assertEquals(Kind.STRING, in.properties().get("NillElem").kind());
        assertEquals(Kind.INTEGER, in.properties().get("intElem").kind());
        assertEquals("int32", in.properties().get("intElem").format());
        assertFalse(in.properties().get("intElem").nullable());
        assertEquals("int64", op(model, "greetMeLater").input().properties().get("requestType").format());

        SchemaModel sayHiIn = op(model, "sayHi").input();
        assertEquals(Map.of(), sayHiIn.properties());
        assertEquals(SOAP_PKG + ".SayHi", sayHiIn.javaType());

        // doc/lit bare with a simple-typed part: a one-property record the writers generate
        SchemaModel bareIn = op(model, "testDocLitBare").input();
        assertEquals(Kind.OBJECT, bareIn.kind());
        assertEquals("TestDocLitBareInput", bareIn.typeName());
        assertNull(bareIn.javaType());
        assertEquals(List.of("BareDocument"), List.copyOf(bareIn.properties().keySet()));
        assertEquals(List.of("BareDocument"), bareIn.required());
        assertEquals(Kind.STRING, bareIn.properties().get("BareDocument").kind());
        SchemaModel bareOut = op(model, "testDocLitBare").output();
        assertEquals(SOAP_PKG + ".BareDocumentResponse", bareOut.javaType());
        assertEquals(List.of("company", "id"), List.copyOf(bareOut.properties().keySet()));
        assertEquals(List.of("company"), bareOut.required(), "an optional attribute is not required");
        assertEquals("int32", bareOut.properties().get("id").format());
    }

    @Test
    void readsSoap12() throws IOException {
        Diagnostics diagnostics = new Diagnostics();
        ContractModel model = WsdlTestSupport.read(WsdlTestSupport.corpus(SOAP12), "hello_world_soap12.wsdl", out,
                diagnostics);

        assertNotNull(model, diagnostics.all()::toString);
        assertEquals(List.of("sayHi", "pingMe"), model.operations().stream().map(OperationModel::toolName).toList());
        assertEquals("1.2", ((SoapBinding) model.operations().getFirst().binding()).soapVersion());
        assertEquals(Map.of("SoapPort", "http://localhost:9012/SoapContext/SoapPort"), model.soapPorts());
    }

    @Test
    void generatedSourcesCompile(@TempDir Path classes) throws IOException {
        assertNotNull(hello(new Diagnostics()));

        WsdlTestSupport.compile(out, classes);
        assertTrue(Files.exists(classes.resolve(SOAP_PKG.replace('.', '/') + "/Greeter.class")));
    }

    @Test
    void secondRunWritesIdenticalBytes(@TempDir Path other) throws IOException {
        assertNotNull(hello(new Diagnostics()));
        Map<String, String> first = snapshot(out);
        ContractModel again = WsdlTestSupport.read(WsdlTestSupport.corpus(HELLO), "hello_world.wsdl", other,
                new Diagnostics());
        assertNotNull(again);
        assertEquals(first, snapshot(other));
        assertFalse(first.isEmpty());
        assertTrue(first.values().stream().noneMatch(s -> s.matches("(?s).*\\b20\\d\\d-\\d\\d-\\d\\d.*")),
                "no dates in generated sources");

        // a rerun into the same directory changes nothing
        assertNotNull(hello(new Diagnostics()));
        assertEquals(first, snapshot(out));
    }

    private static Map<String, String> snapshot(Path root) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(p).toString(), Files.readString(p));
            }
        }
        return files;
    }

    @Test
    void reportsNoDiagnosticAsError() throws IOException {
        Diagnostics diagnostics = new Diagnostics();
        hello(diagnostics);
        assertTrue(diagnostics.all().stream().noneMatch(d -> d.severity() == Diagnostic.Severity.ERROR));
    }
}
