package dev.imcp.codegen.wsdl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.imcp.codegen.diag.Diagnostic;
import dev.imcp.codegen.diag.Diagnostics;
import dev.imcp.codegen.model.ContractModel;
import dev.imcp.codegen.model.SchemaModel;
import dev.imcp.codegen.model.SchemaModel.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Diagnostics of the WSDL reader, and schema mapping, on tiny contracts written here. */
class WsdlDiagnosticsTest {

    private static final String HEAD = """
            <?xml version="1.0" encoding="UTF-8"?>
            <definitions name="Tiny" targetNamespace="urn:tiny" xmlns="http://schemas.xmlsoap.org/wsdl/"
                xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:tns="urn:tiny"
                xmlns:xsd="http://www.w3.org/2001/XMLSchema">
              <types>
                <xsd:schema targetNamespace="urn:tiny" elementFormDefault="qualified">
                  <xsd:simpleType name="Color">
                    <xsd:restriction base="xsd:string">
                      <xsd:enumeration value="RED"/>
                      <xsd:enumeration value="GREEN"/>
                    </xsd:restriction>
                  </xsd:simpleType>
                  <xsd:complexType name="Point">
                    <xsd:sequence>
                      <xsd:element name="x" type="xsd:double"/>
                      <xsd:element name="when" type="xsd:dateTime" minOccurs="0"/>
                    </xsd:sequence>
                  </xsd:complexType>
                  <xsd:element name="paint">
                    <xsd:complexType>
                      <xsd:sequence>
                        <xsd:element name="color" type="tns:Color"/>
                        <xsd:element name="points" type="tns:Point" maxOccurs="unbounded"/>
                        <xsd:element name="note" type="xsd:string" minOccurs="0" nillable="true"/>
                        <xsd:element name="data" type="xsd:base64Binary"/>
                      </xsd:sequence>
                    </xsd:complexType>
                  </xsd:element>
                  <xsd:element name="paintResponse" type="xsd:boolean"/>
                </xsd:schema>
              </types>
              <message name="paintRequest"><part name="in" element="tns:paint"/></message>
              <message name="paintResponse"><part name="out" element="tns:paintResponse"/></message>
              <portType name="Painter">
                <operation name="paint">
                  <documentation>Paints points.</documentation>
                  <input message="tns:paintRequest"/>
                  <output message="tns:paintResponse"/>
                </operation>
              </portType>
            """;

    private static final String BINDING = """
              <binding name="PainterSoap" type="tns:Painter">
                <soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>
                <operation name="paint">
                  <soap:operation soapAction="urn:paint"/>
                  <input><soap:body use="literal"/></input>
                  <output><soap:body use="literal"/></output>
                </operation>
              </binding>
              <service name="PainterService">
                <port name="PainterPort" binding="tns:PainterSoap">
                  <soap:address location="http://localhost:8080/paint"/>
                </port>
              </service>
            </definitions>
            """;

    @TempDir
    Path dir;

    private ContractModel read(String text, Diagnostics diagnostics) throws IOException {
        Path file = dir.resolve("tiny.wsdl");
        Files.writeString(file, text);
        return WsdlTestSupport.read(file, "tiny.wsdl", dir.resolve("out"), diagnostics);
    }

    @Test
    void mapsEnumsArraysOptionalAndScalarOutput() throws IOException {
        Diagnostics diagnostics = new Diagnostics();
        ContractModel model = read(HEAD + BINDING, diagnostics);

        assertNotNull(model, diagnostics.all()::toString);
        assertEquals(List.of(), diagnostics.all());
        assertEquals("Paints points.", model.operations().getFirst().description());
        SchemaModel in = model.operations().getFirst().input();
        assertEquals(List.of("color", "points", "data"), in.required());
        SchemaModel color = in.properties().get("color");
        assertEquals(List.of("RED", "GREEN"), color.enumValues());
        assertEquals("com.example.hello.soap.Color", color.javaType());
        SchemaModel points = in.properties().get("points");
        assertEquals(Kind.ARRAY, points.kind());
        assertEquals(Kind.OBJECT, points.items().kind());
        assertEquals("com.example.hello.soap.Point", points.items().javaType());
        assertEquals(List.of("x"), points.items().required());
        assertEquals("double", points.items().properties().get("x").format());
        assertEquals("date-time", points.items().properties().get("when").format());
        assertTrue(in.properties().get("note").nullable());
        assertEquals("base64", in.properties().get("data").contentEncoding(), "xsd:base64Binary");
        assertNull(in.properties().get("data").format());
        SchemaModel out = model.operations().getFirst().output();
        assertEquals(Kind.BOOLEAN, out.kind());
        assertEquals("java.lang.Boolean", ((dev.imcp.codegen.model.SoapBinding) model.operations().getFirst().binding())
                .returnType());
    }

