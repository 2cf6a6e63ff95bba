package dev.imcp.runtime.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.imcp.runtime.ImcpServer;
import dev.imcp.runtime.fixture.EchoProvider;
import dev.imcp.runtime.fixture.Fixture;
import dev.imcp.runtime.fixture.LogCapture;
import dev.imcp.runtime.spi.HttpCall;
import dev.imcp.runtime.spi.NamedUpstreams;
import dev.imcp.runtime.spi.RestSecurity;
import dev.imcp.runtime.spi.ServiceDescriptor;
import dev.imcp.runtime.spi.Tool;
import dev.imcp.runtime.spi.ToolDescriptor;
import dev.imcp.runtime.spi.ToolProvider;
import dev.imcp.runtime.spi.Types;
import dev.imcp.runtime.spi.UpstreamContext;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The circuit breaker and bulkhead of {@link ResilienceLink} guard each upstream, not the whole service: one service
 * ({@code multi}, as an MCP JSON contract whose tools have two base URLs, {@code alpha} and {@code beta}; {@code ports}, a
 * WSDL with two ports there) in front of two JDK {@link HttpServer}s on 127.0.0.1, of which {@code alpha} always fails
 * (REST: 503; SOAP: 500 with a text/plain body).
 */
class UpstreamGuardsTest {

    private static HttpServer alpha;
    private static HttpServer beta;
    private static ImcpServer server;
    private static String session;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final AtomicInteger ALPHA_SEEN = new AtomicInteger();
    private static final AtomicInteger BETA_SEEN = new AtomicInteger();
    private static final AtomicInteger IDS = new AtomicInteger(1);

    /** Service {@code multi}: {@code alphaRead} calls upstream {@code alpha}, {@code betaRead} and {@code betaOther} {@code beta}. */
    record TwoUpstreams(String alphaUrl, String betaUrl) implements ToolProvider {
        record In(String item) {
        }

        @Override
        public ServiceDescriptor service() {
            Map<String, String> urls = new LinkedHashMap<>();
            urls.put("alpha", alphaUrl);
            urls.put("beta", betaUrl);
            return new ServiceDescriptor("multi", "mcp-json", "Multi", "1", "0".repeat(64), alphaUrl, Map.of(),
                    RestSecurity.NONE, new NamedUpstreams(urls));
        }

        @Override
        public List<Tool<?, ?>> tools(UpstreamContext upstream) {
            return List.of(tool(upstream, "alphaRead", "alpha"), tool(upstream, "betaRead", "beta"),
                    tool(upstream, "betaOther", "beta"));
        }

        private static Tool<?, ?> tool(UpstreamContext upstream, String name, String upstreamName) {
            String schema = "{\"type\":\"object\",\"properties\":{\"item\":{\"type\":\"string\"}}}";
            return EchoProvider.tool(new ToolDescriptor("multi", name, null, "Reads", schema, null, null,
                    Map.of("readOnlyHint", true)), In.class,
                    in -> upstream.http(upstreamName).<Map<String, Object>>exchange(
                            HttpCall.builder("GET", "/" + name).build(), Types.mapOf(Object.class)));
        }
    }

    /** Service {@code ports}, a WSDL with {@code add} on two ports: {@code addA} calls {@code PortA}, {@code addB} {@code PortB}. */
    record TwoPorts() implements ToolProvider {
        @Override
        public ServiceDescriptor service() {
            return new ServiceDescriptor("ports", "wsdl", "Ports", null, "0".repeat(64), null, null,
                    Map.of("PortA", "http://127.0.0.1:1/a", "PortB", "http://127.0.0.1:1/b"), null, null);
        }

        @Override
        public List<Tool<?, ?>> tools(UpstreamContext upstream) {
            return List.of(add(upstream, "addA", "PortA"), add(upstream, "addB", "PortB"));
        }

        private static Tool<?, ?> add(UpstreamContext upstream, String name, String port) {
            return EchoProvider.tool(new ToolDescriptor("ports", name, null, "Adds",
                    "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"integer\"},\"b\":{\"type\":\"integer\"}}}",
                    null, "sum", Map.of()), dev.imcp.runtime.fixture.CalcProvider.AddInput.class,
                    in -> upstream.soapPort(dev.imcp.runtime.fixture.Calculator.class, port).add(in.a(), in.b()));
        }
    }

