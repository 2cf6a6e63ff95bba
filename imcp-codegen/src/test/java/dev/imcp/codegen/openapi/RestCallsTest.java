package dev.imcp.codegen.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.imcp.codegen.CodegenRequest;
import dev.imcp.codegen.ImcpGenerator;
import dev.imcp.codegen.TestContracts;
import dev.imcp.codegen.wsdl.WsdlTestSupport;
import dev.imcp.runtime.ImcpServer;
import dev.imcp.runtime.spi.ToolProvider;
import io.helidon.common.media.type.MediaTypes;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * REST calls for real: adapters generated from {@code parameters-style.json} (every parameter style, cookies,
 * headers, multipart) and {@code rest/bodies.yaml} (one operation per body media type) are compiled, served by a
 * real {@link ImcpServer} and called with the MCP Java SDK client; an HTTP server on 127.0.0.1 records each request
 * and the tests assert the exact method, path, query, headers and body bytes sent.
 */
class RestCallsTest {

    /** One recorded request. */
    record Seen(String method, String rawPath, String rawQuery, Map<String, List<String>> headers, byte[] body) {
        String header(String name) {
            List<String> values = headers.get(name);
            return values == null ? null : String.join("|", values);
        }

        String text() {
            return new String(body, StandardCharsets.ISO_8859_1);
        }
    }

    private static final List<Seen> SEEN = new ArrayList<>();

    @TempDir
    static Path work;

    private static URLClassLoader loader;
    private static HttpServer upstream;
    private static ImcpServer server;
    private static McpSyncClient client;

