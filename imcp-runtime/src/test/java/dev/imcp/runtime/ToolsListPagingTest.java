package dev.imcp.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imcp.runtime.fixture.EchoProvider;
import dev.imcp.runtime.fixture.Fixture;
import dev.imcp.runtime.fixture.PetsProvider;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code imcp.tools-list-page-size} on a real 127.0.0.1 adapter: pages of at most that many tools, followed by
 * {@code nextCursor} to the same list one page gives (the caller's visible tools, in order, once each); cursors that
 * were not issued for that list are -32602 (MCP "Utilities", "Pagination"); the REST facade reads every page.
 */
class ToolsListPagingTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String DEMO = "Bearer " + Fixture.DEMO_KEY;

    private static ImcpServer paged;
    private static ImcpServer whole;

    private static String yaml(int pageSize) {
        return """
                server:
                  port: 0
                  host: 127.0.0.1
                imcp:
                  tools-list-page-size: %d
                  rest-facade:
                    enabled: true
                  auth:
                    api-keys:
                      - name: demo
                        sha256: "%s"
                  services:
                    echo:
                      tools:
                        deny: [hiddenTool]
                    pets:
                      url: http://127.0.0.1:9
                """.formatted(pageSize, Fixture.sha(Fixture.DEMO_KEY));
    }

    @BeforeAll
    static void start() {
        paged = ImcpServer.start(Fixture.config(yaml(2)), List.of(new EchoProvider(), new PetsProvider("pets", "getPet")));
        whole = ImcpServer.start(Fixture.config(yaml(0)), List.of(new EchoProvider(), new PetsProvider("pets", "getPet")));
    }

    @AfterAll
    static void stop() {
        if (paged != null) {
            paged.close();
        }
        if (whole != null) {
            whole.close();
        }
    }

    private static URI mcp(ImcpServer server) {
        return URI.create("http://127.0.0.1:" + server.port() + "/mcp");
    }

    private static String session(ImcpServer server) throws Exception {
        HttpResponse<String> r = Fixture.post(HTTP, mcp(server), Fixture.initializeRequest("2025-06-18"), null, DEMO);
        assertEquals(200, r.statusCode(), r.body());
        return r.headers().firstValue("Mcp-Session-Id").orElseThrow();
    }

    private static JsonNode list(ImcpServer server, String session, String paramsJson) throws Exception {
        return Fixture.json(Fixture.post(HTTP, mcp(server), "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\""
                + (paramsJson == null ? "" : ",\"params\":" + paramsJson) + "}", session, DEMO));
    }

    private static List<String> names(JsonNode tools) {
        List<String> names = new ArrayList<>();
        tools.forEach(t -> names.add(t.path("name").asText()));
        return names;
    }

    @Test
    void followingTheCursorsGivesTheWholeListOnce() throws Exception {
        List<String> expected = names(list(whole, session(whole), null).at("/result/tools"));
        assertTrue(expected.size() > 4 && !expected.contains("hiddenTool"), expected.toString());
        assertFalse(list(whole, session(whole), null).path("result").has("nextCursor"), "one page by default");

        String session = session(paged);
        List<String> seen = new ArrayList<>();
        String params = null;
        int pages = 0;
        while (true) {
            JsonNode result = list(paged, session, params).path("result");
            JsonNode tools = result.path("tools");
            assertTrue(tools.size() >= 1 && tools.size() <= 2, result.toString());
            seen.addAll(names(tools));
            pages++;
            if (!result.has("nextCursor")) {
                break;
            }
            params = "{\"cursor\":" + JSON.writeValueAsString(result.get("nextCursor").asText()) + "}";
            assertTrue(pages < 100, "cursors must end");
        }
        assertEquals(expected, seen, "the same tools in the same order, each once");
        assertEquals((expected.size() + 1) / 2, pages);
    }

    @Test
    void cursorsNotIssuedForTheListAreInvalidParams() throws Exception {
        String session = session(paged);
        String next = list(paged, session, null).at("/result/nextCursor").asText();
        assertEquals(2, list(paged, session, "{\"cursor\":" + JSON.writeValueAsString(next) + "}")
                .at("/result/tools").size(), "the issued cursor works");
        String[] parts = new String(Base64.getUrlDecoder().decode(next), StandardCharsets.UTF_8).split(":", 3);
        assertEquals(3, parts.length, "position, list hash, first tool");
        List<String> bad = List.of("\"x!\"", "\"\"", "17", "{\"a\":1}",
                quoted(encode("0:" + parts[1] + ":" + list(paged, session, null).at("/result/tools/0/name").asText())),
                quoted(encode(parts[0] + ":" + parts[1] + ":someOtherTool")), // another tool there now
                quoted(encode(parts[0] + ":0000000000000000:" + parts[2])),   // issued for another list
                quoted(encode(parts[0] + ":" + parts[2])),                    // no list hash
                quoted(encode("999:" + parts[1] + ":echo")),                  // past the end
                quoted(encode("-1:" + parts[1] + ":echo")),
                quoted(encode("1234567890123:" + parts[1] + ":echo")),        // more digits than an int holds
                quoted(encode("nocolon")));
        for (String cursor : bad) {
            JsonNode r = list(paged, session, "{\"cursor\":" + cursor + "}");
            assertEquals(-32602, r.at("/error/code").asInt(), cursor + " -> " + r);
            assertEquals("Invalid params: unknown cursor", r.at("/error/message").asText());
        }
        // Without pages no cursor is ever issued: any is unknown.
        JsonNode r = list(whole, session(whole), "{\"cursor\":" + JSON.writeValueAsString(next) + "}");
        assertEquals(-32602, r.at("/error/code").asInt(), r.toString());
    }

    @Test
    void aCursorIsTakenByAnyInstanceOfTheAdapter() throws Exception {
        // Cursors carry what they point at: one from this instance works on a second one with the same tools.
        try (ImcpServer other = ImcpServer.start(Fixture.config(yaml(2)),
                List.of(new EchoProvider(), new PetsProvider("pets", "getPet")))) {
            String next = list(paged, session(paged), null).at("/result/nextCursor").asText();
            JsonNode r = list(other, session(other), "{\"cursor\":" + JSON.writeValueAsString(next) + "}");
            assertEquals(list(paged, session(paged), "{\"cursor\":" + JSON.writeValueAsString(next) + "}")
                    .at("/result/tools"), r.at("/result/tools"));
        }
    }

    @Test
    void theRestFacadeListsEveryPage() throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + paged.port() + "/tools")).header("Authorization", DEMO).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        List<String> expected = names(list(whole, session(whole), null).at("/result/tools"));
        assertEquals(expected, names(JSON.readTree(r.body()).path("tools")));
    }

    private static String encode(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String quoted(String text) throws Exception {
        return JSON.writeValueAsString(text);
    }
}
