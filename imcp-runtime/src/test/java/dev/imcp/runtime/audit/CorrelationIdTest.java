package dev.imcp.runtime.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imcp.runtime.fixture.CalculatorImpl;
import dev.imcp.runtime.fixture.Fixture;
import dev.imcp.runtime.mcp.CorrelationIds;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The correlation id of a call on a real adapter in front of a REST (Helidon) and a SOAP (CXF) upstream on
 * 127.0.0.1: the client's {@code X-Correlation-ID}, else its trace id, else a UUID version 7, is the audit line's
 * {@code correlation_id} and the {@code X-Correlation-ID} header the upstream received.
 */
class CorrelationIdTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    private static Fixture fx;
    private static String session;

    @BeforeAll
    static void start() throws Exception {
        fx = new Fixture();
        session = fx.initialize("2025-06-18");
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    private static JsonNode call(String tool, String arguments, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(fx.mcp())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .header("Authorization", "Bearer " + Fixture.DEMO_KEY)
                .header("Mcp-Session-Id", session)
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\","
                        + "\"params\":{\"name\":\"" + tool + "\",\"arguments\":" + arguments + "}}"));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        HttpResponse<String> r = fx.http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        JsonNode result = JSON.readTree(r.body()).get("result");
        assertFalse(result.path("isError").asBoolean(true), r.body());
        return result;
    }

    /** Returns the audit line whose correlation id is {@code id}, waiting for the writer thread. */
    private static JsonNode auditLine(String id) throws Exception {
        for (int i = 0; i < 200; i++) {
            if (Files.exists(fx.auditFile)) {
                for (String line : Files.readAllLines(fx.auditFile)) {
                    JsonNode event = JSON.readTree(line);
                    if (id.equals(event.path("correlation_id").asText())) {
                        return event;
                    }
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no audit line with correlation id " + id + " in " + fx.auditFile);
    }

    @Test
    void theClientsCorrelationIdReachesTheAuditLineAndTheRestUpstream() throws Exception {
        call("getPet", "{\"id\":\"1\"}", "X-Correlation-ID", "  order-4711:attempt.2_a  ", "traceparent", TRACEPARENT);
        assertEquals(List.of("order-4711:attempt.2_a"), List.of(Fixture.REST_HEADERS.get("x-correlation-id")),
                "stripped, and preferred to the trace id");
        JsonNode line = auditLine("order-4711:attempt.2_a");
        assertEquals("getPet", line.get("tool").asText());
        assertEquals("4bf92f3577b34da6a3ce929d0e0e4736", line.get("trace_id").asText());
    }

    @Test
    void theClientsCorrelationIdReachesTheSoapUpstream() throws Exception {
        call("add", "{\"a\":2,\"b\":3}", "X-Correlation-ID", "soap-call-1");
        assertEquals("soap-call-1", CalculatorImpl.LAST_HEADERS.get("x-correlation-id"), CalculatorImpl.LAST_HEADERS.toString());
        assertEquals("add", auditLine("soap-call-1").get("tool").asText());
    }

    @Test
    void withoutTheHeaderTheTraceIdIsTheCorrelationId() throws Exception {
        call("add", "{\"a\":1,\"b\":1}", "traceparent", TRACEPARENT.replace("4bf9", "5bf9"));
        String traceId = "5bf92f3577b34da6a3ce929d0e0e4736";
        assertEquals(traceId, CalculatorImpl.LAST_HEADERS.get("x-correlation-id"));
        assertTrue(CalculatorImpl.LAST_HEADERS.get("traceparent").startsWith("00-" + traceId + "-"));
        assertEquals(traceId, auditLine(traceId).get("trace_id").asText());
    }

    @Test
    void anUnsafeOrOverlongHeaderIsIgnoredForAFreshUuid() throws Exception {
        for (String bad : List.of("a b", "x".repeat(CorrelationIds.MAX_LENGTH + 1), "id\"},\"status\":\"ok", "é")) {
            call("getPet", "{\"id\":\"1\"}", "X-Correlation-ID", bad);
            String sent = Fixture.REST_HEADERS.get("x-correlation-id");
            assertTrue(sent.matches("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"), bad + " -> " + sent);
            assertNotEquals(bad, sent);
            assertEquals("getPet", auditLine(sent).get("tool").asText());
        }
    }

    @Test
    void freshIdsAreDistinctVersion7UuidsCarryingTheirMillisecond() throws Exception {
        long before = System.currentTimeMillis();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 20_000; i++) {
            ids.add(CorrelationIds.create());
        }
        long after = System.currentTimeMillis();
        assertEquals(20_000, ids.size());
        for (String id : ids) {
            UUID uuid = UUID.fromString(id);
            assertEquals(id, uuid.toString());
            assertEquals(7, uuid.version(), id);
            assertEquals(2, uuid.variant(), id); // RFC 9562's variant, bits 10
            long millis = uuid.getMostSignificantBits() >>> 16;
            assertTrue(millis >= before && millis <= after, id + " carries " + millis);
        }
        String earlier = CorrelationIds.create();
        Thread.sleep(2);
        String later = CorrelationIds.create();
        assertTrue(earlier.compareTo(later) < 0, earlier + " sorts after " + later);
        // the 74 random bits differ between ids of one millisecond
        Set<Long> randomParts = new HashSet<>();
        for (String id : ids) {
            UUID uuid = UUID.fromString(id);
            randomParts.add(uuid.getLeastSignificantBits());
        }
        assertEquals(20_000, randomParts.size());
    }

    @Test
    void onlyAcceptableValuesAreTaken() {
        assertEquals(Optional.of("x".repeat(128)), CorrelationIds.accept("x".repeat(128)));
        assertEquals(Optional.empty(), CorrelationIds.accept(""));
        assertEquals(Optional.empty(), CorrelationIds.accept("a\r\nb"));
        assertEquals(Optional.empty(), CorrelationIds.accept(null));
    }
}