    @Test
    void anErrorInAnImportedSchemaIsReportedInThatFileAtItsLine() throws IOException {
        Files.createDirectories(dir.resolve("types"));
        String xsd = """
                <?xml version="1.0" encoding="UTF-8"?>
                <xsd:schema targetNamespace="urn:tiny:types" xmlns:xsd="http://www.w3.org/2001/XMLSchema">
                  <xsd:simpleType name="Code">
                    <xsd:restriction base="xsd:strin"/>
                  </xsd:simpleType>
                  <xsd:element name="paint" type="xsd:string"/>
                </xsd:schema>
                """;
        Files.writeString(dir.resolve("types/paint.xsd"), xsd);
        String wsdl = HEAD.replace("<xsd:schema targetNamespace=\"urn:tiny\" elementFormDefault=\"qualified\">",
                "<xsd:schema targetNamespace=\"urn:tiny\" elementFormDefault=\"qualified\">\n"
                        + "<xsd:import namespace=\"urn:tiny:types\" schemaLocation=\"types/paint.xsd\"/>") + BINDING;
        Diagnostics diagnostics = new Diagnostics();

        assertNull(read(wsdl, diagnostics));
        Diagnostic d = diagnostics.all().stream().filter(x -> x.code().equals("WSDL_CODEGEN_FAILED")).findFirst()
                .orElseThrow(() -> new AssertionError(diagnostics.all().toString()));
        assertEquals("types/paint.xsd", d.location().file(), d.toString());
        assertEquals(4, d.location().line(), d.toString());
        assertTrue(d.message().contains("xsd:strin"), d.message());
    }

    @Test
    void remoteAndMissingImportsAreAllReportedAtTheirLinesAndNothingIsFetched() throws IOException {
        String wsdl = HEAD.replace("<xsd:schema targetNamespace=\"urn:tiny\" elementFormDefault=\"qualified\">",
                "<xsd:schema targetNamespace=\"urn:tiny\" elementFormDefault=\"qualified\">\n"
                        + "<xsd:import namespace=\"urn:remote\" schemaLocation=\"https://schemas.example.com/remote.xsd\"/>\n"
                        + "<xsd:import namespace=\"urn:gone\" schemaLocation=\"types/gone.xsd\"/>") + BINDING;
        Diagnostics diagnostics = new Diagnostics();

        assertNull(read(wsdl, diagnostics));
        assertEquals(List.of("WSDL_REMOTE_IMPORT", "WSDL_MISSING_IMPORT"),
                diagnostics.all().stream().map(Diagnostic::code).toList(), diagnostics.all()::toString);
        Diagnostic remote = diagnostics.all().get(0);
        assertEquals("tiny.wsdl", remote.location().file());
        assertEquals(line(wsdl, "remote.xsd"), remote.location().line());
        assertTrue(remote.fix().contains("curl -o"), remote.fix());
        Diagnostic missing = diagnostics.all().get(1);
        assertEquals(line(wsdl, "gone.xsd"), missing.location().line());
        assertTrue(missing.message().contains("types/gone.xsd"), missing.message());
    }

    @Test
    void aDtdIsRefusedBeforeAnyParserResolvesItsEntities() throws IOException {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET-VALUE");
        String prolog = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE definitions [\n"
                + "  <!ENTITY leak SYSTEM \"" + secret.toUri() + "\">\n"
                + "  <!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">\n"
                + "  <!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\"><!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">\n]>\n";
        String wsdl = prolog + HEAD.substring(HEAD.indexOf("<definitions")).replace("Paints points.", "&leak; &d;") + BINDING;
        Diagnostics diagnostics = new Diagnostics();

        assertNull(read(wsdl, diagnostics));
        assertEquals(List.of("WSDL_DOCTYPE"), diagnostics.all().stream().map(Diagnostic::code).toList());
        assertEquals(2, diagnostics.all().getFirst().location().line());
        assertFalse(diagnostics.all().toString().contains("TOP-SECRET-VALUE"));
        assertTrue(Files.notExists(dir.resolve("out")), "nothing is generated");
    }

