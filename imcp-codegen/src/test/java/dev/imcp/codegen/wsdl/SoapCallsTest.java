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
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.xml.ws.Endpoint;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
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
 * <p>All the WSDLs of {@code src/test/resources/calls} are generated in one run and compiled once, together
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
        dev.imcp.codegen.GenerationResult generation = new ImcpGenerator().generate(new CodegenRequest(
                List.of("ledger", "pricing", "splitter", "greeter12", "registry", "probe", "archive", "vendor").stream()
                        .map(name -> Path.of("calls/" + name + ".wsdl")).toList(),
                TestContracts.RESOURCES, sources, resources, "com.example.calls"));
        Endpoints.write(sources.resolve("calls/impl"));
        Path classes = Files.createDirectories(work.resolve("classes"));
        WsdlTestSupport.compile(sources, classes);
        // the SOAP with Attachments operations of archive.wsdl are published, none is skipped; vendor.wsdl's three
        // unusable operations are, each at its element
        assertEquals(List.of("vendor.wsdl:71 alert", "vendor.wsdl:74 legacy", "vendor.wsdl:100 ghost"),
                generation.warnings().stream().filter(d -> d.code().equals("WSDL_UNSUPPORTED_OPERATION"))
                        .map(d -> d.location().file().replaceAll(".*/", "") + ":" + d.location().line() + " "
                                + d.message().split(" ")[1])
                        .toList(), generation.warnings()::toString);
        assertTrue(generation.warnings().stream().anyMatch(d -> d.code().equals("WSDL_NO_ADDRESS")
                && d.fix().contains("imcp.services.vendor.ports.VendorSoapBinding.url")), generation.warnings()::toString);
        loader = new URLClassLoader(new URL[] {classes.toUri().toURL(), resources.toUri().toURL()},
                SoapCallsTest.class.getClassLoader());

        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            String soap = "http://127.0.0.1:" + WsdlTestSupport.freePort();
            for (String name : List.of("Ledger", "Pricing", "Splitter", "Greeter12", "Archive")) {
                Object implementor = loader.loadClass("calls.impl." + name + "Impl").getConstructor().newInstance();
                Endpoint endpoint = Endpoint.create(implementor);
                if (name.equals("Archive")) {
                    // from the WSDL, whose mime:multipartRelated bindings make attach and fetch real SOAP with
                    // Attachments operations: a document inline in the body would be refused
                    endpoint.setProperties(Map.of(jakarta.xml.ws.handler.MessageContext.WSDL_DESCRIPTION,
                            TestContracts.RESOURCES.resolve("calls/archive.wsdl").toUri().toString()));
                }
                endpoint.publish(soap + "/" + name.toLowerCase(java.util.Locale.ROOT));
                endpoints.add(endpoint);
            }
            encoded = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            encoded.createContext("/registry", exchange -> {
                String request = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                boolean unknown = request.contains(">13</memberId>");
                if (!unknown) {
                    ENCODED_REQUEST.put("body", request);
                    ENCODED_REQUEST.put("soapaction", String.valueOf(exchange.getRequestHeaders().getFirst("SOAPAction")));
                }
                byte[] body = (unknown ? ENCODED_FAULT : ENCODED_RESPONSE).getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "text/xml; charset=utf-8");
                exchange.sendResponseHeaders(unknown ? 500 : 200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            // A hostile upstream: its response declares a DTD with an external entity naming a local file.
            encoded.createContext("/probe", exchange -> {
                String request = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                if (request.contains(">huge<") || request.contains(">deep<")) {
                    hostile(exchange, request.contains(">huge<"));
                    return;
                }
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
            // vendor.wsdl gives no address: its binding's calls come here, as the configuration below says
            encoded.createContext("/vendor", exchange -> {
                String request = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                String action = String.valueOf(exchange.getRequestHeaders().getFirst("SOAPAction"));
                ENCODED_REQUEST.put("vendor", action + " " + request.replaceAll(".*<(\\w+:)?(id|year)>([^<]*)<.*",
                        "$2=$3"));
                String answer = action.contains("lookup")
                        ? "<lookupResponse xmlns=\"urn:imcp:test:vendor\"><name>Acme Ltd</name></lookupResponse>"
                        : "<reportResponse xmlns=\"urn:imcp:test:vendor\"><reportResult>" + DATASET
                                + "</reportResult></reportResponse>";
                byte[] body = ("<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>"
                        + answer + "</soap:Body></soap:Envelope>").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "text/xml; charset=utf-8");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            encoded.start();

            List<ToolProvider> providers = new ArrayList<>();
            ServiceLoader.load(ToolProvider.class, loader).forEach(providers::add);
            assertEquals(8, providers.size(), providers.toString());
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
                        archive:
                          mtom: true
                          soap-headers:
                            - "<a:SessionHeader xmlns:a='urn:imcp:test:archive'><a:sessionId>S-42</a:sessionId></a:SessionHeader>"
                          ports:
                            ArchivePort:
                              url: %1$s/archive
                        registry:
                          ports:
                            RegistryPort:
                              url: http://127.0.0.1:%2$d/registry
                        vendor:
                          ports:
                            VendorSoapBinding:
                              url: http://127.0.0.1:%2$d/vendor
                        probe:
                          max-response-bytes: 1048576
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
        assertEquals(List.of("attach", "fetch", "findMember", "greet", "lookup", "notify", "postEntry", "probe", "quote",
                "report", "split", "stamp", "store", "tag"), names);
    }

    /** What a .NET service sends for a DataSet: the data's schema, then the data as a diffgram. */
    private static final String DATASET = """
            <xs:schema id="NewDataSet" xmlns:xs="http://www.w3.org/2001/XMLSchema"\
             xmlns:msdata="urn:schemas-microsoft-com:xml-msdata"><xs:element name="NewDataSet"\
             msdata:IsDataSet="true"/></xs:schema><diffgr:diffgram\
             xmlns:diffgr="urn:schemas-microsoft-com:xml-diffgram-v1"><NewDataSet xmlns=""><Sales><Year>2024</Year>\
            <Total>1250.50</Total></Sales></NewDataSet></diffgr:diffgram>""";

    @Test
    void aBindingWsdlIsCalledAtTheConfiguredAddressAndItsUnusableOperationsAreLeftOut() {
        List<String> names = client.listTools().tools().stream().map(McpSchema.Tool::name).toList();
        assertTrue(names.containsAll(List.of("lookup", "report")), names.toString());
        assertFalse(names.contains("alert") || names.contains("legacy") || names.contains("ghost"), names.toString());

        McpSchema.CallToolResult found = call("lookup", Map.of("id", "C-17"));
        assertEquals(Map.of("name", "Acme Ltd"), found.structuredContent());
        assertEquals("\"urn:imcp:test:vendor/lookup\" id=C-17", ENCODED_REQUEST.get("vendor"));
    }

    @Test
    void aDotNetDataSetResultReachesTheClientWithItsData() {
        McpSchema.CallToolResult r = call("report", Map.of("year", 2024));
        assertEquals("\"urn:imcp:test:vendor/report\" year=2024", ENCODED_REQUEST.get("vendor"));
        // the schema, then the data, each as the XML the service sent
        List<?> any = (List<?>) ((Map<?, ?>) ((Map<?, ?>) r.structuredContent()).get("reportResult")).get("any");
        assertEquals(2, any.size(), r.toString());
        assertTrue(((String) any.get(0)).startsWith("<xs:schema "), any.toString());
        assertTrue(((String) any.get(1)).contains("<Sales><Year>2024</Year><Total>1250.50</Total></Sales>"),
                any.toString());
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
    void oneWayOperationIsSentAndAnsweredWithoutOutput() throws Exception {
        McpSchema.CallToolResult r = call("notify", Map.of("event", "backup done"));
        assertEquals("OK", text(r));
        assertEquals(null, r.structuredContent());
        // one-way: the call returns once the message is accepted (HTTP 202), the endpoint may still be working
        for (int i = 0; i < 50 && seen("notify") == null; i++) {
            Thread.sleep(20);
        }
        assertEquals("backup done", seen("notify"));
    }

    @Test
    void explicitHeaderPartIsAnArgumentImplicitOneComesFromConfiguration() {
        McpSchema.CallToolResult r = call("stamp", Map.of("stamp", Map.of("text", "invoice 7"),
                "AuditContext", Map.of("user", "ada")));
        // S-42 comes from the configured soap-headers block, whose values are secrets: the echo is masked
        assertEquals(Map.of("stamped", "invoice 7 by ada in session ***"), r.structuredContent());
        // the header part is an optional argument: without it, no header entry is sent
        McpSchema.CallToolResult without = call("stamp", Map.of("stamp", Map.of("text", "invoice 8")));
        assertEquals(Map.of("stamped", "invoice 8 by nobody in session ***"), without.structuredContent());
        McpSchema.Tool stamp = client.listTools().tools().stream().filter(t -> t.name().equals("stamp")).findFirst().orElseThrow();
        assertEquals(List.of("stamp"), stamp.inputSchema().get("required"));
    }

    @Test
    void binaryContentRoundTripsAsBase64OverMtom() throws Exception {
        byte[] content = new byte[70_000];
        new java.util.Random(7).nextBytes(content);
        String base64 = java.util.Base64.getEncoder().encodeToString(content);
        String scan = java.util.Base64.getEncoder().encodeToString("scanned page".getBytes(StandardCharsets.UTF_8));
        McpSchema.CallToolResult r = call("store", Map.of("name", "blob.bin", "content", base64, "scan", scan));
        Map<?, ?> out = (Map<?, ?>) r.structuredContent();
        assertEquals(70_000, out.get("size"));
        assertEquals(base64, out.get("echo"), "every byte back, as base64");
        assertEquals(scan, out.get("scanEcho"));
        assertEquals("scanned page", seen("scan"));
        // mtom: true sends the request as XOP/MTOM (SOAP Message Transmission Optimization Mechanism, section 3)
        assertTrue(seen("store").startsWith("multipart/related") && seen("store").contains("application/xop+xml"),
                seen("store"));
        // the published schema says what a base64Binary value is
        McpSchema.Tool store = client.listTools().tools().stream().filter(t -> t.name().equals("store")).findFirst().orElseThrow();
        assertEquals(Map.of("type", "string", "contentEncoding", "base64"),
                ((Map<?, ?>) ((Map<?, ?>) store.inputSchema().get("properties")).get("content")));
    }

    @Test
    void soapWithAttachmentsSendsAndReceivesMimePartsByteExact() throws Exception {
        byte[] document = new byte[50_000];
        new java.util.Random(11).nextBytes(document);
        String base64 = java.util.Base64.getEncoder().encodeToString(document);

        McpSchema.CallToolResult sent = call("attach", Map.of("attach", Map.of("label", "scan-7.bin"), "document", base64));
        assertEquals(Map.of("received", 50_000), sent.structuredContent());
        // SOAP Messages with Attachments: a multipart/related message whose root part is the plain envelope (no
        // XOP, though the service is configured for MTOM), and the document in the MIME part <document=...>
        // (WS-I Attachments Profile 1.0); the endpoint, published from the WSDL, would refuse it inline
        assertTrue(seen("attach").startsWith("multipart/related") && seen("attach").contains("type=\"text/xml\""),
                seen("attach"));
        assertEquals("[document=*@apache.org application/octet-stream]", seen("attachments"));

        McpSchema.CallToolResult fetched = call("fetch", Map.of("fetch", Map.of("name", "scan-7.bin")));
        Map<?, ?> out = (Map<?, ?>) fetched.structuredContent();
        assertEquals(Map.of("name", "scan-7.bin"), out.get("fetchResponse"));
        assertEquals(base64, out.get("document"), "every byte back, from the response's MIME part");
        assertEquals("iVBORw0KGgo=", out.get("thumbnail"));
        assertMatchesOutputSchema("fetch", out);

        // the published schemas say what a MIME part is: base64 of its bytes, of the mime:content type
        McpSchema.Tool attach = client.listTools().tools().stream().filter(t -> t.name().equals("attach")).findFirst()
                .orElseThrow();
        assertEquals(Map.of("type", "string", "contentEncoding", "base64", "contentMediaType", "application/octet-stream"),
                ((Map<?, ?>) attach.inputSchema().get("properties")).get("document"));
        assertEquals(List.of("attach", "document"), attach.inputSchema().get("required"));
        McpSchema.Tool fetch = client.listTools().tools().stream().filter(t -> t.name().equals("fetch")).findFirst()
                .orElseThrow();
        assertEquals(Map.of("type", "string", "contentEncoding", "base64", "contentMediaType", "application/pdf"),
                ((Map<?, ?>) fetch.outputSchema().get("properties")).get("document"));
    }

    @Test
    void swaRefElementsAreBase64AndTravelAsAttachments() {
        byte[] photo = new byte[20_000];
        new java.util.Random(5).nextBytes(photo);

        McpSchema.CallToolResult r = call("tag", Map.of("caption", "harbour",
                "photo", java.util.Base64.getEncoder().encodeToString(photo)));
        Map<?, ?> out = (Map<?, ?>) r.structuredContent();
        assertEquals(20_000, out.get("size"));
        assertEquals(java.util.Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(photo, 16)), out.get("thumbnail"));
        // wsi:swaRef (WS-I Attachments Profile 1.0): the photo went as a MIME part the body references by cid:
        assertTrue(seen("tag").startsWith("multipart/related"), seen("tag"));
        McpSchema.Tool tag = client.listTools().tools().stream().filter(t -> t.name().equals("tag")).findFirst()
                .orElseThrow();
        assertEquals(Map.of("type", "string", "contentEncoding", "base64"), ((Map<?, ?>) tag.inputSchema().get("properties")).get("photo"));
    }

    @Test
    void aResponseBeyondTheLimitIsToolErrorNotOutOfMemory() {
        // 8 MiB sent chunked (no Content-Length) against a limit of 1 MiB: cut off while it streams
        McpSchema.CallToolResult r = client.callTool(new McpSchema.CallToolRequest("probe", Map.of("question", "huge")));
        assertEquals(Boolean.TRUE, r.isError(), r.toString());
        assertEquals("Upstream probe failed: response body exceeds the limit of 1048576 bytes", text(r));
        assertEquals(null, r.structuredContent());
    }

    @Test
    void aDeeplyNestedResponseIsToolErrorNotStackOverflow() {
        McpSchema.CallToolResult r = client.callTool(new McpSchema.CallToolRequest("probe", Map.of("question", "deep")));
        assertEquals(Boolean.TRUE, r.isError(), r.toString());
        assertTrue(text(r).startsWith("Upstream probe failed: "), text(r));
        assertTrue(text(r).contains("Maximum Element Depth limit (100) Exceeded"), text(r));
        assertFalse(text(r).contains("\tat ") || text(r).contains("org.apache") || text(r).contains("com.ctc"), text(r));
        assertEquals(null, r.structuredContent()); // not a SOAP fault: the upstream sent none
        // and the adapter still answers
        assertEquals(Boolean.TRUE, client.callTool(new McpSchema.CallToolRequest("probe", Map.of("question", "huge"))).isError());
    }

    /** Answers a probe with 8 MiB of text ({@code huge}) or 50,000 nested elements ({@code deep}), chunked. */
    private static void hostile(com.sun.net.httpserver.HttpExchange exchange, boolean huge) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "text/xml; charset=utf-8");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write("<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\">".getBytes(StandardCharsets.UTF_8));
            if (!huge) {
                // a header entry nested 65,536 deep, the way an attacker would exhaust a recursive reader
                out.write("<soap:Header>".getBytes(StandardCharsets.UTF_8));
                out.write("<a xmlns=\"urn:x\">".repeat(64 * 1024).getBytes(StandardCharsets.UTF_8));
                out.write("</a>".repeat(64 * 1024).getBytes(StandardCharsets.UTF_8));
                out.write("</soap:Header>".getBytes(StandardCharsets.UTF_8));
            }
            out.write("<soap:Body><probeResponse xmlns=\"urn:imcp:test:probe\"><answer>".getBytes(StandardCharsets.UTF_8));
            if (huge) {
                byte[] chunk = "x".repeat(64 * 1024).getBytes(StandardCharsets.UTF_8);
                for (int i = 0; i < 128; i++) {
                    out.write(chunk);
                }
            }
            out.write("</answer></probeResponse></soap:Body></soap:Envelope>".getBytes(StandardCharsets.UTF_8));
        } catch (IOException clientGaveUp) {
            // the adapter closes the connection once the limit is passed
        }
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
        // structuredContent carries the fault: code, string and the typed detail, and it matches the tool's
        // published output schema (MCP clients check structuredContent against it even on errors)
        assertEquals(Map.of("fault", Map.of("faultcode", "soap:Server", "faultstring", "amount must not be negative",
                "detail", Map.of("code", 4711, "account", "ACC-1"))), r.structuredContent());
        assertMatchesOutputSchema("postEntry", r.structuredContent());
        assertMatchesOutputSchema("postEntry", call("postEntry", Map.of("entry", json("""
                {"amount": 1, "bookedOn": "2024-02-29", "side": "CREDIT"}
                """))).structuredContent());
        // a fault is not a valid success: the published schema still requires the response's own fields
        assertFalse(outputSchemaErrors("postEntry", Map.of("unrelated", 1)).isEmpty());
    }

    @Test
    void rpcEncodedFaultIsToolErrorWithStructuredFault() {
        McpSchema.CallToolResult r = client.callTool(new McpSchema.CallToolRequest("findMember",
                Map.of("memberId", 13, "filter", Map.of("region", "EU", "active", true))));
        assertEquals(Boolean.TRUE, r.isError(), r.toString());
        assertEquals(Map.of("fault", Map.of("faultcode", "soapenv:Client", "faultstring", "unknown member 13",
                "detail", Map.of("memberId", 13))), r.structuredContent());
        assertMatchesOutputSchema("findMember", r.structuredContent());
    }

    private static void assertMatchesOutputSchema(String tool, Object structured) {
        List<String> errors = outputSchemaErrors(tool, structured);
        assertTrue(errors.isEmpty(), tool + ": " + errors + " for " + structured);
    }

    private static List<String> outputSchemaErrors(String tool, Object structured) {
        McpSchema.Tool published = client.listTools().tools().stream().filter(t -> t.name().equals(tool)).findFirst()
                .orElseThrow();
        com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        com.networknt.schema.Schema schema = com.networknt.schema.SchemaRegistry
                .withDefaultDialect(com.networknt.schema.SpecificationVersion.DRAFT_2020_12)
                .getSchema(mapper.valueToTree(published.outputSchema()));
        return schema.validate(mapper.valueToTree(structured)).stream().map(Object::toString).toList();
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
        assertTrue(((Map<?, ?>) tool.inputSchema().get("$defs")).containsKey("Filter"), tool.inputSchema().toString());

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
        // 2025-11-25 (which this client negotiates): invalid arguments are a tool error the model can correct
        McpSchema.CallToolResult invalid = client.callTool(new McpSchema.CallToolRequest("findMember", wrong));
        assertTrue(invalid.isError(), invalid.toString());
        assertEquals("Invalid arguments for tool findMember: $.filter.subFilters[0].subFilters[0].active: string found, "
                + "boolean expected", ((McpSchema.TextContent) invalid.content().get(0)).text());
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
    static final String ENCODED_RESPONSE = """
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

    /** An rpc/encoded fault (SOAP 1.1 section 4.4) with a typed detail entry. */
    private static final String ENCODED_FAULT = """
            <?xml version="1.0" encoding="UTF-8"?>
            <soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"
                              xmlns:xsd="http://www.w3.org/2001/XMLSchema"
                              xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
              <soapenv:Body>
                <soapenv:Fault>
                  <faultcode>soapenv:Client</faultcode>
                  <faultstring>unknown member 13</faultstring>
                  <detail><memberId xsi:type="xsd:int">13</memberId></detail>
                </soapenv:Fault>
              </soapenv:Body>
            </soapenv:Envelope>
            """;
}
