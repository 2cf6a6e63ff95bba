package dev.imcp.runtime;

import dev.imcp.runtime.fixture.CalculatorImpl;
import dev.imcp.runtime.fixture.Fixture;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The official MCP Java SDK client against a real server with real REST and SOAP upstreams. */
class McpClientTest {

    private static Fixture fixture;
    private static McpSyncClient client;

    @BeforeAll
    static void start() throws Exception {
        fixture = new Fixture();
        client = McpClient.sync(HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + fixture.server.port())
                        .endpoint("/mcp")
                        .requestBuilder(java.net.http.HttpRequest.newBuilder().header("Authorization", "Bearer " + Fixture.DEMO_KEY))
                        .build())
                .requestTimeout(Duration.ofSeconds(30))
                .build();
        McpSchema.InitializeResult init = client.initialize();
        assertEquals("test-adapter", init.serverInfo().name(), "imcp.server-name");
        assertEquals("3.1.4", init.serverInfo().version(), "no imcp.server-version: from META-INF/imcp/adapter.json");
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.closeGracefully();
        }
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void listsVisibleToolsOnly() {
        List<String> names = client.listTools().tools().stream().map(McpSchema.Tool::name).toList();
        assertTrue(names.containsAll(List.of("echo", "greetMe", "jaxbEcho", "getPet", "getPetBasic", "add")), names.toString());
        assertFalse(names.contains("hiddenTool"), names.toString());
        McpSchema.Tool echo = client.listTools().tools().stream().filter(t -> t.name().equals("echo")).findFirst().orElseThrow();
        assertEquals(Boolean.TRUE, echo.annotations().readOnlyHint());
        assertEquals("Echo", echo.title());
    }

    @Test
    void callsLocalToolWithDefaults() {
        McpSchema.CallToolResult r = client.callTool(new McpSchema.CallToolRequest("echo", Map.of("message", "ab")));
        assertFalse(Boolean.TRUE.equals(r.isError()));
        assertEquals(Map.of("echoed", "abab", "mode", "quiet"), r.structuredContent());
        assertEquals("{\"echoed\":\"abab\",\"mode\":\"quiet\"}", ((McpSchema.TextContent) r.content().get(0)).text());
    }

    @Test
    void callsRestUpstreamWithBearerAndHeader() {
        McpSchema.CallToolResult r = client.callTool(new McpSchema.CallToolRequest("getPet",
                Map.of("id", "1", "tags", List.of("a b", "c"))));
        assertFalse(Boolean.TRUE.equals(r.isError()), r.toString());
        assertEquals(Map.of("id", "1", "name", "Rex"), r.structuredContent());
        assertEquals("Bearer " + Fixture.BEARER, Fixture.REST_HEADERS.get("authorization"));
        assertEquals(Fixture.HEADER_SECRET, Fixture.REST_HEADERS.get("x-api-key"));
        assertEquals("tag=a%20b&tag=c", Fixture.REST_HEADERS.get(":query"));
    }

    @Test
    void restUpstream404IsToolErrorWithRedactedBody() {
        McpSchema.CallToolResult r = client.callTool(new McpSchema.CallToolRequest("getPet", Map.of("id", "x y")));
        assertTrue(r.isError());
        String text = ((McpSchema.TextContent) r.content().get(0)).text();
        assertTrue(text.startsWith("Upstream pets answered HTTP 404: "), text);
        assertTrue(text.contains("no pet x y"), text);
        assertFalse(text.contains(Fixture.BEARER), text);
        assertTrue(text.contains("Bearer ***"), text);
    }

    @Test
    void basicAuthReachesUpstream() {
        McpSchema.CallToolResult r = client.callTool(new McpSchema.CallToolRequest("getPetBasic", Map.of("id", "1")));
        assertFalse(Boolean.TRUE.equals(r.isError()), r.toString());
        String expected = "Basic " + java.util.Base64.getEncoder().encodeToString(("alice:" + Fixture.PASSWORD).getBytes());
        assertEquals(expected, Fixture.REST_HEADERS.get("authorization"));
    }

    @Test
    void callsSoapUpstream() {
        McpSchema.CallToolResult r = client.callTool(new McpSchema.CallToolRequest("add", Map.of("a", 2, "b", 3)));
        assertFalse(Boolean.TRUE.equals(r.isError()), r.toString());
        assertEquals(Map.of("sum", 5), r.structuredContent());
        assertEquals(Fixture.SOAP_HEADER_SECRET, CalculatorImpl.LAST_HEADERS.get("x-api-key"));
    }

    @Test
    void soapFaultIsToolError() {
        McpSchema.CallToolResult r = client.callTool(new McpSchema.CallToolRequest("add", Map.of("a", -1, "b", 3)));
        assertTrue(r.isError());
        String text = ((McpSchema.TextContent) r.content().get(0)).text();
        assertTrue(text.startsWith("SOAP fault "), text);
        assertTrue(text.contains("negative numbers are not supported"), text);
    }

    @Test
    void jaxbInputBindsByXmlName() {
        McpSchema.CallToolResult r = client.callTool(new McpSchema.CallToolRequest("jaxbEcho", Map.of("NillElem", "v1")));
        assertFalse(Boolean.TRUE.equals(r.isError()), r.toString());
        assertEquals(Map.of("value", "v1"), r.structuredContent());
    }

    @Test
    void resultPropertyWrapsScalar() {
        McpSchema.CallToolResult r = client.callTool(new McpSchema.CallToolRequest("greetMe",
                Map.of("requestType", "formal", "name", "Ann")));
        assertNotNull(r.structuredContent());
        assertEquals(Map.of("greeting", "Hello Ann (formal)"), r.structuredContent());
    }
}