    @BeforeAll
    static void start() throws Exception {
        Path sources = work.resolve("java");
        Path resources = work.resolve("resources");
        new ImcpGenerator().generate(new CodegenRequest(List.of(
                Path.of("corpus/openapi/readme-parameters-style/3.0/json/parameters-style.json"),
                Path.of("rest/bodies.yaml")), TestContracts.RESOURCES, sources, resources, "com.example.rest"));
        Path classes = Files.createDirectories(work.resolve("classes"));
        WsdlTestSupport.compile(sources, classes);
        loader = new URLClassLoader(new URL[] {classes.toUri().toURL(), resources.toUri().toURL()},
                RestCallsTest.class.getClassLoader());
        upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        upstream.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Map<String, List<String>> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach(headers::put);
            synchronized (SEEN) {
                SEEN.add(new Seen(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                        exchange.getRequestURI().getRawQuery(), headers, body));
            }
            String path = exchange.getRequestURI().getPath();
            byte[] answer = "{\"id\": 7, \"label\": \"x\"}".getBytes(StandardCharsets.UTF_8);
            String type = "application/json";
            if (path.startsWith("/api/responses/")) {
                type = switch (path.substring("/api/responses/".length())) {
                    case "text" -> "text/plain; charset=utf-8";
                    case "image" -> "image/png";
                    default -> "application/pdf";
                };
                answer = type.startsWith("text") ? "héllo".getBytes(StandardCharsets.UTF_8) : new byte[] {1, 2, 3};
            }
            exchange.getResponseHeaders().add("Content-Type", type);
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        upstream.start();
        List<ToolProvider> providers = new ArrayList<>();
        ServiceLoader.load(ToolProvider.class, loader).forEach(providers::add);
        StringBuilder services = new StringBuilder();
        for (ToolProvider provider : providers) {
            services.append("    ").append(provider.service().id()).append(":\n      url: http://127.0.0.1:")
                    .append(upstream.getAddress().getPort()).append("/api\n");
        }
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            server = ImcpServer.start(Config.builder().disableEnvironmentVariablesSource()
                    .disableSystemPropertiesSource().sources(ConfigSources.create("""
                            server:
                              port: 0
                              host: 127.0.0.1
                            imcp:
                              server-name: rest-calls
                              services:
                            """ + services.toString().indent(2), MediaTypes.APPLICATION_X_YAML)).build(), providers);
        } finally {
            thread.setContextClassLoader(previous);
        }
        client = McpClient.sync(HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + server.port())
                .endpoint(ImcpServer.MCP_PATH).build()).requestTimeout(Duration.ofSeconds(30)).build();
        client.initialize();
    }

    @AfterAll
    static void stop() throws IOException {
        if (client != null) {
            client.closeGracefully();
        }
        if (server != null) {
            server.close();
        }
        if (upstream != null) {
            upstream.stop(0);
        }
        if (loader != null) {
            loader.close();
        }
    }

    private static Seen call(String tool, Map<String, Object> arguments) {
        synchronized (SEEN) {
            SEEN.clear();
        }
        McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest(tool, arguments));
        assertFalse(Boolean.TRUE.equals(result.isError()), () -> tool + ": " + result.content());
        synchronized (SEEN) {
            assertEquals(1, SEEN.size(), tool);
            return SEEN.getFirst();
        }
    }

    private static final Map<String, Object> STYLED = new LinkedHashMap<>();

    static {
        Map<String, Object> rgb = new LinkedHashMap<>();
        rgb.put("name", "Ada");
        rgb.put("description", "Dev");
        STYLED.put("primitive", "blue");
        STYLED.put("array", List.of("blue", "black", "brown"));
        STYLED.put("object", rgb);
    }

    @Test
    void pathStyles() {
        assertEquals("/api/anything/path/blue/blue,black,brown/name,Ada,description,Dev",
                call("paths_standard", STYLED).rawPath());
        assertEquals("/api/anything/path/matrix/;primitive=blue/;array=blue,black,brown/;object=name,Ada,description,Dev",
                call("paths_matrix_nonExploded", STYLED).rawPath());
        assertEquals("/api/anything/path/matrix/;primitive=blue/;array=blue;array=black;array=brown/;name=Ada;description=Dev",
                call("paths_matrix_exploded", STYLED).rawPath());
        assertEquals("/api/anything/path/label/.blue/.blue,black,brown/.name,Ada,description,Dev",
                call("paths_label_nonExploded", STYLED).rawPath());
        assertEquals("/api/anything/path/label/.blue/.blue.black.brown/.name=Ada.description=Dev",
                call("paths_label_exploded", STYLED).rawPath());
        assertEquals("/api/anything/path/simple/blue/blue,black,brown/name=Ada,description=Dev",
                call("paths_simple_exploded", STYLED).rawPath());
    }

    @Test
    void anEmptyPathValueIsAnInputError() {
        Map<String, Object> arguments = new LinkedHashMap<>(STYLED);
        arguments.put("primitive", "");
        synchronized (SEEN) {
            SEEN.clear();
        }
        McpSchema.CallToolResult result;
        try {
            result = client.callTool(new McpSchema.CallToolRequest("paths_standard", arguments));
            assertTrue(Boolean.TRUE.equals(result.isError()), result::toString);
        } catch (io.modelcontextprotocol.spec.McpError expected) {
            assertTrue(expected.getMessage().contains("primitive"), expected.getMessage());
        }
        assertTrue(SEEN.isEmpty());
    }

    @Test
    void queryStyles() {
        assertEquals("primitive=blue&array=blue&array=black&array=brown&name=Ada&description=Dev",
                call("query_standard", STYLED).rawQuery());
        assertEquals("primitive=blue&array=blue,black,brown&object=name,Ada,description,Dev",
                call("query_form_nonExploded", STYLED).rawQuery());
        assertEquals("array=blue%20black%20brown&object=name%20Ada%20description%20Dev",
                call("query_spaceDelimited_nonExploded", STYLED).rawQuery());
        assertEquals("array=blue%7Cblack%7Cbrown&object=name%7CAda%7Cdescription%7CDev",
                call("query_pipeDelimited_nonExploded", STYLED).rawQuery());
        assertEquals("object%5Bname%5D=Ada&object%5Bdescription%5D=Dev",
                call("query_deepObject_nonExploded", Map.of("object", STYLED.get("object"))).rawQuery());
    }

    @Test
    void headersAndCookies() {
        Seen seen = call("headers_simple_exploded", STYLED);
        assertEquals("blue", seen.header("Primitive"));
        assertEquals("blue,black,brown", seen.header("Array"));
        assertEquals("name=Ada,description=Dev", seen.header("Object"));
        assertEquals("primitive=blue; array=blue,black,brown; object=name,Ada,description,Dev",
                call("cookies_form_nonExploded", STYLED).header("Cookie"));
        assertEquals("primitive=blue; array=blue; array=black; array=brown; name=Ada; description=Dev",
                call("cookies_form_exploded", STYLED).header("Cookie"));
    }

    @Test
    void samePathAndQueryNameBothReachTheWireAndAcceptIsNotAParameter() {
        McpSchema.Tool patch = client.listTools().tools().stream().filter(t -> t.name().equals("patchItem"))
                .findFirst().orElseThrow();
        List<String> properties = ((Map<?, ?>) patch.inputSchema().get("properties")).keySet().stream()
                .map(String::valueOf).sorted().toList();
        assertEquals(List.of("body", "name", "name_query"), properties);
        Seen seen = call("patchItem", Map.of("name", "a b", "name_query", "q/1", "body", Map.of("label", "new")));
        assertEquals("PATCH", seen.method());
        assertEquals("/api/items/a%20b", seen.rawPath());
        assertEquals("name=q%2F1", seen.rawQuery());
        assertEquals("application/merge-patch+json", seen.header("Content-type"));
        assertEquals("{\"label\":\"new\"}", seen.text());
    }

    @Test
    void jsonResultsAreStructuredContentThatMatchesTheOutputSchema() {
        McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest("patchItem",
                Map.of("name", "a", "body", Map.of())));
        assertEquals(Map.of("id", 7, "label", "x"), result.structuredContent());
        McpSchema.Tool published = client.listTools().tools().stream().filter(t -> t.name().equals("patchItem"))
                .findFirst().orElseThrow();
        com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        com.networknt.schema.Schema schema = com.networknt.schema.SchemaRegistry
                .withDefaultDialect(com.networknt.schema.SpecificationVersion.DRAFT_2020_12)
                .getSchema(mapper.valueToTree(published.outputSchema()));
        assertEquals(List.of(), schema.validate(mapper.valueToTree(result.structuredContent())).stream()
                .map(Object::toString).toList());
    }

    @Test
    void textImageAndBinaryResultsBecomeTheirContentTypes() {
        McpSchema.CallToolResult text = client.callTool(new McpSchema.CallToolRequest("getResponse", Map.of("kind", "text")));
        assertEquals("héllo", ((McpSchema.TextContent) text.content().getFirst()).text());
        McpSchema.CallToolResult image = client.callTool(new McpSchema.CallToolRequest("getResponse", Map.of("kind", "image")));
        McpSchema.ImageContent png = (McpSchema.ImageContent) image.content().getFirst();
        assertEquals("image/png", png.mimeType());
        assertEquals("AQID", png.data());
        McpSchema.CallToolResult pdf = client.callTool(new McpSchema.CallToolRequest("getResponse", Map.of("kind", "pdf")));
        McpSchema.EmbeddedResource resource = (McpSchema.EmbeddedResource) pdf.content().getFirst();
        McpSchema.BlobResourceContents blob = (McpSchema.BlobResourceContents) resource.resource();
        assertEquals("application/pdf", blob.mimeType());
        assertEquals("AQID", blob.blob());
        assertEquals("urn:imcp:tool:getResponse:response", blob.uri());
    }

    @Test
    void formBody() {
        Seen seen = call("createCharge", Map.of("body", Map.of("amount", 500, "metadata", Map.of("order", "6735"),
                "expand", List.of("customer", "invoice"))));
        assertEquals("application/x-www-form-urlencoded", seen.header("Content-type"));
        String text = seen.text();
        assertTrue(text.contains("amount=500"), text);
        assertTrue(text.contains("metadata%5Border%5D=6735"), text);
        assertTrue(text.contains("expand%5B0%5D=customer&expand%5B1%5D=invoice"), text);
        assertEquals(4, text.split("&").length, text);
    }

    @Test
    void multipartBodyWithAFile() {
        String data = Base64.getEncoder().encodeToString(new byte[] {1, 2, (byte) 0xff});
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("note", "hi");
        body.put("file", Map.of("filename", "a.bin", "contentType", "application/x-thing", "data", data));
        Seen seen = call("upload", Map.of("body", body));
        String contentType = seen.header("Content-type");
        String boundary = contentType.substring(contentType.indexOf("boundary=") + "boundary=".length());
        assertEquals(("--B\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhi\r\n"
                + "--B\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.bin\"\r\n"
                + "Content-Type: application/x-thing\r\n\r\n\u0001\u0002\u00ff\r\n--B--\r\n").replace("B", boundary),
                seen.text());
    }

    @Test
    void octetStreamBody() {
        Seen seen = call("putBlob", Map.of("id", "b1", "body", Base64.getEncoder().encodeToString(new byte[] {9, 8})));
        assertEquals("PUT", seen.method());
        assertEquals("/api/blobs/b1", seen.rawPath());
        assertEquals("application/octet-stream", seen.header("Content-type"));
        assertEquals("\u0009\u0008", seen.text());
    }
}
