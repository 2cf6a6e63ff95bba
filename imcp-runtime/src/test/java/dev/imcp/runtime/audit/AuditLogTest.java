package dev.imcp.runtime.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imcp.runtime.fixture.LogCapture;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The audit log's bounds: a stalled sink costs a fixed number of queued events, and one line a fixed size. */
class AuditLogTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static AuditEvent event(String id, JsonNode arguments) {
        return new AuditEvent(Instant.now(), id, "demo", null, "echo", "echo", AuditEvent.Status.OK, 1, arguments, null);
    }

    @Test
    void aStalledSinkDropsCountsAndReportsEventsBeyondTheQueueCapacity() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        OutputStream stalled = new OutputStream() {
            @Override
            public synchronized void write(int b) throws IOException {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
                written.write(b);
            }
        };
        List<LogRecord> warnings;
        AuditLog audit;
        try (LogCapture log = new LogCapture(Logger.getLogger(AuditLog.class.getName()))) {
            audit = new AuditLog(new PrintStream(stalled, true, StandardCharsets.UTF_8), true, new Redactor(List.of()),
                    10, AuditLog.DEFAULT_MAX_ARGUMENT_BYTES);
            for (int i = 0; i < 1_000; i++) {
                audit.record(event("c-" + i, null));
            }
            // the writer holds one event (blocked in the sink), the queue ten: the rest were dropped
            assertTrue(audit.dropped() >= 989 && audit.dropped() <= 990, "dropped " + audit.dropped());
            warnings = log.records.stream().filter(r -> r.getLevel() == Level.WARNING).toList();
            assertEquals(1, warnings.size(), "one report per interval, not one per drop: " + log.text());
            assertTrue(log.text().contains("Audit queue full (imcp.audit.queue-capacity 10): 1 audit event(s) dropped"),
                    log.text());
            release.countDown();
            audit.close();
            List<String> reports = log.records.stream().filter(r -> r.getLevel() == Level.WARNING)
                    .map(LogRecord::getMessage).toList();
            assertEquals(2, reports.size(), "close reports the drops not yet reported: " + reports);
            assertTrue(reports.get(1).contains(": " + (audit.dropped() - 1) + " audit event(s) dropped since the last "
                    + "report, " + audit.dropped() + " in total"), reports.get(1));
        }
        List<String> lines = written.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(1_000 - audit.dropped(), lines.size(), "every queued event was written once the sink moved");
        long said = 0;
        for (String line : lines) {
            said += JSON.readTree(line).path("dropped_events").asLong(0);
        }
        assertEquals(audit.dropped(), said, "the lines written after the drops say how many events are missing");
    }

    @Test
    void oversizedArgumentsAreReplacedByAMarkerAndTheLineStaysValidJson() throws Exception {
        Path file = Files.createDirectories(Path.of("target")).resolve("audit-cap-" + System.nanoTime() + ".jsonl");
        AuditLog audit = new AuditLog(file.toString(), false, new Redactor(List.of()), 100, 1024);
        String big = "x".repeat(100_000);
        JsonNode arguments = JSON.readTree("{\"name\":\"Rex\",\"photo\":\"" + big + "\",\"nested\":{\"id\":7,\"blob\":\""
                + big + "\"},\"tags\":[\"a\",\"" + big + "\"]}");
        String before = arguments.toString();
        audit.record(event("big", arguments));
        audit.record(event("small", JSON.readTree("{\"name\":\"Rex\"}")));
        audit.close();
        assertEquals(before, arguments.toString(), "the call's own arguments are not cut, only the audit line's copy");
        List<String> lines = Files.readAllLines(file);
        assertEquals(2, lines.size());
        JsonNode line = JSON.readTree(lines.get(0));
        JsonNode args = line.get("arguments");
        assertTrue(args.toString().getBytes(StandardCharsets.UTF_8).length <= 1024, args.toString());
        assertEquals("Rex", args.get("name").asText(), "small values stay");
        assertEquals("[100002 bytes left out]", args.get("photo").asText(), "the JSON of a 100000-character string: quotes included");
        assertEquals(7, args.at("/nested/id").asInt(), "the cap descends into objects");
        assertEquals("[100002 bytes left out]", args.at("/nested/blob").asText());
        assertEquals("a", args.at("/tags/0").asText(), "and into arrays");
        assertTrue(lines.get(0).length() < 1400, "the whole line is small: " + lines.get(0).length());
        assertEquals("{\"name\":\"Rex\"}", JSON.readTree(lines.get(1)).get("arguments").toString());
    }

    @Test
    void theCallersTenantIsInTheLineWhenItHasOne() throws Exception {
        Path file = Files.createDirectories(Path.of("target")).resolve("audit-tenant-" + System.nanoTime() + ".jsonl");
        AuditLog audit = new AuditLog(file.toString(), false, new Redactor(List.of()), 100, 1024);
        audit.record(new AuditEvent(Instant.now(), "t-1", "robot", null, "acct", "get_acct", AuditEvent.Status.OK, 1,
                null, null, null, null, "acme"));
        audit.record(event("t-2", null));
        audit.close();
        List<String> lines = Files.readAllLines(file);
        assertEquals(2, lines.size());
        assertEquals("acme", JSON.readTree(lines.get(0)).path("tenant").asText(), lines.get(0));
        assertTrue(lines.get(0).indexOf("\"actor\"") < lines.get(0).indexOf("\"tenant\""), lines.get(0));
        assertTrue(JSON.readTree(lines.get(1)).path("tenant").isMissingNode(), "no tenant, no field: " + lines.get(1));
    }

    @Test
    void boundsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> new AuditLog((String) null, false, new Redactor(List.of()), 0, 8192));
        assertEquals("imcp.audit.max-argument-bytes must be at least 64, was 10", assertThrows(IllegalArgumentException.class,
                () -> new AuditLog((String) null, false, new Redactor(List.of()), 10, 10)).getMessage());
        assertTrue(TimeUnit.NANOSECONDS.toSeconds(AuditLog.DROP_REPORT_INTERVAL.toNanos()) >= 1);
    }
}
