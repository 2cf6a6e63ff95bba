package dev.imcp.codegen.mcpjson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.imcp.codegen.CodegenRequest;
import dev.imcp.codegen.GenerationResult;
import dev.imcp.codegen.ImcpGenerator;
import dev.imcp.codegen.TestContracts;
import dev.imcp.codegen.wsdl.WsdlTestSupport;
import dev.imcp.runtime.ImcpServer;
import dev.imcp.runtime.spi.ServiceDescriptor;
import dev.imcp.runtime.spi.ToolProvider;
import io.helidon.common.media.type.MediaTypes;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MCP JSON tools with different base URLs: each base URL is a named upstream, configurable by that name; two tools
 * with the same method and path on different base URLs each reach their own.
 */
class McpJsonUpstreamsTest {

    @TempDir
    Path work;

    @Test
    void namesComeFromTheHostAndPortThenThePathWhenHostsRepeat() {
        assertEquals(Map.of("https://users.example.com/v1", "users-example-com-v1",
                        "https://shop.example.com:8443/v1", "shop-example-com-8443",
                        "https://users.example.com/v0", "users-example-com-v0"),
                McpJsonUpstreams.names(List.of("https://users.example.com/v1", "https://shop.example.com:8443/v1",
                        "https://users.example.com/v0")));
        assertEquals(Map.of("http://a.example/x", "a-example-x", "https://a.example/x", "a-example-x-2"),
                McpJsonUpstreams.names(List.of("http://a.example/x", "https://a.example/x")));
    }

    @Test
    void eachBaseUrlIsItsOwnUpstreamConfigurableByName() throws Exception {
        Path sources = work.resolve("java");
        Path resources = work.resolve("resources");
        GenerationResult generation = new ImcpGenerator().generate(new CodegenRequest(
                List.of(Path.of("mcpjson/multihost.mcp.json")), TestContracts.RESOURCES, sources, resources,
                "com.example.multi"));
        assertTrue(generation.warnings().isEmpty(), generation.warnings()::toString);
        Path classes = Files.createDirectories(work.resolve("classes"));
        WsdlTestSupport.compile(sources, classes);
        HttpServer users = echo("users");
        HttpServer shop = echo("shop");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL(), resources.toUri().toURL()},
                getClass().getClassLoader())) {
            List<ToolProvider> providers = new ArrayList<>();
            ServiceLoader.load(ToolProvider.class, loader).forEach(providers::add);
            ServiceDescriptor service = providers.get(0).service();
            assertEquals("https://users.example.com/v1", service.defaultUrl());
            assertEquals(List.of("users-example-com-v1", "shop-example-com-8443", "users-example-com-v0"),
                    List.copyOf(service.upstreams().urls().keySet()));
            String u = "http://127.0.0.1:" + users.getAddress().getPort();
            String s = "http://127.0.0.1:" + shop.getAddress().getPort();
            ImcpServer server = ImcpServer.start(Config.builder().disableEnvironmentVariablesSource()
                    .disableSystemPropertiesSource().sources(ConfigSources.create("""
                            server:
                              port: 0
                              host: 127.0.0.1
                            imcp:
                              server-name: multi
                              services:
                                multihost:
                                  url: %1$s/v1
                                  upstreams:
                                    shop-example-com-8443:
                                      url: %2$s/v1
                                    users-example-com-v0:
                                      url: %1$s/v0
                            """.formatted(u, s), MediaTypes.APPLICATION_X_YAML)).build(), providers);
            McpSyncClient client = McpClient.sync(HttpClientStreamableHttpTransport.builder(
                    "http://127.0.0.1:" + server.port()).endpoint(ImcpServer.MCP_PATH).build())
                    .requestTimeout(Duration.ofSeconds(30)).build();
            try {
                client.initialize();
                assertEquals("users /v1/users/7", result(client, "get_user", Map.of("id", "7")));
                assertEquals("shop /v1/orders/8", result(client, "get_order", Map.of("id", "8")));
                assertEquals("users /v0/orders/9", result(client, "get_legacy_order", Map.of("id", "9")));
                assertEquals("users /v1/ping", result(client, "ping", Map.of()));
            } finally {
                client.closeGracefully();
                server.close();
            }
            String unknown = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class,
                    () -> ImcpServer.start(Config.builder().disableEnvironmentVariablesSource()
                            .disableSystemPropertiesSource().sources(ConfigSources.create("""
                                    server:
                                      port: 0
                                      host: 127.0.0.1
                                    imcp:
                                      services:
                                        multihost:
                                          upstreams:
                                            shop:
                                              url: http://127.0.0.1:9
                                    """, MediaTypes.APPLICATION_X_YAML)).build(), providers).close())
                    .getMessage();
            assertTrue(unknown.contains("imcp.services.multihost.upstreams.shop: the contract of multihost names no "
                    + "upstream 'shop'; named: users-example-com-v1, shop-example-com-8443, users-example-com-v0"),
                    unknown);
        } finally {
            users.stop(0);
            shop.stop(0);
        }
    }

    private static String result(McpSyncClient client, String tool, Map<String, Object> arguments) {
        McpSchema.CallToolResult r = client.callTool(new McpSchema.CallToolRequest(tool, arguments));
        assertTrue(!Boolean.TRUE.equals(r.isError()), r::toString);
        return String.valueOf(((Map<?, ?>) r.structuredContent()).get("result"));
    }

    /** An upstream that answers every request with a JSON string: its own name and the path asked for. */
    private static HttpServer echo(String name) throws java.io.IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", x -> {
            byte[] body = ("\"" + name + " " + x.getRequestURI().getPath() + "\"").getBytes(StandardCharsets.UTF_8);
            x.getResponseHeaders().add("Content-Type", "application/json");
            x.sendResponseHeaders(200, body.length);
            try (OutputStream out = x.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return server;
    }
}
