package dev.imcp.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imcp.runtime.mcp.Inbound;
import dev.imcp.runtime.mcp.MessageSink;
import dev.imcp.runtime.mcp.ProtocolVersions;
import dev.imcp.runtime.mcp.Reply;
import dev.imcp.runtime.security.Caller;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The requests of {@link ImcpServer#trainingRun}: what a client sends in its first minute, so that the JVM's
 * ahead-of-time cache holds the classes of that path.
 *
 * <ul>
 *   <li>Over HTTP, to the started server: {@code initialize} (2025-06-18), {@code notifications/initialized},
 *   {@code tools/list} and {@code DELETE} of the session; a 2026-07-28 {@code tools/list}. With API keys or JWT
 *   configured these are answered 401 (the run knows no key), which trains the transport's path up to
 *   authentication.</li>
 *   <li>In process, to the {@link dev.imcp.runtime.mcp.McpEndpoint} as caller {@value #CALLER}, in every revision
 *   ({@link ProtocolVersions#SUPPORTED}): {@code initialize} and {@code ping} (from 2026-07-28 on
 *   {@code server/discover}), {@code tools/list} and a {@code tools/call} of a tool that does not exist, so no
 *   upstream is called.</li>
 * </ul>
 */
final class TrainingRun {

    /** The caller of the in-process requests (audit and logs show it). */
    static final String CALLER = "aot-training";

    private static final String MODERN = "2026-07-28";

    private final AdapterRuntime runtime;
    private final URI endpoint;
    private int id;

    TrainingRun(AdapterRuntime runtime, URI endpoint) {
        this.runtime = runtime;
        this.endpoint = endpoint;
    }

    /**
     * Sends the requests.
     *
     * @return what was answered, e.g. {@code HTTP initialize 200, tools/list 200; 5 revisions in process}
     * @throws IllegalStateException when the endpoint refuses an in-process request
     */
    String run() {
        List<String> http = new ArrayList<>();
        Exchange init = post(request("initialize", initializeParams("2025-06-18")), "2025-06-18", null, "initialize");
        http.add("initialize " + init.status());
        if (init.status() == 200 && init.sessionId() != null) {
            post("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}", "2025-06-18", init.sessionId(), null);
            http.add("tools/list " + post(request("tools/list", "{}"), "2025-06-18", init.sessionId(), "tools/list").status());
            send("DELETE", "", "2025-06-18", init.sessionId(), null);
        }
        http.add(MODERN + " tools/list " + post(request("tools/list", modernParams()), MODERN, null, "tools/list").status());
        for (String revision : ProtocolVersions.SUPPORTED) {
            inProcess(revision);
        }
        return "HTTP " + String.join(", ", http) + "; " + ProtocolVersions.SUPPORTED.size() + " revisions in process";
    }

    private void inProcess(String revision) {
        boolean modern = MODERN.compareTo(revision) <= 0;
        String params = modern ? modernParams() : "{}";
        String session = null;
        if (modern) {
            expect(handle(request("server/discover", params), revision, null), "server/discover", revision);
        } else {
            Reply reply = handle(request("initialize", initializeParams(revision)), revision, null);
            expect(reply, "initialize", revision);
            session = reply.sessionId();
            handle("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}", revision, session);
        }
        expect(handle(request("tools/list", params), revision, session), "tools/list", revision);
        if (!modern) { // ping is gone from 2026-07-28 on
            expect(handle(request("ping", params), revision, session), "ping", revision);
        }
        String call = modern
                ? params.substring(0, params.length() - 1) + ",\"name\":\"imcp.training.no-such-tool\",\"arguments\":{}}"
                : "{\"name\":\"imcp.training.no-such-tool\",\"arguments\":{}}";
        handle(request("tools/call", call), revision, session);
        if (session != null) {
            runtime.endpoint().endSession(new Caller(CALLER), Optional.of(session));
        }
    }

    private Reply handle(String message, String revision, String session) {
        return runtime.endpoint().handle(message.getBytes(StandardCharsets.UTF_8), new Inbound(new Caller(CALLER),
                Optional.ofNullable(session), Optional.of(revision), Optional.empty(), MessageSink.NONE));
    }

    private static void expect(Reply reply, String method, String revision) {
        JsonNode body = reply.body();
        if (reply.kind() != Reply.Kind.RESPONSE || body == null || !body.has("result")) {
            throw new IllegalStateException("training run: " + method + " in revision " + revision + " was answered "
                    + reply.kind() + (body == null ? "" : " " + body));
        }
    }

    private String request(String method, String params) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + (++id) + ",\"method\":\"" + method + "\",\"params\":" + params + "}";
    }

    private static String initializeParams(String revision) {
        return "{\"protocolVersion\":\"" + revision + "\",\"capabilities\":{},"
                + "\"clientInfo\":{\"name\":\"imcp-training-run\",\"version\":\"1\"}}";
    }

    private static String modernParams() {
        return "{\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"" + MODERN + "\","
                + "\"io.modelcontextprotocol/clientCapabilities\":{},"
                + "\"io.modelcontextprotocol/clientInfo\":{\"name\":\"imcp-training-run\",\"version\":\"1\"}}}";
    }

    /** A status and the session id the server assigned, if any. */
    private record Exchange(int status, String sessionId) {
    }

    private Exchange post(String body, String revision, String session, String method) {
        return send("POST", body, revision, session, method);
    }

    /**
     * Reads up to and without the next empty line (or to the end of the stream): a response's status line and
     * headers, or in a chunked body everything up to the last chunk's size line {@code 0}.
     */
    private static String headers(InputStream in) throws IOException {
        StringBuilder text = new StringBuilder();
        for (int b; (b = in.read()) >= 0; ) {
            text.append((char) b);
            int n = text.length();
            if (n >= 4 && text.charAt(n - 1) == '\n' && text.charAt(n - 2) == '\r' && text.charAt(n - 3) == '\n'
                    && text.charAt(n - 4) == '\r') {
                text.setLength(n - 4);
                return text.toString();
            }
        }
        return text.toString();
    }

    /** One HTTP/1.1 exchange on a fresh connection ({@code Connection: close}), its response read to its end. */
    private Exchange send(String httpMethod, String body, String revision, String session, String mcpMethod) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder(httpMethod).append(' ').append(endpoint.getRawPath()).append(" HTTP/1.1\r\n")
                .append("Host: ").append(endpoint.getHost()).append(':').append(endpoint.getPort()).append("\r\n")
                .append("Accept: application/json, text/event-stream\r\n")
                .append("MCP-Protocol-Version: ").append(revision).append("\r\n")
                .append("Connection: close\r\n");
        if (bytes.length > 0 || "POST".equals(httpMethod)) {
            head.append("Content-Type: application/json\r\nContent-Length: ").append(bytes.length).append("\r\n");
        }
        if (session != null) {
            head.append("Mcp-Session-Id: ").append(session).append("\r\n");
        }
        if (mcpMethod != null && MODERN.equals(revision)) {
            head.append("Mcp-Method: ").append(mcpMethod).append("\r\n");
        }
        head.append("\r\n");
        String host = endpoint.getHost().startsWith("[") ? endpoint.getHost().substring(1, endpoint.getHost().length() - 1)
                : endpoint.getHost();
        try (Socket socket = new Socket(host, endpoint.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(bytes);
            out.flush();
            InputStream in = socket.getInputStream();
            String headers = headers(in);
            int status = Integer.parseInt(headers.substring(9, 12));
            String sessionId = null;
            long length = 0;
            boolean chunked = false;
            for (String line : headers.split("\r\n")) {
                String lower = line.toLowerCase(Locale.ROOT);
                String value = line.substring(line.indexOf(':') + 1).strip();
                if (lower.startsWith("mcp-session-id:")) {
                    sessionId = value;
                } else if (lower.startsWith("content-length:")) {
                    length = Long.parseLong(value);
                } else if (lower.startsWith("transfer-encoding:") && value.toLowerCase(Locale.ROOT).contains("chunked")) {
                    chunked = true;
                }
            }
            if (chunked) {
                // chunk sizes and data up to the last chunk (size 0) or the end of the stream; the content does not
                // matter here
                for (String part = headers(in); !part.isEmpty() && !part.equals("0") && !part.endsWith("\r\n0"); ) {
                    part = headers(in);
                }
            } else {
                in.readNBytes((int) length);
            }
            return new Exchange(status, sessionId);
        } catch (IOException e) {
            throw new UncheckedIOException("training run: " + httpMethod + " " + endpoint + " failed", e);
        }
    }
}
