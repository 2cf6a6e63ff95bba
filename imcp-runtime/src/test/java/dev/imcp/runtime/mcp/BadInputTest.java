package dev.imcp.runtime.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imcp.runtime.fixture.RawServer;
import dev.imcp.runtime.fixture.WaitProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static dev.imcp.runtime.fixture.RawServer.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hostile or broken input: each gets the spec's error and status, and the server keeps serving. */
class BadInputTest {

    private static final String PING = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}";

    private static RawServer srv;
    private static String session;

    @BeforeAll
    static void start() throws Exception {
        srv = new RawServer("  max-payload-size: 4096\n", "  max-json-depth: 40\n");
        session = srv.initialize("2025-06-18");
    }

    @AfterAll
    static void stop() {
        srv.close();
    }

    @AfterEach
    void stillServing() throws Exception {
        HttpResponse<String> ping = srv.post(PING, session);
        assertEquals(200, ping.statusCode(), ping.body());
    }

    @Test
    void oversizedBodyIs413() throws Exception {
        byte[] big = ("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"pad\":\"" + "x".repeat(10_000) + "\"}}")
                .getBytes(StandardCharsets.UTF_8);
        String declared = srv.raw("POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer demo-key-123\r\n"
                + "Content-Type: application/json\r\nAccept: application/json, text/event-stream\r\nMcp-Session-Id: " + session
                + "\r\nContent-Length: " + big.length + "\r\nConnection: close\r\n\r\n", big);
        assertTrue(declared.startsWith("HTTP/1.1 413"), declared);
        assertFalse(declared.contains("at io.helidon"), "no stack trace: " + declared);
        // the same body chunked, without a Content-Length: raw, since the server answers and closes before the
        // client has sent it all (an HTTP client may then report the closed connection instead of the answer)
        java.io.ByteArrayOutputStream chunks = new java.io.ByteArrayOutputStream();
        chunks.writeBytes((Integer.toHexString(big.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        chunks.writeBytes(big);
        chunks.writeBytes("\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        String chunked = srv.raw("POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer demo-key-123\r\n"
                + "Content-Type: application/json\r\nAccept: application/json, text/event-stream\r\nMcp-Session-Id: " + session
                + "\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n", chunks.toByteArray());
        assertTrue(chunked.startsWith("HTTP/1.1 413"), chunked);
        assertEquals(200, srv.post(PING.replace("}", ",\"params\":{\"pad\":\"" + "y".repeat(3000) + "\"}}"), session).statusCode(),
                "a body under the limit is served");
    }

    @Test
    void deeplyNestedJsonIsParseError() throws Exception {
        String deep = "[".repeat(100) + "]".repeat(100);
        HttpResponse<String> r = srv.post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"a\":" + deep + "}}", session);
        assertEquals(400, r.statusCode());
        assertEquals(-32700, json(r).at("/error/code").asInt());
        assertTrue(json(r).at("/error/message").asText().contains("nested deeper than 40"), r.body());
        String ok = "[".repeat(30) + "]".repeat(30);
        assertEquals(200, srv.post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"a\":" + ok + "}}", session)
                .statusCode());
    }

    @Test
    void invalidUtf8IsParseError() throws Exception {
        for (byte[] bad : List.of(new byte[] {(byte) 0xC3, 0x28}, new byte[] {(byte) 0xFF}, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                new byte[] {(byte) 0xC0, (byte) 0xAF})) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            body.writeBytes("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"s\":\"".getBytes(StandardCharsets.UTF_8));
            body.writeBytes(bad);
            body.writeBytes("\"}}".getBytes(StandardCharsets.UTF_8));
            HttpResponse<String> r = srv.send(srv.post(body.toByteArray(), session));
            assertEquals(400, r.statusCode());
            assertEquals(-32700, json(r).at("/error/code").asInt());
            assertTrue(json(r).at("/error/message").asText().contains("UTF-8"), r.body());
        }
    }

    @Test
    void onlyUtf8IsRead() throws Exception {
        // UTF-16 spells ASCII with NUL bytes; Jackson alone would detect and read it, MCP messages are UTF-8
        for (java.nio.charset.Charset other : List.of(StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE)) {
            HttpResponse<String> r = srv.send(srv.post(PING.getBytes(other), session));
            assertEquals(400, r.statusCode(), other.name());
            assertEquals(-32700, json(r).at("/error/code").asInt(), r.body());
        }
        HttpResponse<String> blank = srv.send(srv.post(" \r\n\t".getBytes(StandardCharsets.US_ASCII), session));
        assertEquals(-32700, json(blank).at("/error/code").asInt(), blank.body());
        assertTrue(json(blank).at("/error/message").asText().contains("empty"), blank.body());
        // non-ASCII UTF-8 takes the decoding path and is served
        HttpResponse<String> r = srv.send(srv.post(PING.replace("}", ",\"params\":{\"name\":\"Zoë 東京\"}}")
                .getBytes(StandardCharsets.UTF_8), session));
        assertEquals(200, r.statusCode(), r.body());
    }

    @Test
    void idsOfTheWrongTypeAreInvalidRequest() throws Exception {
        for (String id : List.of("{\"a\":1}", "[1]", "true", "false", "null", "1.5")) {
            HttpResponse<String> r = srv.post("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"ping\"}", session);
            assertEquals(400, r.statusCode(), id);
            assertEquals(-32600, json(r).at("/error/code").asInt(), id);
            assertFalse(json(r).has("id"), id + ": " + r.body());
        }
    }

    @Test
    void knownNotificationWithAnIdIsInvalidRequest() throws Exception {
        for (String method : List.of("notifications/initialized", "notifications/cancelled", "notifications/progress",
                "notifications/roots/list_changed")) {
            HttpResponse<String> r = srv.post("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"" + method + "\"}", session);
            assertEquals(400, r.statusCode(), method);
            assertEquals(-32600, json(r).at("/error/code").asInt(), method);
            assertEquals(3, json(r).get("id").asInt(), method);
        }
        // Per JSON-RPC a message with an id is a request: an unknown method is just not found.
        JsonNode unknown = json(srv.post("{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"notifications/unheard_of\"}", session));
        assertEquals(-32601, unknown.at("/error/code").asInt());
        assertEquals(202, srv.post("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/unheard_of\"}", session).statusCode());
    }

    @Test
    void duplicateIdInFlightIsInvalidRequestAndCancellationEndsTheFirst() throws Exception {
        WaitProvider.started = new CountDownLatch(1);
        String call = "{\"jsonrpc\":\"2.0\",\"id\":42,\"method\":\"tools/call\",\"params\":{\"name\":\"wait\",\"arguments\":{}}}";
        CompletableFuture<HttpResponse<String>> first = srv.http.sendAsync(
                srv.post(call.getBytes(StandardCharsets.UTF_8), session).build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(WaitProvider.started.await(10, TimeUnit.SECONDS), "the first call is in flight");

        HttpResponse<String> second = srv.post("{\"jsonrpc\":\"2.0\",\"id\":42,\"method\":\"ping\"}", session);
        assertEquals(400, second.statusCode());
        assertEquals(-32600, json(second).at("/error/code").asInt());
        assertEquals(42, json(second).get("id").asInt());
        assertTrue(json(second).at("/error/message").asText().contains("in flight"), second.body());
        assertEquals(200, srv.post("{\"jsonrpc\":\"2.0\",\"id\":\"42\",\"method\":\"ping\"}", session).statusCode(),
                "the string \"42\" is another id");
        String other = srv.initialize("2025-06-18");
        assertEquals(200, srv.post("{\"jsonrpc\":\"2.0\",\"id\":42,\"method\":\"ping\"}", other).statusCode(),
                "ids are per session");

        assertEquals(202, srv.post("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":42,"
                + "\"reason\":\"user pressed stop\"}}", session).statusCode());
        HttpResponse<String> cancelled = first.get(10, TimeUnit.SECONDS);
        JsonNode result = json(cancelled);
        assertTrue(result.at("/result/isError").asBoolean(), cancelled.body());
        assertEquals("Tool wait was cancelled: user pressed stop", result.at("/result/content/0/text").asText());
        assertEquals(200, srv.post("{\"jsonrpc\":\"2.0\",\"id\":43,\"method\":\"ping\"}", session).statusCode());
    }
}
