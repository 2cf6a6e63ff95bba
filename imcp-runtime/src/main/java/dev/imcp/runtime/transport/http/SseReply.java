package dev.imcp.runtime.transport.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.imcp.runtime.mcp.MessageSink;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerResponse;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The answer to one POST that turns into a server-sent event stream the moment the server has a message to send
 * before the response (MCP "Transports", "Streamable HTTP", "Sending Messages to the Server": the server MAY
 * answer a POST with {@code Content-Type: text/event-stream} and send requests and notifications before the
 * response). Until then nothing is committed and the response stays a plain JSON body. Each message is one
 * {@code message} event whose {@code data} is the message's compact JSON (HTML Living Standard, "Server-sent
 * events"); the JSON-RPC response is the last event and ends the stream. Thread-safe.
 */
final class SseReply implements MessageSink {

    private static final HeaderName X_ACCEL_BUFFERING = HeaderNames.create("X-Accel-Buffering");

    private final ServerResponse res;
    private final ObjectMapper mapper;
    private final Duration keepAlive;
    private OutputStream stream;
    private boolean finished;
    private Thread watcher;

    /**
     * @param res the POST's response
     * @param mapper writes messages as compact JSON
     * @param keepAlive how often a watched request's stream gets an SSE comment, which finds a client that went away
     */
    SseReply(ServerResponse res, ObjectMapper mapper, Duration keepAlive) {
        this.res = res;
        this.mapper = mapper;
        this.keepAlive = keepAlive;
    }

    /**
     * Watches the client while the request runs: every {@code keepAlive} the answer (turned into an event stream if
     * it is not one yet) gets an SSE comment line, which a client ignores (HTML Living Standard, "Server-sent
     * events": lines starting with a colon); when it cannot be written the client is gone and {@code action} runs
     * once. Writing is the only way to find out: nothing reads the connection while the request is answered. Keeps
     * intermediaries from timing out a quiet stream too.
     */
    @Override
    public synchronized void onClientGone(Runnable action) {
        if (finished || watcher != null) {
            return;
        }
        watcher = Thread.ofVirtual().name("imcp-sse-keep-alive").start(() -> {
            try {
                while (true) {
                    Thread.sleep(keepAlive);
                    if (!comment()) {
                        action.run();
                        return;
                    }
                }
            } catch (InterruptedException e) {
                // the response went: nothing more to watch
            }
        });
    }

    /** Writes a keep-alive comment; returns {@code false} when the client is gone, {@code true} otherwise. */
    private synchronized boolean comment() throws InterruptedException {
        if (finished) {
            throw new InterruptedException("answered");
        }
        try {
            open();
            stream.write(": keep-alive\n\n".getBytes(StandardCharsets.US_ASCII));
            stream.flush();
            return true;
        } catch (IOException | UncheckedIOException e) {
            finished = true; // nothing more can reach the client
            return false;
        }
    }

    private void open() {
        if (stream == null) {
            res.status(200).header(HeaderNames.CONTENT_TYPE, "text/event-stream")
                    .header(HeaderNames.CACHE_CONTROL, "no-cache")
                    .header(X_ACCEL_BUFFERING, "no"); // proxies pass events on at once (MCP 2026-07-28 "Streamable HTTP")
            stream = res.outputStream();
        }
    }

    /** Sends a message before the response, opening the stream on the first one; dropped once the response went. */
    @Override
    public synchronized void send(ObjectNode message) {
        if (finished) {
            return; // a late progress report of a tool's own thread: its request is answered
        }
        try {
            open();
            event(message);
        } catch (IOException e) {
            throw new UncheckedIOException("the client went away", e);
        }
    }

    /**
     * Stops sending anything but the response (progress, keep-alive comments) and returns whether the stream is
     * open, so that the response must be its last event ({@link #finish}); else it goes as a plain JSON body.
     */
    synchronized boolean stop() {
        finished = true;
        if (watcher != null) {
            watcher.interrupt();
        }
        return stream != null;
    }

    /** Sends the response as the last event and ends the stream. */
    synchronized void finish(JsonNode response) {
        finished = true;
        if (stream == null) {
            return;
        }
        try (OutputStream out = stream) {
            if (response != null) {
                event(response);
            }
        } catch (IOException | UncheckedIOException e) {
            // the client went away (Helidon reports it unchecked): nothing left to tell it
        }
    }

    private void event(JsonNode message) throws IOException {
        String data;
        try {
            data = mapper.writeValueAsString(message); // compact JSON: one line, as an SSE data field needs
        } catch (JsonProcessingException e) {
            throw new IOException(e);
        }
        stream.write(("event: message\ndata: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
        stream.flush();
    }
}
