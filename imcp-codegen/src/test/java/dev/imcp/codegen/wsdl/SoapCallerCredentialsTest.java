package dev.imcp.codegen.wsdl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.imcp.codegen.CodegenRequest;
import dev.imcp.codegen.ImcpGenerator;
import dev.imcp.codegen.TestContracts;
import dev.imcp.runtime.ImcpServer;
import dev.imcp.runtime.security.ApiKeyAuthenticator;
import dev.imcp.runtime.spi.ToolProvider;
import io.helidon.common.media.type.MediaTypes;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.xml.ws.Endpoint;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.apache.cxf.configuration.security.AuthorizationPolicy;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.jaxws.EndpointImpl;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Credentials that depend on the caller, on a document/literal SOAP service for real: the adapter generated from
 * {@code pricing.wsdl} (CXF JAX-WS client) accepts JWTs (signed here, keys from a JWK Set file) and API keys, and
 * calls CXF endpoints on loopback that each enforce one kind with HTTP 401: the caller's own token forwarded
 * ({@code auth.type: caller-token}), a token exchanged for it at a local RFC 8693 token endpoint
 * ({@code token-exchange}, renewed once after a 401), and the credential set of the caller's tenant
 * ({@code tenants.<tenant>}). Calls go through the MCP Java SDK client. No token or password shows in a result, the
 * audit file or the log.
 */
class SoapCallerCredentialsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ISSUER = "https://issuer.test";
    private static final String CLIENT_SECRET = "xchg-Cl13nt-s3cret";
    private static final String ROBOT_KEY = "api-key-robot-5";
    private static final String ACME_KEY = "api-key-acme-robot-6";
    private static final String ACME_PASSWORD = "acme-Pa55-0a1b";
    private static final String GLOBEX_TOKEN = "globex-T0ken-2c3d";

    @TempDir
    static Path work;

    private static URLClassLoader loader;
    private static final List<ToolProvider> providers = new ArrayList<>();
    private static final List<Endpoint> endpoints = new ArrayList<>();
    private static final AtomicInteger runs = new AtomicInteger();
    private static final List<String> logs = java.util.Collections.synchronizedList(new ArrayList<>());
    private static final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            StringBuilder out = new StringBuilder(r.getLoggerName()).append(' ').append(r.getMessage());
            if (r.getParameters() != null) {
                for (Object p : r.getParameters()) {
                    out.append(' ').append(p);
                }
            }
            if (r.getThrown() != null) {
                out.append(' ').append(r.getThrown());
            }
            logs.add(out.toString());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    /** Caller tokens the {@code /forwarded} endpoint accepts. */
    private static final Set<String> FORWARDABLE = ConcurrentHashMap.newKeySet();
    /** Exchanged token to the subject it was issued for; the {@code /exchanged} endpoint accepts these. */
    private static final Map<String, String> ISSUED = new ConcurrentHashMap<>();
    /** Every token the token endpoint issued, for the leak checks. */
    private static final Set<String> EVER_ISSUED = ConcurrentHashMap.newKeySet();
    private static final AtomicInteger EXCHANGES = new AtomicInteger();
    /** Whether {@code /exchanged} refuses every token, even a new one. */
    private static volatile boolean refuseAll;
    /** The last caller or tenant an endpoint let through. */
    private static volatile String lastSeen = "";

    private static RSAKey key;
    private static Path jwks;
    private static String soap;
    private static String tokenUrl;
    private static HttpServer tokenEndpoint;

    @BeforeAll
    static void start() throws Exception {
        Path sources = work.resolve("java");
        Path resources = work.resolve("resources");
        new ImcpGenerator().generate(new CodegenRequest(List.of(Path.of("calls/pricing.wsdl")),
                TestContracts.RESOURCES, sources, resources, "com.example.calls"));
        Endpoints.write(sources.resolve("calls/impl"), "PricingImpl");
        Path classes = Files.createDirectories(work.resolve("classes"));
        WsdlTestSupport.compile(sources, classes);
        loader = new URLClassLoader(new URL[] {classes.toUri().toURL(), resources.toUri().toURL()},
                SoapCallerCredentialsTest.class.getClassLoader());
        ServiceLoader.load(ToolProvider.class, loader).forEach(providers::add);
        assertEquals(1, providers.size(), providers.toString());

        soap = "http://127.0.0.1:" + WsdlTestSupport.freePort();
        WsdlTestSupport.withLoader(loader, () -> {
            publish(soap + "/forwarded", message -> {
                String bearer = bearer(message);
                return bearer != null && FORWARDABLE.contains(bearer) ? subject(bearer) : null;
            });
            publish(soap + "/exchanged", message -> {
                String bearer = bearer(message);
                return refuseAll || bearer == null ? null : ISSUED.get(bearer);
            });
            publish(soap + "/tenant", message -> {
                AuthorizationPolicy basic = message.get(AuthorizationPolicy.class);
                if (basic != null && "acme-app".equals(basic.getUserName())
                        && ACME_PASSWORD.equals(basic.getPassword())) {
                    return "acme";
                }
                return GLOBEX_TOKEN.equals(bearer(message)) ? "globex" : null;
            });
            return null;
        });
        tokenEndpoint = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        tokenEndpoint.createContext("/token", SoapCallerCredentialsTest::exchange);
        tokenEndpoint.start();
        tokenUrl = "http://127.0.0.1:" + tokenEndpoint.getAddress().getPort() + "/token";

        key = new RSAKeyGenerator(2048).keyID("k1").generate();
        jwks = work.resolve("jwks.json");
        Files.writeString(jwks, new JWKSet(key).toPublicJWKSet().toString());
        Logger.getLogger("").addHandler(capture);
    }

    @AfterAll
    static void stop() throws IOException {
        Logger.getLogger("").removeHandler(capture);
        endpoints.forEach(Endpoint::stop);
        if (tokenEndpoint != null) {
            tokenEndpoint.stop(0);
        }
        if (loader != null) {
            loader.close();
        }
    }

    /** The RFC 8693 token endpoint: checks the client, the grant type and the parameters; refuses subject mallory. */
    private static void exchange(HttpExchange x) throws IOException {
        String form = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> p = new LinkedHashMap<>();
        for (String pair : form.split("&")) {
            int eq = pair.indexOf('=');
            p.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        String client = "Basic " + Base64.getEncoder().encodeToString(("adapter:" + CLIENT_SECRET)
                .getBytes(StandardCharsets.UTF_8));
        String subject = subject(p.getOrDefault("subject_token", ""));
        int status;
        String body;
        if (!client.equals(x.getRequestHeaders().getFirst("Authorization"))) {
            status = 401;
            body = "{\"error\":\"invalid_client\"}";
        } else if (!"urn:ietf:params:oauth:grant-type:token-exchange".equals(p.get("grant_type"))
                || !"pricing".equals(p.get("audience")) || subject == null || "mallory".equals(subject)) {
            status = 400;
            body = "{\"error\":\"invalid_grant\"}";
        } else {
            String token = "xt-" + EXCHANGES.incrementAndGet() + "-" + Long.toHexString(System.nanoTime());
            ISSUED.put(token, subject);
            EVER_ISSUED.add(token);
            status = 200;
            body = "{\"access_token\":\"" + token + "\",\"issued_token_type\":"
                    + "\"urn:ietf:params:oauth:token-type:access_token\",\"token_type\":\"Bearer\",\"expires_in\":300}";
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", "application/json");
        x.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Returns the JWT's subject, or {@code null} when {@code token} is not a JWT. */
    private static String subject(String token) {
        try {
            return SignedJWT.parse(token).getJWTClaimsSet().getSubject();
        } catch (java.text.ParseException e) {
            return null;
        }
    }

    @SuppressWarnings("unchecked")
    private static String bearer(Message message) {
        Map<String, List<String>> headers = (Map<String, List<String>>) message.get(Message.PROTOCOL_HEADERS);
        if (headers == null) {
            return null;
        }
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            if (e.getKey().equalsIgnoreCase("Authorization") && !e.getValue().isEmpty()
                    && e.getValue().get(0).startsWith("Bearer ")) {
                return e.getValue().get(0).substring(7);
            }
        }
        return null;
    }

    /**
     * Publishes the pricing endpoint at {@code address}; {@code check} names whom a request is from, or returns
     * {@code null} to refuse it with HTTP 401.
     */
    private static void publish(String address, java.util.function.Function<Message, String> check)
            throws ReflectiveOperationException {
        Object implementor = loader.loadClass("calls.impl.PricingImpl").getConstructor().newInstance();
        EndpointImpl endpoint = (EndpointImpl) Endpoint.create(implementor);
        endpoint.getInInterceptors().add(new AbstractPhaseInterceptor<Message>(Phase.RECEIVE) {
            @Override
            public void handleMessage(Message message) {
                String who = check.apply(message);
                if (who == null) {
                    Fault fault = new Fault(new SecurityException("credentials refused"));
                    fault.setStatusCode(401);
                    throw fault;
                }
                lastSeen = who;
            }
        });
        endpoint.publish(address);
        endpoints.add(endpoint);
    }

    /** One adapter, started with the pricing service's settings under test. */
    private static final class Adapter implements AutoCloseable {
        final ImcpServer server;
        final Path audit;
        final String mcp;

        Adapter(String pricing) throws Exception {
            audit = work.resolve("audit-callers-" + runs.incrementAndGet() + ".jsonl");
            int port = WsdlTestSupport.freePort();
            mcp = "http://127.0.0.1:" + port + ImcpServer.MCP_PATH;
            String yaml = """
                    server: {port: %d, host: 127.0.0.1}
                    imcp:
                      audit: {file: "%s"}
                      auth:
                        api-keys:
                          - {name: robot, sha256: "%s"}
                          - {name: acme-robot, sha256: "%s", tenant: acme}
                        jwt:
                          issuer: %s
                          audience: %s
                          jwks-file: "%s"
                          tenant-claim: org
                      services:
                        pricing:
                    """.formatted(port, audit.toString().replace('\\', '/'), sha(ROBOT_KEY), sha(ACME_KEY), ISSUER,
                    mcp, jwks.toString().replace('\\', '/')) + pricing.indent(6);
            server = WsdlTestSupport.withLoader(loader, () -> ImcpServer.start(Config.builder()
                    .disableEnvironmentVariablesSource()
                    .disableSystemPropertiesSource()
                    .sources(ConfigSources.create(yaml, MediaTypes.APPLICATION_X_YAML))
                    .build(), providers));
        }

        /** Calls {@code quote} as the caller authenticated by {@code credential} (a JWT or an API key). */
        McpSchema.CallToolResult quote(String credential) {
            McpSyncClient client = McpClient.sync(HttpClientStreamableHttpTransport.builder("http://127.0.0.1:"
                            + server.port())
                    .endpoint(ImcpServer.MCP_PATH)
                    .httpRequestCustomizer((request, method, uri, body, context) ->
                            request.header("Authorization", "Bearer " + credential))
                    .build()).requestTimeout(Duration.ofSeconds(30)).build();
            try {
                client.initialize();
                return client.callTool(new McpSchema.CallToolRequest("quote", Map.of("order", Map.of("sku", "A-1",
                        "quantity", 3, "unitPrice", new BigDecimal("12.50")), "discount", new BigDecimal("0.25"))));
            } finally {
                client.closeGracefully();
            }
        }

        /** Stops the adapter; returns what it wrote to its audit file. */
        @Override
        public void close() {
            server.close();
        }

        String auditText() throws IOException {
            return Files.readString(audit);
        }
    }

    private static String sha(String apiKey) {
        return HexFormat.of().formatHex(ApiKeyAuthenticator.sha256(apiKey));
    }

    private static String sign(Adapter adapter, String subject, Map<String, Object> extra) throws Exception {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(ISSUER).audience(adapter.mcp)
                .subject(subject).issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300)))
                .jwtID(Long.toHexString(System.nanoTime()));
        extra.forEach(claims::claim);
        SignedJWT signed = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").build(), claims.build());
        signed.sign(new RSASSASigner(key));
        return signed.serialize();
    }

    private static String text(McpSchema.CallToolResult result) {
        return ((McpSchema.TextContent) result.content().get(0)).text();
    }

    private static void assertQuoted(McpSchema.CallToolResult result) {
        assertFalse(Boolean.TRUE.equals(result.isError()), result.toString());
        assertEquals("{\"result\":37.25}", text(result));
    }

    private static String error(McpSchema.CallToolResult result) {
        assertEquals(Boolean.TRUE, result.isError(), result.toString());
        String text = text(result);
        assertFalse(text.contains("\tat ") || text.contains(".java:") || text.contains("dev.imcp"), text);
        return text;
    }

    /** Fails when {@code written} holds one of {@code secrets} as is, in any case, or Base64-encoded. */
    private static void assertNoSecret(String written, List<String> secrets) {
        String lower = written.toLowerCase(Locale.ROOT);
        for (String secret : secrets) {
            for (String form : List.of(secret, Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8)))) {
                assertFalse(lower.contains(form.toLowerCase(Locale.ROOT)), () -> "'" + secret + "' written: " + written);
            }
        }
    }

    @Test
    void theCallersTokenIsForwardedOnlyWhereConfiguredAndNeverAnApiKey() throws Exception {
        List<String> secrets = new ArrayList<>(List.of(ROBOT_KEY));
        try (Adapter forwarding = new Adapter("""
                ports: {PricingPort: {url: "%s/forwarded"}}
                auth: {type: caller-token}
                """.formatted(soap))) {
            String alice = sign(forwarding, "alice", Map.of());
            secrets.add(alice);
            FORWARDABLE.add(alice);
            McpSchema.CallToolResult quoted = forwarding.quote(alice);
            assertQuoted(quoted);
            assertEquals("alice", lastSeen, "the endpoint got alice's own token");
            assertNoSecret(quoted.toString(), secrets);

            String refused = error(forwarding.quote(ROBOT_KEY));
            assertTrue(refused.contains("only callers authenticated with a JWT bearer token"), refused);

            String bob = sign(forwarding, "bob", Map.of()); // valid for the adapter, not for the endpoint
            secrets.add(bob);
            assertEquals("Upstream pricing answered HTTP 401: SOAP fault soap:Server: credentials refused", error(forwarding.quote(bob)),
                    "a forwarded token the endpoint refuses is the tool error, not retried");
            assertNoSecret(forwarding.auditText() + String.join("\n", logs), secrets);
        }
        try (Adapter plain = new Adapter("""
                ports: {PricingPort: {url: "%s/forwarded"}}
                """.formatted(soap))) {
            String alice = sign(plain, "alice", Map.of());
            FORWARDABLE.add(alice);
            secrets.add(alice);
            assertEquals("Upstream pricing answered HTTP 401: SOAP fault soap:Server: credentials refused", error(plain.quote(alice)),
                    "never forwarded by default");
            assertNoSecret(plain.auditText() + String.join("\n", logs), secrets);
        }
    }

    @Test
    void theCallersTokenIsExchangedCachedRenewedOnceAfterA401AndRefusalsAreToolErrors() throws Exception {
        try (Adapter adapter = new Adapter("""
                ports: {PricingPort: {url: "%s/exchanged"}}
                auth:
                  type: token-exchange
                  token-url: %s
                  client-id: adapter
                  client-secret: "%s"
                  audience: pricing
                """.formatted(soap, tokenUrl, CLIENT_SECRET))) {
            String carol = sign(adapter, "carol", Map.of());
            List<String> written = new ArrayList<>();
            int before = EXCHANGES.get();
            McpSchema.CallToolResult first = adapter.quote(carol);
            assertQuoted(first);
            written.add(first.toString());
            assertEquals("carol", lastSeen, "issued on behalf of the caller");
            assertQuoted(adapter.quote(carol));
            assertEquals(before + 1, EXCHANGES.get(), "one exchange per caller token while the issued one is valid");

            ISSUED.clear(); // the endpoint no longer accepts the issued tokens: 401, one new exchange, sent again
            assertQuoted(adapter.quote(carol));
            assertEquals(before + 2, EXCHANGES.get());

            refuseAll = true;
            try {
                assertEquals("Upstream pricing answered HTTP 401: SOAP fault soap:Server: credentials refused", error(adapter.quote(carol)));
                assertEquals(before + 3, EXCHANGES.get(), "one renewal and one retry, then the 401 is the tool error");
            } finally {
                refuseAll = false;
            }

            String mallory = sign(adapter, "mallory", Map.of());
            String refused = error(adapter.quote(mallory));
            assertTrue(refused.contains("token endpoint of service pricing answered HTTP 400 (the token exchange (RFC 8693) failed)"), refused);
            assertTrue(refused.contains("invalid_grant"), refused);
            written.add(refused);
            written.add(adapter.auditText());
            written.addAll(logs);
            List<String> secrets = new ArrayList<>(List.of(carol, mallory, CLIENT_SECRET));
            secrets.addAll(EVER_ISSUED);
            assertNoSecret(String.join("\n", written), secrets);
        }
    }

    @Test
    void theCallersTenantSelectsTheCredentialSet() throws Exception {
        try (Adapter adapter = new Adapter("""
                ports: {PricingPort: {url: "%s/tenant"}}
                tenants:
                  acme:
                    auth: {type: basic, username: acme-app, password: "%s"}
                  globex:
                    auth: {type: bearer, token: "%s"}
                """.formatted(soap, ACME_PASSWORD, GLOBEX_TOKEN))) {
            assertQuoted(adapter.quote(ACME_KEY));
            assertEquals("acme", lastSeen, "an API key's tenant attribute chose acme's basic credentials");
            assertQuoted(adapter.quote(sign(adapter, "gina", Map.of("org", "globex"))));
            assertEquals("globex", lastSeen, "a JWT's tenant claim chose globex's bearer token");

            String unknown = error(adapter.quote(sign(adapter, "ivan", Map.of("org", "initech"))));
            assertTrue(unknown.contains("service pricing has no credentials for tenant 'initech'"), unknown);
            assertFalse(unknown.contains("globex") || unknown.contains("acme"), "no other tenant named: " + unknown);
            String none = error(adapter.quote(ROBOT_KEY));
            assertTrue(none.contains("has no credentials for callers without a tenant"), none);

            String audit = "";
            for (int i = 0; i < 100 && !audit.contains("\"actor\":\"robot\""); i++) {
                Thread.sleep(50); // the audit is written off the request path
                audit = adapter.auditText();
            }
            List<JsonNode> events = new ArrayList<>();
            for (String line : audit.lines().toList()) {
                events.add(JSON.readTree(line));
            }
            assertTrue(events.stream().anyMatch(e -> e.path("actor").asText().equals("acme-robot")
                    && e.path("tenant").asText().equals("acme")), audit);
            assertTrue(events.stream().anyMatch(e -> e.path("actor").asText().equals("gina")
                    && e.path("tenant").asText().equals("globex")), audit);
            assertNoSecret(audit + String.join("\n", logs), List.of(ACME_PASSWORD, GLOBEX_TOKEN, ACME_KEY, ROBOT_KEY,
                    "acme-app:" + ACME_PASSWORD));
        }
    }
}
