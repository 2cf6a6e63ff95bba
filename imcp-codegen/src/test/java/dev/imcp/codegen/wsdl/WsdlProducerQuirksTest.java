package dev.imcp.codegen.wsdl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.imcp.codegen.diag.Diagnostic;
import dev.imcp.codegen.diag.Diagnostics;
import dev.imcp.codegen.model.ContractModel;
import dev.imcp.codegen.model.OperationModel;
import dev.imcp.codegen.model.SchemaModel;
import dev.imcp.codegen.model.SchemaModel.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a sweep of WSDLs from SOAP toolkits' test suites (node-soap, zeep, savon, wsdl2go, wsdl2phpgenerator)
 * brought up: WSDLs real services publish that wsdl4j, XmlSchema or wsdl2java trip over. Each is written here in
 * a few lines; {@code SoapCallsTest} calls a binding WSDL with unusable operations and a .NET DataSet end to end.
 */
class WsdlProducerQuirksTest {

    private static final String NS = """
            xmlns="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"
                xmlns:xs="http://www.w3.org/2001/XMLSchema\"""";

    /** A schema with elements {@code ask}/{@code askResponse}, messages and a port type of one operation. */
    private static final String ABSTRACT = """
              <types>
                <xs:schema targetNamespace="urn:q:a" elementFormDefault="qualified">
                  <xs:element name="ask"><xs:complexType><xs:sequence>
                    <xs:element name="q" type="xs:string"/></xs:sequence></xs:complexType></xs:element>
                  <xs:element name="askResponse"><xs:complexType><xs:sequence>
                    <xs:element name="a" type="xs:string"/></xs:sequence></xs:complexType></xs:element>
                </xs:schema>
              </types>
              <message name="askIn"><part name="parameters" element="a:ask"/></message>
              <message name="askOut"><part name="parameters" element="a:askResponse"/></message>
              <portType name="Asker">
                <operation name="ask"><input message="a:askIn"/><output message="a:askOut"/></operation>
              </portType>
            """;

    @TempDir
    Path dir;

    /**
     * A document/literal SOAP 1.1 binding {@code <portType>Soap} of the request-response {@code operations} of
     * port type {@code prefix:portType}, each with SOAPAction {@code urn:<operation>}, and a service with one port
     * that uses it, then the end of the definitions.
     */
    private static String bindingAndService(String prefix, String portType, String... operations) {
        StringBuilder b = new StringBuilder("  <binding name=\"" + portType + "Soap\" type=\"" + prefix + ":" + portType
                + "\">\n    <soap:binding style=\"document\" transport=\"http://schemas.xmlsoap.org/soap/http\"/>\n");
        for (String op : operations) {
            b.append("    <operation name=\"").append(op).append("\"><soap:operation soapAction=\"urn:").append(op)
                    .append("\"/>\n      <input><soap:body use=\"literal\"/></input>")
                    .append("<output><soap:body use=\"literal\"/></output></operation>\n");
        }
        return b.append("  </binding>\n  <service name=\"").append(portType).append("Service\">\n    <port name=\"")
                .append(portType).append("Port\" binding=\"").append(prefix).append(":").append(portType)
                .append("Soap\"><soap:address location=\"http://127.0.0.1:9/").append(portType)
                .append("\"/></port>\n  </service>\n</definitions>\n").toString();
    }

    private ContractModel read(String file, Diagnostics diagnostics) throws IOException {
        return WsdlTestSupport.read(dir.resolve(file), file, dir.resolve("out"), diagnostics);
    }

    @Test
    void twoWsdlsThatImportEachOtherAreReadWithEveryOperation() throws IOException {
        // a.wsdl has the types, messages, port type and service; b.wsdl the binding; each imports the other.
        // wsdl4j reads b while a is half read, so b's binding first refers to a placeholder port type.
        Files.writeString(dir.resolve("a.wsdl"), """
                <definitions name="A" targetNamespace="urn:q:a" %s xmlns:a="urn:q:a" xmlns:b="urn:q:b">
                  <import namespace="urn:q:b" location="b.wsdl"/>
                %s
                  <service name="AskService">
                    <port name="AskPort" binding="b:AskerSoap"><soap:address location="http://127.0.0.1:9/ask"/></port>
                  </service>
                </definitions>
                """.formatted(NS, ABSTRACT));
        Files.writeString(dir.resolve("b.wsdl"), """
                <definitions name="B" targetNamespace="urn:q:b" %s xmlns:a="urn:q:a">
                  <import namespace="urn:q:a" location="a.wsdl"/>
                  <binding name="AskerSoap" type="a:Asker">
                    <soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>
                    <operation name="ask"><soap:operation soapAction="urn:ask"/>
                      <input><soap:body use="literal"/></input><output><soap:body use="literal"/></output></operation>
                  </binding>
                </definitions>
                """.formatted(NS));
        Diagnostics diagnostics = new Diagnostics();

        ContractModel model = read("a.wsdl", diagnostics);

        assertNotNull(model, diagnostics.all()::toString);
        assertEquals(List.of("ask"), model.operations().stream().map(OperationModel::toolName).toList());
        assertEquals(List.of("q"), model.operations().getFirst().input().required());
        assertEquals(List.of(), diagnostics.all());
    }

