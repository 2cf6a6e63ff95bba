package dev.imcp.runtime.upstream.encoded;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imcp.runtime.upstream.UpstreamHttpClient;
import dev.imcp.runtime.spi.UpstreamException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import javax.xml.namespace.QName;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EncodedSoapClientTest {

    private static final String ENV = "http://schemas.xmlsoap.org/soap/envelope/";
    private static final String ENC = "http://schemas.xmlsoap.org/soap/encoding/";
    private static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";
    private static final String XSD = "http://www.w3.org/2001/XMLSchema";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final UpstreamHttpClient HTTP = new UpstreamHttpClient(Duration.ofSeconds(5));

    private SoapStub stub;
    private EncodedSoapClient client;

    @BeforeEach
    void start() throws Exception {
        stub = new SoapStub();
        client = new EncodedSoapClient(HTTP, stub.uri(), Map.of("X-Tenant", "acme"), Duration.ofSeconds(10),
                EncodedSoapClient.DEFAULT_MAX_RESPONSE_BYTES);
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    private static Map<String, Object> suite(String rsid) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("rsid", rsid);
        s.put("site_title", null);
        s.put("num_evars", 75);
        s.put("hits", 9007199254740993L); // 2^53 + 1: a double would lose the last digit
        s.put("revenue", new BigDecimal("1234567890123.4500"));
        s.put("ratio", 0.1);
        s.put("active", true);
        s.put("created", "2024-02-29T23:59:59.123Z");
        s.put("logo", "aGVsbG8gd29ybGQ=");
        s.put("tags", List.of("  padded  ", "Café & <Bar> ]]> \"q\" 'a' \uD834\uDD1E"));
        return s;
    }

    private static Map<String, Object> saveArguments() {
        Map<String, Object> second = suite("acme-dev");
        second.remove("site_title"); // minOccurs 0: left out of the request
        second.put("active", false);
        second.put("num_evars", -2147483648);
        second.put("tags", new ArrayList<>(java.util.Arrays.asList("x", null)));
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("suites", List.of(suite("acme-prod"), second));
        args.put("matrix", List.of(List.of(1, 2, 3), List.of()));
        args.put("note", null);
        args.put("count", 2);
        return args;
    }

    @Test
    void theCallsTraceContextAndCorrelationIdGoAsHeaders() throws Exception {
        String empty = """
                <soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/">
                <soapenv:Body><ns1:ReportSuite.SaveResponse xmlns:ns1="http://www.omniture.com/"/></soapenv:Body>
                </soapenv:Envelope>""";
        stub.answer(200, empty);
        try (var scope = dev.imcp.runtime.upstream.UpstreamTrace.open(
                "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "enc-call:42")) {
            client.call(Omniture.SAVE, saveArguments());
        }
        assertEquals("enc-call:42", stub.lastHeaders.getFirst("X-Correlation-ID"));
        assertTrue(stub.lastHeaders.getFirst("traceparent").startsWith("00-4bf92f3577b34da6a3ce929d0e0e4736-"));
        stub.answer(200, empty);
        client.call(Omniture.SAVE, saveArguments());
        assertNull(stub.lastHeaders.getFirst("X-Correlation-ID"), "none outside a call");
    }

    @Test
    void requestEnvelopeIsRpcEncoded() throws Exception {
        stub.answer(200, """
                <soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/">
                <soapenv:Body><ns1:ReportSuite.SaveResponse xmlns:ns1="http://www.omniture.com/"/></soapenv:Body>
                </soapenv:Envelope>""");
        assertNull(client.call(Omniture.SAVE, saveArguments()));

        assertEquals("POST", stub.lastMethod);
        assertEquals("\"http://www.omniture.com/ReportSuite.Save\"", stub.lastHeaders.getFirst("SOAPAction"));
        assertTrue(stub.lastHeaders.getFirst("Content-Type").startsWith("text/xml"), stub.lastHeaders.getFirst("Content-Type"));
        assertEquals("acme", stub.lastHeaders.getFirst("X-Tenant"));

        Document doc = parse(stub.lastBody);
        Element body = only(doc.getDocumentElement(), ENV, "Body");
        Element wrapper = only(body, Omniture.NS, "ReportSuite.Save");
        assertEquals(ENC, wrapper.getAttributeNS(ENV, "encodingStyle"));
        List<Element> parts = ResponseReader.children(wrapper);
        assertEquals(List.of("suites", "matrix", "note", "count"), parts.stream().map(Element::getLocalName).toList());
        parts.forEach(p -> assertNull(p.getNamespaceURI(), "parts are unqualified: " + p.getLocalName()));

        Element suites = parts.get(0);
        assertEquals(new QName(ENC, "Array"), xsiType(suites));
        assertEquals(Omniture.omni("report_suite") + "[2]", arrayType(suites));
        List<Element> items = ResponseReader.children(suites);
        assertEquals(2, items.size());
        Element first = items.get(0);
        assertEquals(Omniture.omni("report_suite"), xsiType(first));
        assertEquals(List.of("rsid", "site_title", "num_evars", "hits", "revenue", "ratio", "active", "created", "logo", "tags"),
                ResponseReader.children(first).stream().map(Element::getLocalName).toList());
        assertEquals("true", child(first, "site_title").getAttributeNS(XSI, "nil"));
        assertEquals(new QName(XSD, "long"), xsiType(child(first, "hits")));
        assertEquals("9007199254740993", child(first, "hits").getTextContent());
        assertEquals("1234567890123.4500", child(first, "revenue").getTextContent());
        assertEquals(new QName(XSD, "base64Binary"), xsiType(child(first, "logo")));
        assertEquals(new QName(XSD, "string") + "[2]", arrayType(child(first, "tags")));
        assertFalse(ResponseReader.children(items.get(1)).stream().anyMatch(e -> e.getLocalName().equals("site_title")),
                "a missing minOccurs=0 field is left out");
        assertEquals("false", child(items.get(1), "active").getTextContent());

        Element matrix = parts.get(1);
        assertEquals(new QName(XSD, "int") + "[][2]", arrayType(matrix));
        Element row = ResponseReader.children(matrix).get(0);
        assertEquals(new QName(ENC, "Array"), xsiType(row));
        assertEquals(new QName(XSD, "int") + "[3]", arrayType(row));
        assertEquals(new QName(XSD, "int"), xsiType(ResponseReader.children(row).get(2)));
        assertEquals("3", ResponseReader.children(row).get(2).getTextContent());
        assertEquals(new QName(XSD, "int") + "[0]", arrayType(ResponseReader.children(matrix).get(1)));

        assertEquals("true", parts.get(2).getAttributeNS(XSI, "nil"));
        assertEquals(new QName(XSD, "int"), xsiType(parts.get(3)));
        assertEquals("2", parts.get(3).getTextContent());
    }

    @Test
    void everyValueRoundTripsExactly() throws Exception {
        // The stub answers the request's own accessors under an EchoResponse wrapper.
        stub.answer(b -> new String(b, StandardCharsets.UTF_8).replace(":Echo ", ":EchoResponse ")
                .replace(":Echo>", ":EchoResponse>").getBytes(StandardCharsets.UTF_8));
        Map<String, Object> args = saveArguments();
        Object result = client.call(Omniture.ECHO, args);
        assertEquals(args, result);
        Map<?, ?> first = (Map<?, ?>) ((List<?>) ((Map<?, ?>) result).get("suites")).get(0);
        assertEquals(Long.class, first.get("hits").getClass());
        assertEquals(BigDecimal.class, first.get("revenue").getClass());
        assertEquals(Integer.class, first.get("num_evars").getClass());
        assertEquals("{\"rsid\":\"acme-prod\",\"site_title\":null,\"num_evars\":75,\"hits\":9007199254740993,"
                + "\"revenue\":1234567890123.4500,\"ratio\":0.1,\"active\":true,\"created\":\"2024-02-29T23:59:59.123Z\","
                + "\"logo\":\"aGVsbG8gd29ybGQ=\",\"tags\":[\"  padded  \",\"Café & <Bar> ]]> \\\"q\\\" 'a' \uD834\uDD1E\"]}",
                JSON.writeValueAsString(first));
    }

    @Test
    void axisMultiRefsAreResolved() throws Exception {
        // Axis 1 style: the array's items and even a scalar are multiRef siblings of the wrapper.
        stub.answer(200, """
                <?xml version="1.0" encoding="UTF-8"?>
                <soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" \
                xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
                 <soapenv:Body>
                  <ns1:ReportSuite.SaveResponse soapenv:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/" \
                xmlns:ns1="http://www.omniture.com/">
                   <ReportSuite.SaveReturn xsi:type="soapenc:Array" soapenc:arrayType="ns2:report_suite[2]" \
                xmlns:ns2="http://www.omniture.com/" xmlns:soapenc="http://schemas.xmlsoap.org/soap/encoding/">
                    <item href="#id0"/>
                    <item href="#id1"/>
                   </ReportSuite.SaveReturn>
                  </ns1:ReportSuite.SaveResponse>
                  <multiRef id="id1" soapenc:root="0" soapenv:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/" \
                xsi:type="ns3:report_suite" xmlns:soapenc="http://schemas.xmlsoap.org/soap/encoding/" \
                xmlns:ns3="http://www.omniture.com/">
                   <rsid xsi:type="xsd:string">acme-dev</rsid>
                   <num_evars href="#id2"/>
                   <tags xsi:type="soapenc:Array" soapenc:arrayType="xsd:string[0]"/>
                  </multiRef>
                  <multiRef id="id0" soapenc:root="0" soapenv:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/" \
                xsi:type="ns4:report_suite" xmlns:soapenc="http://schemas.xmlsoap.org/soap/encoding/" \
                xmlns:ns4="http://www.omniture.com/">
                   <rsid xsi:type="xsd:string">acme-prod</rsid>
                   <site_title xsi:type="xsd:string" xsi:nil="true"/>
                   <num_evars href="#id2"/>
                   <hits xsi:type="xsd:long">9223372036854775807</hits>
                   <revenue xsi:type="xsd:decimal">-0.005</revenue>
                   <ratio xsi:type="xsd:double">1.5E-7</ratio>
                   <active xsi:type="xsd:boolean">1</active>
                   <logo xsi:type="xsd:base64Binary">aGVs
                bG8=</logo>
                   <tags href="#id3"/>
                  </multiRef>
                  <multiRef id="id2" soapenc:root="0" soapenv:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/" \
                xsi:type="xsd:int" xmlns:soapenc="http://schemas.xmlsoap.org/soap/encoding/">100</multiRef>
                  <multiRef id="id3" soapenc:root="0" xsi:type="soapenc:Array" soapenc:arrayType="xsd:string[2]" \
                xmlns:soapenc="http://schemas.xmlsoap.org/soap/encoding/"><item>a</item><item xsi:nil="true"/></multiRef>
                 </soapenv:Body>
                </soapenv:Envelope>""");
        Object result = client.call(Omniture.SAVE, Map.of());
        assertEquals("[{\"rsid\":\"acme-prod\",\"site_title\":null,\"num_evars\":100,\"hits\":9223372036854775807,"
                + "\"revenue\":-0.005,\"ratio\":1.5E-7,\"active\":true,\"logo\":\"aGVsbG8=\",\"tags\":[\"a\",null]},"
                + "{\"rsid\":\"acme-dev\",\"num_evars\":100,\"tags\":[]}]", JSON.writeValueAsString(result));
    }

    @Test
    void phpArraysOfStructsNestedArraysAndSeveralParts() throws Exception {
        // NuSOAP style: SOAP-ENC prefix, inline items, Latin-1, an array typed only by the descriptor.
        String xml = """
                <?xml version="1.0" encoding="ISO-8859-1"?>
                <SOAP-ENV:Envelope SOAP-ENV:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/" \
                xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsd="http://www.w3.org/2001/XMLSchema" \
                xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" \
                xmlns:SOAP-ENC="http://schemas.xmlsoap.org/soap/encoding/" xmlns:tns="http://www.omniture.com/">\
                <SOAP-ENV:Body><ns1:Company.GetReportSuitesResponse xmlns:ns1="http://www.omniture.com/">\
                <report_suites xsi:type="SOAP-ENC:Array" SOAP-ENC:arrayType="tns:report_suite[2]">\
                <item xsi:type="tns:report_suite"><rsid xsi:type="xsd:string">caf\u00e9</rsid>\
                <num_evars xsi:type="xsd:int">+7</num_evars><tags><item>x</item><item>y</item></tags></item>\
                <item><rsid>plain</rsid><num_evars>8</num_evars><ratio>INF</ratio><active>false</active></item>\
                </report_suites><total xsi:type="xsd:int">2</total>\
                </ns1:Company.GetReportSuitesResponse></SOAP-ENV:Body></SOAP-ENV:Envelope>""";
        stub.answer(200, xml.getBytes(StandardCharsets.ISO_8859_1), false);
        Object result = client.call(Omniture.GET_SUITES, Map.of());
        assertEquals("{\"report_suites\":[{\"rsid\":\"café\",\"num_evars\":7,\"tags\":[\"x\",\"y\"]},"
                + "{\"rsid\":\"plain\",\"num_evars\":8,\"ratio\":\"INF\",\"active\":false}],\"total\":2}",
                JSON.writeValueAsString(result));
        assertTrue(stub.lastBodyText().contains("Company.GetReportSuites"));
    }

    @Test
    void nestedArraysAreReadByArrayTypeAndByDescriptor() throws Exception {
        stub.answer(200, """
                <SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/" \
                xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" \
                xmlns:enc="http://schemas.xmlsoap.org/soap/encoding/"><SOAP-ENV:Body><m:EchoResponse xmlns:m="urn:x">\
                <a/><matrix enc:arrayType="xsd:int[][2]"><row enc:arrayType="xsd:int[2]"><v>1</v><v>-2</v></row>\
                <row><v>3</v></row></matrix><note xsi:type="xsd:string"></note></m:EchoResponse></SOAP-ENV:Body></SOAP-ENV:Envelope>""");
        Map<?, ?> result = (Map<?, ?>) client.call(Omniture.ECHO, Map.of());
        assertEquals(List.of(List.of(1, -2), List.of(3)), result.get("matrix"));
        assertEquals("", result.get("note"));
        assertEquals(List.of(), result.get("suites"), "an empty accessor of an array type is an empty array");
        assertNull(result.get("count"), "no accessor left for it");
        assertTrue(result.containsKey("count"));
    }

    @Test
    void faultBecomesUpstreamExceptionWithCodeStringAndDetail() throws Exception {
        stub.answer(500, """
                <soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" \
                xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
                 <soapenv:Body>
                  <soapenv:Fault>
                   <faultcode>soapenv:Server.userException</faultcode>
                   <faultstring>Invalid report suite: nope</faultstring>
                   <detail>
                    <ns1:hostname xmlns:ns1="http://xml.apache.org/axis/">api2.omniture.com</ns1:hostname>
                    <errorCode xsi:type="xsd:int">120</errorCode>
                   </detail>
                  </soapenv:Fault>
                 </soapenv:Body>
                </soapenv:Envelope>""");
        UpstreamException e = assertThrows(UpstreamException.class, () -> client.call(Omniture.SAVE, Map.of()));
        assertEquals(500, e.status());
        assertEquals("SOAP fault soapenv:Server.userException: Invalid report suite: nope", e.getMessage());
        assertEquals("{\"faultcode\":\"soapenv:Server.userException\",\"faultstring\":\"Invalid report suite: nope\","
                + "\"detail\":{\"hostname\":\"api2.omniture.com\",\"errorCode\":120}}", e.body());
    }

    @Test
    void cyclicReferenceFailsInsteadOfLooping() {
        stub.answer(200, """
                <e:Envelope xmlns:e="http://schemas.xmlsoap.org/soap/envelope/"><e:Body>\
                <n:Tree.GetNodeResponse xmlns:n="http://www.omniture.com/"><return href="#a"/></n:Tree.GetNodeResponse>\
                <multiRef id="a"><name>root</name><parent href="#b"/></multiRef>\
                <multiRef id="b"><name>child</name><parent href="#a"/></multiRef>\
                </e:Body></e:Envelope>""");
        UpstreamException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThrows(UpstreamException.class, () -> client.call(Omniture.GET_NODE, Map.of("name", "root"))));
        assertTrue(e.getMessage().contains("cycle"), e.getMessage());
        assertEquals(200, e.status());
    }

    @Test
    void sharedReferencesCannotExplode() {
        // Each level refers to the next twice: 2^40 values from a few kilobytes.
        StringBuilder refs = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            refs.append("<multiRef id=\"r").append(i).append("\"><left href=\"#r").append(i + 1)
                    .append("\"/><right href=\"#r").append(i + 1).append("\"/></multiRef>");
        }
        refs.append("<multiRef id=\"r40\">leaf</multiRef>");
        stub.answer(200, "<e:Envelope xmlns:e=\"http://schemas.xmlsoap.org/soap/envelope/\"><e:Body>"
                + "<n:Tree.GetNodeResponse xmlns:n=\"urn:x\"><return href=\"#r0\"/></n:Tree.GetNodeResponse>"
                + refs + "</e:Body></e:Envelope>");
        UpstreamException e = assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> assertThrows(UpstreamException.class, () -> client.call(Omniture.GET_NODE, Map.of())));
        assertTrue(e.getMessage().contains("expands to more than"), e.getMessage());
    }

    @Test
    void entityExpansionAndExternalEntitiesAreRefused() {
        String laughs = """
                <?xml version="1.0"?>
                <!DOCTYPE e:Envelope [
                 <!ENTITY a "aaaaaaaaaa">
                 <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
                 <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
                 <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
                 <!ENTITY x SYSTEM "file:///etc/hostname">
                ]>
                <e:Envelope xmlns:e="http://schemas.xmlsoap.org/soap/envelope/"><e:Body>\
                <n:Tree.GetNodeResponse xmlns:n="urn:x"><return><name>&d;&x;</name></return></n:Tree.GetNodeResponse>\
                </e:Body></e:Envelope>""";
        stub.answer(200, laughs);
        UpstreamException e = assertThrows(UpstreamException.class, () -> client.call(Omniture.GET_NODE, Map.of()));
        assertTrue(e.getMessage().startsWith("response is not a SOAP 1.1 envelope"), e.getMessage());
        assertTrue(e.getMessage().contains("DOCTYPE"), e.getMessage());
        assertFalse(e.body().contains("aaaaaaaaaaaaaaaaaaaa"), "nothing was expanded");
    }

    @Test
    void oversizedBodiesAreCutOff() throws Exception {
        EncodedSoapClient small = new EncodedSoapClient(HTTP, stub.uri(), Map.of(), Duration.ofSeconds(10), 64 * 1024);
        byte[] big = ("<e:Envelope xmlns:e=\"http://schemas.xmlsoap.org/soap/envelope/\"><e:Body><r><name>"
                + "x".repeat(1024 * 1024) + "</name></r></e:Body></e:Envelope>").getBytes(StandardCharsets.UTF_8);
        for (boolean chunked : new boolean[] {true, false}) {
            stub.answer(200, big, chunked);
            UpstreamException e = assertThrows(UpstreamException.class, () -> small.call(Omniture.GET_NODE, Map.of()));
            assertEquals("response body exceeds the limit of 65536 bytes", e.getMessage(), "chunked=" + chunked);
        }
        // Just under the limit is read.
        byte[] fits = ("<e:Envelope xmlns:e=\"http://schemas.xmlsoap.org/soap/envelope/\"><e:Body><r><return><name>"
                + "y".repeat(60 * 1024) + "</name></return></r></e:Body></e:Envelope>").getBytes(StandardCharsets.UTF_8);
        stub.answer(200, fits, true);
        Map<?, ?> node = (Map<?, ?>) small.call(Omniture.GET_NODE, Map.of());
        assertEquals(60 * 1024, ((String) node.get("name")).length());
    }

    @Test
    void deeplyNestedResponsesAreRefused() {
        // 100,000 nested elements in the return value: refused by the parser, before any recursive reading
        String deep = "<e:Envelope xmlns:e=\"http://schemas.xmlsoap.org/soap/envelope/\"><e:Body>"
                + "<n:Tree.GetNodeResponse xmlns:n=\"urn:x\"><return>" + "<a>".repeat(100_000) + "</a>".repeat(100_000)
                + "</return></n:Tree.GetNodeResponse></e:Body></e:Envelope>";
        stub.answer(200, deep);
        UpstreamException e = assertThrows(UpstreamException.class, () -> client.call(Omniture.GET_NODE, Map.of()));
        assertTrue(e.getMessage().startsWith("response is not a SOAP 1.1 envelope"), e.getMessage());
        assertTrue(e.getMessage().contains("maxElementDepth"), e.getMessage());
    }

    @Test
    void httpErrorWithoutFaultCarriesStatusAndExcerpt() {
        stub.answer(503, "<html>" + "busy ".repeat(1000) + "</html>");
        UpstreamException e = assertThrows(UpstreamException.class, () -> client.call(Omniture.SAVE, Map.of()));
        assertEquals(503, e.status());
        assertEquals("HTTP 503", e.getMessage());
        assertEquals(EncodedSoapClient.MAX_EXCERPT + "... (truncated)".length(), e.body().length());
        assertTrue(e.body().startsWith("<html>busy"));
    }

    @Test
    void argumentsThatDoNotFitTheirTypesNameThePath() {
        stub.answer(200, "<e:Envelope xmlns:e=\"http://schemas.xmlsoap.org/soap/envelope/\"><e:Body/></e:Envelope>");
        Map<String, Object> args = saveArguments();
        Map<String, Object> bad = suite("x");
        bad.put("num_evars", 2147483648L);
        args.put("suites", List.of(suite("ok"), bad));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> client.call(Omniture.SAVE, args));
        assertEquals("suites[1].num_evars: 2147483648 is out of the range of xsd:int", e.getMessage());

        Map<String, Object> notList = new LinkedHashMap<>(Map.of("matrix", List.of("row")));
        e = assertThrows(IllegalArgumentException.class, () -> client.call(Omniture.SAVE, notList));
        assertEquals("matrix[0]: expected a JSON array, got a string", e.getMessage());

        e = assertThrows(IllegalArgumentException.class, () -> client.call(Omniture.SAVE, Map.of("nope", 1)));
        assertTrue(e.getMessage().startsWith("nope: operation ReportSuite.Save has no input part"), e.getMessage());

        Map<String, Object> extra = suite("x");
        extra.put("color", "red");
        e = assertThrows(IllegalArgumentException.class, () -> client.call(Omniture.SAVE, Map.of("suites", List.of(extra))));
        assertEquals("suites[0].color: ns1:report_suite has no field of that name", e.getMessage());
    }

    private static Document parse(byte[] xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newDefaultInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    }

    private static Element only(Element parent, String ns, String local) {
        List<Element> c = ResponseReader.children(parent);
        assertEquals(1, c.size(), "children of " + parent.getLocalName());
        assertEquals(ns, c.get(0).getNamespaceURI());
        assertEquals(local, c.get(0).getLocalName());
        return c.get(0);
    }

    private static Element child(Element parent, String local) {
        return ResponseReader.children(parent).stream().filter(e -> e.getLocalName().equals(local)).findFirst()
                .orElseThrow(() -> new AssertionError("no <" + local + "> in <" + parent.getLocalName() + ">"));
    }

    /** Resolves {@code xsi:type} in the element's scope, as a receiver would. */
    private static QName xsiType(Element e) {
        return resolve(e, e.getAttributeNS(XSI, "type"));
    }

    /** Returns {@code soapenc:arrayType} with its item type resolved: {@code {ns}local[..]}. */
    private static String arrayType(Element e) {
        String v = e.getAttributeNS(ENC, "arrayType");
        int bracket = v.indexOf('[');
        assertTrue(bracket > 0, "soapenc:arrayType=" + v);
        return resolve(e, v.substring(0, bracket)) + v.substring(bracket);
    }

    private static QName resolve(Element e, String prefixed) {
        int colon = prefixed.indexOf(':');
        assertTrue(colon > 0, "prefixed: " + prefixed);
        String ns = e.lookupNamespaceURI(prefixed.substring(0, colon));
        assertTrue(ns != null, "prefix of " + prefixed + " is declared");
        return new QName(ns, prefixed.substring(colon + 1));
    }
}
