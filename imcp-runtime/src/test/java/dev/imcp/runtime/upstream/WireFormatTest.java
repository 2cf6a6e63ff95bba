package dev.imcp.runtime.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.imcp.runtime.config.OutboundAuth;
import dev.imcp.runtime.config.ServiceConfig;
import dev.imcp.runtime.config.TlsConfig;
import dev.imcp.runtime.spi.HttpCall;
import dev.imcp.runtime.spi.UpstreamException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The exact bytes {@link RestUpstream} sends for each parameter style (OpenAPI 3.0.3 section 4.7.12.4, "Style
 * Examples": {@code color} as {@code "blue"}, {@code [blue, black, brown]} and {@code {R:100, G:200, B:150}}) and
 * each body media type, recorded by a real HTTP server on 127.0.0.1.
 */
class WireFormatTest {

    private static final List<String> ARRAY = List.of("blue", "black", "brown");
    private static final Map<String, Object> OBJECT = new LinkedHashMap<>(Map.of("R", 100));

    static {
        OBJECT.put("G", 200);
        OBJECT.put("B", 150);
    }

    /** One recorded request. */
    record Seen(String method, String rawPath, String rawQuery, Map<String, List<String>> headers, byte[] body) {
        String header(String name) {
            List<String> values = headers.get(name);
            return values == null ? null : String.join("|", values);
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private static HttpServer server;
    private static final List<Seen> SEEN = new ArrayList<>();
    private RestUpstream upstream;

    @BeforeAll
    static void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Map<String, List<String>> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach(headers::put);
            synchronized (SEEN) {
                SEEN.add(new Seen(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                        exchange.getRequestURI().getRawQuery(), headers, body));
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    @BeforeEach
    void upstream() {
        ServiceConfig config = new ServiceConfig("s", null, Map.of(), OutboundAuth.NONE, Map.of(), List.of(),
                TlsConfig.NONE, Duration.ofSeconds(5), Set.of(), Set.of(), 1 << 20, false);
        upstream = new RestUpstream(new UpstreamHttpClient(java.time.Duration.ofSeconds(5)), JsonMapping.create(),
                "http://127.0.0.1:" + server.getAddress().getPort(), config);
    }

    private Seen send(HttpCall call) throws UpstreamException {
        synchronized (SEEN) {
            SEEN.clear();
        }
        upstream.exchange(call, Void.class);
        synchronized (SEEN) {
            assertEquals(1, SEEN.size());
            return SEEN.getFirst();
        }
    }

    private String path(String style, boolean explode, Object value) throws UpstreamException {
        return send(HttpCall.builder("GET", "/p/{color}").param("path", "color", style, explode, false, value).build())
                .rawPath().substring("/p/".length());
    }

    private String query(String style, boolean explode, Object value) throws UpstreamException {
        return send(HttpCall.builder("GET", "/q").param("query", "color", style, explode, false, value).build())
                .rawQuery();
    }

    @Test
    void theCallersTraceContextGoesUpstreamWithANewParentId() throws Exception {
        String incoming = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        Seen traced;
        try (UpstreamTrace.Scope scope = UpstreamTrace.open(incoming)) {
            traced = send(HttpCall.builder("GET", "/t").build());
        }
        String sent = traced.header("Traceparent");
        assertTrue(sent.matches("00-4bf92f3577b34da6a3ce929d0e0e4736-[0-9a-f]{16}-01"), sent);
        assertNotEquals(incoming, sent, "this hop's own parent id (W3C Trace Context 3.2.2.3)");
        assertEquals(null, send(HttpCall.builder("GET", "/t").build()).header("Traceparent"), "none outside a traced call");
    }

    @Test
    void pathStylesFollowTheSpecTable() throws Exception {
        assertEquals("blue", path("simple", false, "blue"));
        assertEquals("blue,black,brown", path("simple", true, ARRAY));
        assertEquals("R,100,G,200,B,150", path("simple", false, OBJECT));
        assertEquals("R=100,G=200,B=150", path("simple", true, OBJECT));
        assertEquals(".blue", path("label", false, "blue"));
        assertEquals(".blue,black,brown", path("label", false, ARRAY));
        assertEquals(".blue.black.brown", path("label", true, ARRAY));
        assertEquals(".R,100,G,200,B,150", path("label", false, OBJECT));
        assertEquals(".R=100.G=200.B=150", path("label", true, OBJECT));
        assertEquals(";color=blue", path("matrix", false, "blue"));
        assertEquals(";color", path("matrix", false, ""));
        assertEquals(";color=blue,black,brown", path("matrix", false, ARRAY));
        assertEquals(";color=blue;color=black;color=brown", path("matrix", true, ARRAY));
        assertEquals(";color=R,100,G,200,B,150", path("matrix", false, OBJECT));
        assertEquals(";R=100;G=200;B=150", path("matrix", true, OBJECT));
        assertEquals("a%2Fb%3Fc%20d", path("simple", false, "a/b?c d"));
    }

    @Test
    void anEmptyPathValueIsRejectedInsteadOfCallingTheCollection() {
        UpstreamException e = assertThrows(UpstreamException.class, () -> path("simple", false, ""));
        assertEquals("invalid argument: path parameter 'color' must not be empty", e.getMessage());
        assertThrows(UpstreamException.class,
                () -> send(HttpCall.builder("GET", "/p/{id}").pathParam("id", "").build()));
    }

    @Test
    void queryStylesFollowTheSpecTable() throws Exception {
        assertEquals("color=blue", query("form", true, "blue"));
        assertEquals("color=", query("form", true, ""));
        assertEquals("color=blue,black,brown", query("form", false, ARRAY));
        assertEquals("color=blue&color=black&color=brown", query("form", true, ARRAY));
        assertEquals("color=R,100,G,200,B,150", query("form", false, OBJECT));
        assertEquals("R=100&G=200&B=150", query("form", true, OBJECT));
        assertEquals("color=blue%20black%20brown", query("spaceDelimited", false, ARRAY));
        assertEquals("color=blue%7Cblack%7Cbrown", query("pipeDelimited", false, ARRAY));
        assertEquals("color%5BR%5D=100&color%5BG%5D=200&color%5BB%5D=150", query("deepObject", true, OBJECT));
        assertEquals("color=a%26b%3Dc%2Fd", query("form", true, "a&b=c/d"));
        assertEquals("color=a/b?c", send(HttpCall.builder("GET", "/q")
                .param("query", "color", "form", true, true, "a/b?c").build()).rawQuery());
        assertEquals("x=1&color=blue", send(HttpCall.builder("GET", "/q").query("x", 1)
                .param("query", "color", "form", true, false, "blue").build()).rawQuery());
    }

    @Test
    void headersAndCookiesAreSentAndReservedHeaderParametersIgnored() throws Exception {
        Seen seen = send(HttpCall.builder("GET", "/h")
                .param("header", "X-Color", "simple", false, false, ARRAY)
                .param("header", "X-Object", "simple", true, false, OBJECT)
                .param("header", "Accept", "simple", false, false, "text/evil")
                .param("header", "Authorization", "simple", false, false, "Bearer stolen")
                .param("cookie", "session", "form", true, false, "a b;c")
                .param("cookie", "list", "form", false, false, ARRAY)
                .build());
        assertEquals("blue,black,brown", seen.header("X-color"));
        assertEquals("R=100,G=200,B=150", seen.header("X-object"));
        assertEquals("application/json", seen.header("Accept"));
        assertEquals(null, seen.header("Authorization"));
        assertEquals("session=a%20b%3Bc; list=blue,black,brown", seen.header("Cookie"));
    }

    @Test
    void jsonAndPatchBodiesKeepTheirMediaType() throws Exception {
        Seen seen = send(HttpCall.builder("PATCH", "/b").body(Map.of("a", 1), "application/merge-patch+json").build());
        assertEquals("PATCH", seen.method());
        assertEquals("application/merge-patch+json", seen.header("Content-type"));
        assertEquals("{\"a\":1}", seen.text());
        seen = send(HttpCall.builder("POST", "/b").body(List.of(1, 2), "*/*").build());
        assertEquals("application/json", seen.header("Content-type"));
        assertEquals("[1,2]", seen.text());
        seen = send(HttpCall.builder("POST", "/b").body(Map.of("a", 1)).build());
        assertEquals("application/json", seen.header("Content-type"));
    }

    @Test
    void formBodiesUseEachFieldsStyle() throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "Jo & Co");
        body.put("metadata", Map.of("order", "6735"));
        body.put("expand", List.of("customer", "invoice"));
        body.put("tags", List.of("a", "b"));
        body.put("card", Map.of("address", Map.of("city", "Oslo")));
        body.put("skipped", null);
        Seen seen = send(HttpCall.builder("POST", "/f").body(body, "application/x-www-form-urlencoded")
                .bodyField("metadata", "deepObject", true, null, false)
                .bodyField("expand", "deepObject", true, null, false)
                .build());
        assertEquals("application/x-www-form-urlencoded", seen.header("Content-type"));
        assertEquals("name=Jo%20%26%20Co&metadata%5Border%5D=6735&expand%5B0%5D=customer&expand%5B1%5D=invoice"
                + "&tags=a&tags=b&card%5Baddress%5D%5Bcity%5D=Oslo", seen.text());
    }

    @Test
    void multipartBodiesSendFilesAsBytes() throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("additionalMetadata", "first");
        body.put("file", Map.of("filename", "cat.png", "contentType", "image/png",
                "data", Base64.getEncoder().encodeToString(new byte[] {(byte) 0x89, 'P', 'N', 'G'})));
        body.put("raw", Base64.getEncoder().encodeToString("xyz".getBytes(StandardCharsets.UTF_8)));
        body.put("meta", Map.of("k", "v"));
        Seen seen = send(HttpCall.builder("POST", "/m").body(body, "multipart/form-data")
                .bodyField("raw", "form", true, null, true).build());
        String contentType = seen.header("Content-type");
        assertTrue(contentType.startsWith("multipart/form-data; boundary="), contentType);
        String boundary = contentType.substring(contentType.indexOf('=') + 1);
        String expected = "--B\r\nContent-Disposition: form-data; name=\"additionalMetadata\"\r\n\r\nfirst\r\n"
                + "--B\r\nContent-Disposition: form-data; name=\"file\"; filename=\"cat.png\"\r\n"
                + "Content-Type: image/png\r\n\r\n\u0089PNG\r\n"
                + "--B\r\nContent-Disposition: form-data; name=\"raw\"; filename=\"raw\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\nxyz\r\n"
                + "--B\r\nContent-Disposition: form-data; name=\"meta\"\r\nContent-Type: application/json\r\n\r\n"
                + "{\"k\":\"v\"}\r\n--B--\r\n";
        assertEquals(expected.replace("B", boundary), new String(seen.body(), StandardCharsets.ISO_8859_1));
    }

    @Test
    void binaryAndTextBodies() throws Exception {
        Seen seen = send(HttpCall.builder("PUT", "/o").body(Base64.getEncoder().encodeToString(new byte[] {0, 1, 2}),
                "application/octet-stream").build());
        assertEquals("application/octet-stream", seen.header("Content-type"));
        assertEquals(3, seen.body().length);
        seen = send(HttpCall.builder("PUT", "/o").body("héllo", "text/plain").build());
        assertEquals("héllo", seen.text());
        UpstreamException e = assertThrows(UpstreamException.class, () -> send(HttpCall.builder("PUT", "/o")
                .body("not base64!", "application/octet-stream").build()));
        assertTrue(e.getMessage().startsWith("cannot encode request body: 'body' must be base64"), e.getMessage());
    }
}
