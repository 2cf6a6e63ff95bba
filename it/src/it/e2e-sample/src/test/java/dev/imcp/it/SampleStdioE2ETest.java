package dev.imcp.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Launches the sample's fat jar with {@code --stdio} as an AI client does (Claude Desktop, {@code claude mcp add},
 * VS Code) through the MCP Java SDK's stdio client: no port, no API key, MCP on the process's standard streams.
 */
class SampleStdioE2ETest {

    @Test
    void servesMcpOnStdio() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ServerParameters params = ServerParameters.builder(java)
                .args("-jar", System.getProperty("sample.jar"), "--stdio")
                .build();
        StdioClientTransport transport = new StdioClientTransport(params, io.modelcontextprotocol.json.McpJsonDefaults.getMapper());
        try (McpSyncClient client = McpClient.sync(transport)
                .requestTimeout(Duration.ofSeconds(60)).initializationTimeout(Duration.ofSeconds(60)).build()) {
            McpSchema.InitializeResult init = client.initialize();
            assertEquals("petstore-greeter", init.serverInfo().name());
            List<String> names = client.listTools().tools().stream().map(McpSchema.Tool::name).toList();
            assertTrue(names.contains("showPetById") && names.contains("greetMe"), names.toString());
            assertFalse(names.contains("greetMeOneWay"), names.toString());
            McpSchema.CallToolResult pet = client.callTool(new McpSchema.CallToolRequest("showPetById", Map.of("petId", "2")));
            assertFalse(Boolean.TRUE.equals(pet.isError()), pet.toString());
            assertEquals("Tom", ((Map<?, ?>) pet.structuredContent()).get("name"));
        }
    }

    @Test
    void endOfInputEndsTheProcess() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-jar", System.getProperty("sample.jar"), "--stdio")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (var in = p.getOutputStream()) {
            in.write(("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                    + "\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"it\",\"version\":\"1\"}}}\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        boolean ended = p.waitFor(60, TimeUnit.SECONDS);
        if (!ended) {
            p.destroyForcibly();
        }
        assertTrue(ended, "the adapter exits when its standard input ends");
        assertEquals(0, p.exitValue());
        List<String> lines = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        assertEquals(1, lines.size(), "standard output holds the initialize response only: " + lines);
        assertTrue(lines.get(0).contains("\"protocolVersion\":\"2025-11-25\""), lines.get(0));
    }
}
