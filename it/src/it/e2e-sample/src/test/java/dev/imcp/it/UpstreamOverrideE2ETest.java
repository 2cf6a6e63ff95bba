package dev.imcp.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A service URL set in the environment wins over the embedded upstream: the adapter then calls the
 * configured address (here a loopback port nothing listens on) and reports the failure as a tool error.
 */
class UpstreamOverrideE2ETest {

    @Test
    void environmentPointsTheServiceElsewhere() throws Exception {
        int port = SampleAdapterE2ETest.freePort();
        int nobody = SampleAdapterE2ETest.freePort();
        Path log = Files.createDirectories(Path.of("target")).resolve("override-adapter.log");
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", System.getProperty("sample.jar"))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("SERVER_PORT", Integer.toString(port));
        builder.environment().put("IMCP_SERVICES_PETSTORE_URL", "http://127.0.0.1:" + nobody + "/v1");
        Process adapter = builder.start();
        try {
            SampleAdapterE2ETest.awaitListening(adapter, port, log);
            var transport = HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + port).endpoint("/mcp")
                    .requestBuilder(java.net.http.HttpRequest.newBuilder().header("Authorization", "Bearer imcp-demo-key")).build();
            try (McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(30)).build()) {
                client.initialize();
                var pets = client.callTool(new McpSchema.CallToolRequest("showPetById", Map.of("petId", "1")));
                assertEquals(Boolean.TRUE, pets.isError(), "the petstore now points at a closed port");
                String text = ((McpSchema.TextContent) pets.content().get(0)).text();
                assertTrue(text.contains("petstore"), text);
                var quote = client.callTool(new McpSchema.CallToolRequest("quoteAdoption", Map.of("petId", 1)));
                assertEquals(Boolean.FALSE, quote.isError(), "adoptions still uses the embedded upstream");
            }
        } finally {
            adapter.destroy();
            adapter.waitFor();
        }
    }
}
