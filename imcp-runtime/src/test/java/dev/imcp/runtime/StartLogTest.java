package dev.imcp.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imcp.runtime.config.ServerInfo;
import dev.imcp.runtime.fixture.CalcProvider;
import dev.imcp.runtime.fixture.EchoProvider;
import dev.imcp.runtime.fixture.Fixture;
import dev.imcp.runtime.fixture.LogCapture;
import dev.imcp.runtime.mcp.ProtocolVersions;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.imcp.runtime.fixture.Fixture.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a starting adapter logs: one useful INFO line, no SLF4J or Helidon security warnings. */
class StartLogTest {

    @Test
    void readyLineHasIdentityUrlRevisionsPublishedToolsAndUptime() throws Exception {
        List<LogRecord> records;
        try (LogCapture capture = new LogCapture(Logger.getLogger(""))) {
            records = capture.records;
            try (Fixture fx = new Fixture()) {
                List<LogRecord> ours = records.stream()
                        .filter(r -> ImcpServer.class.getName().equals(r.getLoggerName()) && r.getLevel() == Level.INFO)
                        .toList();
                assertEquals(1, ours.size(), () -> ours.stream().map(LogRecord::getMessage).toList().toString());
                Matcher line = Pattern.compile("iMCP adapter test-adapter 3\\.1\\.4 serving MCP at "
                        + Pattern.quote(fx.mcp().toString()) + " \\(revisions "
                        + Pattern.quote(String.join(", ", ProtocolVersions.SUPPORTED.reversed()))
                        + "; (\\d+) tools; contracts (.*); ready (\\d+\\.\\d) s after JVM start\\)")
                        .matcher(ours.get(0).getMessage());
                assertTrue(line.matches(), ours.get(0).getMessage());

                // The fixture registers 9 tools and its configuration denies hiddenTool: the line counts what
                // tools/list publishes.
                String session = fx.initialize("2025-06-18");
                JsonNode listed = json(fx.post("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}", session))
                        .at("/result/tools");
                assertEquals(8, listed.size(), listed::toString);
                assertEquals(listed.size(), Integer.parseInt(line.group(1)));
                // Each service's contract by the first 12 hex digits of its SHA-256, sorted by service id.
                assertEquals("calc " + CalcProvider.CONTRACT_SHA256.substring(0, 12) + ", echo "
                        + EchoProvider.CONTRACT_SHA256.substring(0, 12) + ", pets 000000000000, petsbasic 000000000000",
                        line.group(2));
                assertTrue(Double.parseDouble(line.group(3)) > 0, "the JVM started before the server");
            }
        }
        assertFalse(records.stream().anyMatch(r -> String.valueOf(r.getMessage()).contains("NOT configured")),
                "no helidon-security feature without providers");
        assertFalse(records.stream().anyMatch(r -> r.getLevel().intValue() >= Level.WARNING.intValue()
                        && ImcpServer.class.getName().equals(r.getLoggerName())),
                "authentication is configured, so nothing to warn about");
    }

    @Test
    void readyMessageFormat() {
        assertEquals("iMCP adapter my-adapter 1.0 serving MCP at http://127.0.0.1:8080/mcp (revisions 2024-11-05, "
                        + "2025-03-26, 2025-06-18, 2025-11-25, 2026-07-28; 1 tool; ready 1.3 s after JVM start)",
                ImcpServer.readyMessage(new ServerInfo("my-adapter", "1.0"), URI.create("http://127.0.0.1:8080/mcp"),
                        1, "", 1_349));
        assertTrue(ImcpServer.readyMessage(new ServerInfo("a", "1"), URI.create("http://h:1/mcp"), 0, "", 12_050)
                .endsWith("; 0 tools; ready 12.1 s after JVM start)"));
        assertEquals("iMCP adapter a 1 serving MCP on stdio (revisions 2024-11-05, 2025-03-26, 2025-06-18, 2025-11-25, "
                        + "2026-07-28; 2 tools; contracts echo 0123456789ab; ready 0.5 s after JVM start)",
                ImcpServer.readyMessage(new ServerInfo("a", "1"), "on stdio", 2, "contracts echo 0123456789ab", 500));
    }

    @Test
    void slf4jLogsThroughJavaUtilLogging() {
        // A library's SLF4J logging must reach JUL's handlers (Helidon's), not SLF4J's NOP fallback.
        Logger jul = Logger.getLogger("dev.imcp.runtime.slf4j-probe");
        try (LogCapture capture = new LogCapture(jul)) {
            LoggerFactory.getLogger("dev.imcp.runtime.slf4j-probe").warn("routed {}", 42);
            assertEquals(List.of("routed 42"), capture.records.stream().map(LogRecord::getMessage).toList());
        }
    }
}