    @Test
    void everyBrokenReferenceIsReportedAtItsElementInOneRun() throws IOException {
        String wsdl = HEAD.replace("<part name=\"in\" element=\"tns:paint\"/>", "<part name=\"in\" element=\"tns:pint\"/>")
                + """
                  <binding name="OrphanSoap" type="tns:Missing">
                    <soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>
                  </binding>
                """ + BINDING.replace("</service>", "<port name=\"OrphanPort\" binding=\"tns:OrphanSoap\">"
                        + "<soap:address location=\"http://localhost/orphan\"/></port></service>");
        Diagnostics diagnostics = new Diagnostics();

        assertNull(read(wsdl, diagnostics));
        assertEquals(List.of("WSDL_UNDEFINED_PORT_TYPE", "WSDL_UNDEFINED_ELEMENT"),
                diagnostics.all().stream().map(Diagnostic::code).toList(), diagnostics.all()::toString);
        assertEquals(line(wsdl, "<binding name=\"OrphanSoap\""), diagnostics.all().get(0).location().line());
        assertEquals(line(wsdl, "tns:pint"), diagnostics.all().get(1).location().line());
        assertTrue(diagnostics.all().get(1).message().contains("{urn:tiny}pint"), diagnostics.all().get(1).message());
    }

    @Test
    void soapEncodingOverSoap12IsSkippedAtTheOperation() throws IOException {
        String wsdl = HEAD.replace("xmlns:soap=\"http://schemas.xmlsoap.org/wsdl/soap/\"",
                "xmlns:soap=\"http://schemas.xmlsoap.org/wsdl/soap12/\"") + BINDING
                .replace("<soap:binding style=\"document\"", "<soap:binding style=\"rpc\"")
                .replace("<soap:body use=\"literal\"/>", "<soap:body use=\"encoded\" namespace=\"urn:tiny\" "
                        + "encodingStyle=\"http://www.w3.org/2003/05/soap-encoding\"/>");
        Diagnostics diagnostics = new Diagnostics();

        assertEquals(List.of(), read(wsdl, diagnostics).operations());
        Diagnostic skipped = diagnostics.all().stream().filter(d -> d.code().equals("WSDL_UNSUPPORTED_OPERATION"))
                .findFirst().orElseThrow(() -> new AssertionError(diagnostics.all().toString()));
        assertTrue(skipped.message().contains("SOAP 1.2 binding uses SOAP encoding"), skipped.message());
        assertEquals(line(wsdl, "<operation name=\"paint\">"), skipped.location().line());
    }

    @Test
    void malformedXml() throws IOException {
        Diagnostics diagnostics = new Diagnostics();
        String broken = HEAD.replace("<portType name=\"Painter\">", "<portType name=\"Painter\">\n    <oops>") + BINDING;

        assertNull(read(broken, diagnostics));
        assertEquals(1, diagnostics.all().size(), diagnostics.all()::toString);
        Diagnostic d = diagnostics.all().getFirst();
        assertEquals("WSDL_PARSE_ERROR", d.code());
        assertEquals(Diagnostic.Severity.ERROR, d.severity());
        assertEquals("tiny.wsdl", d.location().file());
        assertEquals(line(broken, "</portType>"), d.location().line());
        assertTrue(d.toString().startsWith("tiny.wsdl:" + d.location().line() + ":"), d.toString());
    }

    @Test
    void noSoapBinding() throws IOException {
        Diagnostics diagnostics = new Diagnostics();

        assertNull(read(HEAD + "</definitions>\n", diagnostics));
        assertEquals(1, diagnostics.all().size(), diagnostics.all()::toString);
        Diagnostic d = diagnostics.all().getFirst();
        assertEquals("WSDL_NO_SOAP_BINDING", d.code());
        assertEquals(4, d.location().line(), "the definitions start tag ends on line 4");
        assertEquals("/definitions[@name='Tiny']", d.location().pointer());
        assertNotNull(d.fix());
        assertTrue(Files.notExists(dir.resolve("out")), "nothing is generated");
    }

