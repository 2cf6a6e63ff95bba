package dev.imcp.runtime;

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
import dev.imcp.runtime.fixture.EchoProvider;
import dev.imcp.runtime.fixture.Fixture;
import dev.imcp.runtime.fixture.HttpReplies;
import dev.imcp.runtime.fixture.LogCapture;
import dev.imcp.runtime.spi.HttpCall;
import dev.imcp.runtime.spi.ServiceDescriptor;
import dev.imcp.runtime.spi.Tool;
import dev.imcp.runtime.spi.ToolDescriptor;
import dev.imcp.runtime.spi.ToolProvider;
import dev.imcp.runtime.spi.Types;
import dev.imcp.runtime.spi.UpstreamContext;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Credentials that depend on the caller, over real HTTP on 127.0.0.1: an adapter accepting JWTs (signed here, keys
 * from a JWK Set file) and API keys, and upstreams that each enforce one kind: the caller's own token forwarded
 * ({@code auth.type: caller-token}), a token exchanged for it at a local token endpoint that checks the RFC 8693
 * form ({@code token-exchange}), and no forwarding where not configured. No token shows in results, the audit
 * file or the log.
 */
class CallerCredentialsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ISSUER = "https://issuer.test";
    private static final String API_KEY = "api-key-caller-7";
    private static final String CLIENT_SECRET = "x-cl13nt-s3cret";
    private static final String TENANT_KEY = "api-key-of-acme-3";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** Caller tokens the upstream of {@code fwd} accepts. */
    private static final Set<String> FORWARDABLE = ConcurrentHashMap.newKeySet();
    /** Exchanged token to the subject it was issued for. */
    private static final Map<String, String> ISSUED = new ConcurrentHashMap<>();
    private static final AtomicInteger EXCHANGES = new AtomicInteger();
    /** Client credentials token to the client it was issued to. */
    private static final Map<String, String> CC_ISSUED = new ConcurrentHashMap<>();
    private static final AtomicInteger CC_REQUESTS = new AtomicInteger();
    private static volatile String lastExchangeForm = "";
    /** The Authorization header the upstream of {@code plain} last got ("" when none). */
    private static volatile String plainAuthorization;

    private static HttpServer upstream;
    private static ImcpServer server;
    private static RSAKey key;
    private static String audience;
    private static Path auditFile;

    @BeforeAll
    static void start() throws Exception {
        upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        upstream.createContext("/fwd", x -> {
            String auth = authorization(x);
            boolean ok = auth.startsWith("Bearer ") && FORWARDABLE.contains(auth.substring(7));
            reply(x, ok ? 200 : 401, ok ? Map.of("ok", true, "authorization", auth) : Map.of("error", "who are you?"));
        });
        upstream.createContext("/plain", x -> {
            plainAuthorization = authorization(x);
            reply(x, 200, Map.of("ok", true));
        });
        upstream.createContext("/xchg", x -> {
            String auth = authorization(x);
            String subject = auth.startsWith("Bearer ") ? ISSUED.get(auth.substring(7)) : null;
            reply(x, subject != null ? 200 : 401, subject != null ? Map.of("for", subject, "authorization", auth)
                    : Map.of("error", "token not accepted"));
        });
        upstream.createContext("/token", CallerCredentialsTest::exchange);
        upstream.createContext("/acct", x -> {
            String auth = authorization(x);
            String tenant = auth.equals(basic("acme-app", "acme-pw")) ? "acme"
                    : auth.equals(basic("globex-app", "globex-pw")) ? "globex"
                    : auth.equals(basic("shared-app", "shared-pw")) ? "shared" : null;
            String sent = String.valueOf(x.getRequestHeaders().getFirst("X-Tenant-Api-Key"));
            String key = sent.equals("acme-k3y") ? "acme's" : sent.equals("base-k3y") ? "the service's" : "other";
            reply(x, tenant != null ? 200 : 401, tenant != null ? Map.of("tenant", tenant, "key", key)
                    : Map.of("error", "unknown client"));
        });
        upstream.createContext("/cctoken", x -> { // client credentials: the token says which client got it
            x.getRequestBody().readAllBytes();
            String client = null;
            for (String id : List.of("shared-cc", "acme-cc")) {
                if (basic(id, id + "-s3cret").equals(x.getRequestHeaders().getFirst("Authorization"))) {
                    client = id;
                }
            }
            if (client == null) {
                reply(x, 401, Map.of("error", "invalid_client"));
                return;
            }
            String token = "cct-" + CC_REQUESTS.incrementAndGet() + "-" + Long.toHexString(System.nanoTime());
            CC_ISSUED.put(token, client);
            reply(x, 200, Map.of("access_token", token, "token_type", "Bearer", "expires_in", 300));
        });
        upstream.createContext("/acctcc", x -> {
            String auth = authorization(x);
            String client = auth.startsWith("Bearer ") ? CC_ISSUED.get(auth.substring(7)) : null;
            reply(x, client != null ? 200 : 401, client != null ? Map.of("client", client) : Map.of("error", "no"));
        });
        upstream.start();
        String base = "http://127.0.0.1:" + upstream.getAddress().getPort();

        key = new RSAKeyGenerator(2048).keyID("k1").generate();
        Path jwks = Files.createTempFile("jwks", ".json");
        Files.writeString(jwks, new JWKSet(key).toPublicJWKSet().toString());
        auditFile = Path.of("target", "audit-caller-creds-" + System.nanoTime() + ".jsonl");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        audience = "http://127.0.0.1:" + port + "/mcp";
        String yaml = """
                server:
                  port: %d
                  host: 127.0.0.1
                imcp:
                  audit:
                    file: %s
                  auth:
                    api-keys:
                      - {name: robot, sha256: "%s"}
                      - {name: acme-robot, sha256: "%s", tenant: acme}
                    jwt:
                      tenant-claim: org.id
                      issuer: %s
                      audience: %s
                      jwks-file: %s
                  services:
                    fwd:
                      url: %s
                      auth: {type: caller-token}
                    plain:
                      url: %s
                    xchg:
                      url: %s
                      auth:
                        type: token-exchange
                        token-url: %s/token
                        client-id: adapter
                        client-secret: "%s"
                        audience: inventory
                        scope: stock:read
                    acct:
                      url: %s
                      headers: {X-Tenant-Api-Key: base-k3y}
                      tenants:
                        acme:
                          auth: {type: basic, username: acme-app, password: acme-pw}
                          headers: {X-Tenant-Api-Key: "acme-k3y"}
                        globex:
                          auth: {type: basic, username: globex-app, password: globex-pw}
                    acctshared:
                      url: %s
                      auth: {type: basic, username: shared-app, password: shared-pw}
                      unknown-tenant: default
                      tenants:
                        acme:
                          auth: {type: basic, username: acme-app, password: acme-pw}
                    acctcc:
                      url: %s
                      auth: {type: oauth2-client-credentials, token-url: "%s/cctoken", client-id: shared-cc,
                             client-secret: shared-cc-s3cret}
                      unknown-tenant: default
                      tenants:
                        acme:
                          auth: {type: oauth2-client-credentials, token-url: "%s/cctoken", client-id: acme-cc,
                                 client-secret: acme-cc-s3cret}
                """.formatted(port, auditFile.toString().replace("\\", "/"), Fixture.sha(API_KEY),
                Fixture.sha(TENANT_KEY), ISSUER, audience, jwks.toString().replace("\\", "/"), base, base, base, base,
                CLIENT_SECRET, base, base, base, base, base);
        server = ImcpServer.start(Fixture.config(yaml), List.of(new GetProvider("fwd", "/fwd"),
                new GetProvider("plain", "/plain"), new GetProvider("xchg", "/xchg"), new GetProvider("acct", "/acct"),
                new GetProvider("acctshared", "/acct"), new GetProvider("acctcc", "/acctcc")));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        upstream.stop(0);
    }

    /** The RFC 8693 token endpoint: checks the client, the grant type and every parameter; refuses subject mallory. */
    private static void exchange(HttpExchange x) throws IOException {
        String form = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        lastExchangeForm = form;
        Map<String, String> p = HttpReplies.form(form);
        String client = "Basic " + Base64.getEncoder().encodeToString(("adapter:" + CLIENT_SECRET)
                .getBytes(StandardCharsets.UTF_8));
        if (!client.equals(x.getRequestHeaders().getFirst("Authorization"))) {
            reply(x, 401, Map.of("error", "invalid_client"));
            return;
        }
        String subject;
        try {
            subject = SignedJWT.parse(p.getOrDefault("subject_token", "")).getJWTClaimsSet().getSubject();
        } catch (java.text.ParseException e) {
            subject = null;
        }
        boolean valid = "urn:ietf:params:oauth:grant-type:token-exchange".equals(p.get("grant_type"))
                && "urn:ietf:params:oauth:token-type:access_token".equals(p.get("subject_token_type"))
                && "inventory".equals(p.get("audience")) && "stock:read".equals(p.get("scope")) && subject != null;
        if (!valid || "mallory".equals(subject)) {
            reply(x, 400, Map.of("error", valid ? "invalid_grant" : "invalid_request"));
            return;
        }
        String token = "xt-" + EXCHANGES.incrementAndGet() + "-" + Long.toHexString(System.nanoTime());
        ISSUED.put(token, subject);
        reply(x, 200, Map.of("access_token", token, "issued_token_type", "urn:ietf:params:oauth:token-type:access_token",
                "token_type", "Bearer", "expires_in", 300));
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static String authorization(HttpExchange x) throws IOException {
        x.getRequestBody().readAllBytes();
        return String.valueOf(x.getRequestHeaders().getFirst("Authorization")).replace("null", "");
    }

    private static void reply(HttpExchange x, int status, Map<String, ?> body) throws IOException {
        HttpReplies.send(x, status, "application/json", JSON.writeValueAsString(body));
    }

    /** One service with one tool, {@code get_<service>}, that GETs {@code path} and returns the JSON answer. */
    record GetProvider(String id, String path) implements ToolProvider {
        @Override
        public ServiceDescriptor service() {
            return new ServiceDescriptor(id, "openapi", id, "1", "0".repeat(64), null, Map.of());
        }

        @Override
        public List<Tool<?, ?>> tools(UpstreamContext upstream) {
            return List.of(EchoProvider.tool(new ToolDescriptor(id, "get_" + id, null, "GET " + path,
                    "{\"type\":\"object\"}", null, null, Map.of()), Map.class,
                    in -> upstream.http().<Map<String, Object>>exchange(HttpCall.builder("GET", path).build(),
                            Types.mapOf(Object.class))));
        }
    }

    static String jwt(String subject, Map<String, Object> extra) throws Exception {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(ISSUER).audience(audience).subject(subject)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300)))
                .jwtID(Long.toHexString(System.nanoTime()));
        extra.forEach(claims::claim);
        SignedJWT signed = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").build(), claims.build());
        signed.sign(new RSASSASigner(key));
        return signed.serialize();
    }

    /** Opens a session as {@code token} and calls {@code tool}; returns the tool result. */
    static JsonNode call(String token, String tool) throws Exception {
        URI mcp = URI.create(audience);
        HttpResponse<String> init = Fixture.post(HTTP, mcp, Fixture.initializeRequest("2025-06-18"), null,
                "Bearer " + token);
        assertEquals(200, init.statusCode(), init.body());
        String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
        Fixture.post(HTTP, mcp, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}", session,
                "Bearer " + token);
        HttpResponse<String> r = Fixture.post(HTTP, mcp, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\","
                + "\"params\":{\"name\":\"" + tool + "\",\"arguments\":{}}}", session, "Bearer " + token);
        assertEquals(200, r.statusCode(), r.body());
        return Fixture.json(r).path("result");
    }

    private static String text(JsonNode result) {
        return result.at("/content/0/text").asText();
    }

    @Test
    void theCallersTokenIsForwardedOnlyWhereConfiguredAndNeverAnApiKey() throws Exception {
        String alice = jwt("alice", Map.of());
        FORWARDABLE.add(alice);
        JsonNode forwarded = call(alice, "get_fwd");
        assertFalse(forwarded.path("isError").asBoolean(), forwarded.toString());
        assertEquals("Bearer ***", forwarded.at("/structuredContent/authorization").asText(),
                "the upstream got the caller's token; the result masks it: " + forwarded);

        JsonNode plain = call(alice, "get_plain");
        assertFalse(plain.path("isError").asBoolean(), plain.toString());
        assertEquals("", plainAuthorization, "a service without auth.type caller-token gets no caller token");

        FORWARDABLE.add(API_KEY);
        JsonNode apiKey = call(API_KEY, "get_fwd");
        assertTrue(apiKey.path("isError").asBoolean(), apiKey.toString());
        assertTrue(text(apiKey).contains("only callers authenticated with a JWT bearer token"), text(apiKey));
        assertFalse(text(apiKey).contains(API_KEY));
    }

    @Test
    void theCallersTokenIsExchangedCachedPerCallerAndRenewedAfterA401() throws Exception {
        String bob = jwt("bob", Map.of());
        int before = EXCHANGES.get();
        JsonNode first = call(bob, "get_xchg");
        assertFalse(first.path("isError").asBoolean(), first.toString());
        assertEquals("bob", first.at("/structuredContent/for").asText(), "issued on behalf of the caller");
        assertEquals("Bearer ***", first.at("/structuredContent/authorization").asText(), first.toString());
        assertTrue(lastExchangeForm.contains("subject_token=" + bob.substring(0, 20)), "the caller's JWT is the subject");
        assertEquals("bob", call(bob, "get_xchg").at("/structuredContent/for").asText());
        assertEquals(before + 1, EXCHANGES.get(), "one exchange per caller token while the issued token is valid");

        String carol = jwt("carol", Map.of());
        assertEquals("carol", call(carol, "get_xchg").at("/structuredContent/for").asText());
        assertEquals(before + 2, EXCHANGES.get(), "another caller, another exchange");

        ISSUED.clear(); // the upstream no longer accepts the issued tokens: 401, one new exchange, sent again
        assertEquals("carol", call(carol, "get_xchg").at("/structuredContent/for").asText());
        assertEquals(before + 3, EXCHANGES.get());
    }

    @Test
    void aFailedExchangeIsAToolErrorWithoutSecretsOrClassNames() throws Exception {
        String mallory = jwt("mallory", Map.of());
        JsonNode refused = call(mallory, "get_xchg");
        assertTrue(refused.path("isError").asBoolean(), refused.toString());
        String text = text(refused);
        assertTrue(text.startsWith("The token endpoint of service "), "names the token endpoint, not the upstream: " + text);
        assertTrue(text.contains(" answered HTTP 400 (the token exchange (RFC 8693) failed): "), text);
        assertTrue(text.contains("invalid_grant"), text);
        for (String hidden : List.of(CLIENT_SECRET, mallory, "dev.imcp", "Exception")) {
            assertFalse(text.contains(hidden), hidden + " in " + text);
        }
        JsonNode apiKey = call(API_KEY, "get_xchg");
        assertTrue(text(apiKey).contains("only callers authenticated with a JWT bearer token"), text(apiKey));
    }

    @Test
    void noCallerOrIssuedTokenReachesResultsTheAuditOrTheLog() throws Exception {
        String dave = jwt("dave", Map.of());
        FORWARDABLE.add(dave);
        List<String> out = new ArrayList<>();
        int issuedBefore = ISSUED.size();
        try (LogCapture log = new LogCapture(Logger.getLogger(""))) {
            out.add(call(dave, "get_fwd").toString());
            out.add(call(dave, "get_xchg").toString());
            out.add(call(jwt("mallory", Map.of()), "get_xchg").toString());
            out.add(log.text());
        }
        out.addAll(Files.readAllLines(auditFile));
        String all = String.join("\n", out);
        List<String> secrets = new ArrayList<>(List.of(dave, CLIENT_SECRET));
        ISSUED.keySet().forEach(secrets::add);
        assertTrue(ISSUED.size() > issuedBefore || !ISSUED.isEmpty(), "a token was issued");
        for (String secret : secrets) {
            SecretRedactionTest.assertNoForm(all, secret);
        }
    }

    @Test
    void theCallersTenantSelectsTheCredentialSet() throws Exception {
        JsonNode acme = call(TENANT_KEY, "get_acct");
        assertFalse(acme.path("isError").asBoolean(), acme.toString());
        assertEquals("acme", acme.at("/structuredContent/tenant").asText(), "an API key's tenant attribute");
        assertEquals("acme's", acme.at("/structuredContent/key").asText(), "the tenant's header replaces the service's");
        JsonNode globex = call(jwt("gina", Map.of("org", Map.of("id", "globex"))), "get_acct");
        assertEquals("globex", globex.at("/structuredContent/tenant").asText(), "a JWT's tenant claim: " + globex);
        assertEquals("the service's", globex.at("/structuredContent/key").asText(), "the service's header where the "
                + "tenant sets none");

        JsonNode unknown = call(jwt("ivan", Map.of("org", Map.of("id", "initech"))), "get_acct");
        assertTrue(unknown.path("isError").asBoolean(), unknown.toString());
        assertTrue(text(unknown).contains("service acct has no credentials for tenant 'initech'"), text(unknown));
        assertFalse(text(unknown).contains("globex"), "other tenants are not named: " + text(unknown));
        JsonNode none = call(API_KEY, "get_acct");
        assertTrue(text(none).contains("has no credentials for callers without a tenant"), text(none));

        assertEquals("shared", call(jwt("ivan", Map.of("org", Map.of("id", "initech"))), "get_acctshared")
                .at("/structuredContent/tenant").asText(), "unknown-tenant: default uses the service's own set");
        assertEquals("acme", call(TENANT_KEY, "get_acctshared").at("/structuredContent/tenant").asText());

        // the audit names the tenant whose credential set was chosen; a caller without one has no tenant field
        List<JsonNode> lines = new ArrayList<>();
        for (int i = 0; i < 100 && lines.stream().noneMatch(e -> e.path("tool").asText().equals("get_acctshared")
                && e.path("actor").asText().equals("acme-robot")); i++) { // the audit writes off the request path
            Thread.sleep(50);
            lines.clear();
            for (String line : Files.readAllLines(auditFile)) {
                JsonNode event = JSON.readTree(line);
                if (event.path("tool").asText().startsWith("get_acct")) {
                    lines.add(event);
                }
            }
        }
        assertTrue(lines.stream().anyMatch(e -> e.path("actor").asText().equals("acme-robot")
                && e.path("tenant").asText().equals("acme")), lines.toString());
        assertTrue(lines.stream().anyMatch(e -> e.path("actor").asText().equals("gina")
                && e.path("tenant").asText().equals("globex")), lines.toString());
        assertTrue(lines.stream().filter(e -> e.path("actor").asText().equals("robot"))
                .allMatch(e -> e.path("tenant").isMissingNode()), lines.toString());
    }

    @Test
    void eachTenantsCredentialSetHasItsOwnClientCredentialsToken() throws Exception {
        String ivan = jwt("ivan", Map.of("org", Map.of("id", "initech")));
        int before = CC_REQUESTS.get();
        for (int i = 0; i < 2; i++) {
            JsonNode acme = call(TENANT_KEY, "get_acctcc");
            assertEquals("acme-cc", acme.at("/structuredContent/client").asText(), "acme's set: " + acme);
            JsonNode other = call(ivan, "get_acctcc");
            assertEquals("shared-cc", other.at("/structuredContent/client").asText(), "the service's own: " + other);
        }
        assertEquals(before + 2, CC_REQUESTS.get(), "one token per credential set, each cached");
        String all = call(TENANT_KEY, "get_acctcc").toString() + String.join("\n", Files.readAllLines(auditFile));
        List<String> secrets = new ArrayList<>(List.of("acme-cc-s3cret", "shared-cc-s3cret"));
        secrets.addAll(CC_ISSUED.keySet());
        for (String secret : secrets) {
            SecretRedactionTest.assertNoForm(all, secret);
        }
    }

    @Test
    void tenantSecretsAreRedacted() throws Exception {
        String all = call(TENANT_KEY, "get_acct").toString() + String.join("\n", Files.readAllLines(auditFile));
        for (String secret : List.of("acme-pw", "globex-pw", "acme-k3y", "base-k3y", TENANT_KEY)) {
            SecretRedactionTest.assertNoForm(all, secret);
        }
    }
}
