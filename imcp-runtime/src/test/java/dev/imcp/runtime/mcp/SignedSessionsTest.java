package dev.imcp.runtime.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imcp.runtime.ImcpServer;
import dev.imcp.runtime.fixture.EchoProvider;
import dev.imcp.runtime.fixture.Fixture;
import dev.imcp.runtime.fixture.MovableClock;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Self-validating session ids: signed, shared by instances with one secret, refused when tampered or expired. */
class SignedSessionsTest {

    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef-shared".getBytes(StandardCharsets.UTF_8);
    private static final Duration IDLE = Duration.ofMinutes(30);

    @Test
    void anotherStoreWithTheSameSecretAcceptsTheSession() throws McpError {
        MovableClock clock = new MovableClock();
        SessionStore a = new SessionStore(IDLE, SECRET, Duration.ofHours(1), 1000, clock);
        SessionStore b = new SessionStore(IDLE, SECRET, Duration.ofHours(1), 1000, clock);
        Session s = a.create("2025-06-18", "demo");
        assertTrue(s.id().chars().allMatch(c -> c >= 0x21 && c <= 0x7e), s.id());
        Session found = b.find(s.id()).orElseThrow();
        assertEquals("2025-06-18", found.protocolVersion());
        assertEquals("demo", found.actor());
        assertNotEquals(s.id(), a.create("2025-06-18", "demo").id(), "each id is unique");
        SessionStore other = new SessionStore(IDLE, "another secret of at least 32 bytes!".getBytes(StandardCharsets.UTF_8),
                Duration.ofHours(1), 1000, clock);
        assertTrue(other.find(s.id()).isEmpty(), "another secret");
    }

    @Test
    void tamperedOrMalformedIdsAreUnknown() throws McpError {
        SessionStore store = new SessionStore(IDLE, SECRET, Duration.ofHours(1), 1000, new MovableClock());
        String id = store.create("2025-06-18", "demo").id();
        int dot = id.lastIndexOf('.');
        char c = id.charAt(3);
        String tamperedPayload = id.substring(0, 3) + (c == 'A' ? 'B' : 'A') + id.substring(4);
        char m = id.charAt(dot + 2);
        String tamperedMac = id.substring(0, dot + 2) + (m == 'A' ? 'B' : 'A') + id.substring(dot + 3);
        for (String bad : List.of(tamperedPayload, tamperedMac, id.substring(0, dot), id + "A", "x.y", ".", "", "a".repeat(5000))) {
            assertTrue(store.find(bad).isEmpty(), bad);
        }
        assertTrue(store.find(id).isPresent());
    }

    @Test
    void idsExpireAfterTheTtlAndEndWhenRemoved() throws McpError {
        MovableClock clock = new MovableClock();
        SessionStore store = new SessionStore(IDLE, SECRET, Duration.ofMinutes(10), 1000, clock);
        SessionStore other = new SessionStore(IDLE, SECRET, Duration.ofMinutes(10), 1000, clock);
        String id = store.create("2025-06-18", "demo").id();
        clock.advance(Duration.ofMinutes(9));
        assertTrue(other.find(id).isPresent());
        clock.advance(Duration.ofMinutes(1));
        assertTrue(store.find(id).isEmpty(), "expired, even where it is cached");
        assertTrue(other.find(id).isEmpty(), "expired");

        String second = store.create("2025-06-18", "demo").id();
        assertTrue(store.remove(second));
        assertFalse(store.remove(second), "already ended");
        assertTrue(store.find(second).isEmpty());
    }

    @Test
    void aCallerHasAtMostTheCapOfSessions() throws McpError {
        SessionStore store = new SessionStore(IDLE, SECRET, Duration.ofHours(1), 2, Clock.systemUTC());
        String first = store.create("2025-06-18", "demo").id();
        store.create("2025-06-18", "demo");
        McpError e = org.junit.jupiter.api.Assertions.assertThrows(McpError.class, () -> store.create("2025-06-18", "demo"));
        assertEquals(SessionStore.TOO_MANY_SESSIONS, e.code());
        store.create("2025-06-18", "ops"); // another caller has its own cap
        assertTrue(store.remove(first));
        store.create("2025-06-18", "demo"); // one was ended
        assertTrue(store.find(first).isEmpty());
    }

