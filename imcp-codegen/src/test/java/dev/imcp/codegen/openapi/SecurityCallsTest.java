package dev.imcp.codegen.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.imcp.codegen.CodegenRequest;
import dev.imcp.codegen.GenerationResult;
import dev.imcp.codegen.ImcpGenerator;
import dev.imcp.codegen.TestContracts;
import dev.imcp.codegen.diag.Diagnostic;
import dev.imcp.codegen.wsdl.WsdlTestSupport;
import dev.imcp.runtime.ImcpServer;
import dev.imcp.runtime.spi.ServiceDescriptor;
import dev.imcp.runtime.spi.ToolProvider;
import io.helidon.common.media.type.MediaTypes;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OpenAPI servers and security end to end: the adapter generated from {@code openapi/secured.yaml} (one operation
 * per scheme type) runs twice against a stand-in upstream on 127.0.0.1 that enforces each scheme: without
 * {@code security.*} configuration every protected tool gets the upstream's 401 as {@code isError}, with it every
 * tool is accepted; OAuth 2.0 tokens are cached and renewed before they expire.
 */
class SecurityCallsTest {

    @TempDir
    static Path work;

    private static GenerationResult generation;
    private static URLClassLoader loader;
    private static HttpServer upstream;
    private static final List<ImcpServer> servers = new ArrayList<>();
    private static McpSyncClient bare;
    private static McpSyncClient configured;
    private static ServiceDescriptor service;
    private static final AtomicInteger TOKENS_ISSUED = new AtomicInteger();
    private static final Map<String, Long> TOKENS = new ConcurrentHashMap<>();
    private static volatile String tokenRequest = "";

