package dev.imcp.runtime.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imcp.runtime.ImcpServer;
import dev.imcp.runtime.fixture.EchoProvider;
import dev.imcp.runtime.fixture.Fixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Where {@code serverInfo} comes from: configuration, then {@code META-INF/imcp/adapter.json} (the test class path
 * holds one naming {@code fixture-adapter 3.1.4}), then the defaults.
 */
class ServerInfoTest {

    private static final String SERVER = """
            server:
              port: 0
              host: 127.0.0.1
            imcp:
              auth:
                api-keys:
                  - name: demo
                    sha256: "%s"
            """.formatted(Fixture.sha(Fixture.DEMO_KEY));

    @Test
    void configKeysWinOverAdapterJson() throws Exception {
        JsonNode info = serverInfoOf(SERVER + """
                  server-name: configured-adapter
                  server-version: 2.0.0-rc1
                """);
        assertEquals("configured-adapter", info.get("name").asText());
        assertEquals("2.0.0-rc1", info.get("version").asText());
    }

    @Test
    void adapterJsonWhenConfigIsSilent() throws Exception {
        JsonNode info = serverInfoOf(SERVER);
        assertEquals("fixture-adapter", info.get("name").asText());
        assertEquals("3.1.4", info.get("version").asText());
    }

    @Test
    void defaultsWithoutConfigOrAdapterJson() {
        ServerInfo info = ServerInfo.resolve(RuntimeConfig.from(Fixture.config(SERVER)), emptyLoader());
        assertEquals(ServerInfo.DEFAULT_NAME, info.name());
        assertEquals(ServerInfo.runtimeVersion(), info.version());
        assertTrue(info.version().matches("\\d+\\.\\d+\\.\\d+.*"), "filtered at build time: " + info.version());
        assertNotEquals(ServerInfo.UNKNOWN_VERSION, info.version());
    }

    @Test
    void malformedAdapterJsonFailsNamingTheResource(@TempDir Path dir) throws Exception {
        Path file = dir.resolve(ServerInfo.ADAPTER_RESOURCE);
        Files.createDirectories(file.getParent());
        RuntimeConfig config = RuntimeConfig.from(Fixture.config(SERVER));
        for (String bad : List.of("{\"name\": 7}", "[\"x\"]", "{\"name\": \"a\", \"version\": \"\"}", "{nope")) {
            Files.writeString(file, bad);
            try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null)) {
                IllegalStateException e = assertThrows(IllegalStateException.class,
                        () -> ServerInfo.resolve(config, loader), bad);
                assertTrue(e.getMessage().startsWith(ServerInfo.ADAPTER_RESOURCE + " (" + file.toUri().toURL()),
                        e.getMessage());
            }
        }
        // Configuration that names both never reads the file, so a broken one cannot stop such an adapter.
        RuntimeConfig both = RuntimeConfig.from(Fixture.config(SERVER + "  server-name: n\n  server-version: v\n"));
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null)) {
            assertEquals(new ServerInfo("n", "v"), ServerInfo.resolve(both, loader));
        }
    }

    /** Starts a server with {@code yaml} and the echo tools, and returns the {@code serverInfo} of its initialize. */
    private static JsonNode serverInfoOf(String yaml) throws Exception {
        try (ImcpServer server = ImcpServer.start(Fixture.config(yaml), List.of(new EchoProvider()));
             HttpClient http = HttpClient.newHttpClient()) {
            JsonNode result = Fixture.json(Fixture.post(http, server.uri(), Fixture.initializeRequest("2025-06-18"),
                    null, "Bearer " + Fixture.DEMO_KEY)).get("result");
            assertEquals(server.serverInfo().name(), result.at("/serverInfo/name").asText(), "what the start line names");
            assertEquals(server.serverInfo().version(), result.at("/serverInfo/version").asText());
            return result.get("serverInfo");
        }
    }

    private static ClassLoader emptyLoader() {
        // The bootstrap loader as parent: no class-path resources at all.
        return new URLClassLoader(new URL[0], null);
    }
}
