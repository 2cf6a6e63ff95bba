package dev.imcp.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imcp.runtime.fixture.Fixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;

import static dev.imcp.runtime.fixture.Fixture.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Protocol edge cases over raw HTTP against a real server. */
class McpProtocolTest {

    private static Fixture fx;

    @BeforeAll
    static void start() throws Exception {
        fx = new Fixture();
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    @Test
    void initializeNegotiatesVersionAndIssuesSession() throws Exception {
        HttpResponse<String> r = fx.post("{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"method\":\"initialize\",\"params\":"
                + "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"x\",\"version\":\"1\"}}}", null);
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        String session = r.headers().firstValue("Mcp-Session-Id").orElseThrow();
        assertTrue(session.matches("[\\x21-\\x7E]{32,}"), session);
        JsonNode body = json(r);
        assertEquals("a", body.get("id").asText());
        assertEquals("2025-06-18", body.at("/result/protocolVersion").asText());
        assertFalse(body.at("/result/capabilities/tools/listChanged").asBoolean(true));
        assertEquals("test-adapter", body.at("/result/serverInfo/name").asText());

        JsonNode unknown = json(fx.post("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"initialize\",\"params\":"
                + "{\"protocolVersion\":\"1999-01-01\",\"capabilities\":{}}}", null));
        assertEquals("2025-11-25", unknown.at("/result/protocolVersion").asText());

        HttpResponse<String> noParams = fx.post("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"initialize\"}", null);
        assertEquals(-32602, json(noParams).at("/error/code").asInt());
        assertTrue(json(noParams).at("/error/message").asText().contains("protocolVersion"));
        assertTrue(noParams.headers().firstValue("Mcp-Session-Id").isEmpty(), "no session for a failed initialize");
    }

    @Test
    void parseErrorAndInvalidRequests() throws Exception {
        HttpResponse<String> parse = fx.post("{not json", null);
        assertEquals(400, parse.statusCode());
        assertEquals(-32700, json(parse).at("/error/code").asInt());
        assertFalse(json(parse).has("id"), "an unknown request id is left out, not null");
        for (String bad : List.of("[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}]", "42",
                "{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"ping\"}", "{\"id\":1,\"method\":\"ping\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":{\"x\":1},\"method\":\"ping\"}")) {
            HttpResponse<String> r = fx.post(bad, null);
            assertEquals(400, r.statusCode(), bad);
            assertEquals(-32600, json(r).at("/error/code").asInt(), bad);
        }
    }

    @Test
    void sessionRules() throws Exception {
        HttpResponse<String> missing = fx.post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}", null);
        assertEquals(400, missing.statusCode());
        assertEquals(-32600, json(missing).at("/error/code").asInt());
        assertEquals(404, fx.post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}", "nope").statusCode());
        String session = fx.initialize("2025-06-18");
        // Another caller cannot use the session.
        assertEquals(404, fx.post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}", session,
                "Bearer " + Fixture.OPS_KEY).statusCode());
        HttpResponse<String> ping = fx.post("{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"ping\"}", session);
        assertEquals(200, ping.statusCode());
        assertEquals(0, json(ping).get("result").size());
        assertEquals(202, fx.post("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\"}", session).statusCode());
        assertEquals(202, fx.post("{\"jsonrpc\":\"2.0\",\"id\":5,\"result\":{}}", session).statusCode());
        HttpResponse<String> badVersion = fx.http.send(HttpRequest.newBuilder(fx.mcp())
                .header("Authorization", "Bearer " + Fixture.DEMO_KEY).header("Mcp-Session-Id", session)
                .header("MCP-Protocol-Version", "2001-01-01").header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(400, badVersion.statusCode());
        HttpResponse<String> get = fx.http.send(HttpRequest.newBuilder(fx.mcp())
                .header("Authorization", "Bearer " + Fixture.DEMO_KEY).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(405, get.statusCode());
        HttpRequest delete = HttpRequest.newBuilder(fx.mcp()).header("Authorization", "Bearer " + Fixture.DEMO_KEY)
                .header("Mcp-Session-Id", session).DELETE().build();
        assertEquals(204, fx.http.send(delete, HttpResponse.BodyHandlers.ofString()).statusCode());
        assertEquals(404, fx.http.send(delete, HttpResponse.BodyHandlers.ofString()).statusCode());
        assertEquals(404, fx.post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}", session).statusCode());
    }

    @Test
    void authenticationAndOrigin() throws Exception {
        HttpResponse<String> none = fx.post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}", null, null);
        assertEquals(401, none.statusCode());
        assertEquals("Bearer realm=\"imcp\"", none.headers().firstValue("WWW-Authenticate").orElse(""));
        assertTrue(json(none).has("error"));
        HttpResponse<String> wrong = fx.post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}", null, "Bearer wrong-key");
        assertEquals(401, wrong.statusCode());
        assertTrue(wrong.headers().firstValue("WWW-Authenticate").orElse("").contains("error=\"invalid_token\""));
        HttpResponse<String> evil = fx.http.send(HttpRequest.newBuilder(fx.mcp())
                .header("Authorization", "Bearer " + Fixture.DEMO_KEY).header("Origin", "http://evil.example")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, evil.statusCode());
    }

    @Test
    void foreignHostOnLoopbackServerIsForbidden() throws Exception {
        // A rebound DNS name reaches the loopback server with its own Host; the JDK client won't set Host, a socket will.
        String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\"}}";
        for (String host : List.of("evil.example", "127.0.0.1:" + fx.mcp().getPort())) {
            try (java.net.Socket socket = new java.net.Socket(fx.mcp().getHost(), fx.mcp().getPort())) {
                String request = "POST /mcp HTTP/1.1\r\nHost: " + host + "\r\nAuthorization: Bearer " + Fixture.DEMO_KEY
                        + "\r\nContent-Type: application/json\r\nAccept: application/json, text/event-stream"
                        + "\r\nConnection: close\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
                socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                String status = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                        java.nio.charset.StandardCharsets.US_ASCII)).readLine();
                assertEquals(host.startsWith("evil") ? "HTTP/1.1 403 Forbidden" : "HTTP/1.1 200 OK", status, host);
            }
        }
    }

    @Test
    void methodNotFoundUnknownAndDeniedTools() throws Exception {
        String session = fx.initialize("2025-06-18");
        JsonNode nf = json(fx.post("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"resources/list\"}", session));
        assertEquals(-32601, nf.at("/error/code").asInt());
        assertEquals(3, nf.get("id").asInt());
        JsonNode unknown = fx.callTool(session, "noSuchTool", "{}");
        assertEquals(-32602, unknown.at("/error/code").asInt());
        assertEquals("Unknown tool: noSuchTool", unknown.at("/error/message").asText());
        JsonNode denied = fx.callTool(session, "hiddenTool", "{}");
        assertEquals(-32602, denied.at("/error/code").asInt());
        assertEquals("Unknown tool: hiddenTool", denied.at("/error/message").asText());
        JsonNode foreignCursor = json(fx.post(
                "{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"tools/list\",\"params\":{\"cursor\":\"x\"}}", session));
        assertEquals(-32602, foreignCursor.at("/error/code").asInt(), "no cursor was ever issued");
        JsonNode list = json(fx.post("{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/list\",\"params\":{}}", session));
        assertFalse(list.at("/result/tools").toString().contains("hiddenTool"));
        assertTrue(list.at("/result/tools").toString().contains("\"greetMe\""));
        JsonNode noName = json(fx.post("{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/call\",\"params\":{}}", session));
        assertEquals(-32602, noName.at("/error/code").asInt());
        assertEquals(-32602, fx.callTool(session, "echo", "[1]").at("/error/code").asInt());
    }

    @Test
    void invalidArgumentsBeforeAndAfter20251125() throws Exception {
        String old = fx.initialize("2025-06-18");
        JsonNode missing = fx.callTool(old, "greetMe", "{\"name\":\"x\"}");
        assertEquals(-32602, missing.at("/error/code").asInt());
        assertEquals("Invalid arguments for tool greetMe: $.requestType: is missing but it is required",
                missing.at("/error/message").asText());
        JsonNode wrongType = fx.callTool(old, "echo", "{\"message\":\"m\",\"times\":\"many\"}");
        assertEquals(-32602, wrongType.at("/error/code").asInt());
        assertTrue(wrongType.at("/error/message").asText().contains("$.times"), wrongType.toString());

        String latest = fx.initialize("2025-11-25");
        JsonNode asResult = fx.callTool(latest, "greetMe", "{\"name\":\"x\"}");
        assertTrue(asResult.at("/result/isError").asBoolean());
        assertEquals("Invalid arguments for tool greetMe: $.requestType: is missing but it is required",
                asResult.at("/result/content/0/text").asText());
    }

    @Test
    void recursiveSchemaValidatesAtEveryDepth() throws Exception {
        String session = fx.initialize("2025-06-18");
        JsonNode listed = json(fx.post("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}", session));
        JsonNode schema = null;
        for (JsonNode tool : listed.at("/result/tools")) {
            if ("sumTree".equals(tool.get("name").asText())) {
                schema = tool.get("inputSchema");
            }
        }
        assertEquals("#/$defs/Node", schema.at("/$defs/Node/properties/children/items/$ref").asText(),
                "published with its definitions");

        JsonNode ok = fx.callTool(session, "sumTree",
                "{\"root\":{\"value\":1,\"children\":[{\"value\":2,\"children\":[{\"value\":3}]},{\"value\":4}]}}");
        assertEquals("{\"sum\":10}", ok.at("/result/content/0/text").asText(), ok.toString());

        JsonNode deep = fx.callTool(session, "sumTree",
                "{\"root\":{\"value\":1,\"children\":[{\"value\":2,\"children\":[{\"value\":\"three\"}]}]}}");
        assertEquals(-32602, deep.at("/error/code").asInt(), deep.toString());
        assertEquals("Invalid arguments for tool sumTree: $.root.children[0].children[0].value: string found, "
                + "integer expected", deep.at("/error/message").asText());
        JsonNode missing = fx.callTool(session, "sumTree",
                "{\"root\":{\"value\":1,\"children\":[{\"value\":2,\"children\":[{}]}]}}");
        assertEquals("Invalid arguments for tool sumTree: $.root.children[0].children[0].value: is missing but it "
                + "is required", missing.at("/error/message").asText());
    }

    @Test
    void internalErrorOfToolIsToolErrorAndServerKeepsServing() throws Exception {
        String session = fx.initialize("2025-06-18");
        JsonNode crash = fx.callTool(session, "crash", "{}");
        assertTrue(crash.at("/result/isError").asBoolean(), crash.toString());
        assertFalse(crash.toString().contains("at dev.imcp"), crash.toString());
        JsonNode ok = fx.callTool(session, "echo", "{\"message\":\"z\",\"times\":1,\"mode\":\"loud\"}");
        assertEquals("{\"echoed\":\"z\",\"mode\":\"loud\"}", ok.at("/result/content/0/text").asText());
    }

    @Test
    void auditLineHasActorAndRedactsSecrets() throws Exception {
        String session = fx.initialize("2025-06-18");
        fx.callTool(session, "echo", "{\"message\":\"contains " + Fixture.BEARER + "\",\"apiToken\":\"tok-123\"}");
        JsonNode line = awaitAuditLine(session);
        assertEquals("demo", line.get("actor").asText());
        assertEquals("echo", line.get("tool").asText());
        assertEquals("echo", line.get("service").asText());
        assertEquals("ok", line.get("status").asText());
        assertEquals("***", line.at("/arguments/apiToken").asText());
        assertEquals("contains ***", line.at("/arguments/message").asText());
        assertTrue(line.get("correlation_id").asText().matches("[0-9a-f-]{36}"));
        assertTrue(line.get("latency_ms").isIntegralNumber());
        assertTrue(line.get("timestamp").asText().endsWith("Z"));
    }

    private static JsonNode awaitAuditLine(String session) throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        for (int i = 0; i < 200; i++) {
            Optional<String> line = Files.readAllLines(fx.auditFile).stream().filter(l -> l.contains(session)).findFirst();
            if (line.isPresent()) {
                return mapper.readTree(line.get());
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no audit line for session " + session);
    }
}
