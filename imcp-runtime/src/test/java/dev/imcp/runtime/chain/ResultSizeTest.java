package dev.imcp.runtime.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.imcp.runtime.ImcpServer;
import dev.imcp.runtime.config.RuntimeConfig;
import dev.imcp.runtime.fixture.EchoProvider;
import dev.imcp.runtime.fixture.Fixture;
import dev.imcp.runtime.fixture.HttpReplies;
import dev.imcp.runtime.fixture.ItemsProvider.ItemInput;
import dev.imcp.runtime.spi.HttpBody;
import dev.imcp.runtime.spi.HttpCall;
import dev.imcp.runtime.spi.ServiceDescriptor;
import dev.imcp.runtime.spi.Tool;
import dev.imcp.runtime.spi.ToolDescriptor;
import dev.imcp.runtime.spi.ToolProvider;
import dev.imcp.runtime.spi.Types;
import dev.imcp.runtime.spi.UpstreamContext;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link ResultSizeLink} on a real adapter in front of a JDK {@link HttpServer} upstream on 127.0.0.1 that answers
 * {@code GET /big/list/<n>} with {@code {name, items: [n objects, each with a parts array], tags: [5 strings]}},
 * {@code GET /big/text/<n>} with {@code n} bytes of text and {@code GET /big/string/<n>} with one string of {@code n}
 * characters. Service {@code big} has a cap of 4096 bytes; tool {@code bigText} one of 2048, {@code bigWide} none.
 */
class ResultSizeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final AtomicInteger IDS = new AtomicInteger(1);
    private static final String LIST_SCHEMA = """
            {"type":"object","required":["name","items","tags"],"properties":{
              "name":{"type":"string"},
              "items":{"type":"array","minItems":%d,"items":{"type":"object","properties":{
                "id":{"type":"integer"},"label":{"type":"string"},"parts":{"type":"array","items":{"type":"integer"}}}}},
              "tags":{"type":"array","minItems":3,"items":{"type":"string"}}}}""";

    private static HttpServer upstream;
    private static ImcpServer server;
    private static String session;

    /** The tools of service {@code big}. */
    private static final class BigProvider implements ToolProvider {
        @Override
        public ServiceDescriptor service() {
            return new ServiceDescriptor("big", "openapi", "Big answers", "1", "0".repeat(64), null, Map.of());
        }

        @Override
        public List<Tool<?, ?>> tools(UpstreamContext upstream) {
            String in = "{\"type\":\"object\",\"properties\":{\"item\":{\"type\":\"string\"}},\"required\":[\"item\"]}";
            return List.of(list(upstream, "bigList", LIST_SCHEMA.formatted(1)), list(upstream, "bigWide", LIST_SCHEMA.formatted(1)),
                    list(upstream, "bigStrict", LIST_SCHEMA.formatted(400)), list(upstream, "bigDeep", LIST_SCHEMA.formatted(1)),
                    EchoProvider.tool(new ToolDescriptor("big", "bigString", null, "One long string", in, null, null,
                            Map.of()), ItemInput.class, i -> upstream.http().<Map<String, Object>>exchange(
                                    HttpCall.builder("GET", "/big/string/{n}").pathParam("n", i.item()).build(),
                                    Types.mapOf(Object.class))),
                    EchoProvider.tool(new ToolDescriptor("big", "bigText", null, "Plain text", in, null, null, Map.of()),
                            ItemInput.class, i -> upstream.http().<HttpBody>exchange(
                                    HttpCall.builder("GET", "/big/text/{n}").pathParam("n", i.item()).build(), HttpBody.class)));
        }

        private static Tool<?, ?> list(UpstreamContext upstream, String name, String schema) {
            String path = name.equals("bigDeep") ? "/big/deep/{n}" : "/big/list/{n}";
            String in = "{\"type\":\"object\",\"properties\":{\"item\":{\"type\":\"string\"}},\"required\":[\"item\"]}";
            return EchoProvider.tool(new ToolDescriptor("big", name, null, "A long list", in, schema, null, Map.of()),
                    ItemInput.class, i -> upstream.http().<Map<String, Object>>exchange(
                            HttpCall.builder("GET", path).pathParam("n", i.item()).build(), Types.mapOf(Object.class)));
        }
    }

    @BeforeAll
    static void start() throws Exception {
        upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        upstream.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        upstream.createContext("/big/", exchange -> {
            String[] path = exchange.getRequestURI().getPath().split("/");
            int n = Integer.parseInt(path[3]);
            switch (path[2]) {
                case "list" -> HttpReplies.send(exchange, 200, "application/json", list(n));
                case "deep" -> HttpReplies.send(exchange, 200, "application/json", "{\"name\":\"one\",\"items\":[{\"id\":1,"
                        + "\"parts\":[" + IntStream.range(0, n).mapToObj(Integer::toString).collect(Collectors.joining(","))
                        + "]}],\"tags\":[\"a\",\"b\",\"c\"]}");
                case "string" -> HttpReplies.send(exchange, 200, "application/json",
                        "{\"name\":\"" + "ü".repeat(n) + "\",\"items\":[]}");
                default -> HttpReplies.send(exchange, 200, "text/plain; charset=utf-8", "é".repeat(n / 2));
            }
        });
        upstream.start();
        server = ImcpServer.start(Fixture.config("""
                server: {port: 0, host: 127.0.0.1}
                imcp:
                  services:
                    big:
                      url: http://127.0.0.1:%d
                      max-result-bytes: 4096
                      tools:
                        bigText: {max-result-bytes: 2048}
                        bigWide: {max-result-bytes: 0}
                """.formatted(upstream.getAddress().getPort())), List.of(new BigProvider()));
        session = ResilienceTest.initialize(server);
    }

    @AfterAll
    static void stop() {
        server.close();
        upstream.stop(0);
    }

    /** The upstream's list of {@code n} items: labels with quotes and non-ASCII characters, which JSON escapes. */
    static String list(int n) {
        String items = IntStream.range(0, n).mapToObj(i -> "{\"id\":" + i + ",\"label\":\"item \\\"" + i + "\\\" ñ\","
                + "\"parts\":[" + IntStream.range(0, 8).mapToObj(Integer::toString).collect(Collectors.joining(",")) + "]}")
                .collect(Collectors.joining(","));
        return "{\"name\":\"catalog\",\"items\":[" + items + "],\"tags\":[\"a\",\"b\",\"c\",\"d\",\"e\"]}";
    }

    private static JsonNode call(String tool, String item) throws Exception {
        return ResilienceTest.toolResult(HTTP, server, session, IDS.incrementAndGet(), tool, "{\"item\":\"" + item + "\"}");
    }

    private static long bytes(JsonNode node) throws Exception {
        return JSON.writeValueAsBytes(node).length;
    }

    @Test
    void aResultWithinTheCapIsUnchanged() throws Exception {
        JsonNode result = call("bigList", "3");
        assertFalse(result.path("isError").asBoolean(), result.toString());
        assertEquals(JSON.readTree(list(3)), result.get("structuredContent"));
        assertEquals(1, result.get("content").size());
        assertFalse(result.has("_meta"), result.toString());
    }

    @Test
    void theLargestArrayLosesItemsFromItsEndUntilTheResultFits() throws Exception {
        JsonNode result = call("bigList", "500");
        assertFalse(result.path("isError").asBoolean(), result.toString());
        assertTrue(bytes(result) <= 4096, "within the cap: " + bytes(result));
        JsonNode structured = result.get("structuredContent");
        int kept = structured.get("items").size();
        assertTrue(kept > 1 && kept < 500, "kept " + kept);
        JsonNode whole = JSON.readTree(list(500));
        for (int i = 0; i < kept; i++) {
            assertEquals(whole.at("/items/" + i), structured.at("/items/" + i), "the first items, whole, in order");
        }
        assertEquals(whole.get("tags"), structured.get("tags"), "the smaller array is left alone");
        assertEquals(structured, JSON.readTree(result.at("/content/0/text").asText()), "the text item is the same JSON");
        JsonNode truncated = result.at("/_meta/dev.imcp~1truncated");
        assertEquals(4096, truncated.get("maxBytes").asLong());
        assertTrue(truncated.get("originalBytes").asLong() > 4096 * 10, truncated.toString());
        assertEquals(JSON.readTree("[{\"pointer\":\"/items\",\"kept\":" + kept + ",\"total\":500}]"), truncated.get("arrays"));
        assertTrue(result.at("/content/1/text").asText().contains("/items (" + kept + " of 500 kept)"),
                result.at("/content/1/text").asText());
        assertTrue(bytes(result) > 4096 - 1024, "not shortened much more than needed: " + bytes(result));
    }

    @Test
    void anArrayAtItsMinItemsIsKeptAndTheNextLargestOneInsideItIsShortened() throws Exception {
        JsonNode result = call("bigDeep", "2000");
        assertFalse(result.path("isError").asBoolean(), result.toString());
        assertTrue(bytes(result) <= 4096, "within the cap: " + bytes(result));
        JsonNode parts = result.at("/structuredContent/items/0/parts");
        assertEquals(1, result.at("/structuredContent/items").size(), "items has minItems 1");
        assertTrue(parts.size() > 10 && parts.size() < 2000, "kept " + parts.size());
        for (int i = 0; i < parts.size(); i++) {
            assertEquals(i, parts.get(i).asInt());
        }
        assertEquals(3, result.at("/structuredContent/tags").size());
        assertEquals(JSON.readTree("[{\"pointer\":\"/items/0/parts\",\"kept\":" + parts.size() + ",\"total\":2000}]"),
                result.at("/_meta/dev.imcp~1truncated/arrays"));
    }

    @Test
    void aToolsOwnCapWinsOverTheServicesAndZeroIsNone() throws Exception {
        JsonNode result = call("bigWide", "500");
        assertFalse(result.path("isError").asBoolean(), result.toString());
        assertEquals(500, result.at("/structuredContent/items").size());
        assertFalse(result.has("_meta"));
    }

    @Test
    void whenMinItemsForbidsEnoughDroppingTheResultIsAnErrorSayingByHowMuch() throws Exception {
        JsonNode result = call("bigStrict", "500");
        assertTrue(result.path("isError").asBoolean(), result.toString());
        assertFalse(result.has("structuredContent"), "never a structuredContent its schema refuses");
        long size = result.at("/_meta/dev.imcp~1resultBytes").asLong();
        assertEquals(bytes(call("bigWide", "500")), size, "the size of the whole result");
        assertEquals(4096, result.at("/_meta/dev.imcp~1maxResultBytes").asLong());
        String text = result.at("/content/0/text").asText();
        assertTrue(text.startsWith("The result of tool bigStrict is " + size + " bytes, " + (size - 4096)
                + " bytes over the cap of 4096 bytes, and was not sent"), text);
        assertTrue(text.contains("imcp.services.big.tools.bigStrict.max-result-bytes or imcp.services.big.max-result-bytes"), text);
    }

    @Test
    void aLongStringIsNeverCut() throws Exception {
        JsonNode small = call("bigString", "100");
        assertFalse(small.path("isError").asBoolean(), small.toString());
        JsonNode result = call("bigString", "3000");
        assertTrue(result.path("isError").asBoolean(), result.toString());
        assertTrue(result.at("/content/0/text").asText().contains("dropping items from its arrays could not make it fit"));
    }

    @Test
    void textOverItsCapIsRefusedNotCut() throws Exception {
        JsonNode small = call("bigText", "1000");
        assertFalse(small.path("isError").asBoolean(), small.toString());
        assertEquals("é".repeat(500), small.at("/content/0/text").asText());
        JsonNode result = call("bigText", "3000");
        assertTrue(result.path("isError").asBoolean(), result.toString());
        String text = result.at("/content/0/text").asText();
        assertTrue(text.contains("over the cap of 2048 bytes") && text.contains("text and binary content is not cut"), text);
        assertTrue(text.contains("imcp.services.big.tools.bigText.max-result-bytes"), text);
        assertTrue(bytes(result) < 2048);
    }

    @Test
    void aCapBelowTheMinimumOrNotANumberFailsStartUpNamingTheKey() {
        IllegalArgumentException low = assertThrows(IllegalArgumentException.class, () -> RuntimeConfig.from(Fixture.config(
                "imcp: {services: {big: {tools: {bigList: {max-result-bytes: 100}}}}}")));
        assertEquals("imcp.services.big.tools.bigList.max-result-bytes must be 0 (no cap) or at least 1024 bytes, was 100",
                low.getMessage());
        IllegalArgumentException text = assertThrows(IllegalArgumentException.class, () -> RuntimeConfig.from(Fixture.config(
                "imcp: {services: {big: {max-result-bytes: 4k}}}")));
        assertEquals("imcp.services.big.max-result-bytes must be a whole number of bytes, was '4k'", text.getMessage());
        assertEquals(2048, RuntimeConfig.from(Fixture.config("imcp: {services: {big: {max-result-bytes: 1024, tools: "
                + "{bigText: {max-result-bytes: 2048}}}}}")).service("big").resultLimits().maxBytesOf("bigText"));
    }
}
