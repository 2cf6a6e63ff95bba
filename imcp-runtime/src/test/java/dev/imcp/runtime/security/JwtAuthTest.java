package dev.imcp.runtime.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.imcp.runtime.ImcpServer;
import dev.imcp.runtime.fixture.EchoProvider;
import dev.imcp.runtime.fixture.Fixture;
import dev.imcp.runtime.fixture.WaitProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An adapter on 127.0.0.1 accepting API keys and JWT access tokens from a local issuer (keys generated here, JWK Set
 * served by {@link Jwks}): token checks, challenges, the protected-resource metadata, required scopes and the role
 * and scope policy, over real HTTP.
 */
class JwtAuthTest {

    private static final String ISSUER = "https://issuer.test";
    private static final String DEMO_KEY = "demo-key-123";
    private static final String PLAIN_KEY = "plain-key-456";

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static Jwks issuer;
    private static RSAKey rsa;
    private static ECKey ec;
    private static ImcpServer server;
    private static String audience;
    private static String metadataUrl;

    @BeforeAll
    static void start() throws Exception {
        issuer = new Jwks();
        rsa = Jwks.rsa("rsa-1");
        ec = Jwks.ec("ec-1");
        issuer.published.addAll(List.of(rsa, ec));
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        audience = "http://127.0.0.1:" + port + "/mcp";
        metadataUrl = "http://127.0.0.1:" + port + "/.well-known/oauth-protected-resource";
        String yaml = """
                server:
                  port: %d
                  host: 127.0.0.1
                imcp:
                  rest-facade:
                    enabled: true
                  auth:
                    api-keys:
                      - {name: demo, sha256: "%s", roles: [ops], scopes: [mcp:tools]}
                      - {name: plain, sha256: "%s"}
                    required-scopes: [mcp:tools]
                    jwt:
                      issuer: %s
                      audience: %s
                      jwks-url: %s
                      roles-claim: realm_access.roles
                  policy:
                    rules:
                      - roles: [ops]
                        deny: ["echo.sumTree"]
                      - scopes: [mcp:tools]
                        allow: ["echo.echo", "echo.greet*", "waits.whoami"]
                  services:
                    echo:
                      tools:
                        deny: [hiddenTool]
                """.formatted(port, Fixture.sha(DEMO_KEY), Fixture.sha(PLAIN_KEY), ISSUER, audience, issuer.url());
        server = ImcpServer.start(Fixture.config(yaml), List.of(new EchoProvider(), new WaitProvider()));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (issuer != null) {
            issuer.close();
        }
    }