    @Test
    void aSchemaImportAnnouncingTheWrongNamespaceIsALocatedErrorNotACrash() throws IOException {
        Files.writeString(dir.resolve("common.xsd"), """
                <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:q:common">
                  <xs:complexType name="Money"><xs:sequence><xs:element name="v" type="xs:decimal"/></xs:sequence>
                  </xs:complexType>
                </xs:schema>
                """);
        Files.writeString(dir.resolve("pay.wsdl"), """
                <definitions name="Pay" targetNamespace="urn:q:a" %s xmlns:a="urn:q:a" xmlns:c="urn:q:common">
                  <types>
                    <xs:schema targetNamespace="urn:q:a" elementFormDefault="qualified">
                      <xs:import namespace="common.xsd" schemaLocation="common.xsd"/>
                      <xs:element name="pay"><xs:complexType><xs:sequence>
                        <xs:element name="amount" type="c:Money"/></xs:sequence></xs:complexType></xs:element>
                    </xs:schema>
                  </types>
                  <message name="payIn"><part name="parameters" element="a:pay"/></message>
                  <portType name="Payer"><operation name="pay"><input message="a:payIn"/></operation></portType>
                  <binding name="PayerSoap" type="a:Payer">
                    <soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>
                    <operation name="pay"><input><soap:body use="literal"/></input></operation>
                  </binding>
                  <service name="PayService">
                    <port name="PayPort" binding="a:PayerSoap"><soap:address location="http://127.0.0.1:9/pay"/></port>
                  </service>
                </definitions>
                """.formatted(NS));
        Diagnostics diagnostics = new Diagnostics();

        ContractModel model = read("pay.wsdl", diagnostics);

        assertNull(model);
        Diagnostic error = diagnostics.all().stream().filter(d -> d.severity() == Diagnostic.Severity.ERROR)
                .findFirst().orElseThrow();
        assertEquals("WSDL_SCHEMA_INVALID", error.code(), diagnostics.all()::toString);
        assertTrue(error.message().contains("announced to have the namespace common.xsd"), error.message());
        // at the schema that imports (wsdl:types of pay.wsdl), since XmlSchema names no line of its own
        assertEquals("pay.wsdl:3", error.location().file() + ":" + error.location().line(), error.toString());
    }

    @Test
    void operationsSharingABodyElementAreBothPublished() throws IOException {
        // WS-I Basic Profile wants unique body elements (for dispatch by the server); a client tells the two
        // operations apart by SOAPAction, so wsdl2java's WS-I check no longer refuses the WSDL
        Files.writeString(dir.resolve("twins.wsdl"), """
                <definitions name="Twins" targetNamespace="urn:q:a" %s xmlns:a="urn:q:a">
                %s
                  <portType name="Twins">
                    <operation name="askFast"><input message="a:askIn"/><output message="a:askOut"/></operation>
                    <operation name="askSlow"><input message="a:askIn"/><output message="a:askOut"/></operation>
                  </portType>
                """.formatted(NS, ABSTRACT.replace("<portType name=\"Asker\">", "<portType name=\"Unused\">"))
                + bindingAndService("a", "Twins", "askFast", "askSlow"));
        Diagnostics diagnostics = new Diagnostics();

        ContractModel model = read("twins.wsdl", diagnostics);

        assertNotNull(model, diagnostics.all()::toString);
        assertEquals(List.of("askFast", "askSlow"),
                model.operations().stream().map(OperationModel::toolName).sorted().toList());
    }

