package dev.imcp.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imcp.runtime.ImcpServer;
import io.helidon.config.Config;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Issue 10: the generated {@code META-INF/imcp/tools.json}, the committed lockfile and what the running adapter
 * answers to {@code tools/list} (newest revision) are the same JSON, tool for tool: one writer
 * ({@code dev.imcp.descriptor.PublishedTool}) produces all three.
 */
class PublishedSurfaceTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void toolsListToolsJsonAndTheLockfileAgree() throws Exception {
        Map<String, JsonNode> generated = new TreeMap<>();
        try (InputStream in = PublishedSurfaceTest.class.getResourceAsStream("/META-INF/imcp/tools.json")) {
            MAPPER.readTree(in).path("tools").forEach(t -> generated.put(t.get("name").asText(), t));
        }
        Map<String, JsonNode> locked = new TreeMap<>();
        JsonNode lock = MAPPER.readTree(Files.readString(Path.of("src/main/contracts/imcp.lock.json")));
        lock.path("services").forEach(s -> s.path("tools").forEach(t -> locked.put(t.get("name").asText(), t)));

        Map<String, JsonNode> served = new TreeMap<>();
        Config config = SampleAdapter.config(Map.of("SERVER_PORT", "0"), ImcpServer.providers(), null);
        try (ImcpServer server = ImcpServer.start(config, ImcpServer.providers())) {
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> init = SampleMcp.post(http, server.uri(), null, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":"
                    + "\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},"
                    + "\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}");
            assertEquals(200, init.statusCode(), init.body());
            String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
            HttpResponse<String> list = SampleMcp.post(http, server.uri(), session, "2025-11-25",
                    "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}");
            assertEquals(200, list.statusCode(), list.body());
            MAPPER.readTree(list.body()).path("result").path("tools")
                    .forEach(t -> served.put(t.get("name").asText(), t));
        }
        assertTrue(served.size() >= 12, served.keySet().toString());
        // the build publishes every tool; the sample's configuration denies greetMeOneWay (imcp.tools.deny)
        java.util.Set<String> hidden = new java.util.TreeSet<>(generated.keySet());
        hidden.removeAll(served.keySet());
        assertEquals(java.util.Set.of("greetMeOneWay"), hidden);
        for (String name : served.keySet()) {
            assertEquals(served.get(name), generated.get(name), name + ": tools/list and tools.json differ");
            assertEquals(MAPPER.writeValueAsString(served.get(name)), MAPPER.writeValueAsString(generated.get(name)),
                    name + ": member order differs");
        }
        assertEquals(generated, locked, "the committed lockfile is out of date: run ../../mvnw imcp:lock in the sample");
    }
}
