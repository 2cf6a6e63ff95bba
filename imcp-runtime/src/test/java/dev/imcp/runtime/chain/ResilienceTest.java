package dev.imcp.runtime.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.imcp.runtime.ImcpServer;
import dev.imcp.runtime.fixture.Fixture;
import dev.imcp.runtime.fixture.ItemsProvider;
import dev.imcp.runtime.spi.UpstreamException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link ResilienceLink} on a real adapter in front of a JDK {@link HttpServer} upstream that fails on demand: the
 * first path segment is the service ({@code flaky}: retries, {@code fragile}: a circuit breaker of two calls,
 * {@code narrow}: a bulkhead of one call and no queue), the upstream counts the requests per path, answers
 * {@link #failures} of them with their status first, and holds requests for {@code narrow} until {@link #release}.
 */
class ResilienceTest {

    private static HttpServer upstream;
    private static ImcpServer server;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Map<String, AtomicInteger> SEEN = new ConcurrentHashMap<>();
    /** Path to the statuses its next requests get, in order; 200 once used up. */
    private static final Map<String, List<Integer>> failures = new ConcurrentHashMap<>();
    /** Path to the Retry-After header its failures carry. */
    private static final Map<String, String> retryAfter = new ConcurrentHashMap<>();
    private static final CountDownLatch arrived = new CountDownLatch(1);
    private static final CountDownLatch release = new CountDownLatch(1);
    private static String session;
    private static final AtomicInteger IDS = new AtomicInteger(1);

    @BeforeAll
    static void start() throws Exception {
        upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        upstream.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        upstream.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getPath();
            SEEN.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            int status = 200;
            synchronized (failures) {
                List<Integer> next = failures.getOrDefault(path, List.of());
                if (!next.isEmpty()) {
                    status = next.get(0);
                    failures.put(path, next.subList(1, next.size()));
                }
            }
            if (path.startsWith("/narrow/")) {
                arrived.countDown();
                try {
                    release.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            byte[] body = ("{\"path\":\"" + path + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            if (status != 200 && retryAfter.containsKey(path)) {
                exchange.getResponseHeaders().add("Retry-After", retryAfter.get(path));
            }
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        upstream.start();
        String url = "http://127.0.0.1:" + upstream.getAddress().getPort();
        int closed;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort(); // a token endpoint that is down
        }
        server = ImcpServer.start(Fixture.config("""
                server: {port: 0, host: 127.0.0.1}
                imcp:
                  request-timeout-seconds: 3
                  services:
                    waiting:
                      url: %s
                      resilience: {retries: 2, retry-delay-ms: 60000}
                    flaky:
                      url: %s
                      resilience:
                        retries: 2
                        retry-delay-ms: 10
                        circuit-breaker: {delay-seconds: 0}
                      tools:
                        flakyCreate:
                          resilience: {retries: 3}
                    fragile:
                      url: %s
                      resilience:
                        retries: 0
                        circuit-breaker: {failure-ratio: 100, volume: 2, delay-seconds: 2}
                    narrow:
                      url: %s
                      resilience:
                        circuit-breaker: {delay-seconds: 0}
                        bulkhead: {limit: 1, queue: 0}
                    tokenless:
                      url: %s
                      auth:
                        type: oauth2-client-credentials
                        token-url: http://127.0.0.1:%d/token
                        client-id: imcp
                        client-secret: s3cret
                      resilience:
                        retries: 0
                        circuit-breaker: {failure-ratio: 100, volume: 2, delay-seconds: 60}
                """.formatted(url, url, url, url, url, closed)),
                List.of(new ItemsProvider("flaky"), new ItemsProvider("fragile"), new ItemsProvider("narrow"),
                        new ItemsProvider("waiting"), new ItemsProvider("tokenless")));
        session = initialize(server);
    }

    @AfterAll
    static void stop() {
        release.countDown();
        server.close();
        upstream.stop(0);
    }

    @Test
    void anIdempotentCallIsRetriedAfter503And502AndSucceeds() throws Exception {
        failures.put("/flaky/a", List.of(503, 502));
        JsonNode result = call("flakyRead", "a");
        assertFalse(result.path("isError").asBoolean(), result.toString());
        assertEquals("/flaky/a", result.at("/structuredContent/path").asText());
        assertEquals(3, seen("/flaky/a"), "two failed attempts and the one that succeeded");
    }

    @Test
    void aRetryWaitsAtLeastTheUpstreamsRetryAfter() throws Exception {
        failures.put("/flaky/ra", List.of(503));
        retryAfter.put("/flaky/ra", "1");
        long start = System.nanoTime();
        JsonNode result = call("flakyRead", "ra");
        assertFalse(result.path("isError").asBoolean(), result.toString());
        assertEquals(2, seen("/flaky/ra"));
        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(1000),
                "waited the 1 s the upstream asked for, not the 10 ms retry delay");
    }

    @Test
    void anUpstreamAskingForALongWaitIsNotRetried() throws Exception {
        failures.put("/flaky/long", List.of(503, 503));
        retryAfter.put("/flaky/long", "120");
        JsonNode result = call("flakyRead", "long");
        assertTrue(text(result).contains("answered HTTP 503"), text(result));
        assertEquals(1, seen("/flaky/long"), "Retry-After 120 s is beyond the 30 s a retry waits for");
    }

    @Test
    void backoffDoublesWithJitterAndStopsAfterTheLastCall() {
        ResilienceLink.Backoff backoff = new ResilienceLink.Backoff(3, java.time.Duration.ofMillis(100));
        for (int i = 0; i < 50; i++) {
            long first = backoff.nextDelayMillis(0, 0, 1).orElseThrow();
            long second = backoff.nextDelayMillis(0, first, 2).orElseThrow();
            assertTrue(first >= 50 && first <= 100, "first wait " + first);
            assertTrue(second >= 100 && second <= 200, "second wait " + second);
        }
        assertTrue(backoff.nextDelayMillis(0, 0, 3).isEmpty(), "three calls in all");
    }

    @Test
    void aNonIdempotentCallIsNeverRetriedEvenWithRetriesConfiguredForIt() throws Exception {
        failures.put("/flaky", List.of(503, 503));
        JsonNode result = call("flakyCreate", "b");
        assertTrue(result.path("isError").asBoolean(), result.toString());
        assertTrue(text(result).contains("answered HTTP 503"), text(result));
        assertEquals(1, seen("/flaky"));
    }

    @Test
    void aClientErrorIsNotRetried() throws Exception {
        failures.put("/flaky/c", List.of(404, 404, 404));
        JsonNode result = call("flakyRead", "c");
        assertTrue(text(result).contains("answered HTTP 404"), text(result));
        assertEquals(1, seen("/flaky/c"));
    }

    @Test
    void retriesStopAfterTheConfiguredNumberAndTheLastFailureIsReported() throws Exception {
        failures.put("/flaky/d", List.of(504, 504, 504, 504));
        JsonNode result = call("flakyRead", "d");
        assertTrue(text(result).contains("answered HTTP 504"), text(result));
        assertEquals(3, seen("/flaky/d"), "one call and two retries");
    }

    @Test
    void theDeadlineEndsTheWaitForARetry() throws Exception {
        failures.put("/waiting/w", List.of(503));
        long start = System.nanoTime();
        JsonNode result = call("waitingRead", "w");
        assertEquals("Tool waitingRead did not finish before its deadline", text(result), result.toString());
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(30),
                "the 3 s deadline interrupted the 60 s wait before the retry");
        assertEquals(1, seen("/waiting/w"));
    }

    @Test
    void theBreakerOpensAfterFailuresFailsFastAndClosesAfterItsDelay() throws Exception {
        failures.put("/fragile/x", List.of(503, 500));
        assertTrue(text(call("fragileRead", "x")).contains("answered HTTP 503"));
        assertTrue(text(call("fragileRead", "x")).contains("answered HTTP 500"));
        JsonNode held = call("fragileRead", "x");
        assertTrue(held.path("isError").asBoolean());
        assertTrue(text(held).startsWith("Upstream fragile is unavailable"), text(held));
        assertTrue(text(held).matches(".*circuit breaker open.*it will be tried again in [12] s"), text(held));
        int retryAfter = held.at("/_meta/dev.imcp~1retryAfterSeconds").asInt();
        assertTrue(retryAfter == 1 || retryAfter == 2, held.toString());
        assertEquals("circuit-open", held.at("/_meta/dev.imcp~1refused").asText());
        assertEquals(2, seen("/fragile/x"), "the open breaker kept the third call from the upstream");
        // Half-open after the delay: the next call goes through and, succeeding, closes the breaker.
        JsonNode result = held;
        for (int i = 0; i < 200 && result.path("isError").asBoolean(); i++) {
            Thread.sleep(100);
            result = call("fragileRead", "x");
        }
        assertFalse(result.path("isError").asBoolean(), result.toString());
        assertEquals(3, seen("/fragile/x"), "only the call let through after the delay reached the upstream");
        assertFalse(call("fragileRead", "x").path("isError").asBoolean());
    }

    @Test
    void aTokenEndpointThatIsDownDoesNotOpenTheUpstreamsBreaker() throws Exception {
        // the upstream was never asked: its breaker (two failures in two open it) does not count the token request
        for (int i = 0; i < 4; i++) {
            JsonNode result = call("tokenlessRead", "x");
            assertTrue(result.path("isError").asBoolean(), result.toString());
            assertTrue(text(result).contains("token endpoint"), text(result));
            assertFalse(text(result).contains("circuit breaker open"), text(result));
        }
        assertEquals(0, seen("/tokenless/x"));
    }

    @Test
    void aFullBulkheadRefusesTheCallBeyondItsLimit() throws Exception {
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<JsonNode> first = pool.submit(() -> call("narrowRead", "slow"));
            assertTrue(arrived.await(20, TimeUnit.SECONDS), "the first call reached the upstream");
            JsonNode second = call("narrowRead", "slow");
            assertTrue(second.path("isError").asBoolean(), second.toString());
            assertEquals("Too many calls in flight to narrow, retry later", text(second));
            assertEquals("bulkhead-full", second.at("/_meta/dev.imcp~1refused").asText());
            release.countDown();
            assertFalse(first.get(20, TimeUnit.SECONDS).path("isError").asBoolean());
        }
        assertEquals(1, seen("/narrow/slow"), "the refused call never reached the upstream");
    }

    @Test
    void connectionFailuresTimeoutsAnd502To504AreRetryableOther5xxOnlyCountForTheBreaker() throws Exception {
        int closed;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        try (var client = new dev.imcp.runtime.upstream.UpstreamHttpClient(java.time.Duration.ofSeconds(5))) {
            UpstreamException refused = org.junit.jupiter.api.Assertions.assertThrows(UpstreamException.class,
                    () -> client.send("GET", java.net.URI.create("http://127.0.0.1:" + closed + "/"), Map.of(), null,
                            java.time.Duration.ofSeconds(5), 1024));
            assertTrue(ResilienceLink.retryable(refused), "connection refused: " + refused.getMessage());
        }
        assertTrue(ResilienceLink.retryable(new UpstreamException(0, "no complete answer within 5 s", "",
                new java.util.concurrent.TimeoutException())));
        for (int status : new int[] {502, 503, 504}) {
            assertTrue(ResilienceLink.retryable(new UpstreamException(status, "HTTP " + status, "")));
        }
        for (int status : new int[] {400, 404, 409, 429, 500, 501}) {
            assertFalse(ResilienceLink.retryable(new UpstreamException(status, "HTTP " + status, "")), "HTTP " + status);
        }
        assertTrue(ResilienceLink.unanswered(new UpstreamException(500, "HTTP 500", "")));
        assertFalse(ResilienceLink.unanswered(new UpstreamException(404, "HTTP 404", "")));
        assertFalse(ResilienceLink.unanswered(new UpstreamException(0, "invalid argument: x", "")));
        assertFalse(ResilienceLink.unanswered(new UpstreamException(0, "interrupted", "")));
    }

    private static int seen(String path) {
        return SEEN.getOrDefault(path, new AtomicInteger()).get();
    }

    private static String text(JsonNode result) {
        return result.at("/content/0/text").asText();
    }

    private static JsonNode call(String tool, String item) throws Exception {
        return toolResult(HTTP, server, session, IDS.incrementAndGet(), tool, "{\"item\":\"" + item + "\"}");
    }

    /**
     * Sends {@code tools/call} of {@code tool} with {@code arguments} (a JSON object) on {@code session} as request
     * {@code id}; returns the result, failing the test when the answer has none.
     */
    static JsonNode toolResult(HttpClient http, ImcpServer server, String session, int id, String tool,
            String arguments) throws Exception {
        JsonNode response = Fixture.json(Fixture.post(http, mcp(server), "{\"jsonrpc\":\"2.0\",\"id\":" + id
                + ",\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool + "\",\"arguments\":" + arguments + "}}",
                session, null));
        assertTrue(response.has("result"), response.toString());
        return response.get("result");
    }

    static java.net.URI mcp(ImcpServer server) {
        return java.net.URI.create("http://127.0.0.1:" + server.port() + "/mcp");
    }

    /** Opens a 2025-06-18 session without an API key; returns its id. */
    static String initialize(ImcpServer server) throws IOException, InterruptedException {
        return initialize(server, null);
    }

    /** Opens a 2025-06-18 session for {@code authorization} (or none); returns its id. */
    static String initialize(ImcpServer server, String authorization) throws IOException, InterruptedException {
        var response = Fixture.post(HTTP, mcp(server), Fixture.initializeRequest("2025-06-18"), null, authorization);
        String id = response.headers().firstValue("Mcp-Session-Id").orElseThrow(() -> new IllegalStateException(response.body()));
        Fixture.post(HTTP, mcp(server), "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}", id, authorization);
        return id;
    }
}