    @Test
    void encodedPartsThatNameElementsAreSkippedWithAWarning() throws IOException {
        Diagnostics diagnostics = new Diagnostics();
        String rpc = HEAD + BINDING.replace("style=\"document\"", "style=\"rpc\"")
                .replace("use=\"literal\"", "use=\"encoded\" encodingStyle=\"http://schemas.xmlsoap.org/soap/encoding/\"");

        assertEquals(List.of(), read(rpc, diagnostics).operations(), "nothing to publish: an empty contract");
        assertEquals(List.of("WSDL_UNSUPPORTED_OPERATION", "WSDL_NO_OPERATIONS"),
                diagnostics.all().stream().map(Diagnostic::code).toList());
        Diagnostic skipped = diagnostics.all().getFirst();
        assertEquals(Diagnostic.Severity.WARNING, skipped.severity());
        assertEquals(1, skipped.skippedOperations());
        assertTrue(skipped.message().contains("rpc/encoded parts must name a type"), skipped.message());
        assertEquals(Diagnostic.Severity.WARNING, diagnostics.all().get(1).severity(),
                "a contract with nothing to publish is a warning; the adapter with no tool is the error");
    }

    /**
     * SOAP with Attachments (WSDL 1.1 section 5): {@code upload} sends a MIME part and receives one; the other
     * operations bind MIME in ways a tool cannot call, each skipped with a warning at its operation.
     */
    private static final String SWA = """
            <?xml version="1.0" encoding="UTF-8"?>
            <definitions name="Files" targetNamespace="urn:files" xmlns="http://schemas.xmlsoap.org/wsdl/"
                xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:mime="http://schemas.xmlsoap.org/wsdl/mime/"
                xmlns:tns="urn:files" xmlns:xsd="http://www.w3.org/2001/XMLSchema">
              <types>
                <xsd:schema targetNamespace="urn:files" elementFormDefault="qualified">
                  <xsd:element name="meta"><xsd:complexType><xsd:sequence>
                    <xsd:element name="title" type="xsd:string"/>
                  </xsd:sequence></xsd:complexType></xsd:element>
                  <xsd:element name="ack" type="xsd:int"/>
                </xsd:schema>
              </types>
              <message name="in"><part name="meta" element="tns:meta"/><part name="file" type="xsd:hexBinary"/></message>
              <message name="out"><part name="ack" element="tns:ack"/><part name="receipt" type="xsd:base64Binary"/></message>
              <message name="textIn"><part name="meta" element="tns:meta"/><part name="note" type="xsd:string"/></message>
              <message name="ackOnly"><part name="ack" element="tns:ack"/></message>
              <portType name="Files">
                <operation name="upload"><input message="tns:in"/><output message="tns:out"/></operation>
                <operation name="photo"><input message="tns:in"/><output message="tns:ackOnly"/></operation>
                <operation name="xml"><input message="tns:in"/><output message="tns:ackOnly"/></operation>
                <operation name="text"><input message="tns:textIn"/><output message="tns:ackOnly"/></operation>
              </portType>
              <binding name="FilesSoap" type="tns:Files">
                <soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>
                <operation name="upload">
                  <soap:operation soapAction="urn:upload"/>
                  <input><mime:multipartRelated>
                    <mime:part><soap:body parts="meta" use="literal"/></mime:part>
                    <mime:part><mime:content part="file" type="image/*"/></mime:part>
                  </mime:multipartRelated></input>
                  <output><mime:multipartRelated>
                    <mime:part><soap:body parts="ack" use="literal"/></mime:part>
                    <mime:part><mime:content part="receipt" type="application/pdf"/></mime:part>
                  </mime:multipartRelated></output>
                </operation>
                <operation name="photo">
                  <soap:operation soapAction="urn:photo"/>
                  <input><mime:multipartRelated>
                    <mime:part><soap:body parts="meta" use="literal"/></mime:part>
                    <mime:part><mime:content part="file" type="image/gif"/><mime:content part="file" type="image/jpeg"/></mime:part>
                  </mime:multipartRelated></input>
                  <output><soap:body use="literal"/></output>
                </operation>
                <operation name="xml">
                  <soap:operation soapAction="urn:xml"/>
                  <input><mime:multipartRelated>
                    <mime:part><soap:body parts="meta" use="literal"/></mime:part>
                    <mime:part><mime:mimeXml part="file"/></mime:part>
                  </mime:multipartRelated></input>
                  <output><soap:body use="literal"/></output>
                </operation>
                <operation name="text">
                  <soap:operation soapAction="urn:text"/>
                  <input><mime:multipartRelated>
                    <mime:part><soap:body parts="meta" use="literal"/></mime:part>
                    <mime:part><mime:content part="note" type="text/plain"/></mime:part>
                  </mime:multipartRelated></input>
                  <output><soap:body use="literal"/></output>
                </operation>
              </binding>
              <service name="FilesService">
                <port name="FilesPort" binding="tns:FilesSoap"><soap:address location="http://localhost:8080/files"/></port>
              </service>
            </definitions>
            """;