    @Test
    void shortSecretIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SessionStore(IDLE, "short".getBytes(StandardCharsets.UTF_8), Duration.ofHours(1), 1000, Clock.systemUTC()));
        assertTrue(e.getMessage().contains("imcp.session.secret"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> dev.imcp.runtime.config.RuntimeConfig.from(
                Fixture.config("imcp:\n  session:\n    ttl: 3 hours")));
    }

    @Test
    void twoServersWithOneSecretShareSessions() throws Exception {
        String yaml = """
                server:
                  port: 0
                  host: 127.0.0.1
                imcp:
                  auth:
                    api-keys:
                      - name: demo
                        sha256: "%s"
                      - name: ops
                        sha256: "%s"
                  session:
                    secret: "%s"
                    ttl: PT1H
                """.formatted(Fixture.sha(Fixture.DEMO_KEY), Fixture.sha(Fixture.OPS_KEY), new String(SECRET, StandardCharsets.UTF_8));
        HttpClient http = HttpClient.newHttpClient();
        try (ImcpServer a = ImcpServer.start(Fixture.config(yaml), List.of(new EchoProvider()));
             ImcpServer b = ImcpServer.start(Fixture.config(yaml), List.of(new EchoProvider()))) {
            String demo = "Bearer " + Fixture.DEMO_KEY;
            HttpResponse<String> init = Fixture.post(http, a.uri(), Fixture.initializeRequest("2025-06-18"), null, demo);
            assertEquals(200, init.statusCode(), init.body());
            String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
            assertEquals(202, Fixture.post(http, b.uri(), "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
                    session, demo).statusCode());

            HttpResponse<String> list = Fixture.post(http, b.uri(), "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}", session, demo);
            assertEquals(200, list.statusCode(), list.body());
            assertTrue(Fixture.json(list).at("/result/tools").size() > 0, list.body());
            HttpResponse<String> call = Fixture.post(http, b.uri(), "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\","
                    + "\"params\":{\"name\":\"echo\",\"arguments\":{\"message\":\"x\"}}}", session, demo);
            assertEquals(200, call.statusCode(), call.body());
            JsonNode result = Fixture.json(call).path("result");
            assertEquals("xx", result.at("/structuredContent/echoed").asText(), call.body());

            String tampered = session.substring(0, 5) + (session.charAt(5) == 'A' ? 'B' : 'A') + session.substring(6);
            assertEquals(404, Fixture.post(http, b.uri(), "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"ping\"}", tampered, demo).statusCode());
            assertEquals(404, Fixture.post(http, b.uri(), "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"ping\"}", session,
                    "Bearer " + Fixture.OPS_KEY).statusCode(), "another caller's session");
        }
    }

    @Test
    void serversWithoutASharedSecretDoNot() throws Exception {
        String yaml = "server:\n  port: 0\n  host: 127.0.0.1\nimcp: {}\n";
        HttpClient http = HttpClient.newHttpClient();
        try (ImcpServer a = ImcpServer.start(Fixture.config(yaml), List.of(new EchoProvider()));
             ImcpServer b = ImcpServer.start(Fixture.config(yaml), List.of(new EchoProvider()))) {
            HttpResponse<String> init = Fixture.post(http, a.uri(), Fixture.initializeRequest("2025-06-18"), null, null);
            String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
            URI other = b.uri();
            assertEquals(404, Fixture.post(http, other, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}", session, null).statusCode());
            assertEquals(200, Fixture.post(http, a.uri(), "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}", session, null).statusCode());
        }
    }
}
