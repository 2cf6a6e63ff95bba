package dev.imcp.codegen.wsdl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.imcp.codegen.CodegenRequest;
import dev.imcp.codegen.ImcpGenerator;
import dev.imcp.codegen.TestContracts;
import dev.imcp.runtime.ImcpServer;
import dev.imcp.runtime.spi.ToolProvider;
import io.helidon.common.media.type.MediaTypes;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.xml.ws.Endpoint;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;
import javax.xml.namespace.QName;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Calls for real: the adapter generated from a WSDL of each binding style is compiled, served by a real
 * {@link ImcpServer} and called with the official MCP Java SDK client, against real CXF JAX-WS endpoints on
 * loopback (literal bindings) and a stand-in HTTP endpoint with a canned response (rpc/encoded).
 *
 * <p>All five WSDLs of {@code src/test/resources/calls} are generated in one run and compiled once, together
 * with the endpoint implementations below; the endpoints and the server are started once for the class.
 */
class SoapCallsTest {

    private static final String XSD = "http://www.w3.org/2001/XMLSchema";
    private static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";
    private static final String REGISTRY = "urn:imcp:test:registry";

    /** What the stand-in rpc/encoded endpoint received last: {@code body} and {@code soapaction}. */
    private static final Map<String, String> ENCODED_REQUEST = new ConcurrentHashMap<>();

    @TempDir
    static Path work;

    private static URLClassLoader loader;
    private static final List<Endpoint> endpoints = new ArrayList<>();
    private static HttpServer encoded;
    private static ImcpServer server;
    private static McpSyncClient client;

    /** A local file a hostile response tries to pull in through an external entity. */
    private static Path SECRET;