    @BeforeAll
    static void start() throws Exception {
        Path sources = work.resolve("java");
        Path resources = work.resolve("resources");
        generation = new ImcpGenerator().generate(new CodegenRequest(List.of(Path.of("openapi/secured.yaml")),
                TestContracts.RESOURCES, sources, resources, "com.example.sec"));
        Path classes = Files.createDirectories(work.resolve("classes"));
        WsdlTestSupport.compile(sources, classes);
        loader = new URLClassLoader(new URL[] {classes.toUri().toURL(), resources.toUri().toURL()},
                SecurityCallsTest.class.getClassLoader());
        List<ToolProvider> providers = new ArrayList<>();
        ServiceLoader.load(ToolProvider.class, loader).forEach(providers::add);
        service = providers.get(0).service();

        upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        guard("/v1/header", x -> "k-1".equals(x.getRequestHeaders().getFirst("X-API-Key")));
        guard("/v1/query", x -> String.valueOf(x.getRequestURI().getRawQuery()).equals("api_key=q-1"));
        guard("/v1/cookie", x -> "session=c-1".equals(x.getRequestHeaders().getFirst("Cookie")));
        guard("/v1/basic", x -> ("Basic " + b64("ann:s3cret")).equals(x.getRequestHeaders().getFirst("Authorization")));
        guard("/v1/bearer", x -> "Bearer t-1".equals(x.getRequestHeaders().getFirst("Authorization")));
        guard("/v1/open", x -> x.getRequestHeaders().getFirst("Authorization") == null);
        guard("/v1/oauth", x -> {
            String auth = String.valueOf(x.getRequestHeaders().getFirst("Authorization"));
            Long expiry = auth.startsWith("Bearer ") ? TOKENS.get(auth.substring(7)) : null;
            return expiry != null && expiry > System.currentTimeMillis();
        });
        upstream.createContext("/oauth/token", x -> {
            tokenRequest = URLDecoder.decode(new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8),
                    StandardCharsets.UTF_8);
            if (!("Basic " + b64("app:c-secret")).equals(x.getRequestHeaders().getFirst("Authorization"))) {
                reply(x, 401, "{\"error\":\"invalid_client\"}");
                return;
            }
            String token = "tok-" + TOKENS_ISSUED.incrementAndGet();
            TOKENS.put(token, System.currentTimeMillis() + 2_000);
            reply(x, 200, "{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\",\"expires_in\":2}");
        });
        upstream.start();
        String url = "http://127.0.0.1:" + upstream.getAddress().getPort() + "/v1";
        bare = client(server("""
                  services:
                    secured:
                      url: %s
                """.formatted(url), providers));
        configured = client(server("""
                  services:
                    secured:
                      url: %s
                      security:
                        headerKey:
                          value: k-1
                        queryKey:
                          value: q-1
                        cookieKey:
                          value: c-1
                        basicAuth:
                          username: ann
                          password: s3cret
                        bearerAuth:
                          token: t-1
                        oauth:
                          client-id: app
                          client-secret: c-secret
                """.formatted(url), providers));
    }

    private static ImcpServer server(String services, List<ToolProvider> providers) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            ImcpServer s = ImcpServer.start(Config.builder().disableEnvironmentVariablesSource()
                    .disableSystemPropertiesSource()
                    .sources(ConfigSources.create("""
                            server:
                              port: 0
                              host: 127.0.0.1
                            imcp:
                              server-name: secured
                              audit:
                                file: "%s"
                            """.formatted(work.resolve("audit-" + servers.size() + ".jsonl").toString()
                            .replace('\\', '/')) + services, MediaTypes.APPLICATION_X_YAML))
                    .build(), providers);
            servers.add(s);
            return s;
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static McpSyncClient client(ImcpServer server) {
        McpSyncClient c = McpClient.sync(HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + server.port())
                .endpoint(ImcpServer.MCP_PATH).build()).requestTimeout(Duration.ofSeconds(30)).build();
        c.initialize();
        return c;
    }

    @AfterAll
    static void stop() throws IOException {
        for (McpSyncClient c : new McpSyncClient[] {bare, configured}) {
            if (c != null) {
                c.closeGracefully();
            }
        }
        servers.forEach(ImcpServer::close);
        if (upstream != null) {
            upstream.stop(0);
        }
        if (loader != null) {
            loader.close();
        }
    }

    private static void guard(String path, Predicate<HttpExchange> allowed) {
        upstream.createContext(path, x -> {
            x.getRequestBody().readAllBytes();
            if (allowed.test(x)) {
                reply(x, 200, "{\"ok\":true}");
            } else {
                reply(x, 401, "{\"error\":\"who are you?\"}");
            }
        });
    }

    private static void reply(HttpExchange x, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().add("Content-Type", "application/json");
        x.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static McpSchema.CallToolResult call(McpSyncClient client, String tool) {
        return client.callTool(new McpSchema.CallToolRequest(tool, Map.of()));
    }

    private static String text(McpSchema.CallToolResult r) {
        return ((McpSchema.TextContent) r.content().get(0)).text();
    }

    @Test
    void theFirstServerWithItsVariablesDefaultsIsTheDefaultUrl() {
        assertEquals("http://127.0.0.1:9/v1", service.defaultUrl());
    }

    @Test
    void eachOperationRecordsItsOwnOrTheDocumentsRequirement() {
        var security = service.security();
        assertEquals(List.of("headerKey", "queryKey", "cookieKey", "basicAuth", "bearerAuth", "oauth"),
                List.copyOf(security.schemes().keySet()));
        assertEquals(List.of(List.of("headerKey")), security.requirements().get("GET /header"));
        assertEquals(List.of(List.of("oauth")), security.requirements().get("GET /oauth"));
        assertFalse(security.requirements().containsKey("GET /open"), "security: [] needs nothing");
        var oauth = security.schemes().get("oauth");
        assertEquals("/oauth/token", oauth.tokenUrl());
        assertEquals(List.of("read:things"), oauth.scopes());
        var cookie = security.schemes().get("cookieKey");
        assertEquals("cookie", cookie.in());
        assertEquals("session", cookie.parameterName());
    }

    @Test
    void aSchemeTheAdapterCannotServeIsOneWarningAtTheScheme() {
        List<Diagnostic> unsupported = generation.warnings().stream()
                .filter(d -> d.code().equals("OPENAPI_SECURITY_UNSUPPORTED")).toList();
        assertEquals(1, unsupported.size(), generation.warnings()::toString);
        assertEquals("/components/securitySchemes/implicitOnly", unsupported.get(0).location().pointer());
        assertTrue(unsupported.get(0).message().contains("'implicitOnly'"), unsupported.get(0).message());
    }

    @Test
    void withoutCredentialsTheUpstreamsRefusalIsTheToolsError() {
        for (String tool : List.of("viaHeader", "viaQuery", "viaCookie", "viaBasic", "viaBearer", "viaOauth")) {
            McpSchema.CallToolResult r = call(bare, tool);
            assertTrue(Boolean.TRUE.equals(r.isError()), tool + ": " + r);
            assertTrue(text(r).contains("401") && text(r).contains("who are you?"), tool + ": " + text(r));
        }
        assertFalse(Boolean.TRUE.equals(call(bare, "open").isError()));
    }

    @Test
    void withCredentialsEverySchemeIsAccepted() {
        for (String tool : List.of("viaHeader", "viaQuery", "viaCookie", "viaBasic", "viaBearer", "viaOauth", "open")) {
            McpSchema.CallToolResult r = call(configured, tool);
            assertFalse(Boolean.TRUE.equals(r.isError()), tool + ": " + r);
            assertEquals(Map.of("ok", true), r.structuredContent(), tool);
        }
    }

    @Test
    void oauth2TokensAreReusedAndRenewedBeforeTheyExpire() throws Exception {
        assertFalse(Boolean.TRUE.equals(call(configured, "viaOauth").isError()));
        int issued = TOKENS_ISSUED.get();
        assertFalse(Boolean.TRUE.equals(call(configured, "viaOauth").isError()));
        assertEquals(issued, TOKENS_ISSUED.get(), "the second call reuses the token");
        assertTrue(tokenRequest.contains("grant_type=client_credentials") && tokenRequest.contains("scope=read:things"),
                tokenRequest);
        Thread.sleep(2_100);
        assertFalse(Boolean.TRUE.equals(call(configured, "viaOauth").isError()));
        assertEquals(issued + 1, TOKENS_ISSUED.get(), "an expired token is replaced");
    }

    @Test
    void noSecretReachesTheAuditLog() throws IOException {
        call(configured, "viaBasic");
        call(configured, "viaOauth");
        String audit = Files.readString(work.resolve("audit-1.jsonl"));
        for (String secret : List.of("k-1", "q-1", "c-1", "s3cret", "t-1", "c-secret", b64("ann:s3cret"))) {
            assertFalse(audit.contains(secret), secret);
        }
    }
}
