package dev.imcp.runtime.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.imcp.runtime.spi.UpstreamException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the upstream HTTP client promises besides sending bytes: the deadline covers the body, a request is never
 * sent twice, redirects are not followed, interrupting the caller aborts the exchange, connections are reused.
 */
class UpstreamHttpClientTest {

    private static HttpServer server;
    private static final AtomicInteger RESETS = new AtomicInteger();
    private static final AtomicInteger ELSEWHERE = new AtomicInteger();
    private static final List<Integer> CLIENT_PORTS = new CopyOnWriteArrayList<>();
    private static final UpstreamHttpClient CLIENT = new UpstreamHttpClient(Duration.ofSeconds(5));

    @BeforeAll
    static void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/drip", exchange -> { // headers at once, then one byte every 100 ms for 10 s
            exchange.sendResponseHeaders(200, 100);
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 100; i++) {
                    out.write('x');
                    out.flush();
                    Thread.sleep(100);
                }
            } catch (IOException | InterruptedException clientGaveUp) {
                // the client closed the connection at its deadline
            }
        });
        server.createContext("/reset", exchange -> { // reads the request, then drops the connection unanswered
            RESETS.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            exchange.close();
        });
        server.createContext("/moved", exchange -> {
            exchange.getResponseHeaders().add("Location", "/elsewhere");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.createContext("/elsewhere", exchange -> {
            ELSEWHERE.incrementAndGet();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.createContext("/slow", exchange -> {
            try {
                Thread.sleep(5_000);
                exchange.sendResponseHeaders(204, -1);
            } catch (InterruptedException | IOException e) {
                // stopped
            }
            exchange.close();
        });
        server.createContext("/port", exchange -> {
            CLIENT_PORTS.add(exchange.getRemoteAddress().getPort());
            byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterAll
    static void stop() {
        CLIENT.close();
        server.stop(0);
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    @Test
    void theDeadlineCoversABodyThatTricklesIn() {
        long start = System.nanoTime();
        UpstreamException e = assertThrows(UpstreamException.class,
                () -> CLIENT.send("GET", uri("/drip"), Map.of(), null, Duration.ofSeconds(1), 1_000_000));
        long tookMillis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(0, e.status());
        assertEquals("no complete answer within 1 s", e.getMessage());
        assertTrue(tookMillis < 5_000, "the 10 s drip was cut at the 1 s deadline, not read to its end: " + tookMillis + " ms");
    }

    @Test
    void aFailedPostIsNotSentAgain() {
        int before = RESETS.get();
        UpstreamException e = assertThrows(UpstreamException.class, () -> CLIENT.send("POST", uri("/reset"),
                Map.of("Content-Type", "application/json"), "{\"a\":1}".getBytes(StandardCharsets.UTF_8),
                Duration.ofSeconds(5), 1_000_000));
        assertEquals(0, e.status());
        assertEquals(1, RESETS.get() - before, "the upstream saw the request once");
    }

    @Test
    void redirectsAreAnsweredNotFollowed() throws Exception {
        UpstreamHttpClient.Response r = CLIENT.send("GET", uri("/moved"), Map.of(), null, Duration.ofSeconds(5), 1000);
        assertEquals(302, r.status());
        assertEquals("/elsewhere", r.header("location").orElseThrow());
        assertEquals(0, ELSEWHERE.get());
    }

    @Test
    void interruptingTheCallerAbortsTheExchange() throws Exception {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread caller = Thread.ofVirtual().start(() -> {
            try {
                CLIENT.send("GET", uri("/slow"), Map.of(), null, Duration.ofSeconds(30), 1000);
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        Thread.sleep(300);
        caller.interrupt();
        caller.join(3_000);
        assertTrue(!caller.isAlive(), "the exchange ended when its thread was interrupted, not after the 5 s answer");
        UpstreamException e = (UpstreamException) failure.get();
        assertEquals("interrupted", e.getMessage());
    }

    @Test
    void consecutiveRequestsReuseOneConnection() throws Exception {
        CLIENT_PORTS.clear();
        for (int i = 0; i < 5; i++) {
            assertEquals(200, CLIENT.send("GET", uri("/port"), Map.of(), null, Duration.ofSeconds(5), 1000).status());
        }
        assertEquals(1, CLIENT_PORTS.stream().distinct().count(), "client ports: " + CLIENT_PORTS);
    }
}
