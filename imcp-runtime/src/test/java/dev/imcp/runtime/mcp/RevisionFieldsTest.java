package dev.imcp.runtime.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.imcp.runtime.fixture.RawServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;

import static dev.imcp.runtime.fixture.RawServer.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each revision gets exactly the members its schema defines for {@code tools/list} and {@code tools/call}: the
 * {@code echo} fixture tool has a title, an output schema and annotations, and answers with
 * {@code structuredContent}; what a revision lacks is left out.
 */
class RevisionFieldsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static RawServer srv;

    @BeforeAll
    static void start() {
        srv = new RawServer("", "");
    }

    @AfterAll
    static void stop() {
        srv.close();
    }

    private static Set<String> fields(JsonNode node) {
        Set<String> out = new TreeSet<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }

    private static Set<String> set(String spaceSeparated) {
        return new TreeSet<>(Arrays.asList(spaceSeparated.split(" ")));
    }

    private static JsonNode echo(JsonNode tools) {
        for (JsonNode tool : tools) {
            if ("echo".equals(tool.get("name").asText())) {
                return tool;
            }
        }
        throw new AssertionError("no echo in " + tools);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "2024-11-05 | description inputSchema name                                          | content isError",
        "2025-03-26 | annotations description inputSchema name                              | content isError",
        "2025-06-18 | annotations description inputSchema name outputSchema title           | content isError structuredContent",
        "2025-11-25 | annotations description inputSchema name outputSchema title           | content isError structuredContent",
    })
    void legacyRevisionPublishesItsOwnFields(String version, String toolFields, String resultFields) throws Exception {
        String session = srv.initialize(version);
        HttpResponse<String> list = srv.post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}", session);
        JsonNode result = json(list).get("result");
        assertEquals(Set.of("tools"), fields(result), "no resultType, ttlMs or cacheScope before 2026-07-28");
        assertEquals(set(toolFields), fields(echo(result.get("tools"))), version);
        for (JsonNode tool : result.get("tools")) {
            assertEquals(true, set(toolFields).containsAll(fields(tool)), version + ": " + tool);
        }
        HttpResponse<String> call = srv.post("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":"
                + "{\"name\":\"echo\",\"arguments\":{\"message\":\"hi\"}}}", session);
        assertEquals(set(resultFields), fields(json(call).get("result")), version + ": " + call.body());
    }

    @Test
    void modernRevisionPublishesItsOwnFields() throws Exception {
        String meta = "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
                + "\"io.modelcontextprotocol/clientCapabilities\":{}}";
        HttpResponse<String> list = srv.send(srv.post(("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",\"params\":{"
                + meta + "}}").getBytes(StandardCharsets.UTF_8), null)
                .header("MCP-Protocol-Version", "2026-07-28").header("Mcp-Method", "tools/list"));
        JsonNode result = json(list).get("result");
        assertEquals(set("_meta cacheScope resultType tools ttlMs"), fields(result));
        assertEquals(set("annotations description inputSchema name outputSchema title"), fields(echo(result.get("tools"))));
        HttpResponse<String> call = srv.send(srv.post(("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{"
                + "\"name\":\"echo\",\"arguments\":{\"message\":\"hi\"}," + meta + "}}").getBytes(StandardCharsets.UTF_8), null)
                .header("MCP-Protocol-Version", "2026-07-28").header("Mcp-Method", "tools/call").header("Mcp-Name", "echo"));
        assertEquals(set("_meta content isError resultType structuredContent"), fields(json(call).get("result")));
    }

    @Test
    void executionIsA20251125MemberOnly() {
        assertTrue(RevisionFields.toolMembers("2025-11-25").containsAll(set("execution icons inputSchema name title")));
        assertEquals(Set.of(), intersection(RevisionFields.toolMembers("2026-07-28"), set("execution")));
        assertEquals(Set.of(), intersection(RevisionFields.toolMembers("2024-11-05"), set("execution icons title outputSchema annotations")));
        assertEquals(RevisionFields.toolMembers(ProtocolVersions.LATEST), RevisionFields.toolMembers("1999-01-01"),
                "an unknown revision gets the newest shape");
    }

    private static Set<String> intersection(Set<String> a, Set<String> b) {
        Set<String> both = new TreeSet<>(a);
        both.retainAll(b);
        return both;
    }

    @Test
    void contentBlocksOlderRevisionsLack() throws Exception {
        String result = "{\"content\":[{\"type\":\"audio\",\"data\":\"UklGRg==\",\"mimeType\":\"audio/wav\"},"
                + "{\"type\":\"resource_link\",\"uri\":\"https://x/y\",\"name\":\"y\",\"mimeType\":\"text/plain\"},"
                + "{\"type\":\"text\",\"text\":\"t\",\"_meta\":{\"k\":1}}],\"structuredContent\":{\"a\":1},\"isError\":false}";
        JsonNode v2024 = RevisionFields.callResult((ObjectNode) JSON.readTree(result), "2024-11-05");
        assertEquals("resource", v2024.at("/content/0/type").asText(), "no AudioContent before 2025-03-26");
        assertEquals("UklGRg==", v2024.at("/content/0/resource/blob").asText());
        assertEquals("audio/wav", v2024.at("/content/0/resource/mimeType").asText());
        assertEquals("text", v2024.at("/content/1/type").asText(), "no ResourceLink before 2025-06-18");
        assertEquals(true, v2024.at("/content/1/text").asText().contains("https://x/y"));
        assertEquals(set("text type"), fields(v2024.at("/content/2")));
        assertEquals(set("content isError"), fields(v2024));

        JsonNode v2025 = RevisionFields.callResult((ObjectNode) JSON.readTree(result), "2025-03-26");
        assertEquals("audio", v2025.at("/content/0/type").asText());
        assertEquals("text", v2025.at("/content/1/type").asText());

        JsonNode v2026 = RevisionFields.callResult((ObjectNode) JSON.readTree(result), "2026-07-28");
        assertEquals(JSON.readTree(result), v2026, "the newest shape is kept whole");
    }
}
