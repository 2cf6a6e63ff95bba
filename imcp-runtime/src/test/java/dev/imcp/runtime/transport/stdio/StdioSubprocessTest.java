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
        StdioClientTransport transport = new StdioClientTransport(params, io.modelcontextprotocol.json.McpJsonDefaults.getMapper());
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
    void handlesRequestsConcurrentlyAndEndsAtEndOfInput() throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), StdioAdapter.class.getName(),
                "http://127.0.0.1:" + upstream.port(), "--stdio")
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        StringBuilder input = new StringBuilder(dev.imcp.runtime.fixture.Fixture.initializeRequest("2025-06-18")).append('\n');
        for (int id = 2; id <= 4; id++) {
            input.append("{\"jsonrpc\":\"2.0\",\"id\":").append(id)
                    .append(",\"method\":\"tools/call\",\"params\":{\"name\":\"wait\",\"arguments\":{\"millis\":1500}}}\n");
        }
        input.append("{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"ping\"}\n");
        try (var in = p.getOutputStream()) {
            in.write(input.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } // end of input while the calls are in flight: they finish within the grace period
        assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), "the process ends at end of input");
        assertEquals(0, p.exitValue());
        List<String> lines = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines().toList();
        assertEquals(5, lines.size(), lines.toString());
        assertTrue(lines.get(1).contains("\"id\":5"), "the ping is not queued behind the calls: " + lines);
        for (int i = 2; i < 5; i++) {
            assertTrue(lines.get(i).contains("waited"), lines.toString());
        }
    }

    @Test
    void sigtermFinishesTheCallInFlightFlushesTheAuditAndExitsZero() throws Exception {
        java.io.File stderr = java.io.File.createTempFile("stdio-sigterm", ".log");
        stderr.deleteOnExit();
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), StdioAdapter.class.getName(),
                "http://127.0.0.1:" + upstream.port(), "--stdio", "--sigterm")
                .redirectError(stderr)
                .start();
        var in = p.getOutputStream();
        var answers = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(),
                java.nio.charset.StandardCharsets.UTF_8));
        in.write((dev.imcp.runtime.fixture.Fixture.initializeRequest("2025-06-18") + "\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        in.flush();
        assertTrue(answers.readLine().contains("\"id\":1"), "initialize answered");
        in.write(("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"wait\","
                + "\"arguments\":{\"millis\":1500}}}\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        in.flush(); // input stays open: only the signal ends the process
        Thread.sleep(300);
        // SIGTERM by kill(1): Process.destroy() would also close our ends of the pipes before the answers are read
        assertEquals(0, new ProcessBuilder("kill", "-TERM", Long.toString(p.pid())).start().waitFor());
        assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), "the process ends after SIGTERM");
        assertEquals(0, p.exitValue(), "SIGTERM is a normal stop");
        String answer = answers.readLine();
        assertTrue(answer != null && answer.contains("\"id\":2") && answer.contains("waited"), String.valueOf(answer));
        String log = java.nio.file.Files.readString(stderr.toPath());
        assertTrue(log.contains("\"tool\":\"wait\"") && log.contains("\"status\":\"ok\""),
                "the call's audit event is written before the exit: " + log);
    }
}
