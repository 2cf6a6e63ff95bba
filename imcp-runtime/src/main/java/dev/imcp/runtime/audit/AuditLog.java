package dev.imcp.runtime.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Writes {@link AuditEvent}s as JSON lines off the request path: {@link #record} only queues the event;
 * one daemon thread redacts, serializes, writes and flushes each line.
 *
 * <p>Line shape: {@code {"timestamp", "correlation_id", "actor", "session_id", "service", "tool", "status",
 * "latency_ms", "arguments", "trace_id"?}}. The sink is a file, standard error (the default: standard output is
 * the stdio transport's protocol stream, which one stray line would corrupt) or standard output.
 */
public final class AuditLog implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(AuditLog.class.getName());

    private final ObjectMapper mapper = new ObjectMapper();
    private final Redactor redactor;
    private final PrintStream out;
    private final boolean ownsStream;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "imcp-audit");
        t.setDaemon(true);
        return t;
    });

    /**
     * Opens the sink.
     *
     * @param file the JSON-lines file to append to (created with its parent directories), or {@code null}
     *     for standard error
     * @param redactor masks secrets in every event
     * @throws IOException when the file cannot be opened
     */
    public AuditLog(String file, Redactor redactor) throws IOException {
        this(file, false, redactor);
    }

    /**
     * Opens the sink.
     *
     * @param file the JSON-lines file to append to (created with its parent directories), or {@code null}
     *     for a standard stream
     * @param stdout without a file: {@code true} for standard output, {@code false} for standard error
     * @param redactor masks secrets in every event
     * @throws IOException when the file cannot be opened
     */
    public AuditLog(String file, boolean stdout, Redactor redactor) throws IOException {
        this.redactor = redactor;
        if (file == null) {
            this.out = stdout ? System.out : System.err;
            this.ownsStream = false;
        } else {
            Path path = Path.of(file).toAbsolutePath();
            if (path.getParent() != null) {
                Files.createDirectories(path.getParent());
            }
            OutputStream os = Files.newOutputStream(path, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                    StandardOpenOption.WRITE);
            this.out = new PrintStream(os, false, StandardCharsets.UTF_8);
            this.ownsStream = true;
        }
    }

    /**
     * Queues one event; returns at once.
     *
     * @param event the event to write
     */
    public void record(AuditEvent event) {
        try {
            writer.execute(() -> write(event));
        } catch (RejectedExecutionException e) {
            LOG.log(System.Logger.Level.WARNING, "Audit log closed; event " + event.correlationId() + " dropped");
        }
    }

    private void write(AuditEvent e) {
        ObjectNode line = mapper.createObjectNode();
        line.put("timestamp", e.timestamp().toString());
        line.put("correlation_id", e.correlationId());
        line.put("actor", e.actor());
        line.put("session_id", e.sessionId());
        line.put("service", e.service());
        line.put("tool", e.tool());
        line.put("status", e.status().wire());
        line.put("latency_ms", e.latencyMs());
        line.set("arguments", e.arguments() == null ? null : e.arguments());
        if (e.traceId() != null) {
            line.put("trace_id", e.traceId());
        }
        try {
            String json = redactor.redact(mapper.writeValueAsString(redactor.redact(line)));
            out.println(json);
            out.flush();
        } catch (JsonProcessingException ex) {
            LOG.log(System.Logger.Level.WARNING, "Cannot write audit event " + e.correlationId() + ": "
                    + ex.getClass().getSimpleName());
        }
    }

    /** Writes the queued events (waiting up to 5 seconds) and closes the file. */
    @Override
    public void close() {
        writer.shutdown();
        try {
            writer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (ownsStream) {
            out.close();
        }
    }
}