    @Test
    void aPortNamingAnUndefinedBindingIsNamedAndTheBindingNoPortUsesIsPublishedWithoutAddress() throws IOException {
        // a typo in the port's binding attribute: the port is left out with a warning at its line, and the
        // binding is published as a binding WSDL's would be, its address left to the configuration
        Files.writeString(dir.resolve("typo.wsdl"), """
                <definitions name="Typo" targetNamespace="urn:q:a" %s xmlns:a="urn:q:a">
                %s
                  <binding name="AskerSoap" type="a:Asker">
                    <soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>
                    <operation name="ask"><soap:operation soapAction="urn:ask"/>
                      <input><soap:body use="literal"/></input><output><soap:body use="literal"/></output></operation>
                  </binding>
                  <service name="AskService">
                    <port name="AskPort" binding="a:AskerBinding">
                      <soap:address location="http://127.0.0.1:9/ask"/>
                    </port>
                  </service>
                </definitions>
                """.formatted(NS, ABSTRACT));
        Diagnostics diagnostics = new Diagnostics();

        ContractModel model = read("typo.wsdl", diagnostics);

        assertNotNull(model, diagnostics.all()::toString);
        assertEquals(List.of("ask"), model.operations().stream().map(OperationModel::toolName).toList());
        assertNull(model.defaultUrl());
        // named without an address, so that the runtime knows the port's key (also as an environment variable)
        assertEquals(java.util.Map.of("AskerSoap", ""), model.soapPorts());
        assertEquals(List.of("typo.wsdl:23 WSDL_UNDEFINED_BINDING", "typo.wsdl:17 WSDL_NO_ADDRESS"),
                diagnostics.all().stream().map(d -> d.location().file() + ":" + d.location().line() + " " + d.code())
                        .toList());
        assertTrue(diagnostics.all().getFirst().message().contains("port AskPort names binding AskerBinding"),
                diagnostics.all().getFirst().message());
    }

    @Test
    void aBlankLineBeforeTheXmlDeclarationIsAnErrorThatSaysSo() throws IOException {
        // what PHP and JSP endpoints that print a newline before the document serve; Xerces calls it "The
        // processing instruction target matching [xX][mM][lL] is not allowed"
        Files.writeString(dir.resolve("blank.wsdl"), "\n\n<?xml version=\"1.0\"?>\n<definitions " + NS + "/>\n");
        Diagnostics diagnostics = new Diagnostics();

        assertNull(read("blank.wsdl", diagnostics));

        Diagnostic error = diagnostics.all().getFirst();
        assertEquals("WSDL_PARSE_ERROR", error.code());
        assertEquals(3, error.location().line());
        assertTrue(error.fix().startsWith("remove what comes before the XML declaration"), error.toString());
    }

    @Test
    void schemasDeclaringElementsOfTheSameNameAndTypeGetAPackageEachAndCompile() throws Exception {
        // Two namespaces declaring an element "state" of one shared type: in one package both are ObjectFactory's
        // createState(State), a collision XJC cannot name its way out of ("Two declarations cause a collision in
        // the ObjectFactory class"), as with WS-Notification's ConsumerReference in its b-2 and br-2 schemas
        Files.writeString(dir.resolve("status.wsdl"), """
                <definitions name="Status" targetNamespace="urn:q:svc" %s xmlns:s="urn:q:svc" xmlns:a="urn:q:a"
                    xmlns:b="urn:q:b" xmlns:t="urn:q:t">
                  <types>
                    <xs:schema targetNamespace="urn:q:t" elementFormDefault="qualified">
                      <xs:complexType name="State"><xs:sequence><xs:element name="up" type="xs:boolean"/>
                      </xs:sequence></xs:complexType>
                    </xs:schema>
                    <xs:schema targetNamespace="urn:q:a" elementFormDefault="qualified">
                      <xs:import namespace="urn:q:t"/>
                      <xs:element name="state" type="t:State"/>
                    </xs:schema>
                    <xs:schema targetNamespace="urn:q:b" elementFormDefault="qualified">
                      <xs:import namespace="urn:q:t"/>
                      <xs:element name="state" type="t:State"/>
                    </xs:schema>
                  </types>
                  <message name="in"><part name="parameters" element="a:state"/></message>
                  <message name="out"><part name="parameters" element="b:state"/></message>
                  <portType name="Status"><operation name="check"><input message="s:in"/><output message="s:out"/>
                  </operation></portType>
                """.formatted(NS) + bindingAndService("s", "Status", "check"));
        Path sources = dir.resolve("java");

        dev.imcp.codegen.GenerationResult result = new dev.imcp.codegen.ImcpGenerator().generate(
                new dev.imcp.codegen.CodegenRequest(List.of(dir.resolve("status.wsdl")), dir, sources,
                        dir.resolve("resources"), "com.example.q"));

        assertEquals(List.of("check"), result.contracts().getFirst().operations().stream()
                .map(OperationModel::toolName).toList());
        assertTrue(Files.exists(sources.resolve("com/example/q/status/soap/q_a/ObjectFactory.java")));
        assertTrue(Files.exists(sources.resolve("com/example/q/status/soap/q_b/ObjectFactory.java")));
        assertEquals(List.of("up"), result.contracts().getFirst().operations().getFirst().output().required());
        WsdlTestSupport.compile(sources, Files.createDirectories(dir.resolve("classes")));
    }

