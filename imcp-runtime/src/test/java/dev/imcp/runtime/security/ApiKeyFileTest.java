package dev.imcp.runtime.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imcp.runtime.ImcpServer;
import dev.imcp.runtime.fixture.EchoProvider;
import dev.imcp.runtime.fixture.Fixture;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * API keys of {@code imcp.auth.api-keys-file}: read again when the file changes, at most once per interval, so that
 * keys are revoked and added without a restart; a broken file fails closed. Over real HTTP for the adapter.
 */
class ApiKeyFileTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    private static String keys(String... nameAndKey) {
        StringBuilder yaml = new StringBuilder("api-keys:\n");
        for (int i = 0; i < nameAndKey.length; i += 2) {
            yaml.append("  - name: ").append(nameAndKey[i]).append("\n    sha256: \"")
                    .append(Fixture.sha(nameAndKey[i + 1])).append("\"\n    tenant: t-").append(nameAndKey[i])
                    .append('\n');
        }
        return yaml.toString();
    }

    @Test
    void aChangedFileIsReadAgainOncePerIntervalAndABrokenOneFailsClosed() throws Exception {
        Path file = Files.writeString(dir.resolve("keys.yaml"), keys("ann", "key-ann"));
        AtomicLong now = new AtomicLong();
        ApiKeyAuthenticator auth = new ApiKeyAuthenticator(List.of(),
                new ApiKeyFile(file, Duration.ofSeconds(5), now::get));
        assertTrue(auth.enabled());
        Caller ann = auth.find("key-ann").orElseThrow();
        assertEquals("ann", ann.name());
        assertEquals("t-ann", ann.tenant(), "the tenant attribute of a key");

        Files.writeString(file, keys("bob", "key-bob"));
        now.set(Duration.ofSeconds(4).toNanos());
        assertTrue(auth.find("key-ann").isPresent(), "within the interval the last read holds");
        now.set(Duration.ofSeconds(5).toNanos());
        assertTrue(auth.find("key-ann").isEmpty(), "removed from the file: refused after one interval");
        assertEquals("bob", auth.find("key-bob").orElseThrow().name(), "added to the file: accepted");

        Files.writeString(file, "api-keys: [ {name: x, sha256: not-hex} ]\n");
        now.addAndGet(Duration.ofSeconds(5).toNanos());
        assertTrue(auth.find("key-bob").isEmpty(), "a broken file refuses its keys");
        assertTrue(auth.enabled(), "authentication stays on");

        Files.delete(file);
        now.addAndGet(Duration.ofSeconds(5).toNanos());
        assertTrue(auth.find("key-bob").isEmpty());
        Files.writeString(file, keys("bob", "key-bob"));
        now.addAndGet(Duration.ofSeconds(5).toNanos());
        assertTrue(auth.find("key-bob").isPresent(), "fixed: accepted again");
    }

    @Test
    void aMissingOrBrokenFileFailsStartUpNamingTheKey() throws Exception {
        String missing = assertThrows(IllegalArgumentException.class,
                () -> new ApiKeyFile(dir.resolve("none.yaml"), Duration.ofSeconds(1))).getMessage();
        assertTrue(missing.startsWith("imcp.auth.api-keys-file: cannot read "), missing);
        Path broken = Files.writeString(dir.resolve("broken.yaml"), "api-keys:\n  - {name: x}\n");
        String message = assertThrows(IllegalArgumentException.class,
                () -> new ApiKeyFile(broken, Duration.ofSeconds(1))).getMessage();
        assertTrue(message.contains("sha256 is required"), message);
    }

    @Test
    void anAdapterRevokesAndAddsKeysWithoutRestart() throws Exception {
        Path file = Files.writeString(dir.resolve("keys.yaml"), keys("ann", "key-ann"));
        String yaml = """
                server:
                  port: 0
                  host: 127.0.0.1
                imcp:
                  auth:
                    api-keys-file: %s
                    api-keys-reload-seconds: 1
                """.formatted(file.toString().replace("\\", "/"));
        try (ImcpServer server = ImcpServer.start(Fixture.config(yaml), List.of(new EchoProvider()))) {
            URI mcp = URI.create("http://127.0.0.1:" + server.port() + "/mcp");
            assertEquals(200, initialize(mcp, "key-ann").statusCode());
            assertEquals(401, initialize(mcp, "key-bob").statusCode());
            Files.writeString(file, keys("bob", "key-bob"));
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (initialize(mcp, "key-ann").statusCode() != 401 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            HttpResponse<String> revoked = initialize(mcp, "key-ann");
            assertEquals(401, revoked.statusCode(), "revoked by editing the file");
            JsonNode error = Fixture.json(revoked);
            assertFalse(error.toString().contains("key-ann"), error.toString());
            assertEquals(200, initialize(mcp, "key-bob").statusCode(), "added by editing the file");
        }
    }

    private static HttpResponse<String> initialize(URI mcp, String key) throws Exception {
        return Fixture.post(HTTP, mcp, Fixture.initializeRequest("2025-06-18"), null, "Bearer " + key);
    }
}
