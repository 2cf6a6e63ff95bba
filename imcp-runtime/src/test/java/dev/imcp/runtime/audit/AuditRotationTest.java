package dev.imcp.runtime.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imcp.runtime.ImcpServer;
import dev.imcp.runtime.config.RuntimeConfig;
import dev.imcp.runtime.fixture.EchoProvider;
import dev.imcp.runtime.fixture.Fixture;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The audit file rotating by size ({@code imcp.audit.max-file-bytes}, {@code imcp.audit.max-files}) with the JDK's
 * {@link java.util.logging.FileHandler}: whole lines in every file, the newest in {@code <file>.0}, the oldest
 * deleted, nothing lost in between.
 */
class AuditRotationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Path dir() throws Exception {
        return Files.createDirectories(Path.of("target", "audit-rotation-" + System.nanoTime()));
    }

    private static AuditEvent event(String id) throws Exception {
        return new AuditEvent(Instant.now(), id, "demo", null, "echo", "echo", AuditEvent.Status.OK, 1,
                JSON.readTree("{\"message\":\"" + "ñ".repeat(100) + "\"}"), null);
    }

    /** Returns the correlation ids of every line of {@code file}, checking each line is whole JSON. */
    private static List<String> ids(Path file) throws Exception {
        List<String> ids = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            JsonNode event = JSON.readTree(line); // a line split across files would not parse
            assertEquals("ñ".repeat(100), event.at("/arguments/message").asText(), line);
            ids.add(event.get("correlation_id").asText());
        }
        return ids;
    }

    @Test
    void theFileRotatesBySizeKeepsMaxFilesAndNeverSplitsALine() throws Exception {
        Path dir = dir();
        Path file = dir.resolve("audit.jsonl");
        AuditLog audit = new AuditLog(file.toString(), false, new Redactor(List.of()), 1000, 8192, 2048, 3);
        for (int i = 0; i < 100; i++) {
            audit.record(event("r-" + i));
        }
        audit.close();
        assertFalse(Files.exists(file), "with rotation the lines go to <file>.0");
        assertFalse(Files.exists(dir.resolve("audit.jsonl.3")), "three files kept");
        assertFalse(Files.exists(dir.resolve("audit.jsonl.0.lck")), "the lock is released at close");
        long lineBytes = Files.readAllLines(dir.resolve("audit.jsonl.1")).get(0).getBytes(StandardCharsets.UTF_8).length + 1;
        List<String> all = new ArrayList<>();
        for (String name : List.of("audit.jsonl.2", "audit.jsonl.1", "audit.jsonl.0")) {
            Path f = dir.resolve(name);
            all.addAll(ids(f));
            if (!name.endsWith(".0")) {
                long size = Files.size(f);
                assertTrue(size >= 2048 && size < 2048 + lineBytes, name + " rotated after the line that reached 2048: " + size);
            }
        }
        int first = Integer.parseInt(all.get(0).substring(2));
        assertTrue(first > 0, "the oldest file was deleted");
        for (int i = 0; i < all.size(); i++) {
            assertEquals("r-" + (first + i), all.get(i), "oldest to newest, nothing missing between: " + all);
        }
        assertEquals("r-99", all.get(all.size() - 1));
    }

    @Test
    void aReopenedLogAppendsToTheCurrentFile() throws Exception {
        Path file = dir().resolve("audit.jsonl");
        AuditLog first = new AuditLog(file.toString(), false, new Redactor(List.of()), 100, 8192, 1_000_000, 2);
        first.record(event("a-1"));
        first.close();
        AuditLog second = new AuditLog(file.toString(), false, new Redactor(List.of()), 100, 8192, 1_000_000, 2);
        second.record(event("a-2"));
        second.close();
        assertEquals(List.of("a-1", "a-2"), ids(Path.of(file + ".0")));
    }

    @Test
    void theKeysAreCheckedAndReachTheAdaptersAuditFile() throws Exception {
        assertEquals("imcp.audit.max-file-bytes applies only to imcp.audit.file, which is not set",
                assertThrows(IllegalArgumentException.class, () -> RuntimeConfig.from(Fixture.config(
                        "imcp: {audit: {max-file-bytes: 4096}}"))).getMessage());
        assertEquals("imcp.audit.max-file-bytes must be 0 (no rotation) or at least 1024, was 100",
                assertThrows(IllegalArgumentException.class, () -> RuntimeConfig.from(Fixture.config(
                        "imcp: {audit: {file: a.jsonl, max-file-bytes: 100}}"))).getMessage());
        assertEquals("imcp.audit.max-files must be between 2 and 1000, was 1",
                assertThrows(IllegalArgumentException.class, () -> RuntimeConfig.from(Fixture.config(
                        "imcp: {audit: {file: a.jsonl, max-file-bytes: 4096, max-files: 1}}"))).getMessage());

        Path dir = dir();
        ImcpServer server = ImcpServer.start(Fixture.config("""
                server: {port: 0, host: 127.0.0.1}
                imcp:
                  audit: {file: "%s", max-file-bytes: 1024, max-files: 4}
                """.formatted(dir.resolve("calls.jsonl").toString().replace("\\", "/"))), List.of(new EchoProvider()));
        try {
            HttpClient http = HttpClient.newHttpClient();
            URI mcp = URI.create("http://127.0.0.1:" + server.port() + "/mcp");
            var init = Fixture.post(http, mcp, Fixture.initializeRequest("2025-06-18"), null, null);
            String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow(() -> new AssertionError(init.body()));
            for (int i = 0; i < 12; i++) {
                JsonNode r = Fixture.json(Fixture.post(http, mcp, "{\"jsonrpc\":\"2.0\",\"id\":" + (i + 2) + ",\"method\":"
                        + "\"tools/call\",\"params\":{\"name\":\"echo\",\"arguments\":{\"message\":\"" + "m".repeat(200)
                        + "\"}}}", session, null));
                assertFalse(r.at("/result/isError").asBoolean(true), r.toString());
            }
        } finally {
            server.close();
        }
        assertTrue(Files.exists(dir.resolve("calls.jsonl.1")), "rotated at least once");
        assertFalse(Files.exists(dir.resolve("calls.jsonl.4")), "at most four files");
        int lines = 0;
        for (int g = 0; g < 4; g++) {
            Path f = dir.resolve("calls.jsonl." + g);
            if (Files.exists(f)) {
                for (String line : Files.readAllLines(f)) {
                    assertEquals("echo", JSON.readTree(line).get("tool").asText());
                    lines++;
                }
            }
        }
        assertTrue(lines >= 4 && lines <= 12, "whole lines, the oldest files deleted: " + lines);
    }
}