    /** Claims of a valid token for {@code sub} with scope {@code mcp:tools}, expiring in five minutes. */
    private static JWTClaimsSet.Builder claims(String sub) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(ISSUER).audience(audience).subject(sub)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300))).claim("scope", "mcp:tools");
    }

    private static String bearer(JWTClaimsSet.Builder claims) throws Exception {
        return "Bearer " + Jwks.sign(rsa, "rsa-1", claims.build());
    }

    private static URI mcp() {
        return URI.create(audience);
    }

    private static HttpResponse<String> initialize(String authorization) throws Exception {
        return Fixture.post(HTTP, mcp(), Fixture.initializeRequest("2025-06-18"), null, authorization);
    }

    /** Opens a session as {@code authorization}; fails unless initialize answers 200. */
    private static String session(String authorization) throws Exception {
        HttpResponse<String> r = initialize(authorization);
        assertEquals(200, r.statusCode(), r.body());
        String id = r.headers().firstValue("Mcp-Session-Id").orElseThrow();
        Fixture.post(HTTP, mcp(), "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}", id, authorization);
        return id;
    }

    private static JsonNode rpc(String authorization, String session, String method, String params) throws Exception {
        HttpResponse<String> r = Fixture.post(HTTP, mcp(), "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"" + method
                + "\",\"params\":" + params + "}", session, authorization);
        assertEquals(200, r.statusCode(), r.body());
        return Fixture.json(r);
    }

    private static List<String> toolNames(String authorization) throws Exception {
        List<String> names = new ArrayList<>();
        rpc(authorization, session(authorization), "tools/list", "{}").path("result").path("tools")
                .forEach(t -> names.add(t.path("name").asText()));
        return names;
    }

    private static String invalid(String description) {
        return "Bearer resource_metadata=\"" + metadataUrl + "\", error=\"invalid_token\", error_description=\""
                + description + "\"";
    }

    private static void assertRejected(String authorization, String description) throws Exception {
        HttpResponse<String> r = initialize(authorization);
        assertEquals(401, r.statusCode(), r.body());
        assertEquals(invalid(description), r.headers().firstValue("WWW-Authenticate").orElse(null));
        assertEquals(-32001, Fixture.json(r).path("error").path("code").asInt());
    }

    @Test
    void validTokensListAndCallTools() throws Exception {
        String alice = bearer(claims("alice"));
        String session = session(alice);
        JsonNode list = rpc(alice, session, "tools/list", "{}");
        assertTrue(list.path("result").path("tools").toString().contains("\"whoami\""), list.toString());
        JsonNode call = rpc(alice, session, "tools/call", "{\"name\":\"whoami\",\"arguments\":{}}");
        assertEquals("alice", call.path("result").path("structuredContent").path("caller").asText(), call.toString());
        JsonNode echo = rpc(alice, session, "tools/call", "{\"name\":\"echo\",\"arguments\":{\"message\":\"hi\"}}");
        assertEquals("hihi", echo.path("result").path("structuredContent").path("echoed").asText(), echo.toString());

        // ES256, and scopes as an scp array (no scope claim)
        String carol = "Bearer " + Jwks.sign(ec, "ec-1", claims("carol").claim("scope", null)
                .claim("scp", List.of("mcp:tools")).build());
        JsonNode whoami = rpc(carol, session(carol), "tools/call", "{\"name\":\"whoami\",\"arguments\":{}}");
        assertEquals("carol", whoami.path("result").path("structuredContent").path("caller").asText(), whoami.toString());

        // within the 60 s clock skew: expired 30 s ago, valid from 30 s from now
        Instant now = Instant.now();
        assertEquals(200, initialize(bearer(claims("dave").expirationTime(Date.from(now.minusSeconds(30))))).statusCode());
        assertEquals(200, initialize(bearer(claims("dave").notBeforeTime(Date.from(now.plusSeconds(30))))).statusCode());
    }

    @Test
    void aSessionBelongsToItsSubject() throws Exception {
        String session = session(bearer(claims("alice")));
        HttpResponse<String> r = Fixture.post(HTTP, mcp(), "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}",
                session, bearer(claims("mallory")));
        assertEquals(404, r.statusCode(), "another subject's session is not found");
    }

    @Test
    void refusedTokensGet401WithTheReason() throws Exception {
        Instant now = Instant.now();
        assertRejected(bearer(claims("eve").issuer("https://other-issuer.test")), "wrong issuer");
        assertRejected(bearer(claims("eve").audience("http://127.0.0.1:1/mcp")), "wrong audience");
        assertRejected(bearer(claims("eve").expirationTime(Date.from(now.minusSeconds(120)))), "token expired");
        assertRejected(bearer(claims("eve").expirationTime(null)), "no expiration time");
        assertRejected(bearer(claims("eve").notBeforeTime(Date.from(now.plusSeconds(300)))), "token not yet valid");
        assertRejected(bearer(claims("eve").subject(null)), "no subject");
        assertRejected("Bearer " + Jwks.sign(Jwks.rsa("rsa-1"), "rsa-1", claims("eve").build()), "invalid signature");
        assertRejected("Bearer " + Jwks.sign(Jwks.rsa("rsa-9"), "rsa-9", claims("eve").build()), "unknown signing key");
        assertRejected("Bearer not-a-token", "malformed token");
        assertRejected("Bearer a.b.c", "malformed token");
        String none = Base64URL.encode("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "."
                + Base64URL.encode(claims("eve").build().toString()) + ".";
        assertRejected("Bearer " + none, "token not signed");
        SignedJWT hmac = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims("eve").build());
        hmac.sign(new MACSigner("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8)));
        assertRejected("Bearer " + hmac.serialize(), "signature algorithm not accepted");
        // a token signed with the issuer's key but edited afterwards
        String[] parts = Jwks.sign(rsa, "rsa-1", claims("eve").build()).split("\\.");
        String edited = parts[0] + "." + Base64URL.encode(claims("root").build().toString()) + "." + parts[2];
        assertRejected("Bearer " + edited, "invalid signature");

        HttpResponse<String> anonymous = initialize(null);
        assertEquals(401, anonymous.statusCode());
        assertEquals("Bearer resource_metadata=\"" + metadataUrl + "\"",
                anonymous.headers().firstValue("WWW-Authenticate").orElse(null));
    }

    @Test
    void aTokenWithoutTheRequiredScopeGets403() throws Exception {
        HttpResponse<String> r = initialize(bearer(claims("frank").claim("scope", "profile email")));
        assertEquals(403, r.statusCode(), r.body());
        assertEquals("Bearer resource_metadata=\"" + metadataUrl + "\", error=\"insufficient_scope\", scope=\"mcp:tools\"",
                r.headers().firstValue("WWW-Authenticate").orElse(null));
        HttpResponse<String> key = initialize("Bearer " + PLAIN_KEY);
        assertEquals(403, key.statusCode(), "an API key without the scope is refused the same way");
    }

    @Test
    void protectedResourceMetadataIsPublic() throws Exception {
        String challenge = initialize(null).headers().firstValue("WWW-Authenticate").orElseThrow();
        String url = challenge.substring(challenge.indexOf('"') + 1, challenge.lastIndexOf('"'));
        for (String path : List.of(url, url + "/mcp")) {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(path)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), path);
            assertEquals("*", r.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
            JsonNode doc = Fixture.json(r);
            assertEquals(audience, doc.path("resource").asText());
            assertEquals("[\"" + ISSUER + "\"]", doc.path("authorization_servers").toString());
            assertEquals("[\"mcp:tools\"]", doc.path("scopes_supported").toString());
            assertEquals("[\"header\"]", doc.path("bearer_methods_supported").toString());
        }
        HttpResponse<String> post = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(405, post.statusCode());
    }

    @Test
    void apiKeysAndTokensSideBySide() throws Exception {
        String demo = "Bearer " + DEMO_KEY;
        JsonNode whoami = rpc(demo, session(demo), "tools/call", "{\"name\":\"whoami\",\"arguments\":{}}");
        assertEquals("demo", whoami.path("result").path("structuredContent").path("caller").asText());
        String token = bearer(claims("alice"));
        whoami = rpc(token, session(token), "tools/call", "{\"name\":\"whoami\",\"arguments\":{}}");
        assertEquals("alice", whoami.path("result").path("structuredContent").path("caller").asText());
        // the REST facade takes both too
        for (String auth : List.of(demo, token)) {
            HttpResponse<String> tools = HTTP.send(HttpRequest.newBuilder(URI.create(audience.replace("/mcp", "/tools")))
                    .header("Authorization", auth).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, tools.statusCode(), tools.body());
        }
        HttpResponse<String> refused = HTTP.send(HttpRequest.newBuilder(URI.create(audience.replace("/mcp", "/tools")))
                .header("Authorization", "Bearer a.b.c").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, refused.statusCode());
        assertEquals(invalid("malformed token"), refused.headers().firstValue("WWW-Authenticate").orElse(null));
    }

    @Test
    void rolesAndScopesDecideWhichToolsACallerSeesAndCalls() throws Exception {
        String ops = bearer(claims("alice").claim("realm_access", Map.of("roles", List.of("ops"))));
        String viewer = bearer(claims("bob"));
        List<String> opsTools = toolNames(ops);
        List<String> viewerTools = toolNames(viewer);
        assertEquals(List.of("echo", "greetMe", "whoami"), viewerTools);
        assertTrue(opsTools.containsAll(List.of("echo", "greetMe", "jaxbEcho", "wait", "whoami")), opsTools.toString());
        assertFalse(opsTools.contains("sumTree"), "denied to ops by the rule");
        assertFalse(opsTools.contains("hiddenTool"), "the service's deny list still applies");
        assertEquals(toolNames("Bearer " + DEMO_KEY), opsTools, "an API key's roles count as a token's");

        String unknown = rpc(viewer, session(viewer), "tools/call", "{\"name\":\"noSuchTool\",\"arguments\":{}}").toString();
        JsonNode hidden = rpc(viewer, session(viewer), "tools/call", "{\"name\":\"jaxbEcho\",\"arguments\":{\"NillElem\":\"x\"}}");
        assertEquals(unknown.replace("noSuchTool", "jaxbEcho"), hidden.toString(), "a hidden tool answers as an unknown one");
        JsonNode allowed = rpc(ops, session(ops), "tools/call", "{\"name\":\"jaxbEcho\",\"arguments\":{\"NillElem\":\"x\"}}");
        assertFalse(allowed.path("result").isMissingNode(), allowed.toString());
        JsonNode denied = rpc(ops, session(ops), "tools/call", "{\"name\":\"sumTree\",\"arguments\":{}}");
        assertEquals("Unknown tool: sumTree", denied.path("error").path("message").asText(), denied.toString());
    }
}
