package dev.imcp.runtime.transport.stdio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imcp.runtime.ImcpServer;
import dev.imcp.runtime.fixture.EchoProvider;
import dev.imcp.runtime.fixture.Fixture;
import dev.imcp.runtime.fixture.WaitProvider;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Line framing of the stdio transport, in process: input lines in, output lines out. */
class StdioTransportTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INIT = Fixture.initializeRequest("2025-06-18");

    /** Runs the transport over {@code input} until its end; returns each output line parsed. */
    private static List<JsonNode> serve(String yaml, String input) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImcpServer.stdio(Fixture.config(yaml), List.of(new EchoProvider(), new WaitProvider()),
                new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), out);
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.isEmpty() || text.endsWith("\n"), text);
        List<JsonNode> lines = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.isEmpty()) {
                lines.add(JSON.readTree(line));
            }
        }
        return lines;
    }

    private static JsonNode byId(List<JsonNode> lines, int id) {
        return lines.stream().filter(l -> l.path("id").asInt(-1) == id).findFirst().orElseThrow(() -> new AssertionError(lines.toString()));
    }

    @Test
    void badLineIsParseErrorAndServingGoesOn() throws Exception {
        List<JsonNode> lines = serve("imcp: {}", INIT + "\n"
                + "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}\n"
                + "{not json\n"
                + "\r\n   \n"
                + "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\",\"arguments\":{\"message\":\"hi\"}}}\r\n"
                + "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"ping\"}"); // the last line without a line end
        assertEquals(4, lines.size(), lines.toString()); // initialize, -32700, tools/call, ping; nothing for the notification
        assertEquals("2025-06-18", byId(lines, 1).at("/result/protocolVersion").asText());
        JsonNode parseError = lines.stream().filter(l -> !l.has("id")).findFirst().orElseThrow();
        assertEquals(-32700, parseError.at("/error/code").asInt(), parseError.toString());
        assertEquals("hihi", byId(lines, 2).at("/result/structuredContent/echoed").asText());
        assertTrue(byId(lines, 3).path("result").isObject());
    }

    @Test
    void beforeInitializeAnErrorWithTheId() throws Exception {
        List<JsonNode> lines = serve("imcp: {}", "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/list\"}\n");
        assertEquals(1, lines.size());
        assertEquals(-32600, byId(lines, 5).at("/error/code").asInt());
    }

    @Test
    void tooLongLineIsInvalidRequest() throws Exception {
        List<JsonNode> lines = serve("imcp:\n  stdio:\n    max-message-bytes: 300", INIT + "\n"
                + "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\",\"params\":{\"x\":\"" + "a".repeat(400) + "\"}}\n"
                + "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"ping\"}\n");
        assertEquals(3, lines.size(), lines.toString());
        assertTrue(lines.get(1).at("/error/message").asText().contains("longer than 300 bytes"), lines.toString());
        assertTrue(byId(lines, 3).has("result"));
    }

    @Test
    void progressIsALineBeforeTheResponse() throws Exception {
        List<JsonNode> lines = serve("imcp: {}", INIT + "\n"
                + "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"whoami\",\"arguments\":{},"
                + "\"_meta\":{\"progressToken\":\"p1\"}}}\n");
        // initialize's answer, the call's three progress steps (0, 50 with the tool's own "done", 100), its answer
        assertEquals(5, lines.size(), lines.toString());
        for (int i = 1; i <= 3; i++) {
            assertEquals("notifications/progress", lines.get(i).path("method").asText());
            assertEquals("p1", lines.get(i).at("/params/progressToken").asText());
        }
        assertEquals(2, lines.get(4).path("id").asInt(), "the response comes after its progress");
        JsonNode ctx = byId(lines, 2).at("/result/structuredContent");
        assertEquals("stdio", ctx.path("caller").asText());
    }

    @Test
    void endOfInputCancelsWhatOutlivesTheGrace() throws Exception {
        long start = System.nanoTime();
        List<JsonNode> lines = serve("imcp:\n  stdio:\n    shutdown-grace-seconds: 0", INIT + "\n"
                + "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"wait\",\"arguments\":{\"millis\":30000}}}\n");
        assertTrue(System.nanoTime() - start < 20_000_000_000L, "the 30 s call was cancelled");
        JsonNode call = byId(lines, 2);
        assertFalse(call.has("error") && call.at("/error/code").asInt() == -32603, call.toString());
    }

    @Test
    void anExpiredSessionIsReopenedUnseen() throws Exception {
        java.io.PipedOutputStream client = new java.io.PipedOutputStream();
        java.io.PipedInputStream in = new java.io.PipedInputStream(client, 1 << 16);
        java.io.PipedInputStream answers = new java.io.PipedInputStream(1 << 16);
        java.io.PipedOutputStream out = new java.io.PipedOutputStream(answers);
        Thread server = Thread.ofVirtual().start(() -> {
            try {
                ImcpServer.stdio(Fixture.config("imcp:\n  session:\n    ttl: PT1S"), List.of(new EchoProvider()), in, out);
                out.close();
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        java.io.BufferedReader lines = new java.io.BufferedReader(new java.io.InputStreamReader(answers, StandardCharsets.UTF_8));
        client.write((INIT + "\n").getBytes(StandardCharsets.UTF_8));
        client.flush();
        assertEquals(1, JSON.readTree(lines.readLine()).path("id").asInt());
        Thread.sleep(2100); // the id expires after one to two seconds (issue times are whole seconds)
        client.write("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}\n".getBytes(StandardCharsets.UTF_8));
        client.flush();
        JsonNode ping = JSON.readTree(lines.readLine());
        assertEquals(2, ping.path("id").asInt());
        assertTrue(ping.path("result").isObject(), ping.toString());
        client.close();
        server.join(10_000);
        assertFalse(server.isAlive());
    }

    @Test
    void auditOnStdoutIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> serve("imcp:\n  audit:\n    sink: stdout", INIT + "\n"));
        assertTrue(e.getMessage().contains("imcp.audit.sink"), e.getMessage());
    }
}
