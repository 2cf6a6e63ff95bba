package dev.imcp.runtime.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imcp.runtime.ImcpServer;
import dev.imcp.runtime.fixture.EchoProvider;
import dev.imcp.runtime.fixture.Fixture;
import dev.imcp.runtime.fixture.RawServer;
import dev.imcp.runtime.fixture.WaitProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static dev.imcp.runtime.fixture.RawServer.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * MCP 2026-07-28 on the same {@code /mcp} endpoint as the legacy revisions, over raw HTTP on 127.0.0.1: the era
 * classification, each validation step with its HTTP status, JSON-RPC code and order, {@code server/discover},
 * {@code resultType}/{@code ttlMs}/{@code cacheScope}, unknown and removed methods, batches, sessions, GET and
 * DELETE, and progress on the POST's event stream.
 */
class ModernEraTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String META = "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
            + "\"io.modelcontextprotocol/clientCapabilities\":{},"
            + "\"io.modelcontextprotocol/clientInfo\":{\"name\":\"raw\",\"version\":\"1\"}}";
    private static RawServer srv;

    @BeforeAll
    static void start() {
        srv = new RawServer("", "  tools-list-ttl-ms: 1234\n  instructions: Use echo.\n");
    }

    @AfterAll
    static void stop() {
        srv.close();
    }

    /** A POST with the standard headers of {@code method} (and {@code name} as {@code Mcp-Name} when not null). */
    private static HttpRequest.Builder modern(String body, String method, String name) {
        HttpRequest.Builder b = srv.post(body.getBytes(StandardCharsets.UTF_8), null)
                .header("MCP-Protocol-Version", "2026-07-28").header("Mcp-Method", method);
        return name == null ? b : b.header("Mcp-Name", name);
    }

    private static String request(Object id, String method, String params) {
        String idJson = id instanceof String s ? "\"" + s + "\"" : String.valueOf(id);
        return "{\"jsonrpc\":\"2.0\",\"id\":" + idJson + ",\"method\":\"" + method + "\",\"params\":{" + params + "}}";
    }

    private static HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        return srv.send(b);
    }

    private static void assertError(HttpResponse<String> r, int status, int code, Object id) throws Exception {
        assertEquals(status, r.statusCode(), r.body());
        JsonNode body = json(r);
        assertEquals(code, body.at("/error/code").asInt(), r.body());
        assertEquals(String.valueOf(id), body.get("id").asText(), "the id is echoed: " + r.body());
        assertFalse(body.at("/error/message").asText().isBlank());
        assertTrue(r.headers().firstValue("Mcp-Session-Id").isEmpty(), "never a session id");
    }

    private static Set<String> fields(JsonNode node) {
        Set<String> out = new TreeSet<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }

    @Test
    void discoverNeedsNoInitializeAndNoSession() throws Exception {
        HttpResponse<String> r = send(modern(request(1, "server/discover", META), "server/discover", null));
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Mcp-Session-Id").isEmpty(), "no session is minted");
        JsonNode result = json(r).get("result");
        assertEquals(Set.of("resultType", "supportedVersions", "capabilities", "instructions", "ttlMs", "cacheScope",
                "_meta"), fields(result));
        assertEquals("complete", result.get("resultType").asText());
        assertEquals(List.of("2026-07-28", "2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05"),
                JSON.convertValue(result.get("supportedVersions"), List.class));
        assertEquals(Set.of("logging", "tools"), fields(result.get("capabilities")), "tools and logs: no prompts, resources");
        assertEquals("Use echo.", result.get("instructions").asText());
        assertEquals(1234, result.get("ttlMs").asLong());
        assertEquals("public", result.get("cacheScope").asText());
        assertEquals("raw-adapter", result.at("/_meta/io.modelcontextprotocol~1serverInfo/name").asText());
        assertTrue(result.at("/_meta/io.modelcontextprotocol~1serverInfo/version").isTextual());
    }

    @Test
    void toolsListIsCacheableAndPrivateWithAuthentication() throws Exception {
        HttpResponse<String> r = send(modern(request("l", "tools/list", META), "tools/list", null));
        assertEquals(200, r.statusCode(), r.body());
        JsonNode result = json(r).get("result");
        assertEquals(Set.of("tools", "resultType", "ttlMs", "cacheScope", "_meta"), fields(result));
        assertEquals("complete", result.get("resultType").asText());
        assertEquals(1234, result.get("ttlMs").asLong(), "imcp.tools-list-ttl-ms");
        assertEquals("private", result.get("cacheScope").asText(), "the list depends on the caller's policy");
        assertEquals("raw-adapter", result.at("/_meta/io.modelcontextprotocol~1serverInfo/name").asText());
    }

    @Test
    void toolsListIsPublicWithoutAuthenticationAndTtlDefaultsToFiveMinutes() throws Exception {
        ImcpServer open = ImcpServer.start(Fixture.config("server:\n  port: 0\n  host: 127.0.0.1\n"
                + "imcp:\n  audit:\n    file: target/audit-open-" + System.nanoTime() + ".jsonl\n"), List.of(new EchoProvider()));
        try {
            HttpRequest request = HttpRequest.newBuilder(open.uri())
                    .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                    .header("MCP-Protocol-Version", "2026-07-28").header("Mcp-Method", "tools/list")
                    .POST(HttpRequest.BodyPublishers.ofString(request(1, "tools/list", META))).build();
            HttpResponse<String> r = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            assertEquals("public", json(r).at("/result/cacheScope").asText());
            assertEquals(300_000, json(r).at("/result/ttlMs").asLong());
        } finally {
            open.close();
        }
    }

    @Test
    void toolsCallResultIsCompleteAndCarriesServerInfo() throws Exception {
        HttpResponse<String> r = send(modern(request(3, "tools/call",
                "\"name\":\"echo\",\"arguments\":{\"message\":\"hi\",\"times\":1}," + META), "tools/call", "echo"));
        assertEquals(200, r.statusCode(), r.body());
        JsonNode result = json(r).get("result");
        assertEquals(Set.of("content", "structuredContent", "isError", "resultType", "_meta"), fields(result));
        assertEquals("complete", result.get("resultType").asText());
        assertEquals("hi", result.at("/structuredContent/echoed").asText());
        assertEquals("raw-adapter", result.at("/_meta/io.modelcontextprotocol~1serverInfo/name").asText());

        HttpResponse<String> whoami = send(modern(request(4, "tools/call", "\"name\":\"whoami\",\"arguments\":{}," + META),
                "tools/call", "whoami").header("Mcp-Session-Id", "made-up-session"));
        assertEquals(200, whoami.statusCode(), "an incoming session id is ignored: " + whoami.body());
        JsonNode context = json(whoami).at("/result/structuredContent");
        assertEquals("2026-07-28", context.get("protocolVersion").asText());
        assertFalse(context.hasNonNull("session"), context.toString());
        assertEquals("demo", context.get("caller").asText());
        assertTrue(whoami.headers().firstValue("Mcp-Session-Id").isEmpty());
    }

    @Test
    void missingMetaIsInvalidParamsBeforeAnyHeaderCheck() throws Exception {
        // params {} with the modern header: the request is modern (the header says so) and lacks _meta
        assertError(send(modern(request(10, "server/discover", ""), "server/discover", null)), 400, -32602, 10);
        String noVersion = "\"_meta\":{\"io.modelcontextprotocol/clientCapabilities\":{}}";
        assertError(send(modern(request(11, "server/discover", noVersion), "server/discover", null)), 400, -32602, 11);
        String noCapabilities = "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\"}";
        assertError(send(modern(request(12, "server/discover", noCapabilities), "server/discover", null)), 400, -32602, 12);
        // no MCP-Protocol-Version header and no Mcp-Method either: the missing _meta key is reported first
        HttpResponse<String> both = send(srv.post(request(13, "tools/list", noCapabilities).getBytes(StandardCharsets.UTF_8), null));
        assertError(both, 400, -32602, 13);
        assertTrue(json(both).at("/error/message").asText().contains("clientCapabilities"), both.body());
        String capabilitiesNotObject = "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
                + "\"io.modelcontextprotocol/clientCapabilities\":[]}";
        assertError(send(modern(request(14, "tools/list", capabilitiesNotObject), "tools/list", null)), 400, -32602, 14);
    }

    @Test
    void protocolVersionHeaderMustMirrorTheBody() throws Exception {
        HttpResponse<String> missing = send(srv.post(request(20, "tools/list", META).getBytes(StandardCharsets.UTF_8), null)
                .header("Mcp-Method", "tools/list"));
        assertError(missing, 400, -32020, 20);
        assertTrue(json(missing).at("/error/message").asText().contains("MCP-Protocol-Version"), missing.body());

        HttpResponse<String> legacyHeader = send(srv.post(request(21, "tools/list", META).getBytes(StandardCharsets.UTF_8), null)
                .header("MCP-Protocol-Version", "2025-11-25").header("Mcp-Method", "tools/list"));
        assertError(legacyHeader, 400, -32020, 21);

        // header 2026-07-28, body v999.0.0: the mismatch is reported before the unsupported version
        String v999 = META.replace("\"2026-07-28\"", "\"v999.0.0\"");
        assertError(send(modern(request(22, "server/discover", v999), "server/discover", null)), 400, -32020, 22);
    }

    @Test
    void methodAndNameHeadersMustMirrorTheBody() throws Exception {
        String call = request(30, "tools/call", "\"name\":\"echo\",\"arguments\":{\"message\":\"x\"}," + META);
        HttpResponse<String> noMethod = send(srv.post(call.getBytes(StandardCharsets.UTF_8), null)
                .header("MCP-Protocol-Version", "2026-07-28").header("Mcp-Name", "echo"));
        assertError(noMethod, 400, -32020, 30);
        assertTrue(json(noMethod).at("/error/message").asText().contains("Mcp-Method"), noMethod.body());
        assertError(send(modern(call, "tools/list", "echo")), 400, -32020, 30);
        assertError(send(modern(call, "Tools/Call", "echo")), 400, -32020, 30); // values are case-sensitive

        HttpResponse<String> noName = send(modern(call, "tools/call", null));
        assertError(noName, 400, -32020, 30);
        assertTrue(json(noName).at("/error/message").asText().contains("Mcp-Name"), noName.body());
        HttpResponse<String> otherName = send(modern(call, "tools/call", "greetMe"));
        assertError(otherName, 400, -32020, 30);
        assertTrue(json(otherName).at("/error/message").asText().contains("'greetMe'"), otherName.body());
        assertError(send(modern(call, "tools/call", "=?base64?not base64!?=")), 400, -32020, 30);

        // optional whitespace around values is trimmed; a base64 sentinel is decoded before comparing
        assertEquals(200, send(modern(call, " \ttools/call ", " echo\t")).statusCode());
        String encoded = "=?base64?" + Base64.getEncoder().encodeToString("echo".getBytes(StandardCharsets.UTF_8)) + "?=";
        HttpResponse<String> decoded = send(modern(call, "tools/call", encoded));
        assertEquals(200, decoded.statusCode(), decoded.body());
        assertEquals("xx", json(decoded).at("/result/structuredContent/echoed").asText());
    }

    @Test
    void unsupportedVersionListsTheSupportedOnes() throws Exception {
        String v999 = META.replace("\"2026-07-28\"", "\"v999.0.0\"");
        HttpResponse<String> r = send(srv.post(request(40, "server/discover", v999).getBytes(StandardCharsets.UTF_8), null)
                .header("MCP-Protocol-Version", "v999.0.0").header("Mcp-Method", "server/discover"));
        assertError(r, 400, -32022, 40);
        JsonNode data = json(r).at("/error/data");
        assertEquals(Set.of("supported", "requested"), fields(data));
        assertEquals("v999.0.0", data.get("requested").asText());
        assertEquals(List.of("2026-07-28", "2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05"),
                JSON.convertValue(data.get("supported"), List.class), "the same list server/discover publishes");

        // a legacy revision claimed in _meta is not served statelessly
        String legacy = META.replace("\"2026-07-28\"", "\"2025-06-18\"");
        assertError(send(srv.post(request(41, "tools/list", legacy).getBytes(StandardCharsets.UTF_8), null)
                .header("MCP-Protocol-Version", "2025-06-18").header("Mcp-Method", "tools/list")), 400, -32022, 41);
    }

    @Test
    void unknownAndRemovedMethodsAre404() throws Exception {
        int id = 50;
        for (String method : List.of("unknown/method", "initialize", "ping", "logging/setLevel", "resources/subscribe",
                "resources/unsubscribe", "prompts/list")) {
            HttpResponse<String> r = send(modern(request(id, method, META), method, null));
            assertError(r, 404, -32601, id);
            assertTrue(json(r).at("/error/message").asText().contains(method), r.body());
            id++;
        }
        // a modern initialize is modern traffic: it opens no session
        HttpResponse<String> init = send(modern(request(60, "initialize",
                "\"protocolVersion\":\"2025-06-18\",\"capabilities\":{}," + META), "initialize", null));
        assertError(init, 404, -32601, 60);
    }

    @Test
    void invalidLogLevelIsInvalidParams() throws Exception {
        String meta = META.replace("\"io.modelcontextprotocol/clientCapabilities\":{}",
                "\"io.modelcontextprotocol/clientCapabilities\":{},\"io.modelcontextprotocol/logLevel\":\"loud\"");
        assertError(send(modern(request(70, "tools/list", meta), "tools/list", null)), 400, -32602, 70);
        String info = meta.replace("\"loud\"", "\"info\"");
        assertEquals(200, send(modern(request(71, "tools/list", info), "tools/list", null)).statusCode());
    }

    @Test
    void batchesAndNotifications() throws Exception {
        String batch = "[" + request(80, "tools/list", META) + "]";
        HttpResponse<String> r = send(modern(batch, "tools/list", null));
        assertEquals(400, r.statusCode(), r.body());
        assertEquals(-32600, json(r).at("/error/code").asInt());
        assertTrue(json(r).at("/error/message").asText().contains("batch"), r.body());

        HttpResponse<String> notification = send(modern("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\","
                + "\"params\":{\"requestId\":1," + META + "}}", "notifications/cancelled", null));
        assertEquals(202, notification.statusCode(), notification.body());
        assertTrue(notification.body().isEmpty());
    }

    @Test
    void getAndDeleteNeedALegacySession() throws Exception {
        HttpResponse<String> get = send(HttpRequest.newBuilder(srv.mcp()).header("Authorization", "Bearer " + Fixture.DEMO_KEY)
                .header("Accept", "text/event-stream").GET());
        assertEquals(405, get.statusCode());
        HttpResponse<String> delete = send(HttpRequest.newBuilder(srv.mcp()).header("Authorization", "Bearer " + Fixture.DEMO_KEY)
                .DELETE());
        assertEquals(405, delete.statusCode(), "no session to end");
        assertTrue(delete.headers().firstValue("Allow").orElse("").contains("POST"));
        String session = srv.initialize("2025-11-25");
        HttpResponse<String> ended = send(HttpRequest.newBuilder(srv.mcp()).header("Authorization", "Bearer " + Fixture.DEMO_KEY)
                .header("Mcp-Session-Id", session).DELETE());
        assertEquals(204, ended.statusCode());
    }

    @Test
    void bothErasOnOnePort() throws Exception {
        String session = srv.initialize("2025-06-18");
        HttpResponse<String> legacy = srv.post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}", session);
        HttpResponse<String> modern = send(modern(request(1, "tools/list", META), "tools/list", null));
        HttpResponse<String> legacyAgain = srv.post("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":"
                + "{\"name\":\"whoami\",\"arguments\":{}}}", session);
        assertEquals(200, legacy.statusCode());
        assertEquals(200, modern.statusCode());
        assertEquals(Set.of("tools"), fields(json(legacy).get("result")), "no resultType, ttlMs, cacheScope, _meta");
        assertEquals("complete", json(modern).at("/result/resultType").asText());
        assertEquals(json(legacy).at("/result/tools").size(), json(modern).at("/result/tools").size());
        JsonNode context = json(legacyAgain).at("/result/structuredContent");
        assertEquals("2025-06-18", context.get("protocolVersion").asText());
        assertEquals(session, context.get("session").asText());
        assertFalse(json(legacyAgain).get("result").has("resultType"));

        // a legacy request without a session is still told to open one
        HttpResponse<String> sessionless = srv.post("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/list\"}", null);
        assertEquals(400, sessionless.statusCode());
        assertTrue(json(sessionless).at("/error/message").asText().contains("Mcp-Session-Id"), sessionless.body());
    }

    @Test
    void legacyInitializeNegotiatesTheLatestLegacyRevision() throws Exception {
        for (String requested : List.of("1999-01-01", "2026-07-28", "2099-01-01")) {
            HttpResponse<String> r = srv.post(Fixture.initializeRequest(requested), null);
            assertEquals(200, r.statusCode(), r.body());
            assertEquals("2025-11-25", json(r).at("/result/protocolVersion").asText(), requested);
            assertTrue(r.headers().firstValue("Mcp-Session-Id").isPresent(), "a legacy session");
        }
        // an unknown MCP-Protocol-Version on a legacy request stays a 400
        HttpResponse<String> unknownHeader = srv.send(srv.post("{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/list\"}"
                .getBytes(StandardCharsets.UTF_8), srv.initialize("2025-06-18")).header("MCP-Protocol-Version", "1999-01-01"));
        assertEquals(400, unknownHeader.statusCode());
        assertEquals(5, json(unknownHeader).get("id").asInt());
    }

    @Test
    void closingTheResponseStreamCancelsTheCall() throws Exception {
        WaitProvider.started = new CountDownLatch(1);
        WaitProvider.interrupted = new CountDownLatch(1);
        try (RawServer probed = new RawServer("", "  keep-alive-ms: 200\n")) {
            byte[] body = request(100, "tools/call", "\"name\":\"wait\",\"arguments\":{}," + META).getBytes(StandardCharsets.UTF_8);
            String head = "POST /mcp HTTP/1.1\r\nHost: 127.0.0.1:" + probed.mcp().getPort() + "\r\n"
                    + "Authorization: Bearer " + Fixture.DEMO_KEY + "\r\nContent-Type: application/json\r\n"
                    + "Accept: application/json, text/event-stream\r\nMCP-Protocol-Version: 2026-07-28\r\n"
                    + "Mcp-Method: tools/call\r\nMcp-Name: wait\r\nContent-Length: " + body.length + "\r\n\r\n";
            try (Socket socket = new Socket(probed.mcp().getHost(), probed.mcp().getPort())) {
                socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().write(body);
                socket.getOutputStream().flush();
                assertTrue(WaitProvider.started.await(10, TimeUnit.SECONDS), "the call runs");
                socket.setSoTimeout(5_000);
                byte[] first = new byte[512];
                int n = socket.getInputStream().read(first); // the keep-alive turns the answer into an event stream
                String seen = new String(first, 0, Math.max(n, 0), StandardCharsets.US_ASCII);
                assertTrue(seen.contains("text/event-stream"), seen);
            }
            assertTrue(WaitProvider.interrupted.await(10, TimeUnit.SECONDS), "the closed stream cancelled the call");
        }
    }

    @Test
    void aQuickCallStaysOneJsonBody() throws Exception {
        HttpResponse<String> r = send(modern(request(101, "tools/call", "\"name\":\"wait\",\"arguments\":{\"millis\":1}," + META),
                "tools/call", "wait"));
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), r.headers().toString());
        assertEquals("done", json(r).at("/result/structuredContent/waited").asText());
    }

    @Test
    void aLogLevelInMetaGetsTheCallsStepsAsLogMessages() throws Exception {
        String meta = META.replace("\"io.modelcontextprotocol/clientCapabilities\":{}",
                "\"io.modelcontextprotocol/clientCapabilities\":{},\"io.modelcontextprotocol/logLevel\":\"info\"");
        HttpResponse<String> r = send(modern(request(91, "tools/call", "\"name\":\"whoami\",\"arguments\":{}," + meta),
                "tools/call", "whoami"));
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"), r.body());
        List<JsonNode> logs = new ArrayList<>();
        for (String line : r.body().split("\n")) {
            if (line.startsWith("data: ") && line.contains("notifications/message")) {
                logs.add(JSON.readTree(line.substring(6)));
            }
        }
        assertEquals(3, logs.size(), r.body());
        assertEquals("info", logs.get(0).at("/params/level").asText());
        assertEquals("tool whoami: result ready", logs.get(2).at("/params/data").asText());
    }

    @Test
    void progressGoesOnThePostsEventStream() throws Exception {
        String meta = META.replace("\"io.modelcontextprotocol/clientCapabilities\":{}",
                "\"io.modelcontextprotocol/clientCapabilities\":{},\"progressToken\":\"p-1\"");
        HttpResponse<String> r = send(modern(request(90, "tools/call", "\"name\":\"whoami\",\"arguments\":{}," + meta),
                "tools/call", "whoami"));
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
        assertEquals("no", r.headers().firstValue("X-Accel-Buffering").orElse(""));
        List<JsonNode> events = new ArrayList<>();
        for (String line : r.body().split("\n")) {
            if (line.startsWith("data: ")) {
                events.add(JSON.readTree(line.substring(6)));
            }
        }
        // the call's steps on one scale, the tool's own report ("done") scaled into the first half
        assertEquals(4, events.size(), r.body());
        for (int i = 0; i < 3; i++) {
            assertEquals("notifications/progress", events.get(i).get("method").asText());
            assertEquals("p-1", events.get(i).at("/params/progressToken").asText());
        }
        assertEquals("done", events.get(1).at("/params/message").asText());
        assertFalse(r.body().contains("notifications/message"), "no logs without a log level");
        assertEquals(90, events.get(3).get("id").asInt());
        assertEquals("complete", events.get(3).at("/result/resultType").asText());
    }
}
