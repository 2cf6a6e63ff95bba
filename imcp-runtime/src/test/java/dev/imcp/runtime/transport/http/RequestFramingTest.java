package dev.imcp.runtime.transport.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.imcp.runtime.fixture.Fixture;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Requests an attacker frames by hand, sent on a raw socket (issue 9's list): an asterisk-form target and a request
 * carrying both Content-Length and Transfer-Encoding, whose second request must not be executed (RFC 9112, section
 * 6.3: such a message is an attempt at request smuggling). The server answers each with one status, never a 5xx.
 */
class RequestFramingTest {

    private static Fixture fixture;

    @BeforeAll
    static void start() throws Exception {
        fixture = new Fixture();
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    /** Sends {@code raw} and returns every status line the server answers before it closes or goes quiet. */
    private static List<String> statuses(String raw) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", fixture.server.port()), 5000);
            socket.setSoTimeout(1500);
            socket.getOutputStream().write(raw.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[4096];
            try {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    out.write(buffer, 0, n);
                }
            } catch (SocketTimeoutException quiet) {
                // the server keeps the connection open: everything it had to say has been said
            }
        }
        Matcher m = Pattern.compile("HTTP/1\\.1 (\\d{3})").matcher(out.toString(StandardCharsets.ISO_8859_1));
        List<String> found = new java.util.ArrayList<>();
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    @Test
    void anAsteriskTargetIsAClientErrorNotAServerError() throws Exception {
        List<String> answered = statuses("POST * HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\n\r\n");
        assertEquals(1, answered.size(), answered.toString());
        assertTrue(answered.get(0).startsWith("4"), answered.toString());
    }

    @Test
    void contentLengthWithTransferEncodingDoesNotSmuggleASecondRequest() throws Exception {
        // the smuggled request is a valid initialize: executed, it would be answered 200
        String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"x\",\"version\":\"1\"}}}";
        String smuggled = "POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + Fixture.DEMO_KEY
                + "\r\nContent-Type: application/json\r\nAccept: application/json, text/event-stream\r\nContent-Length: "
                + body.length() + "\r\n\r\n" + body;
        List<String> answered = statuses("POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                + Fixture.DEMO_KEY + "\r\nContent-Type: application/json\r\nAccept: application/json, text/event-stream\r\n"
                + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n" + smuggled);
        assertEquals("400", answered.get(0), "both framings: refused (RFC 9112, section 6.1) " + answered);
        assertTrue(!answered.contains("200"), "the request after the chunked body was executed: " + answered);
    }
}
