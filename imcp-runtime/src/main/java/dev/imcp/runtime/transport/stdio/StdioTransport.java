package dev.imcp.runtime.transport.stdio;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imcp.runtime.mcp.Inbound;
import dev.imcp.runtime.mcp.McpEndpoint;
import dev.imcp.runtime.mcp.MessageSink;
import dev.imcp.runtime.mcp.Reply;
import dev.imcp.runtime.security.Caller;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The MCP stdio transport (MCP 2025-03-26, 2025-06-18 and 2025-11-25, "Transports", "stdio"): the client launches
 * the adapter as a subprocess, writes JSON-RPC messages to its standard input and reads the answers from its
 * standard output, one message per line.
 *
 * <ul>
 *   <li>Framing: a message is the UTF-8 bytes up to a {@code \n} (a trailing {@code \r} is dropped; blank lines
 *       are skipped); a line longer than {@code maxLineBytes} is read to its end and answered with -32600. Every
 *       message goes to {@link McpEndpoint#handle}; a line that is not JSON is answered with a -32700 error line
 *       and the transport keeps serving.</li>
 *   <li>Output: each reply body, and each message a request sends before its response (a tool's
 *       {@code notifications/progress}), is written as one line of compact JSON (JSON escapes every control
 *       character, so a message never contains a newline). Writes are serialized; nothing else is written to the
 *       output stream, which the caller must keep for this transport alone.</li>
 *   <li>Sessions: the client is the local process user; every message is the caller {@link #CALLER} and no API
 *       key is asked for. Until the first {@code initialize} is answered messages are handled one after the other,
 *       so the session id it returns is passed with every later message; after that requests are handled
 *       concurrently, each on its own virtual thread. When the session id expires ({@code imcp.session.ttl}) the
 *       transport opens a new session with the client's own {@code initialize} message, unseen, since a stdio
 *       client has no way to learn that it must initialize again.</li>
 *   <li>End: at end of input (the client closed the pipe) no new message is read; requests in flight get up to
 *       {@code grace} to finish, then the session ends, which cancels the rest (each is answered as cancelled;
 *       their threads are interrupted too), and {@link #run} returns once every answer is written. {@link #stop} does
 *       the same from another thread (SIGTERM).</li>
 * </ul>
 */
public final class StdioTransport {

    /** The caller of every stdio message: the process user that launched the adapter. */
    public static final Caller CALLER = new Caller("stdio");

    private static final System.Logger LOG = System.getLogger(StdioTransport.class.getName());
    private static final byte[] NEWLINE = {'\n'};

    private final McpEndpoint endpoint;
    private final ObjectMapper mapper;
    private final int maxLineBytes;
    private final Duration grace;
    private final Object writeLock = new Object();
    private volatile String sessionId;
    private volatile byte[] initialize;
    private volatile boolean closing;
    private volatile boolean stopped;
    private volatile ExecutorService running;
    private final java.util.concurrent.atomic.AtomicBoolean finished = new java.util.concurrent.atomic.AtomicBoolean();

    /**
     * @param endpoint answers the messages
     * @param mapper writes the replies
     * @param maxLineBytes the longest message accepted, in bytes (without the line end)
     * @param grace how long requests still in flight at end of input may run before they are cancelled
     */
    public StdioTransport(McpEndpoint endpoint, ObjectMapper mapper, int maxLineBytes, Duration grace) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        if (maxLineBytes <= 0) {
            throw new IllegalArgumentException("maxLineBytes must be positive");
        }
        this.maxLineBytes = maxLineBytes;
        this.grace = Objects.requireNonNull(grace, "grace");
    }

    /**
     * Serves until end of input, then waits for the requests in flight (see the class comment) and returns.
     *
     * @param in the client's messages (standard input)
     * @param out where answers go (the process's real standard output); flushed after each line, not closed
     * @throws IOException when reading the input fails
     */
    public void run(InputStream input, OutputStream out) throws IOException {
        InputStream in = input instanceof BufferedInputStream ? input : new BufferedInputStream(input);
        MessageSink sink = message -> write(out, message);
        try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
            running = workers;
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            boolean tooLong = false;
            int b;
            while (!stopped && (b = in.read()) != -1) {
                if (b != '\n') {
                    if (line.size() < maxLineBytes + 1) {
                        line.write(b);
                    } else {
                        tooLong = true;
                    }
                    continue;
                }
                byte[] message = strip(line.toByteArray());
                line.reset();
                if (tooLong || message.length > maxLineBytes) {
                    tooLong = false;
                    write(out, tooLongError());
                } else if (message.length > 0) {
                    dispatch(message, out, sink, workers);
                }
            }
            byte[] last = strip(line.toByteArray());
            if (last.length > 0 && !tooLong && !stopped) {
                dispatch(last, out, sink, workers); // a last message without a line end
            }
            finish(workers);
        }
    }

    /**
     * Stops serving as at end of input, from another thread (SIGTERM, {@code ImcpServer.main}): no further message
     * is handled, the requests in flight get up to {@code grace} to finish, then the rest are cancelled; returns once
     * they are answered. {@link #run} may stay blocked reading the input: exit the process afterwards.
     */
    public void stop() {
        stopped = true;
        ExecutorService workers = running;
        if (workers != null) {
            finish(workers);
        }
    }

    /** Lets the requests in flight finish within {@code grace}, then cancels the rest; once, whoever comes first. */
    private void finish(ExecutorService workers) {
        if (!finished.compareAndSet(false, true)) {
            workers.close(); // the other caller is finishing: wait for it
            return;
        }
        workers.shutdown();
        if (!awaitQuietly(workers, grace)) {
            closing = true; // no session is reopened from now on
            if (sessionId != null) {
                endpoint.endSession(CALLER, Optional.of(sessionId)); // cancels the requests in flight
            }
            workers.shutdownNow(); // and interrupts any that had not yet registered with the session
        }
        workers.close();
    }

    private void dispatch(byte[] message, OutputStream out, MessageSink sink, ExecutorService workers) {
        if (stopped) {
            return;
        }
        if (sessionId == null) {
            handle(message, out, sink); // before the session exists: in order, so initialize's id is known next
        } else {
            workers.execute(() -> handle(message, out, sink));
        }
    }

    private void handle(byte[] message, OutputStream out, MessageSink sink) {
        Reply reply = endpoint.handle(message, inbound(sessionId, sink));
        if (reply.sessionId() != null) {
            sessionId = reply.sessionId();
            initialize = message;
        } else if (reply.kind() == Reply.Kind.SESSION_NOT_FOUND && initialize != null && !closing) {
            // The id outlived imcp.session.ttl. Over stdio the client cannot be told to initialize again (HTTP's
            // 404), and the process is its session: open a new one as the client did, unseen, and answer on it.
            Reply reopened = endpoint.handle(initialize, inbound(null, MessageSink.NONE));
            if (reopened.sessionId() != null) {
                sessionId = reopened.sessionId();
                reply = endpoint.handle(message, inbound(sessionId, sink));
            }
        }
        if (reply.body() != null) {
            write(out, reply.body());
        }
    }

    private static Inbound inbound(String session, MessageSink sink) {
        return new Inbound(CALLER, Optional.ofNullable(session), Optional.empty(), Optional.empty(), sink);
    }

    private void write(OutputStream out, JsonNode message) {
        byte[] bytes;
        try {
            bytes = mapper.writeValueAsBytes(message); // compact: no newline inside
        } catch (JsonProcessingException e) {
            bytes = "{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32603,\"message\":\"Internal error\"}}"
                    .getBytes(StandardCharsets.UTF_8);
        }
        synchronized (writeLock) {
            try {
                out.write(bytes);
                out.write(NEWLINE);
                out.flush();
            } catch (IOException e) {
                LOG.log(System.Logger.Level.DEBUG, "stdio: the client stopped reading", e);
            }
        }
    }

    private JsonNode tooLongError() {
        return mapper.createObjectNode().put("jsonrpc", "2.0").set("error", mapper.createObjectNode()
                .put("code", -32600).put("message", "Invalid Request: the message is longer than " + maxLineBytes + " bytes"));
    }

    /** Drops the blanks around a line and a trailing {@code \r} (JSON allows them; a Windows client sends CRLF). */
    private static byte[] strip(byte[] line) {
        int end = line.length;
        while (end > 0 && (line[end - 1] == '\r' || line[end - 1] == ' ' || line[end - 1] == '\t')) {
            end--;
        }
        int start = 0;
        while (start < end && (line[start] == ' ' || line[start] == '\t')) {
            start++;
        }
        return start == 0 && end == line.length ? line : Arrays.copyOfRange(line, start, end);
    }

    private static boolean awaitQuietly(ExecutorService workers, Duration timeout) {
        try {
            return workers.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
