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
    private OutputStream stream;
    private boolean finished;

    SseReply(ServerResponse res, ObjectMapper mapper) {
        this.res = res;
        this.mapper = mapper;
    }

    /** Sends a message before the response, opening the stream on the first one; dropped once the response went. */
    @Override
    public synchronized void send(ObjectNode message) {
        if (finished) {
            return; // a late progress report of a tool's own thread: its request is answered
        }
        try {
            if (stream == null) {
                res.status(200).header(HeaderNames.CONTENT_TYPE, "text/event-stream")
                        .header(HeaderNames.CACHE_CONTROL, "no-cache")
                        .header(X_ACCEL_BUFFERING, "no"); // proxies pass events on at once (MCP 2026-07-28 "Streamable HTTP")
                stream = res.outputStream();
            }
            event(message);
        } catch (IOException e) {
            throw new UncheckedIOException("the client went away", e);
        }
    }

    /** Returns whether the stream is open, so that the response must be its last event. */
    synchronized boolean streaming() {
        return stream != null;
    }

    /** Sends the response as the last event and ends the stream. */
    synchronized void finish(JsonNode response) {
        finished = true;
        try (OutputStream out = stream) {
            if (response != null) {
                event(response);
            }
        } catch (IOException e) {
            // the client went away: nothing left to tell it
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