    @Test
    void anSapBindingWsdlIsPublishedOverSoap11WithItsFacetsAndItsAddressFromConfiguration() throws Exception {
        // SOA Manager's "WSDL for binding": WS-Policy with SAP's features, SOAP 1.1 and 1.2 bindings, no service
        Path wsdl = Path.of(WsdlProducerQuirksTest.class.getResource("/wsdl-quirks/sap-flight-binding.wsdl").toURI());
        Diagnostics diagnostics = new Diagnostics();

        ContractModel model = WsdlTestSupport.read(wsdl, "sap-flight-binding.wsdl", dir.resolve("out"), diagnostics);

        assertNotNull(model, diagnostics.all()::toString);
        assertEquals(List.of("sap-flight-binding.wsdl:97 WSDL_NO_ADDRESS"), diagnostics.all().stream()
                .map(d -> d.location().file() + ":" + d.location().line() + " " + d.code()).toList());
        assertTrue(diagnostics.all().getFirst().fix().startsWith("set imcp.services.hello.ports.ZFLIGHT.url "
                + "(environment: IMCP_SERVICES_HELLO_PORTS_ZFLIGHT_URL)"), diagnostics.all().getFirst().fix());
        OperationModel op = model.operations().getFirst();
        assertEquals("FlightGetList", op.toolName());
        dev.imcp.codegen.model.SoapBinding binding = (dev.imcp.codegen.model.SoapBinding) op.binding();
        assertEquals("1.1", binding.soapVersion(), "the SOAP 1.1 binding is preferred");
        assertEquals("ZFLIGHT", binding.portName());
        assertEquals("urn:sap-com:document:sap:soap:functions:mc-style:ZFLIGHT:FlightGetListRequest",
                binding.soapAction());
        // the rfc:functions simple types keep their facets: CHAR3 at most 3 characters, DEC 15,2 as a number
        assertEquals(new java.math.BigDecimal(3), op.input().properties().get("Airline").constraints().get("maxLength"));
        SchemaModel price = op.output().properties().get("FlightList").properties().get("item").items()
                .properties().get("Price");
        assertEquals(Kind.NUMBER, price.kind(), price.toString());
        assertNull(model.defaultUrl());
    }

    @Test
    void twoInlineSchemasOfOneNamespaceDoNotStopTheRescueOfTheOtherOperations() throws IOException {
        // a WSDL may split one namespace over several xsd:schema elements (WCF does); one operation names a
        // message nobody defines, so wsdl2java needs the copy without it, and the schemas must still read
        Files.writeString(dir.resolve("split.wsdl"), """
                <definitions name="Split" targetNamespace="urn:q:a" %s xmlns:a="urn:q:a">
                  <types>
                    <xs:schema targetNamespace="urn:q:a" elementFormDefault="qualified">
                      <xs:element name="ask"><xs:complexType><xs:sequence>
                        <xs:element name="q" type="xs:string"/></xs:sequence></xs:complexType></xs:element>
                    </xs:schema>
                    <xs:schema targetNamespace="urn:q:a" elementFormDefault="qualified">
                      <xs:element name="askResponse"><xs:complexType><xs:sequence>
                        <xs:element name="a" type="xs:string"/></xs:sequence></xs:complexType></xs:element>
                    </xs:schema>
                  </types>
                  <message name="askIn"><part name="parameters" element="a:ask"/></message>
                  <message name="askOut"><part name="parameters" element="a:askResponse"/></message>
                  <portType name="Asker">
                    <operation name="ask"><input message="a:askIn"/><output message="a:askOut"/></operation>
                    <operation name="old"><input message="a:oldIn"/><output message="a:askOut"/></operation>
                  </portType>
                """.formatted(NS) + bindingAndService("a", "Asker", "ask", "old"));
        Diagnostics diagnostics = new Diagnostics();

        ContractModel model = read("split.wsdl", diagnostics);

        assertNotNull(model, diagnostics.all()::toString);
        assertEquals(List.of("ask"), model.operations().stream().map(OperationModel::toolName).toList());
        assertEquals(List.of("WSDL_UNSUPPORTED_OPERATION"), diagnostics.all().stream().map(Diagnostic::code).toList());
    }

