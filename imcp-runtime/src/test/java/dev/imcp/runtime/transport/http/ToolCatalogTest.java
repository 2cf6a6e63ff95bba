package dev.imcp.runtime.transport.http;

import dev.imcp.runtime.ImcpServer;
import dev.imcp.runtime.fixture.EchoProvider;
import dev.imcp.runtime.fixture.Fixture;
import dev.imcp.runtime.fixture.ItemsProvider;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code GET /catalog} on a real 127.0.0.1 server: the page from the adapter's class path behind the API keys of
 * {@code /mcp} (same 401 challenge), its security headers, {@code HEAD}, 404 without a catalog, 405, 403 for a
 * foreign origin, {@code imcp.catalog.enabled: false}, and each caller seeing only the tools the policy lets it list.
 */
class ToolCatalogTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String PAGE = "<!DOCTYPE html>\n<html><head><title>t</title></head><body>catalog of echo"
            + " \u2713</body></html>\n";

    @TempDir
    Path classes;

    private ImcpServer start(boolean withPage, String extra) throws Exception {
        if (withPage) {
            Path file = classes.resolve(ToolCatalog.RESOURCE);
            Files.createDirectories(file.getParent());
            Files.writeString(file, PAGE);
        }
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, previous)) {
            thread.setContextClassLoader(loader);
            return ImcpServer.start(Fixture.config("""
                    server:
                      port: 0
                      host: 127.0.0.1
                    imcp:
                      auth:
                        api-keys:
                          - name: demo
                            sha256: "%s"
                    %s
                    """.formatted(Fixture.sha(Fixture.DEMO_KEY), extra)), List.of(new EchoProvider()));
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static HttpResponse<byte[]> send(ImcpServer server, String method, String auth, String origin)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/catalog"))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (auth != null) {
            b.header("Authorization", auth);
        }
        if (origin != null) {
            b.header("Origin", origin);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void servesThePageToAKnownCallerWithStrictHeaders() throws Exception {
        try (ImcpServer server = start(true, "")) {
            HttpResponse<byte[]> page = send(server, "GET", "Bearer " + Fixture.DEMO_KEY, null);
            assertEquals(200, page.statusCode());
            assertArrayEquals(PAGE.getBytes(StandardCharsets.UTF_8), page.body());
            assertEquals("text/html; charset=utf-8", page.headers().firstValue("Content-Type").orElseThrow());
            String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
            assertTrue(csp.startsWith("default-src 'none';"), csp);
            assertTrue(csp.contains("frame-ancestors 'none'"), csp);
            assertEquals("nosniff", page.headers().firstValue("X-Content-Type-Options").orElseThrow());

            HttpResponse<byte[]> head = send(server, "HEAD", "Bearer " + Fixture.DEMO_KEY, null);
            assertEquals(200, head.statusCode());
            assertEquals(0, head.body().length);
            assertEquals(String.valueOf(PAGE.getBytes(StandardCharsets.UTF_8).length),
                    head.headers().firstValue("Content-Length").orElseThrow());
            assertEquals(csp, head.headers().firstValue("Content-Security-Policy").orElseThrow());

            HttpResponse<byte[]> post = send(server, "POST", "Bearer " + Fixture.DEMO_KEY, null);
            assertEquals(405, post.statusCode());
            assertEquals("GET, HEAD", post.headers().firstValue("Allow").orElseThrow());
        }
    }

    @Test
    void sendsThePolicyTheGeneratedPageStates() {
        String meta = "default-src 'none'; style-src 'sha256-AAA='; script-src 'sha256-BBB='; img-src data:";
        byte[] page = ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta http-equiv=\"Content-Security-Policy\" content=\"" + meta + "\">\n</head></html>\n")
                .getBytes(StandardCharsets.UTF_8);
        assertEquals(meta + "; frame-ancestors 'none'", ToolCatalog.policy(page));
        assertEquals(ToolCatalog.CONTENT_SECURITY_POLICY, ToolCatalog.policy(PAGE.getBytes(StandardCharsets.UTF_8)));
        // a meta element that allows more than nothing by default is not taken over
        assertEquals(ToolCatalog.CONTENT_SECURITY_POLICY, ToolCatalog.policy(
                "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src *\">".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void refusesCallersAsTheMcpEndpointDoes() throws Exception {
        try (ImcpServer server = start(true, "")) {
            for (String auth : new String[] {null, "Bearer wrong-key", "Basic ZGVtbzpkZW1v"}) {
                HttpRequest.Builder toMcp = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/mcp"))
                        .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                        .POST(HttpRequest.BodyPublishers.ofString("{}"));
                if (auth != null) {
                    toMcp.header("Authorization", auth);
                }
                HttpResponse<String> mcp = HTTP.send(toMcp.build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(401, mcp.statusCode());
                HttpResponse<byte[]> refused = send(server, "GET", auth, null);
                assertEquals(401, refused.statusCode(), String.valueOf(auth));
                assertEquals(mcp.headers().firstValue("WWW-Authenticate").orElseThrow(),
                        refused.headers().firstValue("WWW-Authenticate").orElseThrow());
                assertFalse(new String(refused.body(), StandardCharsets.UTF_8).contains("catalog of echo"));
            }
            HttpResponse<byte[]> head = send(server, "HEAD", null, null);
            assertEquals(401, head.statusCode());
            assertEquals(0, head.body().length);
            HttpResponse<byte[]> foreign = send(server, "GET", "Bearer " + Fixture.DEMO_KEY, "https://evil.example");
            assertEquals(403, foreign.statusCode());
            assertFalse(new String(foreign.body(), StandardCharsets.UTF_8).contains("catalog of echo"));
        }
    }

    @Test
    void isNotFoundWithoutACatalogAndWhenTurnedOff() throws Exception {
        try (ImcpServer server = start(false, "")) {
            assertEquals(401, send(server, "GET", null, null).statusCode()); // who asks is checked first
            HttpResponse<byte[]> missing = send(server, "GET", "Bearer " + Fixture.DEMO_KEY, null);
            assertEquals(404, missing.statusCode());
            assertTrue(new String(missing.body(), StandardCharsets.UTF_8).contains(ToolCatalog.RESOURCE));
        }
        try (ImcpServer server = start(true, "  catalog:\n    enabled: false")) {
            assertEquals(404, send(server, "GET", "Bearer " + Fixture.DEMO_KEY, null).statusCode());
        }
    }

    /**
     * A page as imcp-codegen's CatalogPage writes it for services {@code a} and {@code b} ({@link ItemsProvider}): a
     * schema part only {@code aRead} reaches (through another part), a definition only it uses, one part of
     * {@code bRead}'s, and a {@code default} instance that looks like a part reference but is not one.
     */
    private static final String DATA_PAGE = "<!DOCTYPE html>\n<html><head><title>t</title></head><body>"
            + "<header><h1>x</h1><p>version 1 \u00b7 4 tools from 2 contracts \u00b7 generated by iMCP</p></header>"
            + "<script type=\"application/json\" id=\"imcp-catalog-data\">{\"services\":[\n"
            + "{\"id\":\"a\",\"title\":\"Service A\"},\n{\"id\":\"b\",\"title\":\"Service B\"}\n],\"tools\":[\n"
            + "{\"service\":0,\"name\":\"aCreate\",\"input\":{\"type\":\"object\"}},\n"
            + "{\"service\":0,\"name\":\"aRead\",\"input\":{\"$imcp\":0},\"inputDefs\":{\"Hidden\":0}},\n"
            + "{\"service\":1,\"name\":\"bCreate\",\"input\":{\"type\":\"object\",\"default\":{\"$imcp\":0}}},\n"
            + "{\"service\":1,\"name\":\"bRead\",\"description\":\"reads \\u003cb\\u003e\",\"input\":{\"$imcp\":1}}\n"
            + "],\"defs\":[\n{\"type\":\"string\",\"description\":\"aOnlyDefinition\"}\n],\"parts\":[\n"
            + "{\"type\":\"object\",\"properties\":{\"aSecretProperty\":{\"$imcp\":2}}},\n"
            + "{\"type\":\"object\",\"properties\":{\"bProperty\":{\"type\":\"string\"}}},\n"
            + "{\"type\":\"string\",\"description\":\"aNestedPart\"}\n"
            + "]}</script>\n<script>render()</script>\n</body>\n</html>\n";

    @Test
    void showsEachCallerOnlyTheToolsThePolicyLetsItList() throws Exception {
        Path file = classes.resolve(ToolCatalog.RESOURCE);
        Files.createDirectories(file.getParent());
        Files.writeString(file, DATA_PAGE);
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        ImcpServer server;
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, previous)) {
            thread.setContextClassLoader(loader);
            server = ImcpServer.start(Fixture.config("""
                    server: {port: 0, host: 127.0.0.1}
                    imcp:
                      auth:
                        api-keys:
                          - {name: ops, sha256: "%s", roles: [ops]}
                          - {name: viewer, sha256: "%s", roles: [viewer]}
                          - {name: all, sha256: "%s", roles: [all]}
                      services:
                        a: {url: "http://127.0.0.1:9/a"}
                        b: {url: "http://127.0.0.1:9/b"}
                      policy:
                        rules:
                          - {roles: [ops], allow: [a.aRead]}
                          - {roles: [viewer], allow: ["b.*"]}
                          - {roles: [all]}
                    """.formatted(Fixture.sha("ops-key-0123456789"), Fixture.sha("viewer-key-0123456789"),
                    Fixture.sha("all-key-0123456789"))),
                    List.of(new ItemsProvider("a"), new ItemsProvider("b")));
        } finally {
            thread.setContextClassLoader(previous);
        }
        try (server) {
            HttpResponse<byte[]> viewerPage = send(server, "GET", "Bearer viewer-key-0123456789", null);
            assertEquals(200, viewerPage.statusCode());
            String viewer = new String(viewerPage.body(), StandardCharsets.UTF_8);
            for (String hidden : List.of("aCreate", "aRead", "Service A", "aSecretProperty", "aNestedPart",
                    "aOnlyDefinition")) {
                assertFalse(viewer.contains(hidden), hidden + " in the viewer's page: " + viewer);
            }
            JsonNode viewerData = data(viewer);
            assertEquals(List.of("bCreate", "bRead"), names(viewerData));
            assertEquals("b", viewerData.at("/services/0/id").asText());
            assertEquals(1, viewerData.get("services").size());
            assertEquals(0, viewerData.at("/tools/1/service").asInt());
            assertEquals(0, viewerData.at("/tools/1/input/$imcp").asInt(), "bRead's part, renumbered");
            assertEquals("string", viewerData.at("/parts/0/properties/bProperty/type").asText());
            assertEquals(1, viewerData.get("parts").size());
            assertEquals(0, viewerData.get("defs").size());
            assertEquals(0, viewerData.at("/tools/0/input/default/$imcp").asInt(), "an instance is left as it is");
            assertTrue(viewer.contains("2 tools from 1 contract \u00b7"), viewer);
            assertTrue(viewer.contains("reads \\u003cb\\u003e"), "markup stays escaped: " + viewer);
            assertTrue(viewer.contains("<script>render()</script>"), viewer);

            String ops = new String(send(server, "GET", "Bearer ops-key-0123456789", null).body(), StandardCharsets.UTF_8);
            JsonNode opsData = data(ops);
            assertEquals(List.of("aRead"), names(opsData));
            assertFalse(ops.contains("bProperty") || ops.contains("Service B") || ops.contains("bCreate"), ops);
            assertEquals("aSecretProperty", opsData.at("/parts/0/properties").fieldNames().next());
            int nested = opsData.at("/parts/0/properties/aSecretProperty/$imcp").asInt();
            assertEquals("aNestedPart", opsData.at("/parts/" + nested + "/description").asText());
            assertEquals("aOnlyDefinition", opsData.at("/defs/" + opsData.at("/tools/0/inputDefs/Hidden").asInt()
                    + "/description").asText());
            assertTrue(ops.contains("1 tool from 1 contract \u00b7"), ops);

            String all = new String(send(server, "GET", "Bearer all-key-0123456789", null).body(), StandardCharsets.UTF_8);
            assertEquals(data(DATA_PAGE), data(all), "a caller who may list every tool gets the page's own data");
            assertTrue(all.contains("4 tools from 2 contracts"), all);

            HttpResponse<byte[]> head = send(server, "HEAD", "Bearer viewer-key-0123456789", null);
            assertEquals(String.valueOf(viewerPage.body().length), head.headers().firstValue("Content-Length").orElseThrow());
        }
    }

    private static JsonNode data(String page) throws Exception {
        String open = "<script type=\"application/json\" id=\"imcp-catalog-data\">";
        int start = page.indexOf(open) + open.length();
        return new ObjectMapper().readTree(page.substring(start, page.indexOf("</script>", start)));
    }

    private static List<String> names(JsonNode data) {
        List<String> names = new java.util.ArrayList<>();
        data.get("tools").forEach(t -> names.add(t.get("name").asText()));
        return names;
    }
}
