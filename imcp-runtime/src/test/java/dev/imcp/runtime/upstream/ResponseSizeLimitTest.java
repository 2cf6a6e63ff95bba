package dev.imcp.runtime.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.net.httpserver.HttpServer;
import dev.imcp.runtime.config.OutboundAuth;
import dev.imcp.runtime.config.ServiceConfig;
import dev.imcp.runtime.spi.HttpCall;
import dev.imcp.runtime.spi.UpstreamException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code max-response-bytes} on the REST path: a longer body fails the call, whether its length is declared or not. */
class ResponseSizeLimitTest {

    private static HttpServer server;
    /** How each body of {@code /cut/...} ended on the server's side: "written whole" or "cut off". */
    private static final BlockingQueue<String> CUT_OUTCOMES = new LinkedBlockingQueue<>();

    @BeforeAll
    static void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            int size = Integer.parseInt(exchange.getRequestURI().getPath().substring(1));
            boolean chunked = "chunked=yes".equals(exchange.getRequestURI().getQuery());
            byte[] body = ("\"" + "x".repeat(size - 2) + "\"").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, chunked ? 0 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            } catch (IOException clientGaveUp) {
                // the client stops reading at the limit
            }
        });
        // 64 MiB in 64 KiB writes, the length declared or chunked; records whether the client took it all
        server.createContext("/cut/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            boolean chunked = exchange.getRequestURI().getPath().endsWith("chunked");
            byte[] block = "x".repeat(65536).getBytes(StandardCharsets.US_ASCII);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, chunked ? 0 : 1024L * block.length);
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 1024; i++) {
                    out.write(block);
                }
                CUT_OUTCOMES.add("written whole");
            } catch (IOException clientGaveUp) {
                CUT_OUTCOMES.add("cut off");
            }
        });
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    @Test
    void bodiesUpToTheLimitAreReadLongerOnesFailTheCall() throws Exception {
        ServiceConfig config = new ServiceConfig("s", null, Map.of(), OutboundAuth.NONE, Map.of(), java.util.List.of(),
                dev.imcp.runtime.config.TlsConfig.NONE, Duration.ofSeconds(5), Set.of(), Set.of(), 4096, false);
        RestUpstream upstream = new RestUpstream(new UpstreamHttpClient(java.time.Duration.ofSeconds(5)), JsonMapping.create(),
                "http://127.0.0.1:" + server.getAddress().getPort(), config);
        for (String chunked : new String[] {"no", "yes"}) {
            String fits = upstream.exchange(get(4096, chunked), String.class);
            assertEquals(4094, fits.length(), chunked);
            UpstreamException e = assertThrows(UpstreamException.class, () -> upstream.exchange(get(4097, chunked), String.class));
            assertEquals("response body exceeds the limit of 4096 bytes", e.getMessage(), chunked);
            assertThrows(UpstreamException.class, () -> upstream.exchange(get(50_000_000, chunked), String.class));
        }
    }

    /**
     * A response past the limit fails the call and drops its connection: the rest of the body is not read (closing an
     * unfinished response would otherwise read it to the end to keep the connection, which for a large or trickling
     * body takes until the deadline).
     */
    @Test
    void theRestOfATooLargeBodyIsNotRead() throws Exception {
        ServiceConfig config = new ServiceConfig("s", null, Map.of(), OutboundAuth.NONE, Map.of(), java.util.List.of(),
                dev.imcp.runtime.config.TlsConfig.NONE, Duration.ofSeconds(30), Set.of(), Set.of(), 4096, false);
        RestUpstream upstream = new RestUpstream(new UpstreamHttpClient(java.time.Duration.ofSeconds(5)), JsonMapping.create(),
                "http://127.0.0.1:" + server.getAddress().getPort(), config);
        for (String framing : new String[] {"declared", "chunked"}) {
            CUT_OUTCOMES.clear();
            UpstreamException e = assertThrows(UpstreamException.class,
                    () -> upstream.exchange(HttpCall.builder("GET", "/cut/" + framing).build(), String.class));
            assertEquals("response body exceeds the limit of 4096 bytes", e.getMessage(), framing);
            assertEquals("cut off", CUT_OUTCOMES.poll(20, TimeUnit.SECONDS), framing);
        }
    }

    private static HttpCall get(int size, String chunked) {
        return HttpCall.builder("GET", "/" + size).query("chunked", chunked).build();
    }
}