    @Test
    void anAttributeWsdl11DoesNotAllowIsAnErrorAtItsElement() throws IOException {
        // wsdl4j refuses an attribute in no namespace on a WSDL element, and names the element by its position
        Files.writeString(dir.resolve("attr.wsdl"), """
                <definitions name="Attr" targetNamespace="urn:q:a" %s xmlns:a="urn:q:a">
                  <message name="first"/>
                  <message name="second"
                      targetNamespace="urn:q:a"/>
                </definitions>
                """.formatted(NS));
        Diagnostics diagnostics = new Diagnostics();

        assertNull(read("attr.wsdl", diagnostics));

        Diagnostic error = diagnostics.all().getFirst();
        assertEquals("WSDL_PARSE_ERROR", error.code());
        assertEquals("attr.wsdl:5", error.location().file() + ":" + error.location().line(), error.toString());
        assertTrue(error.message().contains("illegal extension attribute 'targetNamespace'"), error.message());
    }

    @Test
    void wsdl4jsPositionsCountSiblingsByTheirQualifiedName() throws IOException {
        // wsdl4j names the fourth message "wsdl:message[2]": the second of those written with the wsdl prefix
        Files.writeString(dir.resolve("mixed.wsdl"), """
                <definitions targetNamespace="urn:q:a" xmlns="http://schemas.xmlsoap.org/wsdl/"
                    xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/">
                  <message name="m1"/>
                  <wsdl:message name="m2"/>
                  <message name="m3"/>
                  <wsdl:message name="m4" targetNamespace="urn:q:a"/>
                </definitions>
                """);
        Diagnostics diagnostics = new Diagnostics();

        assertNull(read("mixed.wsdl", diagnostics));

        Diagnostic error = diagnostics.all().getFirst();
        assertEquals("mixed.wsdl:6 WSDL_PARSE_ERROR", error.location().file() + ":" + error.location().line() + " "
                + error.code(), error.toString());
    }

    @Test
    void aNillableWrapperElementIsPublishedAsAnObjectAsMcpRequires() throws IOException {
        // MCP's Tool has inputSchema {"type": "object"}; ["object", "null"] makes strict clients refuse tools/list
        Files.writeString(dir.resolve("nil.wsdl"), """
                <definitions name="Nil" targetNamespace="urn:q:a" %s xmlns:a="urn:q:a">
                  <types>
                    <xs:schema targetNamespace="urn:q:a" elementFormDefault="qualified">
                      <xs:complexType name="Req"><xs:sequence><xs:element name="q" type="xs:string"/></xs:sequence>
                      </xs:complexType>
                      <xs:complexType name="Res"><xs:sequence><xs:element name="a" type="xs:string"/></xs:sequence>
                      </xs:complexType>
                      <xs:element name="ask" nillable="true" type="a:Req"/>
                      <xs:element name="askResponse" nillable="true" type="a:Res"/>
                    </xs:schema>
                  </types>
                  <message name="askIn"><part name="parameters" element="a:ask"/></message>
                  <message name="askOut"><part name="parameters" element="a:askResponse"/></message>
                  <portType name="Asker">
                    <operation name="ask"><input message="a:askIn"/><output message="a:askOut"/></operation>
                  </portType>
                """.formatted(NS) + bindingAndService("a", "Asker", "ask"));
        Diagnostics diagnostics = new Diagnostics();

        ContractModel model = read("nil.wsdl", diagnostics);

        assertNotNull(model, diagnostics.all()::toString);
        OperationModel op = model.operations().getFirst();
        assertEquals(Kind.OBJECT, op.input().kind());
        assertTrue(!op.input().nullable(), op.input().toString());
        assertEquals(List.of("q"), op.input().required());
        assertTrue(op.output() == null || !op.output().nullable(), String.valueOf(op.output()));
    }
}
