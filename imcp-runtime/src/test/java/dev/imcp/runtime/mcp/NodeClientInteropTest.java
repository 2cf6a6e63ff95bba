package dev.imcp.runtime.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imcp.runtime.fixture.Fixture;
import dev.imcp.runtime.fixture.RawServer;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The MCP TypeScript SDK client (v2, {@code @modelcontextprotocol/client}) against a real server, with each of its
 * version-negotiation modes: {@code legacy} (plain {@code initialize}), {@code auto} (a {@code server/discover}
 * probe, then the modern era) and a pin to 2026-07-28. Needs Node 22 and the package, so it runs only on request:
 * {@code -Dimcp.node.dir=<folder with node_modules/@modelcontextprotocol/client>} and, unless {@code node} on the
 * {@code PATH} is Node 22 or later, {@code -Dimcp.node.bin=<node executable>}.
 */
@EnabledIfSystemProperty(named = "imcp.node.dir", matches = ".+")
class NodeClientInteropTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({"legacy, legacy, 2025-11-25", "auto, modern, 2026-07-28", "pin, modern, 2026-07-28"})
    void negotiates(String mode, String era, String version) throws Exception {
        Path dir = Path.of(System.getProperty("imcp.node.dir"));
        Path script = dir.resolve("imcp-negotiate.mjs");
        try (InputStream in = NodeClientInteropTest.class.getResourceAsStream("/node/negotiate.mjs")) {
            Files.write(script, in.readAllBytes());
        }
        try (RawServer srv = new RawServer("", "")) {
            Process node = new ProcessBuilder(System.getProperty("imcp.node.bin", "node"), script.toString(),
                    srv.mcp().toString(), Fixture.DEMO_KEY, mode).directory(dir.toFile()).redirectErrorStream(true).start();
            assertTrue(node.waitFor(60, TimeUnit.SECONDS), "node finished");
            String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, node.exitValue(), out);
            String last = out.strip().lines().reduce((a, b) -> b).orElse("");
            JsonNode result = new ObjectMapper().readTree(last);
            assertEquals(era, result.get("era").asText(), out);
            assertEquals(version, result.get("version").asText(), out);
            assertTrue(result.get("tools").toString().contains("\"echo\""), out);
            assertEquals("hi", result.at("/structuredContent/echoed").asText(), out);
            assertEquals(false, result.get("isError").asBoolean(), out);
        }
    }
}
