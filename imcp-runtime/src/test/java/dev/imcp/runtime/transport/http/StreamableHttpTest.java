package dev.imcp.runtime.transport.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imcp.runtime.fixture.Fixture;
import dev.imcp.runtime.fixture.RawServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static dev.imcp.runtime.fixture.RawServer.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Streamable HTTP behaviours (MCP "Transports") over raw HTTP against a real server on 127.0.0.1. */
class StreamableHttpTest {

    private static final String PING = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}";

    private static RawServer srv;

    @BeforeAll
    static void start() {
        srv = new RawServer("", "");
    }

    @AfterAll
    static void stop() {
        srv.close();
    }

    @Test
    void batchIn20250326SessionAnswersAnArrayOfResponses() throws Exception {
        String session = srv.initialize("2025-03-26");
        HttpResponse<String> r = srv.post("[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"},"
                + "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"},"
                + "{\"jsonrpc\":\"2.0\",\"id\":\"two\",\"method\":\"tools/list\"},"
                + "{\"jsonrpc\":\"2.0\",\"id\":true,\"method\":\"ping\"},"
                + "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-03-26\"}},"
                + "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}]", session);
        assertEquals(200, r.statusCode(), r.body());
        JsonNode body = json(r);
        assertTrue(body.isArray(), r.body());
        assertEquals(5, body.size(), "one response per request, none for the notification: " + r.body());
        assertEquals(1, body.get(0).get("id").asInt());
        assertEquals(0, body.get(0).get("result").size());
        assertEquals("two", body.get(1).get("id").asText());
        assertTrue(body.get(1).at("/result/tools").isArray());
        assertEquals(-32600, body.get(2).at("/error/code").asInt());
        assertFalse(body.get(2).has("id"), "a bool id is no id: " + body.get(2));
        assertEquals(-32600, body.get(3).at("/error/code").asInt(), "initialize must not be batched");
        assertEquals(4, body.get(3).get("id").asInt());
        assertEquals(-32600, body.get(4).at("/error/code").asInt(), "the same id twice in one batch");

        HttpResponse<String> onlyNotifications = srv.post("[{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"},"
                + "{\"jsonrpc\":\"2.0\",\"id\":9,\"result\":{}}]", session);
        assertEquals(202, onlyNotifications.statusCode());
        assertEquals("", onlyNotifications.body());

        HttpResponse<String> empty = srv.post("[]", session);
        assertEquals(400, empty.statusCode());
        assertEquals(-32600, json(empty).at("/error/code").asInt());
    }

    @Test
    void batchOutside20250326IsInvalidRequest() throws Exception {
        for (String version : List.of("2025-06-18", "2025-11-25", "2024-11-05")) {
            String session = srv.initialize(version);
            HttpResponse<String> r = srv.post("[" + PING + "]", session);
            assertEquals(400, r.statusCode(), version);
            assertEquals(-32600, json(r).at("/error/code").asInt(), version);
            assertFalse(json(r).has("id"), version);
            assertTrue(json(r).at("/error/message").asText().contains("2025-03-26"), r.body());
        }
    }

    @Test
    void bodyThatIsNotExactlyOneJsonValueIsParseError() throws Exception {
        String session = srv.initialize("2025-06-18");
        for (String body : List.of(PING + " x", PING + PING, PING + "\n" + PING, "", "   ", "{\"jsonrpc\":")) {
            HttpResponse<String> r = srv.post(body, session);
            assertEquals(400, r.statusCode(), body);
            assertEquals(-32700, json(r).at("/error/code").asInt(), body);
            assertFalse(json(r).has("id"), "unknown id left out: " + r.body());
        }
        assertEquals(200, srv.post(PING + " \r\n\t", session).statusCode(), "trailing white space is fine");
    }

    @Test
    void errorsWithUnknownIdLeaveIdOut() throws Exception {
        String session = srv.initialize("2025-06-18");
        JsonNode noVersion = json(srv.post("{\"id\":{\"a\":1},\"method\":\"ping\"}", session));
        assertFalse(noVersion.has("id"), noVersion.toString());
        JsonNode badMethod = json(srv.post("{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":7}", session));
        assertEquals(-32600, badMethod.at("/error/code").asInt());
        assertEquals(5, badMethod.get("id").asInt(), "a valid id is echoed");
        JsonNode noSession = json(srv.post("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}", null));
        assertFalse(noSession.has("id"), noSession.toString());
        assertFalse(srv.post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}", null).body().contains("null"));
    }

    @Test
    void headPutPatchAreMethodNotAllowedWithAllowAndNoBody() throws Exception {
        for (String method : List.of("HEAD", "PUT", "PATCH", "TRACE")) {
            HttpResponse<String> r = srv.send(HttpRequest.newBuilder(srv.mcp())
                    .header("Authorization", "Bearer " + Fixture.DEMO_KEY)
                    .method(method, method.equals("HEAD") || method.equals("TRACE") ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(PING)));
            assertEquals(405, r.statusCode(), method);
            assertEquals("POST, DELETE, OPTIONS", r.headers().firstValue("Allow").orElse(""), method);
            assertEquals("", r.body(), method);
        }
        String raw = srv.raw("HEAD /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n", null);
        assertTrue(raw.startsWith("HTTP/1.1 405"), raw);
        assertTrue(raw.endsWith("\r\n\r\n"), "no body after the headers: " + raw);
        assertTrue(raw.toLowerCase(java.util.Locale.ROOT).contains("\r\ncontent-length: 0\r\n"), raw);
    }

    @Test
    void postMustAcceptJsonAndEventStream() throws Exception {
        for (String accept : List.of("application/json", "text/event-stream", "text/html", "application/json;q=0, text/event-stream")) {
            HttpResponse<String> r = srv.send(srv.post(PING.getBytes(StandardCharsets.UTF_8), null).setHeader("Accept", accept));
            assertEquals(406, r.statusCode(), accept);
            assertEquals(-32600, json(r).at("/error/code").asInt(), accept);
        }
        HttpRequest noAccept = HttpRequest.newBuilder(srv.mcp()).header("Authorization", "Bearer " + Fixture.DEMO_KEY)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(PING)).build();
        assertEquals(406, srv.http.send(noAccept, HttpResponse.BodyHandlers.ofString()).statusCode());
        String init = Fixture.initializeRequest("2025-06-18");
        for (String accept : List.of("*/*", "application/*, text/*", "text/event-stream, application/json;q=0.5")) {
            HttpResponse<String> r = srv.send(srv.post(init.getBytes(StandardCharsets.UTF_8), null).setHeader("Accept", accept));
            assertEquals(200, r.statusCode(), accept);
        }
    }

    @Test
    void contentTypeMustBeJson() throws Exception {
        for (String type : List.of("text/plain", "application/x-www-form-urlencoded", "application/jsonx", "*/*",
                "application/merge-patch+json")) {
            HttpResponse<String> r = srv.send(srv.post(PING.getBytes(StandardCharsets.UTF_8), null).setHeader("Content-Type", type));
            assertEquals(415, r.statusCode(), type);
            assertEquals(-32600, json(r).at("/error/code").asInt(), type);
        }
        HttpRequest noType = HttpRequest.newBuilder(srv.mcp()).header("Authorization", "Bearer " + Fixture.DEMO_KEY)
                .header("Accept", "application/json, text/event-stream").POST(HttpRequest.BodyPublishers.ofString(PING)).build();
        assertEquals(415, srv.http.send(noType, HttpResponse.BodyHandlers.ofString()).statusCode());
        HttpResponse<String> charset = srv.send(srv.post(Fixture.initializeRequest("2025-06-18").getBytes(StandardCharsets.UTF_8), null)
                .setHeader("Content-Type", "application/json; charset=utf-8"));
        assertEquals(200, charset.statusCode());
    }

    @Test
    void corsPreflightIsRefusedWhenNoOriginIsConfigured() throws Exception {
        HttpResponse<String> r = srv.send(HttpRequest.newBuilder(srv.mcp())
                .header("Origin", "https://app.example.com").header("Access-Control-Request-Method", "POST")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
        assertEquals(403, r.statusCode());
        assertTrue(r.headers().firstValue("Access-Control-Allow-Origin").isEmpty(), r.headers().toString());
        HttpResponse<String> plain = srv.send(HttpRequest.newBuilder(srv.mcp()).method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
        assertEquals(204, plain.statusCode());
        assertEquals("POST, DELETE, OPTIONS", plain.headers().firstValue("Allow").orElse(""));
    }

    @Test
    void corsPreflightIsAnsweredForConfiguredOrigins() throws Exception {
        try (RawServer cors = new RawServer("  cors:\n    allowed-origins: [\"https://app.example.com\"]\n", "")) {
            HttpResponse<String> preflight = cors.send(HttpRequest.newBuilder(cors.mcp())
                    .header("Origin", "https://app.example.com").header("Access-Control-Request-Method", "POST")
                    .header("Access-Control-Request-Headers", "content-type, authorization, mcp-session-id, mcp-protocol-version")
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
            assertEquals(200, preflight.statusCode(), preflight.headers().toString());
            assertEquals("https://app.example.com", preflight.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
            assertTrue(preflight.headers().firstValue("Access-Control-Allow-Methods").orElse("").contains("POST"),
                    preflight.headers().toString());
            assertTrue(preflight.headers().firstValue("Access-Control-Allow-Headers").orElse("").toLowerCase()
                    .contains("mcp-session-id"), preflight.headers().toString());

            HttpResponse<String> post = cors.send(cors.post(Fixture.initializeRequest("2025-06-18").getBytes(StandardCharsets.UTF_8), null)
                    .header("Origin", "https://app.example.com"));
            assertEquals(200, post.statusCode(), post.body());
            assertEquals("https://app.example.com", post.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
            assertTrue(post.headers().firstValue("Access-Control-Expose-Headers").orElse("").toLowerCase().contains("mcp-session-id"),
                    post.headers().toString());

            HttpResponse<String> other = cors.send(HttpRequest.newBuilder(cors.mcp())
                    .header("Origin", "https://evil.example").header("Access-Control-Request-Method", "POST")
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
            assertEquals(403, other.statusCode());
            assertTrue(other.headers().firstValue("Access-Control-Allow-Origin").isEmpty());
        }
    }
}