    @BeforeAll
    static void start() throws Exception {
        SECRET = Files.writeString(work.resolve("secret.txt"), "TOP-SECRET-7731");
        Path sources = work.resolve("java");
        Path resources = work.resolve("resources");
        new ImcpGenerator().generate(new CodegenRequest(
                List.of("ledger", "pricing", "splitter", "greeter12", "registry", "probe").stream()
                        .map(name -> Path.of("calls/" + name + ".wsdl")).toList(),
                TestContracts.RESOURCES, sources, resources, "com.example.calls"));
        Endpoints.write(sources.resolve("calls/impl"));
        Path classes = Files.createDirectories(work.resolve("classes"));
        WsdlTestSupport.compile(sources, classes);
        loader = new URLClassLoader(new URL[] {classes.toUri().toURL(), resources.toUri().toURL()},
                SoapCallsTest.class.getClassLoader());

        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            String soap = "http://127.0.0.1:" + freePort();
            for (String name : List.of("Ledger", "Pricing", "Splitter", "Greeter12")) {
                Object implementor = loader.loadClass("calls.impl." + name + "Impl").getConstructor().newInstance();
                endpoints.add(Endpoint.publish(soap + "/" + name.toLowerCase(java.util.Locale.ROOT), implementor));
            }
            encoded = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            encoded.createContext("/registry", exchange -> {
                ENCODED_REQUEST.put("body", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                ENCODED_REQUEST.put("soapaction", String.valueOf(exchange.getRequestHeaders().getFirst("SOAPAction")));
                byte[] body = ENCODED_RESPONSE.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "text/xml; charset=utf-8");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            // A hostile upstream: its response declares a DTD with an external entity naming a local file.
            encoded.createContext("/probe", exchange -> {
                exchange.getRequestBody().readAllBytes();
                byte[] body = ("<?xml version=\"1.0\"?>\n<!DOCTYPE e [<!ENTITY secret SYSTEM \""
                        + SECRET.toUri() + "\">]>\n<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\">"
                        + "<soap:Body><probeResponse xmlns=\"urn:imcp:test:probe\"><answer>&secret;</answer>"
                        + "</probeResponse></soap:Body></soap:Envelope>").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "text/xml; charset=utf-8");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            encoded.start();

            List<ToolProvider> providers = new ArrayList<>();
            ServiceLoader.load(ToolProvider.class, loader).forEach(providers::add);
            assertEquals(6, providers.size(), providers.toString());
            server = ImcpServer.start(config("""
                    server:
                      port: 0
                      host: 127.0.0.1
                    imcp:
                      server-name: soap-calls
                      audit:
                        file: "%3$s"
                      services:
                        ledger:
                          ports:
                            LedgerPort:
                              url: %1$s/ledger
                        pricing:
                          ports:
                            PricingPort:
                              url: %1$s/pricing
                        splitter:
                          ports:
                            SplitterPort:
                              url: %1$s/splitter
                        greeter12:
                          ports:
                            Greeter12Port:
                              url: %1$s/greeter12
                        registry:
                          ports:
                            RegistryPort:
                              url: http://127.0.0.1:%2$d/registry
                        probe:
                          ports:
                            ProbePort:
                              url: http://127.0.0.1:%2$d/probe
                    """.formatted(soap, encoded.getAddress().getPort(),
                    work.resolve("audit.jsonl").toString().replace('\\', '/'))), providers);
        } finally {
            thread.setContextClassLoader(previous);
        }
        client = McpClient.sync(HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + server.port())
                        .endpoint(ImcpServer.MCP_PATH).build())
                .requestTimeout(Duration.ofSeconds(30))
                .build();
        client.initialize();
    }

    @AfterAll
    static void stop() throws IOException {
        if (client != null) {
            client.closeGracefully();
        }
        if (server != null) {
            server.close();
        }
        endpoints.forEach(Endpoint::stop);
        if (encoded != null) {
            encoded.stop(0);
        }
        if (loader != null) {
            loader.close();
        }
    }


    @Test
    void listsOneToolPerOperation() {
        List<String> names = client.listTools().tools().stream().map(McpSchema.Tool::name).sorted().toList();
        assertEquals(List.of("findMember", "greet", "postEntry", "probe", "quote", "split"), names);
    }

    @Test
    void documentLiteralWrappedRoundTripsDecimalsDatesEnumsNilAndLists() throws Exception {
        McpSchema.CallToolResult nil = call("postEntry", Map.of("entry", json("""
                {"amount": 12.50, "bookedOn": "2024-02-29", "side": "CREDIT", "reference": null, "tag": ["rent", "march"]}
                """)));
        assertEquals("amount=12.50 bookedOn=2024-02-29 side=CREDIT reference=nil tags=[rent, march]",
                seen("postEntry"));
        assertEquals("{\"entry\":{\"amount\":12.50,\"bookedOn\":\"2024-02-29\",\"side\":\"CREDIT\",\"reference\":null,"
                + "\"tag\":[\"rent\",\"march\"]},\"seen\":\"" + seen("postEntry") + "\"}", text(nil));

        McpSchema.CallToolResult absent = call("postEntry", Map.of("entry", json("""
                {"amount": 0.1, "bookedOn": "1999-12-31", "side": "DEBIT"}
                """)));
        assertEquals("amount=0.1 bookedOn=1999-12-31 side=DEBIT reference=absent tags=[]", seen("postEntry"));
        // absent stays absent, and an empty list is no element at all
        assertEquals("{\"entry\":{\"amount\":0.1,\"bookedOn\":\"1999-12-31\",\"side\":\"DEBIT\"},\"seen\":\""
                + seen("postEntry") + "\"}", text(absent));

        call("postEntry", Map.of("entry", json("""
                {"amount": 3, "bookedOn": "2024-01-01", "side": "DEBIT", "reference": "INV-7"}
                """)));
        assertEquals("amount=3 bookedOn=2024-01-01 side=DEBIT reference='INV-7' tags=[]", seen("postEntry"));
    }

    @Test
    void documentLiteralBarePassesEachPart() throws Exception {
        McpSchema.CallToolResult r = call("quote", Map.of(
                "order", json("{\"sku\": \"A-1\", \"quantity\": 3, \"unitPrice\": 12.50}"),
                "discount", new java.math.BigDecimal("0.25")));
        assertEquals("sku=A-1 quantity=3 unitPrice=12.50 discount=0.25", seen("quote"));
        assertEquals("{\"result\":37.25}", text(r));
    }

    @Test
    void rpcLiteralReturnsTheReturnPartAndTheOutPart() throws Exception {
        McpSchema.CallToolResult r = call("split", Map.of(
                "total", json("{\"value\": 10.00, \"currency\": \"EUR\"}"), "ways", 3));
        assertEquals("total=10.00 EUR ways=3", seen("split"));
        assertEquals("{\"share\":{\"value\":3.33,\"currency\":\"EUR\"},\"remainder\":0.01}", text(r));
        assertEquals(Map.of("value", 3.33, "currency", "EUR"), ((Map<?, ?>) r.structuredContent()).get("share"));
    }

    @Test
    void soap12BindingSendsSoap12() {
        McpSchema.CallToolResult r = call("greet", Map.of("name", "Ada", "times", 2));
        assertEquals(Map.of("text", "Hello Ada, Hello Ada"), r.structuredContent());
        String contentType = seen("greet");
        assertTrue(contentType.startsWith("application/soap+xml"), contentType);
        assertTrue(contentType.contains("action=\"urn:imcp:test:greeter12:greet\""), contentType);
    }

    @Test
    void aResponseWithADtdIsRefusedAndNoEntityIsResolved() {
        McpSchema.CallToolResult r = client.callTool(new McpSchema.CallToolRequest("probe", Map.of("question", "the file?")));
        assertEquals(Boolean.TRUE, r.isError(), r.toString());
        assertFalse(r.toString().contains("TOP-SECRET-7731"), r.toString());
    }

    @Test
    void soapFaultWithTypedDetailIsToolError() throws Exception {
        McpSchema.CallToolResult r = client.callTool(new McpSchema.CallToolRequest("postEntry", Map.of("entry", json("""
                {"amount": -5, "bookedOn": "2024-02-29", "side": "DEBIT"}
                """))));
        assertEquals(Boolean.TRUE, r.isError(), r.toString());
        String text = ((McpSchema.TextContent) r.content().get(0)).text();
        // faultcode and faultstring of the SOAP fault, then the typed detail (the wsdl:fault's element) as JSON
        assertEquals("SOAP fault soap:Server: amount must not be negative\n{\"code\":4711,\"account\":\"ACC-1\"}", text);
    }

    @Test
    void rpcEncodedSendsXsiTypesAndDecodesMultiRefs() throws Exception {
        McpSchema.CallToolResult r = call("findMember", Map.of("memberId", 42,
                "filter", Map.of("region", "EU", "active", true)));
        assertEquals("{\"id\":42,\"name\":\"Ada & Co\",\"balance\":1024.50,\"address\":{\"city\":\"Basel\",\"zip\":\"4051\"},"
                + "\"roles\":[\"admin\",\"auditor\"]}", text(r));

        assertEquals("\"urn:imcp:test:registry#findMember\"", ENCODED_REQUEST.get("soapaction"));
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document request = factory.newDocumentBuilder().parse(
                new ByteArrayInputStream(ENCODED_REQUEST.get("body").getBytes(StandardCharsets.UTF_8)));
        Element wrapper = (Element) request.getElementsByTagNameNS(REGISTRY, "findMember").item(0);
        assertNotNull(wrapper, ENCODED_REQUEST.get("body"));
        Element memberId = child(wrapper, "memberId");
        assertEquals(new QName(XSD, "int"), xsiType(memberId));
        assertEquals("42", memberId.getTextContent());
        Element filter = child(wrapper, "filter");
        assertEquals(new QName(REGISTRY, "Filter"), xsiType(filter));
        assertEquals(new QName(XSD, "string"), xsiType(child(filter, "region")));
        assertEquals(new QName(XSD, "boolean"), xsiType(child(filter, "active")));
        assertEquals("true", child(filter, "active").getTextContent());
    }

    @Test
    void rpcEncodedRecursiveStructsGoOutNestedAndAreValidatedAtDepth() throws Exception {
        McpSchema.Tool tool = client.listTools().tools().stream().filter(t -> t.name().equals("findMember"))
                .findFirst().orElseThrow();
        assertTrue(tool.inputSchema().defs().containsKey("Filter"), tool.inputSchema().toString());

        call("findMember", Map.of("memberId", 7, "filter", json("""
                {"region":"EU","active":true,"subFilters":[
                  {"region":"CH","active":false,"subFilters":[{"region":"BS","active":true}]}]}""")));
        Document request = DocumentBuilderFactory.newDefaultNSInstance().newDocumentBuilder().parse(
                new ByteArrayInputStream(ENCODED_REQUEST.get("body").getBytes(StandardCharsets.UTF_8)));
        Element filter = child((Element) request.getElementsByTagNameNS(REGISTRY, "findMember").item(0), "filter");
        Element level2 = first(child(filter, "subFilters"));
        assertEquals(new QName(REGISTRY, "Filter"), xsiType(level2));
        assertEquals("CH", child(level2, "region").getTextContent());
        Element level3 = first(child(level2, "subFilters"));
        assertEquals(new QName(REGISTRY, "Filter"), xsiType(level3));
        assertEquals("BS", child(level3, "region").getTextContent());

        Map<String, Object> wrong = Map.of("memberId", 7, "filter", json("""
                {"region":"EU","active":true,"subFilters":[
                  {"region":"CH","active":false,"subFilters":[{"region":"BS","active":"yes"}]}]}"""));
        McpError invalid = assertThrows(McpError.class,
                () -> client.callTool(new McpSchema.CallToolRequest("findMember", wrong)));
        assertEquals("Invalid arguments for tool findMember: $.filter.subFilters[0].subFilters[0].active: string found, "
                + "boolean expected", invalid.getMessage());
    }

    private static Element first(Element parent) {
        for (org.w3c.dom.Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                return e;
            }
        }
        throw new AssertionError("no element below " + parent.getLocalName());
    }

