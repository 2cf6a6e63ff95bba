package dev.imcp.runtime.transport.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imcp.runtime.ImcpServer;
import dev.imcp.runtime.fixture.EchoProvider;
import dev.imcp.runtime.fixture.Fixture;
import dev.imcp.runtime.fixture.PetsProvider;
import io.helidon.webserver.WebServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The REST facade on a real 127.0.0.1 server, with java.net.http: every status, the audit, the OpenAPI document. */
class RestFacadeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String DEMO = "Bearer " + Fixture.DEMO_KEY;

    private static WebServer upstream;
    private static ImcpServer server;
    private static Path audit;

    @BeforeAll
    static void start() throws Exception {
        upstream = WebServer.builder().host("127.0.0.1").port(0).routing(r -> r.get("/pets/{id}", (req, res) -> {
            String id = req.path().pathParameters().get("id");
            res.header("Content-Type", "application/json");
            if ("1".equals(id)) {
                res.send("{\"id\":\"1\",\"name\":\"Rex\"}");
            } else {
                res.status(404).send("{\"message\":\"no pet " + id + "\"}");
            }
        })).build().start();
        audit = Files.createDirectories(Path.of("target")).resolve("audit-rest-" + System.nanoTime() + ".jsonl");
        server = ImcpServer.start(Fixture.config("""
                server:
                  port: 0
                  host: 127.0.0.1
                imcp:
                  server-name: rest-adapter
                  rest-facade:
                    enabled: true
                  auth:
                    api-keys:
                      - name: demo
                        sha256: "%s"
                  audit:
                    file: "%s"
                  services:
                    echo:
                      tools:
                        deny: [hiddenTool]
                    pets:
                      url: http://127.0.0.1:%d
                """.formatted(Fixture.sha(Fixture.DEMO_KEY), audit.toString().replace("\\", "/"), upstream.port())),
                List.of(new EchoProvider(), new PetsProvider("pets", "getPet")));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (upstream != null) {
            upstream.stop();
        }
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    private static HttpResponse<String> get(String path, String auth) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).GET();
        if (auth != null) {
            b.header("Authorization", auth);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String tool, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri("/tools/" + tool)).header("Authorization", DEMO)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Asserts an RFC 9457 problem with {@code status}; returns its detail. */
    private static String problem(HttpResponse<String> r, int status) throws Exception {
        assertEquals(status, r.statusCode(), r.body());
        assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElse(""));
        JsonNode p = JSON.readTree(r.body());
        assertEquals(status, p.path("status").asInt());
        assertTrue(p.path("title").isTextual() && p.path("type").isTextual(), r.body());
        assertFalse(r.body().contains("Exception") || r.body().contains("\tat "), r.body());
        return p.path("detail").asText();
    }

    @Test
    void listsTheCallersTools() throws Exception {
        HttpResponse<String> r = get("/tools", DEMO);
        assertEquals(200, r.statusCode(), r.body());
        JsonNode tools = JSON.readTree(r.body()).path("tools");
        List<String> names = new ArrayList<>();
        tools.forEach(t -> names.add(t.path("name").asText()));
        assertTrue(names.containsAll(List.of("echo", "getPet")), names.toString());
        assertFalse(names.contains("hiddenTool"), names.toString());
        JsonNode echo = tools.get(names.indexOf("echo"));
        assertEquals("Echo", echo.path("title").asText());
        assertEquals("object", echo.at("/inputSchema/type").asText());
        assertTrue(echo.at("/annotations/readOnlyHint").asBoolean());
    }

    @Test
    void callsReturnTheStructuredContent() throws Exception {
        HttpResponse<String> r = post("echo", "{\"message\":\"hi\"}");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(JSON.readTree("{\"echoed\":\"hihi\",\"mode\":\"quiet\"}"), JSON.readTree(r.body()));
        HttpResponse<String> pet = post("getPet", "{\"id\":\"1\"}");
        assertEquals(200, pet.statusCode(), pet.body());
        assertEquals("Rex", JSON.readTree(pet.body()).path("name").asText());
        String log = "";
        for (int i = 0; i < 100 && !log.contains("\"tool\":\"getPet\""); i++) {
            Thread.sleep(20);
            log = Files.readString(audit);
        }
        assertTrue(log.contains("\"actor\":\"demo\"") && log.contains("\"tool\":\"getPet\""), log);
    }

    @Test
    void statuses() throws Exception {
        HttpResponse<String> noKey = get("/tools", null);
        problem(noKey, 401);
        assertTrue(noKey.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
        problem(get("/tools", "Bearer wrong"), 401);
        problem(post("echo", "{not json"), 400);
        problem(post("echo", "[1]"), 400);
        assertTrue(problem(post("echo", "{\"message\":5}"), 400).contains("message"), "names the wrong argument");
        problem(post("hiddenTool", "{}"), 403);
        problem(post("noSuchTool", "{}"), 404);
        assertTrue(problem(post("getPet", "{\"id\":\"x\"}"), 502).contains("no pet x"), "the upstream's message");
        problem(HTTP.send(HttpRequest.newBuilder(uri("/tools/echo")).header("Authorization", DEMO)
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString()), 415);
        HttpResponse<String> put = HTTP.send(HttpRequest.newBuilder(uri("/tools/echo")).header("Authorization", DEMO)
                .PUT(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        problem(put, 405);
        assertEquals("POST", put.headers().firstValue("Allow").orElse(""));
        problem(HTTP.send(HttpRequest.newBuilder(uri("/tools")).header("Authorization", DEMO)
                .header("Origin", "https://evil.example").GET().build(), HttpResponse.BodyHandlers.ofString()), 403);
    }

    @Test
    void openApiDocumentDescribesEachTool() throws Exception {
        HttpResponse<String> r = get("/openapi", DEMO);
        assertEquals(200, r.statusCode(), r.body());
        JsonNode doc = JSON.readTree(r.body());
        assertEquals("3.1.0", doc.path("openapi").asText());
        assertEquals("rest-adapter REST facade", doc.at("/info/title").asText());
        JsonNode echo = doc.at("/paths/~1tools~1echo/post");
        assertEquals("echo", echo.path("operationId").asText());
        JsonNode tools = JSON.readTree(get("/tools", DEMO).body()).path("tools");
        JsonNode echoTool = null;
        for (JsonNode t : tools) {
            if (t.path("name").asText().equals("echo")) {
                echoTool = t;
            }
        }
        assertEquals(echoTool.path("inputSchema"), echo.at("/requestBody/content/application~1json/schema"));
        assertEquals(echoTool.path("outputSchema"), echo.at("/responses/200/content/application~1json/schema"));
        assertTrue(echo.at("/responses/502").isObject() && echo.at("/responses/404").isObject());
        assertTrue(doc.at("/paths/~1tools~1hiddenTool").isMissingNode());
        assertEquals("bearer", doc.at("/components/securitySchemes/bearer/scheme").asText());
        assertEquals(tools.size() + 1, doc.path("paths").size(), "one path per tool and GET /tools");
        io.swagger.v3.parser.core.models.SwaggerParseResult parsed = new io.swagger.v3.parser.OpenAPIV3Parser()
                .readContents(r.body(), null, null);
        assertTrue(parsed.getMessages() == null || parsed.getMessages().isEmpty(), String.valueOf(parsed.getMessages()));
        assertEquals(tools.size() + 1, parsed.getOpenAPI().getPaths().size());
        assertEquals("echo", parsed.getOpenAPI().getPaths().get("/tools/echo").getPost().getOperationId());
        assertTrue(parsed.getOpenAPI().getComponents().getSchemas().containsKey("sumTree.in.Node"),
                parsed.getOpenAPI().getComponents().getSchemas().keySet().toString());
        // every reference resolves inside the document: tool $defs moved to components/schemas
        List<String> refs = new ArrayList<>();
        collectRefs(doc, refs);
        assertFalse(refs.isEmpty());
        for (String ref : refs) {
            assertTrue(ref.startsWith("#/components/schemas/"), ref);
            assertFalse(doc.at(ref.substring(1)).isMissingNode(), ref);
        }
    }

    private static void collectRefs(JsonNode node, List<String> refs) {
        if (node.isObject() && node.path("$ref").isTextual()) {
            refs.add(node.get("$ref").asText());
        }
        node.elements().forEachRemaining(child -> collectRefs(child, refs));
    }

    @Test
    void offByDefault() throws Exception {
        try (ImcpServer plain = ImcpServer.start(Fixture.config("server:\n  port: 0\n  host: 127.0.0.1\nimcp: {}\n"),
                List.of(new EchoProvider()))) {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + plain.port() + "/tools"))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(404, r.statusCode());
        }
    }
}
