package dev.imcp.runtime.transport.http;

import dev.imcp.runtime.ImcpServer;
import dev.imcp.runtime.fixture.EchoProvider;
import dev.imcp.runtime.fixture.Fixture;
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
 * foreign origin, and {@code imcp.catalog.enabled: false}.
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
}
