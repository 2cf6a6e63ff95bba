package ${package};

import dev.imcp.runtime.ImcpServer;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.webserver.WebServer;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Starts this adapter in the test's JVM on a free loopback port, in front of a stand-in for the upstream that
 * {@code src/main/contracts/example.mcp.json} describes, and talks to it with the official MCP Java SDK client
 * as an AI client would. Nothing leaves 127.0.0.1.
 *
 * <p>Replace the example with tests of your own tools when you replace the contract.
 */
class AdapterTest {

    /** The raw query string of the last request the stand-in upstream received. */
    private static final AtomicReference<String> UPSTREAM_QUERY = new AtomicReference<>();

    private static WebServer upstream;
    private static ImcpServer adapter;
    private static McpSyncClient client;
    private static McpSchema.InitializeResult initialized;

    @BeforeAll
    static void start() {
        upstream = WebServer.builder()
                .host("127.0.0.1")
                .port(0)
                .routing(r -> r.get("/status", (req, res) -> {
                    UPSTREAM_QUERY.set(req.query().rawValue());
                    res.header("Content-Type", "application/json");
                    res.send("{\"status\":\"up\"}");
                }))
                .build()
                .start();
        // The project's application.yaml, with a free port and the stand-in's address on top (the first source
        // wins). Environment variables are left out so an IMCP_SERVICES_EXAMPLE_URL in your shell cannot
        // send the test elsewhere.
        Config config = Config.builder()
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .sources(ConfigSources.create(Map.of(
                                "server.host", "127.0.0.1",
                                "server.port", "0",
                                "imcp.services.example.url", "http://127.0.0.1:" + upstream.port())),
                        ConfigSources.classpath("application.yaml"))
                .build();
        adapter = ImcpServer.start(config);
        client = McpClient.sync(HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + adapter.port())
                        .endpoint(ImcpServer.MCP_PATH)
                        .build())
                .requestTimeout(Duration.ofSeconds(30))
                .build();
        initialized = client.initialize();
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.closeGracefully();
        }
        if (adapter != null) {
            adapter.close();
        }
        if (upstream != null) {
            upstream.stop();
        }
    }

    @Test
    void introducesItselfWithTheConfiguredName() {
        assertEquals("${artifactId}", initialized.serverInfo().name());
    }

    @Test
    void introducesItselfWithTheProjectVersion() {
        // serverInfo.version is this project's <version>: imcp:generate records it in META-INF/imcp/adapter.json
        // and the runtime reads it from there. Surefire passes the expected value (see pom.xml).
        String expected = Objects.requireNonNull(System.getProperty("adapter.version"),
                "system property adapter.version is not set; run the tests through Maven (./mvnw verify)");
        assertEquals(expected, initialized.serverInfo().version());
    }

    @Test
    void listsTheExampleTool() {
        McpSchema.Tool tool = client.listTools().tools().stream()
                .filter(t -> t.name().equals("getStatus"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("getStatus is not listed"));
        assertEquals("Reads the status of the example upstream.", tool.description());
        assertEquals(Map.of("verbose", Map.of("type", "boolean", "default", false)), tool.inputSchema().get("properties"));
        assertEquals(Boolean.TRUE, tool.annotations().readOnlyHint());
    }

    @Test
    void callsTheUpstreamWithTheArguments() {
        McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest("getStatus", Map.of("verbose", true)));
        assertFalse(Boolean.TRUE.equals(result.isError()), result.toString());
        assertEquals(Map.of("status", "up"), result.structuredContent());
        assertEquals("verbose=true", UPSTREAM_QUERY.get());
    }

    @Test
    void appliesTheContractsDefault() {
        McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest("getStatus", Map.of()));
        assertFalse(Boolean.TRUE.equals(result.isError()), result.toString());
        assertEquals("verbose=false", UPSTREAM_QUERY.get());
    }
}
