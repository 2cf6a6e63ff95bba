package dev.imcp.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.imcp.runtime.fixture.EchoProvider;
import dev.imcp.runtime.fixture.HttpReplies;
import dev.imcp.runtime.fixture.LogCapture;
import dev.imcp.runtime.fixture.RawServer;
import dev.imcp.runtime.spi.HttpCall;
import dev.imcp.runtime.spi.RestSecurity;
import dev.imcp.runtime.spi.SecurityScheme;
import dev.imcp.runtime.spi.ServiceDescriptor;
import dev.imcp.runtime.spi.Tool;
import dev.imcp.runtime.spi.ToolDescriptor;
import dev.imcp.runtime.spi.ToolProvider;
import dev.imcp.runtime.spi.Types;
import dev.imcp.runtime.spi.UpstreamContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An upstream on 127.0.0.1 that echoes the request it got (headers and query, as is, upper- and lower-cased,
 * Base64, Base64url and URL-encoded) with a 2xx or an error status: no credential the adapter sent (bearer token,
 * API keys in header, query and cookie, a basic password, the OAuth 2.0 access token it fetched) reaches the MCP
 * client, the audit file or the server log in any of those forms.
 */
class SecretRedactionTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BEARER = "Bearer-T0ken.of+the/service";
    private static final String HEADER_KEY = "h\"k\\ey-Header-7";
    private static final String QUERY_KEY = "q/k+y\"1-Query";
    private static final String COOKIE_KEY = "C00kie-Value-99";
    private static final String PASSWORD = "pa:ss w0rd-Basic";
    private static final String CLIENT_SECRET = "cl13nt-s3cr3t";
    private static final String AUTH_HEADER_KEY = "auth-H3ader-Key\"8";
    private static final String AUTH_QUERY_KEY = "auth/Qu3ry+Key&9";
    private static final String AUTH_COOKIE_KEY = "auth-C00kie-Key-10";
    private static final String AUTH_CLIENT_SECRET = "auth-cl13nt-s3cr3t";
    /** The access token of {@code auth.type: oauth2-client-credentials}; known to the adapter once it fetched it. */
    private static final String AUTH_ACCESS_TOKEN = "at-Auth-Type-" + Long.toHexString(System.nanoTime());
    /** The access token the token endpoint issues; known to the adapter only once it fetched it. */
    private static final String ACCESS_TOKEN = "at-Fetched-" + Long.toHexString(System.nanoTime());

    private static HttpServer upstream;
    private static RawServer srv;

    @BeforeAll
    static void start() throws IOException {
        upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        upstream.createContext("/echo", x -> {
            String path = x.getRequestURI().getPath();
            if (path.endsWith("/slow")) {
                try {
                    Thread.sleep(3_000); // past every service's timeout-seconds of 1
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            echo(x, path.endsWith("/fail") ? 500 : path.endsWith("/deny") ? 401 : 200);
        });
        upstream.setExecutor(Executors.newCachedThreadPool()); // a slow answer must not hold the others up
        upstream.createContext("/token", x -> {
            x.getRequestBody().readAllBytes();
            HttpReplies.send(x, 200, "application/json", "{\"access_token\":\"" + ACCESS_TOKEN + "\",\"token_type\":\"Bearer\",\"expires_in\":300}");
        });
        upstream.createContext("/cctoken", x -> {
            x.getRequestBody().readAllBytes();
            HttpReplies.send(x, 200, "application/json", "{\"access_token\":\"" + AUTH_ACCESS_TOKEN
                    + "\",\"token_type\":\"Bearer\",\"expires_in\":300}");
        });
        upstream.start();
        String base = "http://127.0.0.1:" + upstream.getAddress().getPort();
        srv = new RawServer("", """
                  services:
                    vault:
                      url: %s
                      timeout-seconds: 1
                      auth: {type: bearer, token: "%s"}
                      security:
                        header_key: {value: "%s"}
                        query_key: {value: "%s"}
                        cookie_key: {value: "%s"}
                        basic_auth: {username: ann, password: "%s"}
                        oauth: {client-id: app, client-secret: "%s"}
                    keyh:
                      url: %s
                      timeout-seconds: 1
                      auth: {type: api-key, name: X-Auth-Key, value: "%s"}
                    keyq:
                      url: %s
                      timeout-seconds: 1
                      auth: {type: api-key, in: query, name: key, value: "%s"}
                    keyc:
                      url: %s
                      timeout-seconds: 1
                      auth: {type: api-key, in: cookie, name: sid, value: "%s"}
                    ccs:
                      url: %s
                      timeout-seconds: 1
                      auth: {type: oauth2-client-credentials, token-url: "%s/cctoken", client-id: app,
                             client-secret: "%s"}
                """.formatted(base, BEARER, HEADER_KEY.replace("\\", "\\\\").replace("\"", "\\\""),
                QUERY_KEY.replace("\"", "\\\""), COOKIE_KEY, PASSWORD, CLIENT_SECRET,
                base, AUTH_HEADER_KEY.replace("\"", "\\\""), base, AUTH_QUERY_KEY, base, AUTH_COOKIE_KEY, base, base,
                AUTH_CLIENT_SECRET), List.of(new VaultProvider(), new EchoProvider(), new AuthTypeProvider("keyh"),
                new AuthTypeProvider("keyq"), new AuthTypeProvider("keyc"), new AuthTypeProvider("ccs")));
    }

    @AfterAll
    static void stop() {
        if (srv != null) {
            srv.close();
        }
        upstream.stop(0);
    }

    /** Answers with what the request carried, in the encodings an upstream might use. */
    private static void echo(HttpExchange x, int status) throws IOException {
        x.getRequestBody().readAllBytes();
        Map<String, String> headers = new LinkedHashMap<>();
        x.getRequestHeaders().forEach((name, values) -> headers.put(name, String.join(",", values)));
        String seen = headers + " " + x.getRequestURI().getRawQuery();
        ObjectNode body = JSON.createObjectNode();
        body.set("headers", JSON.valueToTree(headers));
        body.put("query", x.getRequestURI().getRawQuery());
        body.put("upper", seen.toUpperCase(Locale.ROOT));
        body.put("lower", seen.toLowerCase(Locale.ROOT));
        body.put("base64", Base64.getEncoder().encodeToString(seen.getBytes(StandardCharsets.UTF_8)));
        body.put("base64url", Base64.getUrlEncoder().encodeToString(("x" + seen).getBytes(StandardCharsets.UTF_8)));
        body.put("urlencoded", URLEncoder.encode(seen, StandardCharsets.UTF_8));
        body.put("token", headers.getOrDefault("Authorization", "").replaceFirst("^\\S+ ", ""));
        HttpReplies.send(x, status, "application/json", JSON.writeValueAsString(body));
    }

    /** A REST service whose operations each need other credentials; every tool returns what the upstream echoed. */
    static final class VaultProvider implements ToolProvider {
        @Override
        public ServiceDescriptor service() {
            RestSecurity security = RestSecurity.builder()
                    .scheme(SecurityScheme.apiKey("header_key", "header", "X-Key"))
                    .scheme(SecurityScheme.apiKey("query_key", "query", "api_key"))
                    .scheme(SecurityScheme.apiKey("cookie_key", "cookie", "sid"))
                    .scheme(SecurityScheme.basic("basic_auth"))
                    .scheme(SecurityScheme.oauth2ClientCredentials("oauth", "/token", List.of("read")))
                    .require("GET", "/echo/keys", "header_key", "query_key", "cookie_key")
                    .require("GET", "/echo/basic", "basic_auth")
                    .require("GET", "/echo/oauth", "oauth")
                    .require("GET", "/echo/keys/fail", "header_key", "query_key", "cookie_key")
                    .require("GET", "/echo/keys/deny", "header_key", "query_key", "cookie_key")
                    .require("GET", "/echo/keys/slow", "header_key", "query_key", "cookie_key")
                    .require("GET", "/echo/basic/deny", "basic_auth")
                    .require("GET", "/echo/basic/slow", "basic_auth")
                    .require("GET", "/echo/oauth/deny", "oauth")
                    .require("GET", "/echo/oauth/slow", "oauth")
                    .build();
            return new ServiceDescriptor("vault", "openapi", "Vault", "1", "0".repeat(64), null, Map.of(), security);
        }

        @Override
        public List<Tool<?, ?>> tools(UpstreamContext upstream) {
            List<Tool<?, ?>> tools = new ArrayList<>();
            // path, output schema: "token" must stay long, so a masked one no longer fits
            Map<String, String> paths = new LinkedHashMap<>();
            paths.put("keys", null);
            paths.put("bearer", "{\"type\":\"object\",\"properties\":{\"token\":{\"type\":\"string\"}}}");
            paths.put("basic", null);
            paths.put("oauth", "{\"type\":\"object\",\"properties\":{\"token\":{\"type\":\"string\",\"minLength\":10}}}");
            paths.put("keys/fail", null);
            for (String path : List.of("keys", "bearer", "basic", "oauth")) { // an auth failure and a timeout each
                paths.put(path + "/deny", null);
                paths.put(path + "/slow", null);
            }
            paths.forEach((path, outputSchema) -> tools.add(EchoProvider.tool(new ToolDescriptor("vault",
                    "echo_" + path.replace('/', '_'), null, "Echoes " + path, "{\"type\":\"object\"}", outputSchema,
                    null, Map.of()), Map.class, in -> upstream.http().<Map<String, Object>>exchange(
                    HttpCall.builder("GET", "/echo/" + path).build(), Types.mapOf(Object.class)))));
            return tools;
        }
    }

    /** A service without security schemes whose credentials are its {@code auth.type}; its tool echoes. */
    record AuthTypeProvider(String id) implements ToolProvider {
        @Override
        public ServiceDescriptor service() {
            return new ServiceDescriptor(id, "mcp-json", id, "1", "0".repeat(64), null, Map.of());
        }

        @Override
        public List<Tool<?, ?>> tools(UpstreamContext upstream) {
            List<Tool<?, ?>> tools = new ArrayList<>();
            for (String mode : List.of("", "/deny", "/slow")) { // echoed; refused with 401; past the timeout
                tools.add(EchoProvider.tool(new ToolDescriptor(id, "echo_" + id + mode.replace('/', '_'), null,
                        "Echoes", "{\"type\":\"object\"}", null, null, Map.of()), Map.class,
                        in -> upstream.http().<Map<String, Object>>exchange(
                                HttpCall.builder("GET", "/echo/" + id + mode).build(), Types.mapOf(Object.class))));
            }
            return tools;
        }
    }

    /** The answers of a run of calls, and everything a secret could leak into: answers, audit lines and log. */
    private record Calls(List<String> results, String all) {
    }

    /** Calls {@code tools} in order on a new session, with no arguments, capturing the root logger meanwhile. */
    private static Calls callCapturing(List<String> tools) throws Exception {
        String session = srv.initialize("2025-06-18");
        List<String> results = new ArrayList<>();
        try (LogCapture log = new LogCapture(Logger.getLogger(""))) {
            for (String tool : tools) {
                results.add(srv.callTool(session, tool, "{}").body());
            }
            return new Calls(results, String.join("\n", results) + "\n" + String.join("\n", srv.auditLines(session))
                    + "\n" + log.text());
        }
    }

    @Test
    void noAuthTypeCredentialReachesTheClientTheAuditOrTheLogInAnyEncoding() throws Exception {
        Calls calls = callCapturing(List.of("echo_keyh", "echo_keyq", "echo_keyc", "echo_ccs"));
        List<String> results = calls.results();
        String all = calls.all();
        for (String secret : List.of(AUTH_HEADER_KEY, AUTH_QUERY_KEY, AUTH_COOKIE_KEY, AUTH_CLIENT_SECRET,
                AUTH_ACCESS_TOKEN)) {
            assertNoForm(all, secret);
        }
        for (String result : results) { // each call went through, and the echo still says what was sent
            JsonNode r = JSON.readTree(result).get("result");
            assertFalse(r.get("isError").asBoolean(), r.toString());
        }
        assertEquals("***", JSON.readTree(results.get(0)).at("/result/structuredContent/headers/X-auth-key").asText(),
                results.get(0));
        assertEquals("key=***", JSON.readTree(results.get(1)).at("/result/structuredContent/query").asText(),
                results.get(1));
        assertTrue(JSON.readTree(results.get(2)).at("/result/structuredContent/headers/Cookie").asText()
                .contains("sid=***"), results.get(2));
        assertEquals("***", JSON.readTree(results.get(3)).at("/result/structuredContent/token").asText(),
                results.get(3));
    }

    @Test
    void noCredentialReachesTheClientTheAuditOrTheLogInAnyEncoding() throws Exception {
        Calls calls = callCapturing(List.of("echo_keys", "echo_bearer", "echo_basic", "echo_oauth", "echo_keys_fail"));
        List<String> results = calls.results();
        String all = calls.all();
        for (String secret : List.of(BEARER, HEADER_KEY, QUERY_KEY, COOKIE_KEY, PASSWORD, CLIENT_SECRET, ACCESS_TOKEN,
                "ann:" + PASSWORD)) {
            assertNoForm(all, secret);
        }
        // the calls went through with the credentials, and the answers still say what the upstream sent
        JsonNode keys = JSON.readTree(results.get(0)).get("result");
        assertFalse(keys.get("isError").asBoolean(), keys.toString());
        assertEquals("***", keys.at("/structuredContent/headers/X-key").asText(), keys.toString());
        assertTrue(keys.at("/structuredContent/headers/Cookie").asText().contains("sid=***"), keys.toString());
        assertEquals("127.0.0.1:" + upstream.getAddress().getPort(), keys.at("/structuredContent/headers/Host").asText());
        JsonNode bearer = JSON.readTree(results.get(1)).get("result");
        assertEquals("***", bearer.at("/structuredContent/token").asText(), "masked, still a string: " + bearer);
        JsonNode oauth = JSON.readTree(results.get(3)).get("result");
        assertFalse(oauth.get("isError").asBoolean(), oauth.toString());
        assertFalse(oauth.has("structuredContent"), "a masked token breaks the output schema (minLength 10): "
                + "only the redacted text is sent; " + oauth);
        assertTrue(oauth.at("/content/0/text").asText().contains("\"token\":\"***\""), oauth.toString());
        JsonNode failed = JSON.readTree(results.get(4)).get("result");
        assertTrue(failed.get("isError").asBoolean(), failed.toString());
        assertTrue(failed.at("/content/0/text").asText().startsWith("Upstream vault answered HTTP 500: "), failed.toString());
    }

    @Test
    void noCredentialReachesAnythingWhenTheUpstreamRefusesItOrTimesOut() throws Exception {
        List<String> tools = new ArrayList<>();
        for (String base : List.of("echo_keys", "echo_bearer", "echo_basic", "echo_oauth", "echo_keyh", "echo_keyq",
                "echo_keyc", "echo_ccs")) {
            tools.add(base + "_deny");
            tools.add(base + "_slow");
        }
        Calls calls = callCapturing(tools);
        List<String> results = calls.results();
        String all = calls.all();
        for (String secret : List.of(BEARER, HEADER_KEY, QUERY_KEY, COOKIE_KEY, PASSWORD, CLIENT_SECRET, ACCESS_TOKEN,
                "ann:" + PASSWORD, AUTH_HEADER_KEY, AUTH_QUERY_KEY, AUTH_COOKIE_KEY, AUTH_CLIENT_SECRET,
                AUTH_ACCESS_TOKEN)) {
            assertNoForm(all, secret);
        }
        for (int i = 0; i < results.size(); i += 2) { // the refusal quotes the echo, redacted; the timeout says so
            JsonNode denied = JSON.readTree(results.get(i)).get("result");
            assertTrue(denied.get("isError").asBoolean(), denied.toString());
            assertTrue(denied.at("/content/0/text").asText().contains("answered HTTP 401"), denied.toString());
            JsonNode slow = JSON.readTree(results.get(i + 1)).get("result");
            assertTrue(slow.get("isError").asBoolean(), slow.toString());
            assertTrue(slow.at("/content/0/text").asText().contains("did not answer within 1 s"), slow.toString());
        }
    }

    /**
     * Fails when {@code text} holds {@code secret} as is (any case), Base64 or Base64url (any alignment, also of the
     * percent-encoded secret), JSON-escaped, or URL-encoded (once or twice).
     */
    static void assertNoForm(String text, String secret) {
        String lower = text.toLowerCase(Locale.ROOT);
        String percent = URLEncoder.encode(secret, StandardCharsets.UTF_8).replace("+", "%20");
        List<String> forms = new ArrayList<>(List.of(secret, URLEncoder.encode(secret, StandardCharsets.UTF_8), percent,
                URLEncoder.encode(percent, StandardCharsets.UTF_8), secret.replace("\\", "\\\\").replace("\"", "\\\"")));
        for (String plain : List.of(secret, percent)) {
            byte[] bytes = plain.getBytes(StandardCharsets.UTF_8);
            for (Base64.Encoder encoder : List.of(Base64.getEncoder(), Base64.getUrlEncoder())) {
                for (int shift = 0; shift < 3; shift++) {
                    byte[] shifted = new byte[shift + bytes.length];
                    System.arraycopy(bytes, 0, shifted, shift, bytes.length);
                    String encoded = encoder.withoutPadding().encodeToString(shifted);
                    forms.add(encoded.substring(shift == 0 ? 0 : shift + 1, encoded.length() - 1));
                }
            }
        }
        for (String form : forms) {
            int at = lower.indexOf(form.toLowerCase(Locale.ROOT));
            assertFalse(at >= 0, () -> "'" + form + "' (a form of '" + secret + "') was sent or written: ..."
                    + text.substring(Math.max(0, at - 200), Math.min(text.length(), at + form.length() + 200)) + "...");
        }
    }
}
