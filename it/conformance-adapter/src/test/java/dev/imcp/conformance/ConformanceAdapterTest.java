package dev.imcp.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.imcp.runtime.ImcpServer;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The conformance adapter answers each fixture tool the way the MCP conformance suite checks it, through the MCP
 * Java SDK client: so a build without Node still proves what {@code it/conformance/run-suite.sh} relies on.
 */
class ConformanceAdapterTest {

    private static FixtureUpstream upstream;
    private static ImcpServer server;
    private static McpSyncClient client;
    private static final List<McpSchema.ProgressNotification> PROGRESS = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() {
        upstream = FixtureUpstream.start(0);
        server = ImcpServer.start(Config.builder()
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .addSource(ConfigSources.create(Map.of("server.port", "0")))
                .addSource(ConfigSources.create(ConformanceAdapter.config(upstream)))
                .build());
        client = McpClient.sync(HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + server.port())
                        .endpoint("/mcp").build())
                .requestTimeout(Duration.ofSeconds(30))
                .progressConsumer(PROGRESS::add)
                .build();
        client.initialize();
    }

    @AfterAll
    static void stop() {
        client.closeGracefully();
        server.close();
        upstream.close();
    }

    private static McpSchema.CallToolResult call(String name) {
        return client.callTool(McpSchema.CallToolRequest.builder().name(name).arguments(Map.of()).build());
    }

    @Test
    void listsTheFixtureToolsWithDescriptions() {
        List<McpSchema.Tool> tools = client.listTools().tools();
        assertEquals(List.of("test_audio_content", "test_embedded_resource", "test_error_handling",
                "test_image_content", "test_logging_tool", "test_multiple_content_types", "test_simple_text",
                "test_streaming_elicitation", "test_tool_with_logging", "test_tool_with_progress"),
                tools.stream().map(McpSchema.Tool::name).sorted().toList());
        tools.forEach(t -> assertFalse(t.description() == null || t.description().isBlank(), t.name()));
    }

    @Test
    void textImageAndAudio() {
        McpSchema.CallToolResult text = call("test_simple_text");
        assertEquals(FixtureUpstream.SIMPLE_TEXT, ((McpSchema.TextContent) text.content().get(0)).text());
        McpSchema.ImageContent image = (McpSchema.ImageContent) call("test_image_content").content().get(0);
        assertEquals("image/png", image.mimeType());
        assertTrue(java.util.Base64.getDecoder().decode(image.data())[1] == 'P', "a PNG");
        McpSchema.AudioContent audio = (McpSchema.AudioContent) call("test_audio_content").content().get(0);
        assertEquals("audio/wav", audio.mimeType());
        assertEquals("RIFF", new String(java.util.Base64.getDecoder().decode(audio.data()), 0, 4,
                java.nio.charset.StandardCharsets.US_ASCII));
    }

    @Test
    void embeddedAndMixedContent() {
        McpSchema.EmbeddedResource embedded = (McpSchema.EmbeddedResource) call("test_embedded_resource").content().get(0);
        McpSchema.TextResourceContents resource = (McpSchema.TextResourceContents) embedded.resource();
        assertEquals("test://embedded-resource", resource.uri());
        assertEquals("text/plain", resource.mimeType());
        assertEquals(FixtureUpstream.EMBEDDED, resource.text());

        List<McpSchema.Content> mixed = call("test_multiple_content_types").content();
        assertEquals(List.of("text", "image", "resource"), mixed.stream().map(McpSchema.Content::type).toList());
        McpSchema.TextResourceContents json = (McpSchema.TextResourceContents) ((McpSchema.EmbeddedResource) mixed.get(2)).resource();
        assertEquals("test://mixed-content-resource", json.uri());
        assertEquals("{\"test\":\"data\",\"value\":123}", json.text());
    }

    @Test
    void anUpstreamErrorIsAToolErrorWithWhatTheUpstreamSaid() {
        McpSchema.CallToolResult error = call("test_error_handling");
        assertTrue(error.isError());
        String text = ((McpSchema.TextContent) error.content().get(0)).text();
        assertTrue(text.contains(FixtureUpstream.ERROR), text);
    }

    @Test
    void aCallWithAProgressTokenReportsAtLeastThreeIncreasingSteps() throws InterruptedException {
        McpSchema.CallToolResult r = client.callTool(McpSchema.CallToolRequest.builder().name("test_tool_with_progress")
                .arguments(Map.of()).progressToken("progress-test-1").build());
        assertFalse(Boolean.TRUE.equals(r.isError()), r.toString());
        for (int i = 0; i < 100 && PROGRESS.size() < 3; i++) {
            Thread.sleep(20);
        }
        // the SDK hands notifications to the consumer asynchronously, so their order there is not the wire's (the
        // runtime's raw-HTTP tests and the conformance suite check that); distinct values, one per step
        List<Double> values = PROGRESS.stream().filter(p -> "progress-test-1".equals(p.progressToken()))
                .map(McpSchema.ProgressNotification::progress).sorted().toList();
        assertTrue(values.size() >= 3, values.toString());
        assertEquals(values.size(), values.stream().distinct().count(), values.toString());
    }
}
