package dev.imcp.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.imcp.runtime.fixture.CalcProvider;
import dev.imcp.runtime.fixture.HttpReplies;
import dev.imcp.runtime.fixture.LogCapture;
import dev.imcp.runtime.fixture.RawServer;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link LogNoise} on a real adapter on 127.0.0.1: connections closed with half a request head, and a SOAP port (a
 * JDK {@link HttpServer}) whose answer CXF cannot read, each leave at most one line without stack trace, while
 * another server error keeps its level and stack trace.
 */
class LogNoiseTest {

    private static HttpServer upstream;
    private static RawServer srv;

    @BeforeAll
    static void start() throws Exception {
        upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        upstream.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        upstream.createContext("/soap", x -> {
            x.getRequestBody().readAllBytes();
            HttpReplies.send(x, 200, "text/xml", "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\">"
                    + "<soap:Body><c:multiplyResponse xmlns:c=\"urn:test:calc\"><product>6</product>"
                    + "</c:multiplyResponse></soap:Body></soap:Envelope>");
        });
        upstream.start();
        srv = new RawServer("", """
                  services:
                    calc:
                      ports:
                        CalculatorPort:
                          url: http://127.0.0.1:%d/soap
                """.formatted(upstream.getAddress().getPort()), List.of(new CalcProvider()));
    }

    @AfterAll
    static void stop() {
        if (srv != null) {
            srv.close();
        }
        upstream.stop(0);
    }

    @Test
    void connectionsClosedWithHalfARequestHeadLeaveOneLineAMinuteWithoutStackTrace() throws Exception {
        try (LogCapture log = new LogCapture(Logger.getLogger(LogNoise.HELIDON))) {
            for (int i = 0; i < 5; i++) {
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress("127.0.0.1", srv.server.port()), 5000);
                    socket.getOutputStream().write("POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: app"
                            .getBytes(StandardCharsets.ISO_8859_1));
                    socket.getOutputStream().flush();
                    Thread.sleep(100);
                }
            }
            Thread.sleep(500);
            // the first may have been logged by an earlier test's connections in this JVM's window
            assertTrue(log.records.size() <= 1, log.text());
            for (LogRecord r : log.records) {
                assertNull(r.getThrown(), "no stack trace: " + log.text());
                assertEquals(Level.INFO, r.getLevel());
                assertTrue(r.getMessage().startsWith("A client's connection ended before its request was read whole"),
                        r.getMessage());
            }
        }
    }

    @Test
    void theFirstUnfinishedConnectionOfAMinuteIsCountedAndOtherServerErrorsStayAsTheyAre() {
        LogNoise.UnfinishedConnections filter = new LogNoise.UnfinishedConnections(null);
        RuntimeException closed = new RuntimeException("Internal error",
                new java.net.SocketException("Connection reset"));
        LogRecord first = new LogRecord(Level.WARNING, "Internal server error");
        first.setThrown(closed);
        assertTrue(filter.isLoggable(first));
        assertEquals(Level.INFO, first.getLevel());
        assertNull(first.getThrown());
        assertTrue(first.getMessage().contains("SocketException: Connection reset"), first.getMessage());
        for (int i = 0; i < 3; i++) {
            LogRecord again = new LogRecord(Level.WARNING, "Internal server error");
            again.setThrown(closed);
            assertFalse(filter.isLoggable(again), "within the minute");
        }
        LogRecord real = new LogRecord(Level.WARNING, "Internal server error");
        IllegalStateException bug = new IllegalStateException("a bug");
        real.setThrown(bug);
        assertTrue(filter.isLoggable(real));
        assertEquals(Level.WARNING, real.getLevel());
        assertEquals(bug, real.getThrown(), "a real server error keeps its stack trace");
    }

    @Test
    void aFailedSoapCallLeavesNoCxfStackTraceButTheToolFailureLine() throws Exception {
        String session = srv.initialize("2025-06-18");
        try (LogCapture log = new LogCapture(Logger.getLogger(""))) {
            JsonNode result = RawServer.json(srv.callTool(session, "add", "{\"a\":1,\"b\":2}")).get("result");
            assertTrue(result.get("isError").asBoolean(), result.toString());
            for (LogRecord r : log.records) {
                if (r.getLoggerName() != null && r.getLoggerName().startsWith("org.apache.cxf")) {
                    assertNull(r.getThrown(), "CXF logged a stack trace: " + log.text());
                }
                assertFalse(LogNoise.CXF.equals(r.getLoggerName()) && r.getLevel().intValue() >= Level.INFO.intValue(),
                        "CXF's unwinding line is FINE: " + log.text());
            }
            assertTrue(log.text().contains("Tool add failed"), "the tool's failure is still logged: " + log.text());
        }
    }
}
