package dev.imcp.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.imcp.runtime.fixture.Fixture;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The official MCP Java SDK client, pinned to each protocol revision it speaks, negotiates that revision with the
 * server (MCP "Lifecycle": the server answers the client's version when it supports it) and lists and calls tools.
 */
class JavaSdkRevisionsTest {

    private static Fixture fixture;

    @BeforeAll
    static void start() throws Exception {
        fixture = new Fixture();
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25"})
    void eachRevisionTheSdkSpeaksIsNegotiatedAndServed(String revision) {
        McpSyncClient client = McpClient.sync(HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + fixture.server.port())
                        .endpoint("/mcp")
                        .supportedProtocolVersions(List.of(revision))
                        .requestBuilder(java.net.http.HttpRequest.newBuilder().header("Authorization", "Bearer " + Fixture.DEMO_KEY))
                        .build())
                .requestTimeout(Duration.ofSeconds(30))
                .build();
        try {
            McpSchema.InitializeResult init = client.initialize();
            assertEquals(revision, init.protocolVersion());
            List<String> names = client.listTools().tools().stream().map(McpSchema.Tool::name).toList();
            assertTrue(names.contains("echo"), names.toString());
            McpSchema.CallToolResult r = client.callTool(new McpSchema.CallToolRequest("echo", Map.of("message", "ab")));
            assertFalse(Boolean.TRUE.equals(r.isError()), r.toString());
            assertTrue(((McpSchema.TextContent) r.content().get(0)).text().contains("abab"), r.toString());
        } finally {
            client.closeGracefully();
        }
    }
}
