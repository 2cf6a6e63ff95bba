package dev.imcp.runtime.transport.stdio;

import dev.imcp.runtime.fixture.StdioAdapter;
import io.helidon.webserver.WebServer;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The official MCP Java SDK's stdio client launching a test adapter as a subprocess (MCP "Transports", "stdio"),
 * with a REST upstream on loopback.
 */
class StdioSubprocessTest {

    private static WebServer upstream;
    private static McpSyncClient client;
    private static final java.util.Queue<String> STDERR = new java.util.concurrent.ConcurrentLinkedQueue<>();

    @BeforeAll
    static void start() {
        upstream = WebServer.builder().host("127.0.0.1").port(0).routing(r -> r.get("/pets/{id}", (req, res) ->
                res.header("Content-Type", "application/json")
                        .send("{\"id\":\"" + req.path().pathParameters().get("id") + "\",\"name\":\"Rex\"}"))).build().start();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ServerParameters params = ServerParameters.builder(java)
                .args("-cp", System.getProperty("java.class.path"), "-Xshare:auto", StdioAdapter.class.getName(),
                        "http://127.0.0.1:" + upstream.port(), "--stdio")
                .build();
        StdioClientTransport transport = new StdioClientTransport(params, McpJsonMapper.getDefault());
        transport.setStdErrorHandler(STDERR::add);
        client = McpClient.sync(transport)
                .requestTimeout(Duration.ofSeconds(60))
                .initializationTimeout(Duration.ofSeconds(60))
                .build();
        McpSchema.InitializeResult init = client.initialize();
        assertEquals("stdio-adapter", init.serverInfo().name());
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.closeGracefully();
        }
        if (upstream != null) {
            upstream.stop();
        }
    }

    @Test
    void listsAndCallsTools() {
        List<String> names = client.listTools().tools().stream().map(McpSchema.Tool::name).toList();
        assertTrue(names.containsAll(List.of("echo", "getPet", "wait")), names.toString());
        assertFalse(names.contains("hiddenTool"), names.toString());
        McpSchema.CallToolResult echo = client.callTool(new McpSchema.CallToolRequest("echo", Map.of("message", "ab")));
        assertEquals(Map.of("echoed", "abab", "mode", "quiet"), echo.structuredContent());
        McpSchema.CallToolResult pet = client.callTool(new McpSchema.CallToolRequest("getPet", Map.of("id", "7")));
        assertFalse(Boolean.TRUE.equals(pet.isError()), pet.toString());
        assertEquals(Map.of("id", "7", "name", "Rex"), pet.structuredContent());
    }

    @Test
    void strayPrintsAndLogsGoToStandardError() throws InterruptedException {
        for (int i = 0; i < 100 && !STDERR.toString().contains("serving MCP on stdio"); i++) {
            Thread.sleep(50);
        }
        assertTrue(STDERR.contains("this line must go to standard error"), STDERR.toString());
        assertTrue(STDERR.toString().contains("iMCP adapter stdio-adapter"), STDERR.toString());
    }

    @Test
    void endOfInputEndsTheProcessAfterAnswering() throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), StdioAdapter.class.getName(),
                "http://127.0.0.1:" + upstream.port(), "--stdio")
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try (var in = p.getOutputStream()) {
            in.write((dev.imcp.runtime.fixture.Fixture.initializeRequest("2025-06-18") + "\n"
                    + "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"wait\","
                    + "\"arguments\":{\"millis\":300}}}\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } // end of input while the call is in flight
        assertTrue(p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS), "the process ends at end of input");
        assertEquals(0, p.exitValue());
        List<String> lines = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines().toList();
        assertEquals(2, lines.size(), lines.toString());
        assertTrue(lines.get(1).contains("\"id\":2") && lines.get(1).contains("waited"), lines.toString());
    }

    @Test
    void callsConcurrently() throws Exception {
        List<Thread> threads = new java.util.ArrayList<>();
        java.util.concurrent.ConcurrentLinkedQueue<Object> results = new java.util.concurrent.ConcurrentLinkedQueue<>();
        for (int i = 0; i < 8; i++) {
            String m = "m" + i;
            threads.add(Thread.ofVirtual().start(() -> results.add(client.callTool(
                    new McpSchema.CallToolRequest("echo", Map.of("message", m))).structuredContent())));
        }
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(8, results.size());
        assertTrue(results.contains(Map.of("echoed", "m3m3", "mode", "quiet")), results.toString());
    }
}