    @BeforeAll
    static void start() throws Exception {
        alpha = upstream(503, ALPHA_SEEN);
        beta = upstream(200, BETA_SEEN);
        String alphaUrl = "http://127.0.0.1:" + alpha.getAddress().getPort();
        String betaUrl = "http://127.0.0.1:" + beta.getAddress().getPort();
        server = ImcpServer.start(Fixture.config("""
                server: {port: 0, host: 127.0.0.1}
                imcp:
                  services:
                    multi:
                      resilience:
                        retries: 0
                        circuit-breaker: {failure-ratio: 100, volume: 2, delay-seconds: 60}
                    ports:
                      ports:
                        PortA: {url: "%s/soap"}
                        PortB: {url: "%s/soap"}
                      resilience:
                        retries: 0
                        circuit-breaker: {failure-ratio: 100, volume: 2, delay-seconds: 60}
                """.formatted(alphaUrl, betaUrl)), List.of(new TwoUpstreams(alphaUrl, betaUrl), new TwoPorts()));
        session = ResilienceTest.initialize(server);
    }

    private static HttpServer upstream(int status, AtomicInteger seen) throws Exception {
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        http.createContext("/soap", exchange -> {
            exchange.getRequestBody().readAllBytes();
            seen.incrementAndGet();
            byte[] body = (status != 200 ? "the database is down"
                    : "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>"
                    + "<c:addResponse xmlns:c=\"urn:test:calc\"><sum>3</sum></c:addResponse></soap:Body></soap:Envelope>")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", status != 200 ? "text/plain" : "text/xml");
            exchange.sendResponseHeaders(status == 200 ? 200 : 500, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        http.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            seen.incrementAndGet();
            byte[] body = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        http.start();
        return http;
    }

    @AfterAll
    static void stop() {
        server.close();
        alpha.stop(0);
        beta.stop(0);
    }

    @Test
    void aFailingUpstreamOpensItsOwnBreakerAndTheOtherUpstreamsToolsKeepWorking() throws Exception {
        assertFalse(call("betaRead").path("isError").asBoolean(), "beta answers before alpha fails");
        try (LogCapture log = new LogCapture(Logger.getLogger(ResilienceLink.class.getName()))) {
            assertTrue(text(call("alphaRead")).contains("answered HTTP 503"));
            assertTrue(text(call("alphaRead")).contains("answered HTTP 503"));
            JsonNode held = call("alphaRead");
            assertEquals("circuit-open", held.at("/_meta/dev.imcp~1refused").asText(), held.toString());
            assertTrue(text(held).startsWith("Upstream multi (alpha) is unavailable"), text(held));
            assertFalse(text(held).contains("127.0.0.1"), "the client is not told the upstream's address: " + text(held));
            assertEquals(2, ALPHA_SEEN.get(), "the open breaker kept the third call from alpha");
            String logged = log.text();
            assertTrue(logged.contains("Circuit breaker of upstream http://127.0.0.1:" + alpha.getAddress().getPort()
                    + " of service multi opened"), logged);
        }
        int before = BETA_SEEN.get();
        for (String tool : List.of("betaRead", "betaOther", "betaRead")) {
            JsonNode result = call(tool);
            assertFalse(result.path("isError").asBoolean(), tool + " while alpha's breaker is open: " + result);
        }
        assertEquals(before + 3, BETA_SEEN.get(), "every call to beta reached it");
    }

    private static String text(JsonNode result) {
        return result.at("/content/0/text").asText();
    }

    /** Calls a REST tool of the test; returns its result. */
    private static JsonNode call(String tool) throws Exception {
        return call(tool, "{\"item\":\"x\"}");
    }

    /** Calls {@code tool} with {@code arguments} (a JSON object); returns its result. */
    private static JsonNode call(String tool, String arguments) throws Exception {
        return ResilienceTest.toolResult(HTTP, server, session, IDS.incrementAndGet(), tool, arguments);
    }

    @Test
    void aFailingSoapPortOpensItsOwnBreakerAndTheOtherPortsToolsKeepWorking() throws Exception {
        assertEquals("3", soap("addB").at("/structuredContent/sum").asText());
        int alphaBefore = ALPHA_SEEN.get();
        assertTrue(text(soap("addA")).startsWith("Upstream ports answered HTTP 500: the database is down"));
        assertTrue(text(soap("addA")).startsWith("Upstream ports answered HTTP 500"));
        JsonNode held = soap("addA");
        assertEquals("circuit-open", held.at("/_meta/dev.imcp~1refused").asText(), held.toString());
        assertTrue(text(held).startsWith("Upstream ports (PortA) is unavailable"), text(held));
        assertEquals(alphaBefore + 2, ALPHA_SEEN.get(), "the open breaker kept the third call from PortA's host");
        for (int i = 0; i < 3; i++) {
            JsonNode result = soap("addB");
            assertFalse(result.path("isError").asBoolean(), "addB while PortA's breaker is open: " + result);
        }
    }

    /** Calls a SOAP tool of the test (adding 1 and 2); returns its result. */
    private static JsonNode soap(String tool) throws Exception {
        return call(tool, "{\"a\":1,\"b\":2}");
    }
}
