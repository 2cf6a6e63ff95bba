package dev.imcp.runtime.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.imcp.runtime.config.RuntimeConfig;
import dev.imcp.runtime.config.ServiceConfig;
import dev.imcp.runtime.fixture.HttpReplies;
import dev.imcp.runtime.spi.HttpCall;
import dev.imcp.runtime.spi.HttpUpstream;
import dev.imcp.runtime.spi.RestSecurity;
import dev.imcp.runtime.spi.SecurityScheme;
import dev.imcp.runtime.spi.ServiceDescriptor;
import dev.imcp.runtime.spi.UpstreamException;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each security scheme against an upstream on 127.0.0.1 that enforces it: refused without the configured
 * credentials (the upstream's 401 and body reach the caller), accepted with them.
 */
class HttpAuthTest {

    private static HttpServer server;
    private static String base;
    private static final AtomicInteger TOKENS_ISSUED = new AtomicInteger();
    /** Issued token to its expiry, in epoch millis. */
    private static final Map<String, Long> TOKENS = new ConcurrentHashMap<>();
    private static volatile String lastTokenRequest = "";

    @BeforeAll
    static void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        guard("/key-header", x -> "k-1".equals(x.getRequestHeaders().getFirst("X-API-Key")));
        guard("/key-query", x -> String.valueOf(x.getRequestURI().getRawQuery()).contains("api_key=k%2F1"));
        guard("/key-cookie", x -> String.valueOf(x.getRequestHeaders().getFirst("Cookie")).contains("session=k-1"));
        guard("/basic", x -> ("Basic " + b64("ann:s3cret")).equals(x.getRequestHeaders().getFirst("Authorization")));
        guard("/bearer", x -> "Bearer t-1".equals(x.getRequestHeaders().getFirst("Authorization")));
        guard("/both", x -> "k-1".equals(x.getRequestHeaders().getFirst("X-API-Key"))
                && "Bearer t-1".equals(x.getRequestHeaders().getFirst("Authorization")));
        guard("/oauth", x -> {
            String auth = String.valueOf(x.getRequestHeaders().getFirst("Authorization"));
            Long expiry = auth.startsWith("Bearer ") ? TOKENS.get(auth.substring(7)) : null;
            return expiry != null && expiry > System.currentTimeMillis();
        });
        guard("/oauth-never", x -> false);
        server.createContext("/token", x -> {
            String form = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            lastTokenRequest = URLDecoder.decode(form, StandardCharsets.UTF_8);
            boolean client = ("Basic " + b64("app:c-secret")).equals(x.getRequestHeaders().getFirst("Authorization"));
            if (!client || !form.contains("grant_type=client_credentials")) {
                reply(x, 401, "{\"error\":\"invalid_client\"}");
                return;
            }
            String token = "tok-" + TOKENS_ISSUED.incrementAndGet();
            TOKENS.put(token, System.currentTimeMillis() + 2_000);
            reply(x, 200, "{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\",\"expires_in\":2}");
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    /** Requests per guarded path. */
    private static final Map<String, AtomicInteger> HITS = new ConcurrentHashMap<>();

    private static void guard(String path, Predicate<HttpExchange> allowed) {
        server.createContext(path, x -> {
            x.getRequestBody().readAllBytes();
            HITS.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            if (allowed.test(x)) {
                reply(x, 200, "{\"ok\":true}");
            } else {
                reply(x, 401, "{\"error\":\"who are you?\"}");
            }
        });
    }

    private static void reply(HttpExchange x, int status, String body) throws IOException {
        HttpReplies.send(x, status, "application/json", body);
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static ServiceDescriptor service() {
        RestSecurity security = RestSecurity.builder()
                .scheme(SecurityScheme.apiKey("header_key", "header", "X-API-Key"))
                .scheme(SecurityScheme.apiKey("query_key", "query", "api_key"))
                .scheme(SecurityScheme.apiKey("cookie_key", "cookie", "session"))
                .scheme(SecurityScheme.basic("basic_auth"))
                .scheme(SecurityScheme.bearer("bearer_auth"))
                .scheme(SecurityScheme.oauth2ClientCredentials("oauth", "/token", List.of("read", "write")))
                .require("GET", "/key-header", "header_key")
                .require("GET", "/key-query", "query_key")
                .require("GET", "/key-cookie", "cookie_key")
                .require("GET", "/basic", "basic_auth")
                .require("GET", "/bearer", "bearer_auth")
                .require("GET", "/both", "header_key", "bearer_auth")
                .require("GET", "/oauth", "basic_auth", "oauth") // first alternative unconfigured in oauthOnly()
                .require("GET", "/oauth", "oauth")
                .require("GET", "/oauth-never", "oauth")
                .build();
        return new ServiceDescriptor("pets", "openapi", "Pets", "1", "0", base, Map.of(), security);
    }

    private static ServiceConfig config(Map<String, String> keys) {
        Map<String, String> all = new HashMap<>(keys);
        // generous: the first call of a JVM loads the HTTP client, and under load took 6 s (nothing here tests timeouts)
        all.put("imcp.services.pets.timeout-seconds", "30");
        Config config = Config.builder().disableEnvironmentVariablesSource().disableSystemPropertiesSource()
                .addSource(ConfigSources.create(all)).build();
        return RuntimeConfig.from(config).service("pets");
    }

    private static HttpUpstream upstream(Map<String, String> keys) {
        return new DefaultUpstreamContext(service(), config(keys), new UpstreamHttpClient(java.time.Duration.ofSeconds(30)), JsonMapping.create())
                .http();
    }

    private static final Map<String, String> ALL = Map.of(
            "imcp.services.pets.security.header_key.value", "k-1",
            "imcp.services.pets.security.query_key.value", "k/1",
            "imcp.services.pets.security.cookie_key.value", "k-1",
            "imcp.services.pets.security.basic_auth.username", "ann",
            "imcp.services.pets.security.basic_auth.password", "s3cret",
            "imcp.services.pets.security.bearer_auth.token", "t-1");

    private static Object get(HttpUpstream upstream, String path) throws UpstreamException {
        return upstream.exchange(HttpCall.builder("GET", path).build(), Map.class);
    }

    @Test
    void eachSchemeIsRefusedWithoutItsCredentialsAndAcceptedWithThem() throws Exception {
        HttpUpstream none = upstream(Map.of());
        HttpUpstream configured = upstream(ALL);
        for (String path : List.of("/key-header", "/key-query", "/key-cookie", "/basic", "/bearer", "/both")) {
            UpstreamException refused = assertThrows(UpstreamException.class, () -> get(none, path), path);
            assertEquals(401, refused.status(), path);
            assertTrue(refused.body().contains("who are you?"), path);
            assertEquals(Map.of("ok", true), get(configured, path), path);
        }
    }

    @Test
    void oauth2ClientCredentialsTokensAreCachedAndRenewedBeforeExpiry() throws Exception {
        assertThrows(UpstreamException.class, () -> get(upstream(Map.of()), "/oauth"));
        HttpUpstream upstream = upstream(Map.of(
                "imcp.services.pets.security.oauth.client-id", "app",
                "imcp.services.pets.security.oauth.client-secret", "c-secret"));
        int before = TOKENS_ISSUED.get();
        assertEquals(Map.of("ok", true), get(upstream, "/oauth"));
        assertEquals(Map.of("ok", true), get(upstream, "/oauth"));
        assertEquals(before + 1, TOKENS_ISSUED.get(), "the second call reuses the token");
        assertTrue(lastTokenRequest.contains("scope=read write"), lastTokenRequest);
        Thread.sleep(2_100); // the token expires after 2 s; it is renewed 0.2 s before that
        assertEquals(Map.of("ok", true), get(upstream, "/oauth"));
        assertEquals(before + 2, TOKENS_ISSUED.get(), "an expired token is replaced");
    }

    @Test
    void aFetchedTokenTheUpstreamRefusesIsReplacedOnceAndTheRequestSentAgain() throws Exception {
        HttpUpstream upstream = upstream(Map.of(
                "imcp.services.pets.security.oauth.client-id", "app",
                "imcp.services.pets.security.oauth.client-secret", "c-secret"));
        assertEquals(Map.of("ok", true), get(upstream, "/oauth"));
        int before = TOKENS_ISSUED.get();
        TOKENS.clear(); // the authorization server revokes every token: the cached one is now refused with 401
        int threads = 8;
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<Object>> calls = new java.util.ArrayList<>();
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(threads)) {
            for (int i = 0; i < threads; i++) {
                calls.add(pool.submit(() -> {
                    start.await();
                    return get(upstream, "/oauth");
                }));
            }
            start.countDown();
            for (var call : calls) {
                assertEquals(Map.of("ok", true), call.get());
            }
        }
        assertEquals(before + 1, TOKENS_ISSUED.get(), "concurrent refusals of one token lead to one token request");
    }

    @Test
    void aSecond401IsTheErrorAndConfiguredTokensAreNotRetried() throws Exception {
        HttpUpstream upstream = upstream(Map.of(
                "imcp.services.pets.security.oauth.client-id", "app",
                "imcp.services.pets.security.oauth.client-secret", "c-secret"));
        int hits = HITS.computeIfAbsent("/oauth-never", p -> new AtomicInteger()).get();
        int issued = TOKENS_ISSUED.get();
        UpstreamException refused = assertThrows(UpstreamException.class, () -> get(upstream, "/oauth-never"));
        assertEquals(401, refused.status());
        assertEquals(hits + 2, HITS.get("/oauth-never").get(), "sent once more after the first 401, not again");
        assertEquals(issued + 2, TOKENS_ISSUED.get(), "the refused token was replaced once");

        HttpUpstream wrongBearer = upstream(Map.of("imcp.services.pets.security.bearer_auth.token", "t-wrong"));
        int bearerHits = HITS.computeIfAbsent("/bearer", p -> new AtomicInteger()).get();
        assertEquals(401, assertThrows(UpstreamException.class, () -> get(wrongBearer, "/bearer")).status());
        assertEquals(bearerHits + 1, HITS.get("/bearer").get(), "a configured token is not retried");
    }

    @Test
    void aRefusedTokenRequestReportsTheTokenEndpointsAnswerWithoutTheSecret() {
        HttpUpstream upstream = upstream(Map.of(
                "imcp.services.pets.security.oauth.client-id", "app",
                "imcp.services.pets.security.oauth.client-secret", "wrong-secret"));
        UpstreamException e = assertThrows(UpstreamException.class, () -> get(upstream, "/oauth"));
        assertEquals(401, e.status());
        assertTrue(e.body().contains("invalid_client"), e.body());
        assertFalse(e.getMessage().contains("wrong-secret"), e.getMessage());
    }

    @Test
    void aFailedTokenRequestIsWordedAsTheTokenEndpointsFailureNotTheUpstreams() throws Exception {
        UpstreamFaults faults = new UpstreamFaults(JsonMapping.create(), new dev.imcp.runtime.audit.Redactor(List.of("wrong-secret")));
        HttpUpstream refusedClient = upstream(Map.of(
                "imcp.services.pets.security.oauth.client-id", "app",
                "imcp.services.pets.security.oauth.client-secret", "wrong-secret"));
        String refused = faults.describe("pets", assertThrows(UpstreamException.class, () -> get(refusedClient, "/oauth")));
        assertTrue(refused.startsWith("The token endpoint of service pets answered HTTP 401 (the OAuth 2.0 token request "
                + "failed): "), refused);
        assertTrue(refused.contains("invalid_client"), refused);
        int closed;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        HttpUpstream unreachable = upstream(Map.of(
                "imcp.services.pets.security.oauth.client-id", "app",
                "imcp.services.pets.security.oauth.client-secret", "s3cret",
                "imcp.services.pets.security.oauth.token-url", "http://127.0.0.1:" + closed + "/token"));
        assertEquals("The token endpoint of service pets could not be reached (connection refused)",
                faults.describe("pets", assertThrows(UpstreamException.class, () -> get(unreachable, "/oauth"))));
    }

    @Test
    void misconfiguredSchemesFailAtStartUpNamingTheKey() {
        String unknown = assertThrows(IllegalArgumentException.class,
                () -> upstream(Map.of("imcp.services.pets.security.nope.value", "x"))).getMessage();
        assertTrue(unknown.startsWith("imcp.services.pets.security.nope: the contract of pets declares no security "
                + "scheme 'nope'"), unknown);
        String missing = assertThrows(IllegalArgumentException.class,
                () -> upstream(Map.of("imcp.services.pets.security.basic_auth.username", "ann"))).getMessage();
        assertTrue(missing.startsWith("imcp.services.pets.security.basic_auth.password is required"), missing);
        String wrong = assertThrows(IllegalArgumentException.class,
                () -> upstream(Map.of("imcp.services.pets.security.bearer_auth.token", "t-1",
                        "imcp.services.pets.security.bearer_auth.value", "v-secret"))).getMessage();
        assertTrue(wrong.startsWith("imcp.services.pets.security.bearer_auth.value does not apply"), wrong);
        assertFalse(wrong.contains("v-secret"), wrong);
        String typo = assertThrows(IllegalArgumentException.class,
                () -> config(Map.of("imcp.services.pets.security.oauth.clientId", "app"))).getMessage();
        assertTrue(typo.startsWith("imcp.services.pets.security.oauth.clientId: unknown key"), typo);
        String tenant = assertThrows(IllegalArgumentException.class,
                () -> upstream(Map.of("imcp.services.pets.tenants.acme.security.nope.value", "x"))).getMessage();
        assertTrue(tenant.startsWith("imcp.services.pets.tenants.acme.security.nope: the contract of pets declares no "
                + "security scheme 'nope'"), tenant);
        String tenantMissing = assertThrows(IllegalArgumentException.class, () -> upstream(Map.of(
                "imcp.services.pets.tenants.acme.security.basic_auth.username", "ann"))).getMessage();
        assertTrue(tenantMissing.startsWith("imcp.services.pets.tenants.acme.security.basic_auth.password is required"),
                tenantMissing);
    }

    @Test
    void everySchemeSecretIsRedacted() {
        List<String> secrets = config(ALL).secrets();
        for (String s : List.of("k-1", "k/1", "s3cret", "t-1", b64("ann:s3cret"))) {
            assertTrue(secrets.contains(s), s);
        }
        assertFalse(secrets.contains("ann"));
        assertFalse(config(ALL).toString().contains("s3cret"));
    }
}