    @Test
    void mimePartsAreBase64PropertiesAndTheBindingNamesThem() throws IOException {
        Diagnostics diagnostics = new Diagnostics();
        ContractModel model = read(SWA, diagnostics);

        assertNotNull(model, diagnostics.all()::toString);
        assertEquals(List.of("upload"), model.operations().stream().map(o -> o.toolName()).toList());
        dev.imcp.codegen.model.OperationModel upload = model.operations().getFirst();
        // the attachment carries raw bytes, so a hexBinary part is base64 too; a wildcard type says no media type
        SchemaModel file = upload.input().properties().get("file");
        assertEquals(Kind.STRING, file.kind());
        assertEquals("base64", file.contentEncoding());
        assertNull(file.contentMediaType());
        assertEquals(List.of("meta", "file"), upload.input().required());
        SchemaModel receipt = upload.output().properties().get("receipt");
        assertEquals("application/pdf", receipt.contentMediaType());
        assertEquals(List.of("ack"), upload.output().required(), "an attachment the response lacks is null");
        assertEquals(List.of(new dev.imcp.codegen.model.SoapAttachment("upload", false, "file", null),
                        new dev.imcp.codegen.model.SoapAttachment("upload", true, "receipt", "application/pdf")),
                ((dev.imcp.codegen.model.SoapBinding) upload.binding()).attachments());

        List<Diagnostic> skipped = diagnostics.all();
        assertEquals(List.of("photo", "xml", "text"), skipped.stream()
                .map(d -> d.message().replaceAll("^operation (\\w+) is skipped.*", "$1")).toList(), skipped::toString);
        for (Diagnostic d : skipped) {
            assertEquals("WSDL_UNSUPPORTED_OPERATION", d.code());
            assertEquals(Diagnostic.Severity.WARNING, d.severity());
            String operation = d.message().split(" ")[1];
            assertEquals(line(SWA, "<operation name=\"" + operation + "\">"), d.location().line(), d.toString());
        }
        assertTrue(skipped.get(0).message().contains("alternative types (image/gif, image/jpeg"), skipped.get(0).message());
        assertTrue(skipped.get(1).message().contains("mime:mimeXml"), skipped.get(1).message());
        assertTrue(skipped.get(2).message().contains("'note' maps to the Java type java.lang.String"),
                skipped.get(2).message());
    }

    @Test
    void cxfFailureIsADiagnosticAtTheSchemaLine() throws IOException {
        Diagnostics diagnostics = new Diagnostics();
        // a schema element of an undefined type: XJC refuses it, and says where
        String bad = HEAD.replace("<xsd:element name=\"x\" type=\"xsd:double\"/>",
                "<xsd:element name=\"x\" type=\"tns:Nope\"/>") + BINDING;

        assertNull(read(bad, diagnostics));
        assertEquals(1, diagnostics.all().size(), diagnostics.all()::toString);
        assertEquals("WSDL_CODEGEN_FAILED", diagnostics.all().getFirst().code());
        assertEquals(line(bad, "tns:Nope"), diagnostics.all().getFirst().location().line());
    }

    private static int line(String text, String needle) {
        int at = text.indexOf(needle);
        return (int) text.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
    }
}
