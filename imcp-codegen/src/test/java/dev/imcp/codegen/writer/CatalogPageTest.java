package dev.imcp.codegen.writer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imcp.codegen.TinyProject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The catalog page as text: deterministic, self-contained (no URL outside the data, a CSP naming the hashes of its
 * own style and script), contract text escaped, the data block holding what {@code tools.json} publishes with
 * each shared definition once.
 */
class CatalogPageTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern DATA = Pattern.compile(
            "<script type=\"application/json\" id=\"imcp-catalog-data\">(.*?)</script>", Pattern.DOTALL);

    @TempDir
    Path work;

    @Test
    void sameContractsGiveTheSameBytes() throws Exception {
        byte[] first = Files.readAllBytes(CatalogPages.sample(work.resolve("a")));
        byte[] second = Files.readAllBytes(CatalogPages.sample(work.resolve("b")));
        assertArrayEquals(first, second);
    }

    @Test
    void pageIsSelfContainedAndItsPolicyAllowsOnlyItsOwnStyleAndScript() throws Exception {
        String page = Files.readString(CatalogPages.sample(work), StandardCharsets.UTF_8);
        String outsideData = DATA.matcher(page).replaceAll("");
        assertFalse(Pattern.compile("(?i)(src|href)\\s*=\\s*\"(?!data:|#)").matcher(outsideData).find(),
                "no attribute loads anything");
        assertFalse(Pattern.compile("(?i)https?:|url\\(|@import|//[a-z]").matcher(outsideData.replace("'none'", ""))
                .find(), "no URL in the markup, style or script");
        Matcher csp = Pattern.compile("content=\"default-src 'none'; style-src '(sha256-[^']+)'; script-src '(sha256-[^']+)';")
                .matcher(page);
        assertTrue(csp.find(), "the page carries its policy");
        assertEquals(csp.group(1), sha256(between(page, "<style>", "</style>")));
        assertEquals(csp.group(2), sha256(between(page, "\n<script>", "</script>")));
    }

    @Test
    void dataBlockHoldsThePublishedToolsAndSharesDefinitions() throws Exception {
        JsonNode sample = sameAsPublished(CatalogPages.sample(work.resolve("sample")), work.resolve("sample"));
        assertEquals(0, sample.get("defs").size());
        JsonNode fleet = sameAsPublished(CatalogPages.synthetic(work.resolve("fleet"), 200), work.resolve("fleet"));
        assertTrue(fleet.get("parts").size() < 200, "fewer parts than tools: the 50 settings and what they share: "
                + fleet.get("parts").size());
        // the recursive Spec, in the $defs of every one of the 200 tools' input and output schemas, stored once
        assertEquals(1, fleet.get("defs").size(), fleet.get("defs").toString());
        fleet.get("tools").forEach(t -> assertTrue(t.has("inputDefs") && t.has("outputDefs"), t.get("name").asText()));
    }

    private JsonNode sameAsPublished(Path pageFile, Path out) throws Exception {
        String page = Files.readString(pageFile, StandardCharsets.UTF_8);
        Matcher data = DATA.matcher(page);
        assertTrue(data.find());
        JsonNode catalog = JSON.readTree(data.group(1));
        JsonNode published = JSON.readTree(out.resolve("resources/META-INF/imcp/tools.json").toFile()).get("tools");
        java.util.Map<String, String> serviceOf = dev.imcp.codegen.lock.BuildSurface.read(out.resolve("resources/META-INF/imcp/adapter.json"),
                out.resolve("resources/META-INF/imcp/tools.json")).serviceOfTool();
        assertEquals(published.size(), catalog.get("tools").size());
        for (int i = 0; i < published.size(); i++) {
            JsonNode tool = catalog.get("tools").get(i);
            JsonNode expected = published.get(i);
            assertEquals(expected.get("name"), tool.get("name"));
            assertEquals(serviceOf.get(expected.get("name").asText()),
                    catalog.get("services").get(tool.get("service").asInt()).get("id").asText());
            assertEquals(expected.path("annotations").isMissingNode() ? JSON.createObjectNode() : expected.get("annotations"),
                    tool.path("annotations").isMissingNode() ? JSON.createObjectNode() : tool.get("annotations"));
            assertEquals(expected.get("inputSchema"), withDefs(tool.get("input"), tool.get("inputDefs"), catalog),
                    "the input schema as published: " + tool.get("name"));
            if (expected.has("outputSchema")) {
                assertEquals(expected.get("outputSchema"), withDefs(tool.get("output"), tool.get("outputDefs"), catalog));
            }
        }
        java.util.Set<String> distinct = new java.util.HashSet<>();
        catalog.get("defs").forEach(d -> assertTrue(distinct.add(d.toString()), "each definition once: " + d));
        catalog.get("parts").forEach(d -> assertTrue(distinct.add(d.toString()), "each part once: " + d));
        return catalog;
    }

    @Test
    void contractTextIsEscapedInTheMarkupAndTheDataBlock() throws Exception {
        TinyProject project = new TinyProject(work);
        project.write("evil.mcp.json", """
                {"name": "evil", "version": "1", "description": "x",
                 "tools": [{"name": "steal", "description": "</script><!-- <script>alert(1)</script> & more",
                   "endpoint": {"method": "GET", "baseUrl": "http://127.0.0.1:9", "path": "/x"},
                   "inputSchema": {"type": "object", "properties": {}}}]}
                """);
        project.generate();
        String page = Files.readString(work.resolve("out/resources").resolve(CatalogPage.FILE));
        assertEquals(2, count(page, "</script>"), "only the page's own two script elements end");
        assertEquals(2, count(page, "<script"), "and start");
        assertFalse(page.contains("<!--"));
        Matcher data = DATA.matcher(page);
        assertTrue(data.find());
        assertEquals("</script><!-- <script>alert(1)</script> & more",
                JSON.readTree(data.group(1)).get("tools").get(0).get("description").asText());
        assertEquals("a &lt;b&gt; &amp; &quot;c&quot; &#39;d&#39;", CatalogPage.escape("a <b> & \"c\" 'd'"));
    }

    private static JsonNode withDefs(JsonNode schema, JsonNode refs, JsonNode catalog) {
        JsonNode full = expand(schema, catalog.get("parts"));
        if (refs == null) {
            return full;
        }
        com.fasterxml.jackson.databind.node.ObjectNode out = ((com.fasterxml.jackson.databind.node.ObjectNode) full)
                .putObject("$defs");
        refs.properties().forEach(e -> out.set(e.getKey(), expand(catalog.get("defs").get(e.getValue().asInt()),
                catalog.get("parts"))));
        return full;
    }

    /** Puts each shared part back in the place of its {@code {"$imcp": i}} stand-in. */
    private static JsonNode expand(JsonNode node, JsonNode parts) {
        if (node.isObject() && node.size() == 1 && node.has("$imcp")) {
            return expand(parts.get(node.get("$imcp").asInt()), parts);
        }
        JsonNode copy = node.deepCopy();
        if (copy instanceof com.fasterxml.jackson.databind.node.ObjectNode o) {
            node.properties().forEach(e -> o.set(e.getKey(), expand(e.getValue(), parts)));
        } else if (copy instanceof com.fasterxml.jackson.databind.node.ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                a.set(i, expand(node.get(i), parts));
            }
        }
        return copy;
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
            n++;
        }
        return n;
    }

    private static String between(String text, String start, String end) {
        int from = text.indexOf(start) + start.length();
        return text.substring(from, text.indexOf(end, from));
    }

    private static String sha256(String text) throws Exception {
        return "sha256-" + Base64.getEncoder().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
