package dev.imcp.runtime.transport.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.imcp.runtime.fixture.RawServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link RequestHeadDeadline} on a real server on 127.0.0.1 with {@code server.request-head-timeout: PT1S} and Helidon's
 * idle timeout far away (60 s): a connection that sent a request line and half its headers is closed within the bound
 * (Helidon alone holds it for good), while a slow but whole head, a keep-alive connection waiting longer than the bound
 * for its next request, and a tool call running three times the bound are all served.
 */
class RequestHeadDeadlineTest {

    private static RawServer srv;

    @BeforeAll
    static void start() {
        srv = new RawServer("  request-head-timeout: PT1S\n  idle-connection-timeout: PT60S\n", "");
    }

    @AfterAll
    static void stop() {
        srv.close();
    }

    private static Socket connect() throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", srv.server.port()), 5000);
        socket.setSoTimeout(15_000);
        return socket;
    }

    private static void write(Socket socket, String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
    }

    /** Reads one response's head and Content-Length body; returns its status line. */
    private static String response(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed after: " + head);
            }
            head.append((char) b);
        }
        java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)").matcher(head);
        if (length.find()) {
            in.readNBytes(Integer.parseInt(length.group(1)));
        }
        return head.substring(0, head.indexOf("\r\n"));
    }

    @Test
    void aHalfSentRequestHeadIsClosedWithinTheBound() throws Exception {
        try (Socket socket = connect()) {
            write(socket, "POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: app");
            long start = System.nanoTime();
            int read;
            try {
                read = socket.getInputStream().read();
            } catch (SocketException reset) {
                read = -1;
            } catch (SocketTimeoutException held) {
                read = -2;
            }
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertEquals(-1, read, "the server closed the connection (-2: still open after 15 s)");
            assertTrue(millis >= 800 && millis < 5_000, "closed after " + millis + " ms");
        }
    }

    @Test
    void aSlowButWholeHeadAndAnIdleKeepAliveConnectionAreServed() throws Exception {
        String request = "POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Accept: application/json, text/event-stream\r\nContent-Length: 2\r\n\r\n{}";
        try (Socket socket = connect()) {
            write(socket, request.substring(0, 30));
            Thread.sleep(500);
            write(socket, request.substring(30));
            assertEquals("HTTP/1.1 401 Unauthorized", response(socket.getInputStream()));
            Thread.sleep(2_000); // twice the bound, waiting for the next request line
            write(socket, request);
            assertEquals("HTTP/1.1 401 Unauthorized", response(socket.getInputStream()));
        }
    }

    @Test
    void aToolCallLongerThanTheBoundCompletes() throws Exception {
        String session = srv.initialize("2025-06-18");
        HttpResponse<String> waited = srv.callTool(session, "wait", "{\"millis\":3000}");
        assertEquals(200, waited.statusCode(), waited.body());
        assertTrue(waited.body().contains("done"), waited.body());
        assertFalse(waited.body().contains("\"isError\":true"), waited.body());
    }

    @Test
    void aMalformedBoundStopsStartUpNamingTheKey() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new RawServer("  request-head-timeout: soon\n", "").close());
        assertTrue(e.getMessage().contains("server.request-head-timeout") && e.getMessage().contains("soon"),
                e.getMessage());
    }

    @Test
    void aRequestWhoseHeadersCameLeavesNoTimerQueued() {
        // Before: each request's timer stayed queued, cancelled, until its delay passed (20 s by default), so the queue
        // held every request of the last 20 s (300,000 at 15,000 requests/s) and young collections copied them all.
        try (RequestHeadDeadline deadline = new RequestHeadDeadline(java.time.Duration.ofSeconds(20))) {
            io.helidon.webserver.ConnectionContext[] connections = new io.helidon.webserver.ConnectionContext[16];
            for (int i = 0; i < connections.length; i++) {
                connections[i] = connection();
            }
            for (int request = 0; request < 10_000; request++) {
                io.helidon.webserver.ConnectionContext ctx = connections[request % connections.length];
                deadline.prologue(ctx, null);
                deadline.headers(ctx, null);
            }
            assertEquals(0, deadline.queued(), "timers of requests whose headers came");
            deadline.prologue(connections[0], null);
            assertEquals(1, deadline.queued(), "a head still being read keeps its timer");
        }
    }

    /** A connection for the listener's bookkeeping, which only uses it as a map key. */
    private static io.helidon.webserver.ConnectionContext connection() {
        return (io.helidon.webserver.ConnectionContext) java.lang.reflect.Proxy.newProxyInstance(
                RequestHeadDeadlineTest.class.getClassLoader(),
                new Class<?>[] {io.helidon.webserver.ConnectionContext.class}, (self, method, args) -> switch (method.getName()) {
                    case "hashCode" -> System.identityHashCode(self);
                    case "equals" -> self == args[0];
                    case "toString" -> "connection";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