    private static McpSchema.CallToolResult call(String tool, Map<String, Object> arguments) {
        McpSchema.CallToolResult r = client.callTool(new McpSchema.CallToolRequest(tool, arguments));
        assertFalse(Boolean.TRUE.equals(r.isError()), r.toString());
        return r;
    }

    private static String text(McpSchema.CallToolResult r) {
        return ((McpSchema.TextContent) r.content().get(0)).text();
    }

    /** What an endpoint implementation saw in its last call of {@code operation}. */
    @SuppressWarnings("unchecked")
    private static String seen(String operation) {
        try {
            return ((Map<String, String>) loader.loadClass("calls.impl.Seen").getField("LAST").get(null)).get(operation);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object json(String text) throws IOException {
        // BigDecimal, so that the client sends 12.50 as written
        return new com.fasterxml.jackson.databind.ObjectMapper()
                .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .readValue(text, Object.class);
    }

    private static Element child(Element parent, String localName) {
        for (org.w3c.dom.Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && localName.equals(e.getLocalName())) {
                return e;
            }
        }
        throw new AssertionError("no " + localName + " below " + parent.getLocalName());
    }

    private static QName xsiType(Element e) {
        String value = e.getAttributeNS(XSI, "type");
        int colon = value.indexOf(':');
        String prefix = colon < 0 ? null : value.substring(0, colon);
        return new QName(e.lookupNamespaceURI(prefix), value.substring(colon + 1));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static Config config(String yaml) {
        return Config.builder()
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .sources(ConfigSources.create(yaml, MediaTypes.APPLICATION_X_YAML))
                .build();
    }

    /**
     * An Axis-style rpc/encoded response: the return part and the struct, array and one array item it reaches
     * are {@code multiRef} siblings of the wrapper, referenced with {@code href}.
     */
    private static final String ENCODED_RESPONSE = """
            <?xml version="1.0" encoding="UTF-8"?>
            <soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"
                              xmlns:soapenc="http://schemas.xmlsoap.org/soap/encoding/"
                              xmlns:xsd="http://www.w3.org/2001/XMLSchema"
                              xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
              <soapenv:Body>
                <r:findMemberResponse xmlns:r="urn:imcp:test:registry"
                    soapenv:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/">
                  <member href="#m1"/>
                </r:findMemberResponse>
                <multiRef id="m1" soapenc:root="0" xsi:type="t:Member" xmlns:t="urn:imcp:test:registry"
                    soapenv:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/">
                  <id xsi:type="xsd:int">42</id>
                  <name xsi:type="xsd:string">Ada &amp; Co</name>
                  <balance xsi:type="xsd:decimal">1024.50</balance>
                  <address href="#a1"/>
                  <roles href="#r1"/>
                </multiRef>
                <multiRef id="r1" soapenc:root="0" xsi:type="soapenc:Array" soapenc:arrayType="xsd:string[2]"
                    soapenv:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/">
                  <item xsi:type="xsd:string">admin</item>
                  <item href="#s1"/>
                </multiRef>
                <multiRef id="a1" soapenc:root="0" xsi:type="t:Address" xmlns:t="urn:imcp:test:registry"
                    soapenv:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/">
                  <city xsi:type="xsd:string">Basel</city>
                  <zip xsi:type="xsd:string">4051</zip>
                </multiRef>
                <multiRef id="s1" soapenc:root="0" xsi:type="xsd:string">auditor</multiRef>
              </soapenv:Body>
            </soapenv:Envelope>
            """;
}
