package dev.imcp.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.imcp.runtime.fixture.Calculator;
import dev.imcp.runtime.fixture.CalculatorImpl;
import dev.imcp.runtime.fixture.EchoProvider;
import dev.imcp.runtime.fixture.HttpReplies;
import dev.imcp.runtime.fixture.LogCapture;
import dev.imcp.runtime.fixture.RawServer;
import dev.imcp.runtime.spi.ServiceDescriptor;
import dev.imcp.runtime.spi.Tool;
import dev.imcp.runtime.spi.ToolDescriptor;
import dev.imcp.runtime.spi.ToolProvider;
import dev.imcp.runtime.spi.UpstreamContext;
import jakarta.xml.ws.Endpoint;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.jaxws.EndpointImpl;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The outbound credential types every service kind shares ({@code auth.type: oauth2-client-credentials} and
 * {@code api-key} in a header, the query or a cookie), over real HTTP on 127.0.0.1: REST services (no contract
 * security schemes) on a JDK HTTP server and document/literal SOAP services on CXF endpoints, each upstream refusing
 * a request without the credential (401), and a local OAuth 2.0 token endpoint that checks the client, the grant and
 * the scope. A fetched token the upstream stops accepting is renewed once (one token request for many refused calls),
 * a second 401 is the tool error, and no credential shows in results, the audit file or the log.
 */
class OutboundCredentialTypesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CLIENT_SECRET = "cc-Cl13nt-s3cret/+=";
    private static final String HEADER_KEY = "hdr-Api-K3y-71";
    private static final String QUERY_KEY = "q/Api+K3y&72";
    private static final String COOKIE_KEY = "c00kie-Api-K3y-73";

    /** Tokens the upstreams accept. */
    private static final Set<String> VALID = ConcurrentHashMap.newKeySet();
    /** Every token the endpoint issued. */
    private static final List<String> ISSUED = java.util.Collections.synchronizedList(new ArrayList<>());
    private static final AtomicInteger TOKEN_REQUESTS = new AtomicInteger();
    private static volatile String lastTokenForm = "";
    /** Whether the token-checking upstreams refuse every token, even a new one. */
    private static volatile boolean refuseAll;

    private static HttpServer upstream;
    private static final List<Endpoint> endpoints = new ArrayList<>();
    private static RawServer srv;

    @BeforeAll
    static void start() throws Exception {
        upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        upstream.createContext("/token", OutboundCredentialTypesTest::token);
        upstream.createContext("/rest/cc", x -> {
            String auth = header(x, "Authorization");
            boolean ok = !refuseAll && auth.startsWith("Bearer ") && VALID.contains(auth.substring(7));
            reply(x, ok ? 200 : 401, ok ? Map.of("ok", true, "authorization", auth)
                    : Map.of("error", "invalid_token", "got", auth));
        });
        upstream.createContext("/rest/key", x -> {
            boolean ok = HEADER_KEY.equals(header(x, "X-Api-Key"));
            reply(x, ok ? 200 : 401, Map.of("ok", ok, "headers", headers(x)));
        });
        upstream.createContext("/rest/qkey", x -> {
            String query = String.valueOf(x.getRequestURI().getRawQuery());
            boolean ok = QUERY_KEY.equals(parameter(query, "api_key"));
            reply(x, ok ? 200 : 401, Map.of("ok", ok, "query", query));
        });
        upstream.createContext("/rest/ckey", x -> {
            boolean ok = header(x, "Cookie").contains("sid=" + COOKIE_KEY);
            reply(x, ok ? 200 : 401, Map.of("ok", ok, "headers", headers(x)));
        });
        upstream.start();
        String base = "http://127.0.0.1:" + upstream.getAddress().getPort();
        String soap = "http://127.0.0.1:" + freePort();
        int closed = freePort(); // nothing listens: the calls fail, and their errors and logs name the address
        publish(soap + "/calc-cc", message -> {
            String auth = first(message, "Authorization");
            return !refuseAll && auth.startsWith("Bearer ") && VALID.contains(auth.substring(7));
        });
        publish(soap + "/calc-query", message -> QUERY_KEY.equals(parameter(
                String.valueOf(message.get(Message.QUERY_STRING)), "api_key")));
        publish(soap + "/calc-cookie", message -> first(message, "Cookie").contains("sid=" + COOKIE_KEY));
        String cc = """
                      auth:
                        type: oauth2-client-credentials
                        token-url: %s/token
                        client-id: adapter
                        client-secret: "%s"
                        scope: stock:read stock:write
                        audience: inventory
                """.formatted(base, CLIENT_SECRET);
        srv = new RawServer("", """
                  services:
                    restcc:
                      url: %s
                %s
                    restkey:
                      url: %s
                      auth: {type: api-key, name: X-Api-Key, value: "%s"}
                    restqkey:
                      url: %s
                      auth: {type: api-key, in: query, name: api_key, value: "%s"}
                    restckey:
                      url: %s
                      auth: {type: api-key, in: cookie, name: sid, value: "%s"}
                    soapcc:
                      url: %s/calc-cc
                %s
                    soapqkey:
                      url: %s/calc-query
                      auth: {type: api-key, in: query, name: api_key, value: "%s"}
                    soapckey:
                      url: %s/calc-cookie
                      auth: {type: api-key, in: cookie, name: sid, value: "%s"}
                    soapnone:
                      url: %s/calc-cc
                    soapqdown:
                      url: http://127.0.0.1:%d/calc-query
                      auth: {type: api-key, in: query, name: api_key, value: "%s"}
                    restqdown:
                      url: http://127.0.0.1:%d
                      auth: {type: api-key, in: query, name: api_key, value: "%s"}
                """.formatted(base, cc, base, HEADER_KEY, base, QUERY_KEY, base, COOKIE_KEY, soap, cc, soap,
                QUERY_KEY, soap, COOKIE_KEY, soap, closed, QUERY_KEY, closed, QUERY_KEY),
                List.of(new CallerCredentialsTest.GetProvider("restcc", "/rest/cc"),
                        new CallerCredentialsTest.GetProvider("restkey", "/rest/key"),
                        new CallerCredentialsTest.GetProvider("restqkey", "/rest/qkey"),
                        new CallerCredentialsTest.GetProvider("restckey", "/rest/ckey"),
                        new AddProvider("soapcc"), new AddProvider("soapqkey"), new AddProvider("soapckey"),
                        new AddProvider("soapnone"), new AddProvider("soapqdown"),
                        new CallerCredentialsTest.GetProvider("restqdown", "/rest/qkey")));
    }

    @AfterAll
    static void stop() {
        if (srv != null) {
            srv.close();
        }
        endpoints.forEach(Endpoint::stop);
        upstream.stop(0);
    }

    /** The client credentials token endpoint (RFC 6749 section 4.4): checks the client, the grant type and scope. */
    private static void token(HttpExchange x) throws IOException {
        String form = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        lastTokenForm = form;
        TOKEN_REQUESTS.incrementAndGet();
        Map<String, String> p = HttpReplies.form(form);
        String client = "Basic " + Base64.getEncoder().encodeToString(("adapter:"
                + java.net.URLEncoder.encode(CLIENT_SECRET, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
        if (!client.equals(x.getRequestHeaders().getFirst("Authorization"))) {
            reply(x, 401, Map.of("error", "invalid_client"));
            return;
        }
        if (!"client_credentials".equals(p.get("grant_type")) || !"stock:read stock:write".equals(p.get("scope"))
                || !"inventory".equals(p.get("audience"))) {
            reply(x, 400, Map.of("error", "invalid_request"));
            return;
        }
        String token = "cc-" + TOKEN_REQUESTS.get() + "-" + Long.toHexString(System.nanoTime());
        ISSUED.add(token);
        VALID.add(token);
        reply(x, 200, Map.of("access_token", token, "token_type", "Bearer", "expires_in", 300));
    }

    private static String header(HttpExchange x, String name) throws IOException {
        x.getRequestBody().readAllBytes();
        String v = x.getRequestHeaders().getFirst(name);
        return v == null ? "" : v;
    }

    /** Returns the decoded value of query parameter {@code name} of a raw query, or {@code null}. */
    private static String parameter(String rawQuery, String name) {
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static Map<String, String> headers(HttpExchange x) {
        Map<String, String> out = new LinkedHashMap<>();
        x.getRequestHeaders().forEach((name, values) -> out.put(name, String.join(",", values)));
        return out;
    }

    private static void reply(HttpExchange x, int status, Map<String, ?> body) throws IOException {
        HttpReplies.send(x, status, "application/json", JSON.writeValueAsString(body));
    }

    @SuppressWarnings("unchecked")
    private static String first(Message message, String name) {
        Map<String, List<String>> headers = (Map<String, List<String>>) message.get(Message.PROTOCOL_HEADERS);
        if (headers == null) {
            return "";
        }
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                return e.getValue().get(0);
            }
        }
        return "";
    }

    /** Publishes the calculator at {@code address}, refusing with HTTP 401 each request {@code check} refuses. */
    private static void publish(String address, java.util.function.Predicate<Message> check) {
        EndpointImpl endpoint = (EndpointImpl) Endpoint.create(new CalculatorImpl());
        endpoint.getInInterceptors().add(new AbstractPhaseInterceptor<Message>(Phase.RECEIVE) {
            @Override
            public void handleMessage(Message message) {
                if (!check.test(message)) {
                    Fault fault = new Fault(new SecurityException("credentials required"));
                    fault.setStatusCode(401);
                    throw fault;
                }
            }
        });
        endpoint.publish(address);
        endpoints.add(endpoint);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }


    /** A document/literal SOAP service (CXF) with one tool, {@code add_<service>}, on port {@code CalculatorPort}. */
    record AddProvider(String id) implements ToolProvider {
        /** Arguments of add. */
        public record In(int a, int b) {
        }

        @Override
        public ServiceDescriptor service() {
            return new ServiceDescriptor(id, "wsdl", "Calculator", null, "0".repeat(64), null,
                    Map.of("CalculatorPort", "http://127.0.0.1:1/unused"));
        }

        @Override
        public List<Tool<?, ?>> tools(UpstreamContext upstream) {
            return List.of(EchoProvider.tool(new ToolDescriptor(id, "add_" + id, null, "Adds two integers",
                    "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"integer\"},\"b\":{\"type\":\"integer\"}}}",
                    "{\"type\":\"object\",\"properties\":{\"sum\":{\"type\":\"integer\"}}}", "sum", Map.of()),
                    In.class, in -> upstream.soapPort(Calculator.class, "CalculatorPort").add(in.a(), in.b())));
        }
    }

    private static JsonNode call(String tool, String arguments) throws Exception {
        String session = srv.initialize("2025-06-18");
        return RawServer.json(srv.callTool(session, tool, arguments)).path("result");
    }

    private static String text(JsonNode result) {
        return result.at("/content/0/text").asText();
    }

    @Test
    void clientCredentialsTokenIsFetchedCachedAndRenewedOnceAfterA401OnRest() throws Exception {
        JsonNode first = call("get_restcc", "{}");
        assertFalse(first.path("isError").asBoolean(), first.toString());
        assertEquals("Bearer ***", first.at("/structuredContent/authorization").asText(), first.toString());
        assertTrue(lastTokenForm.startsWith("grant_type=client_credentials&"), lastTokenForm);
        int requests = TOKEN_REQUESTS.get();
        assertFalse(call("get_restcc", "{}").path("isError").asBoolean());
        assertEquals(requests, TOKEN_REQUESTS.get(), "the cached token is reused");

        VALID.clear(); // revoked: 401, one new token, sent again
        JsonNode renewed = call("get_restcc", "{}");
        assertFalse(renewed.path("isError").asBoolean(), renewed.toString());
        assertEquals(requests + 1, TOKEN_REQUESTS.get());
    }

    @Test
    void clientCredentialsOnCxfSoapWithOneRetryAndOneTokenRequestForConcurrentRefusals() throws Exception {
        JsonNode first = call("add_soapcc", "{\"a\":2,\"b\":3}");
        assertFalse(first.path("isError").asBoolean(), first.toString());
        assertEquals(5, first.at("/structuredContent/sum").asInt(), first.toString());
        assertTrue(CalculatorImpl.LAST_HEADERS.getOrDefault("authorization", "").startsWith("Bearer cc-"));

        JsonNode none = call("add_soapnone", "{\"a\":2,\"b\":3}");
        assertTrue(none.path("isError").asBoolean(), "the endpoint enforces the token: " + none);
        assertEquals("Upstream soapnone answered HTTP 401: SOAP fault soap:Server: credentials required", text(none));

        VALID.clear();
        int requests = TOKEN_REQUESTS.get();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<JsonNode>> calls = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                int a = i;
                calls.add(pool.submit(() -> call("add_soapcc", "{\"a\":" + a + ",\"b\":10}")));
            }
            for (int i = 0; i < calls.size(); i++) {
                JsonNode r = calls.get(i).get();
                assertFalse(r.path("isError").asBoolean(), r.toString());
                assertEquals(i + 10, r.at("/structuredContent/sum").asInt());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(requests + 1, TOKEN_REQUESTS.get(), "refused calls share one new token request");
    }

    @Test
    void aSecondRefusalIsTheToolErrorAndNotRetriedAgain() throws Exception {
        assertFalse(call("get_restcc", "{}").path("isError").asBoolean());
        assertFalse(call("add_soapcc", "{\"a\":1,\"b\":1}").path("isError").asBoolean());
        refuseAll = true; // the upstreams accept no token from now on, not even a new one
        try {
            int requests = TOKEN_REQUESTS.get();
            JsonNode rest = call("get_restcc", "{}");
            assertTrue(rest.path("isError").asBoolean(), rest.toString());
            assertTrue(text(rest).startsWith("Upstream restcc answered HTTP 401: "), text(rest));
            assertTrue(text(rest).contains("invalid_token"), "what the upstream said: " + text(rest));
            assertEquals(requests + 1, TOKEN_REQUESTS.get(), "one renewal, one retry");
            JsonNode soap = call("add_soapcc", "{\"a\":1,\"b\":1}");
            assertTrue(soap.path("isError").asBoolean(), soap.toString());
            assertEquals("Upstream soapcc answered HTTP 401: SOAP fault soap:Server: credentials required", text(soap));
            assertEquals(requests + 2, TOKEN_REQUESTS.get(), "one renewal, one retry");
        } finally {
            refuseAll = false;
        }
    }

    @Test
    void apiKeysInHeaderQueryAndCookieOnRestAndSoap() throws Exception {
        for (String tool : List.of("get_restkey", "get_restqkey", "get_restckey")) {
            JsonNode r = call(tool, "{}");
            assertFalse(r.path("isError").asBoolean(), tool + ": " + r);
            assertTrue(r.at("/structuredContent/ok").asBoolean(), tool + ": " + r);
        }
        for (String tool : List.of("add_soapqkey", "add_soapckey")) {
            JsonNode r = call(tool, "{\"a\":20,\"b\":22}");
            assertFalse(r.path("isError").asBoolean(), tool + ": " + r);
            assertEquals(42, r.at("/structuredContent/sum").asInt(), tool + ": " + r);
        }
    }

    @Test
    void noCredentialReachesResultsTheAuditOrTheLog() throws Exception {
        List<String> out = new ArrayList<>();
        try (LogCapture log = new LogCapture(Logger.getLogger(""))) {
            for (String tool : List.of("get_restcc", "get_restkey", "get_restqkey", "get_restckey")) {
                out.add(call(tool, "{}").toString());
            }
            for (String tool : List.of("add_soapcc", "add_soapqkey", "add_soapckey", "add_soapqdown")) {
                out.add(call(tool, "{\"a\":1,\"b\":2}").toString());
            }
            JsonNode down = call("get_restqdown", "{}");
            assertTrue(down.path("isError").asBoolean(), down.toString());
            out.add(down.toString());
            out.add(String.valueOf(down));
            out.add(log.text());
        }
        out.addAll(java.nio.file.Files.readAllLines(srv.auditFile));
        String all = String.join("\n", out);
        assertTrue(all.toLowerCase(java.util.Locale.ROOT).contains("\"x-api-key\":\"***\""),
                "the upstream echoed the key, masked: " + all);
        assertTrue(all.contains("sid=***"), "the cookie echoed, masked: " + all);
        List<String> secrets = new ArrayList<>(List.of(CLIENT_SECRET, HEADER_KEY, QUERY_KEY, COOKIE_KEY));
        secrets.addAll(ISSUED);
        for (String secret : secrets) {
            SecretRedactionTest.assertNoForm(all, secret);
        }
    }
}
