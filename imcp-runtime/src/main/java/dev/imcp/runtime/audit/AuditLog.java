package dev.imcp.runtime.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.ErrorManager;
import java.util.logging.FileHandler;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * Writes {@link AuditEvent}s as JSON lines off the request path: {@link #record} only queues the event;
 * one daemon thread redacts, serializes, writes and flushes each line.
 *
 * <p>Line shape: {@code {"timestamp", "correlation_id", "actor", "tenant"?, "session_id", "service", "tool", "contract_sha256",
 * "status", "latency_ms", "arguments", "trace_id"?, "dropped_events"?}} ({@code contract_sha256}: the SHA-256 of the
 * contract of the tool's service, {@code null} for an unknown tool; {@code tenant}: the caller's tenant, when it has
 * one); a refused request's line is {@link #refused}'s. The sink is a file, standard error (the default:
 * standard output is the stdio transport's protocol stream, which one stray line would corrupt) or standard output.
 *
 * <p>A file may rotate by size ({@code imcp.audit.max-file-bytes}, {@code imcp.audit.max-files}), with the JDK's
 * {@link FileHandler}: the lines go to {@code <file>.0}; once it holds {@code maxFileBytes} or more, it becomes
 * {@code <file>.1} (the older ones move up by one, the oldest of {@code maxFiles} is deleted) and a new
 * {@code <file>.0} is begun. The check follows a whole line, so a line is never split across files (a file ends
 * at most one line past the limit). While the log is open, {@code <file>.0.lck} marks the files as taken; a second
 * process given the same file writes to {@code <file>.0.1} and so on instead ({@link FileHandler}'s unique number).
 *
 * <p>Bounds, so that a slow or stalled sink and large arguments cost neither memory nor the request path:
 * <ul>
 * <li>the queue holds at most {@code queueCapacity} events ({@code imcp.audit.queue-capacity}); an event that finds
 * it full is dropped and counted ({@link #dropped()}), and a WARNING saying how many were dropped is logged at most
 * once per {@link #DROP_REPORT_INTERVAL} (and once more at {@link #close()} for drops not yet reported); the next
 * line written says how many events were dropped since the line before it ({@code "dropped_events": n}), so the
 * audit trail itself shows where it has a gap;
 * <li>the {@code arguments} of one line take at most {@code maxArgumentBytes} bytes of JSON
 * ({@code imcp.audit.max-argument-bytes}): the longest strings, at any depth, are replaced by the text
 * {@code "[<n> bytes left out]"} ({@code n}: the UTF-8 bytes of the JSON that was replaced) until the arguments fit,
 * so the line stays valid JSON and keeps the small values; then the largest top-level values; arguments that still
 * do not fit become that text as a whole.
 * </ul>
 */
public final class AuditLog implements AutoCloseable {

    /** The default of {@code imcp.audit.queue-capacity}: events waiting to be written. */
    public static final int DEFAULT_QUEUE_CAPACITY = 10_000;

    /** The default of {@code imcp.audit.max-argument-bytes}: 8 KiB of JSON per line's {@code arguments}. */
    public static final int DEFAULT_MAX_ARGUMENT_BYTES = 8 * 1024;

    /** The smallest {@code imcp.audit.max-argument-bytes}: room for a marker. */
    public static final int MIN_ARGUMENT_BYTES = 64;

    /** The shortest string, in bytes of JSON, that the argument cap replaces by a marker. */
    static final int MIN_LEFT_OUT = 32;

    /** The default of {@code imcp.audit.max-files}: files kept when the audit file rotates, the current one included. */
    public static final int DEFAULT_MAX_FILES = 10;

    /** The smallest {@code imcp.audit.max-file-bytes} that turns rotation on. */
    public static final long MIN_FILE_BYTES = 1024;

    /** The shortest period between two WARNING lines about dropped events. */
    public static final Duration DROP_REPORT_INTERVAL = Duration.ofSeconds(60);

    private static final System.Logger LOG = System.getLogger(AuditLog.class.getName());

    private final ObjectMapper mapper = new ObjectMapper();
    private final Redactor redactor;
    private final Sink out;
    private final int queueCapacity;
    private final int maxArgumentBytes;
    private final ThreadPoolExecutor writer;
    private final AtomicLong dropped = new AtomicLong();
    /** Drops counted in {@link #dropped} but not yet reported in a WARNING line. */
    private final AtomicLong unreported = new AtomicLong();
    /** Drops counted in {@link #dropped} but not yet said in an audit line. */
    private final AtomicLong unwritten = new AtomicLong();
    private final AtomicLong lastReport = new AtomicLong(System.nanoTime() - DROP_REPORT_INTERVAL.toNanos());

    /**
     * Opens the sink with the default bounds.
     *
     * @param file the JSON-lines file to append to (created with its parent directories), or {@code null}
     *     for standard error
     * @param redactor masks secrets in every event
     * @throws IOException when the file cannot be opened
     */
    public AuditLog(String file, Redactor redactor) throws IOException {
        this(file, false, redactor, DEFAULT_QUEUE_CAPACITY, DEFAULT_MAX_ARGUMENT_BYTES);
    }

    /**
     * Opens the sink.
     *
     * @param file the JSON-lines file to append to (created with its parent directories), or {@code null}
     *     for a standard stream
     * @param stdout without a file: {@code true} for standard output, {@code false} for standard error
     * @param redactor masks secrets in every event
     * @param queueCapacity how many events may wait to be written (at least 1); more are dropped and counted
     * @param maxArgumentBytes the most bytes of JSON one line's {@code arguments} take (at least 64)
     * @throws IOException when the file cannot be opened
     * @throws IllegalArgumentException when a bound is below its minimum
     */
    public AuditLog(String file, boolean stdout, Redactor redactor, int queueCapacity, int maxArgumentBytes)
            throws IOException {
        this(file, stdout, redactor, queueCapacity, maxArgumentBytes, 0, DEFAULT_MAX_FILES);
    }

    /**
     * Opens the sink, a file rotating by size when {@code maxFileBytes} is positive.
     *
     * @param file the JSON-lines file (created with its parent directories), or {@code null} for a standard stream
     * @param stdout without a file: {@code true} for standard output, {@code false} for standard error
     * @param redactor masks secrets in every event
     * @param queueCapacity how many events may wait to be written (at least 1); more are dropped and counted
     * @param maxArgumentBytes the most bytes of JSON one line's {@code arguments} take (at least 64)
     * @param maxFileBytes with a file: 0 to append to {@code file} itself without rotation, else the size in bytes
     *     (at least {@value #MIN_FILE_BYTES}) from which {@code <file>.0} is rotated
     * @param maxFiles with rotation: how many files are kept, {@code <file>.0} to {@code <file>.<maxFiles - 1>}
     *     (at least 2)
     * @throws IOException when the file cannot be opened
     * @throws IllegalArgumentException when a bound is below its minimum
     */
    public AuditLog(String file, boolean stdout, Redactor redactor, int queueCapacity, int maxArgumentBytes,
            long maxFileBytes, int maxFiles) throws IOException {
        this(file == null ? new StreamSink(stdout ? System.out : System.err, false)
                : maxFileBytes > 0 ? RotatingSink.open(file, maxFileBytes, maxFiles)
                : new StreamSink(open(file), true), redactor, queueCapacity, maxArgumentBytes);
    }

    /**
     * Writes to a stream.
     *
     * @param sink where lines go
     * @param ownsSink whether {@link #close()} closes {@code sink}
     * @param redactor masks secrets in every event
     * @param queueCapacity how many events may wait to be written (at least 1)
     * @param maxArgumentBytes the most bytes of JSON one line's {@code arguments} take (at least 64)
     * @throws IllegalArgumentException when a bound is below its minimum
     */
    AuditLog(PrintStream sink, boolean ownsSink, Redactor redactor, int queueCapacity, int maxArgumentBytes) {
        this(new StreamSink(sink, ownsSink), redactor, queueCapacity, maxArgumentBytes);
    }

    private AuditLog(Sink sink, Redactor redactor, int queueCapacity, int maxArgumentBytes) {
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("imcp.audit.queue-capacity must be at least 1, was " + queueCapacity);
        }
        if (maxArgumentBytes < MIN_ARGUMENT_BYTES) {
            throw new IllegalArgumentException("imcp.audit.max-argument-bytes must be at least " + MIN_ARGUMENT_BYTES
                    + ", was " + maxArgumentBytes);
        }
        this.out = sink;
        this.redactor = redactor;
        this.queueCapacity = queueCapacity;
        this.maxArgumentBytes = maxArgumentBytes;
        this.writer = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(queueCapacity), r -> {
            Thread t = new Thread(r, "imcp-audit");
            t.setDaemon(true);
            return t;
        });
    }

    /** Opens {@code file} for appending, creating it and its parent directories. */
    private static PrintStream open(String file) throws IOException {
        Path path = Path.of(file).toAbsolutePath();
        if (path.getParent() != null) {
            Files.createDirectories(path.getParent());
        }
        OutputStream os = Files.newOutputStream(path, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                StandardOpenOption.WRITE);
        return new PrintStream(os, false, StandardCharsets.UTF_8);
    }

    /**
     * Queues one event; returns at once. When the queue is full the event is dropped and counted.
     *
     * @param event the event to write
     */
    public void record(AuditEvent event) {
        enqueue(() -> write(event), event.correlationId());
    }

    /** Queues the writing of one line; a full queue drops and counts it (reported at most once a minute). */
    private void enqueue(Runnable line, String correlationId) {
        try {
            writer.execute(line);
        } catch (RejectedExecutionException e) {
            if (writer.isShutdown()) {
                LOG.log(System.Logger.Level.WARNING, "Audit log closed; event " + correlationId + " dropped");
                return;
            }
            dropped.incrementAndGet();
            unreported.incrementAndGet();
            unwritten.incrementAndGet();
            long now = System.nanoTime();
            long last = lastReport.get();
            if (now - last >= DROP_REPORT_INTERVAL.toNanos() && lastReport.compareAndSet(last, now)) {
                reportDrops();
            }
        }
    }

    /** Returns how many events were dropped because the queue was full, since the log was opened. */
    public long dropped() {
        return dropped.get();
    }

    private void reportDrops() {
        long count = unreported.getAndSet(0);
        if (count > 0) {
            LOG.log(System.Logger.Level.WARNING, "Audit queue full (imcp.audit.queue-capacity " + queueCapacity
                    + "): " + count + " audit event(s) dropped since the last report, " + dropped.get()
                    + " in total; the audit sink is slower than the calls");
        }
    }

    private void write(AuditEvent e) {
        ObjectNode line = mapper.createObjectNode();
        line.put("timestamp", e.timestamp().toString());
        line.put("correlation_id", e.correlationId());
        line.put("actor", e.actor());
        if (e.tenant() != null) {
            line.put("tenant", e.tenant());
        }
        line.put("session_id", e.sessionId());
        line.put("service", e.service());
        line.put("tool", e.tool());
        line.put("contract_sha256", e.contractSha256());
        line.put("status", e.status().wire());
        line.put("latency_ms", e.latencyMs());
        line.set("arguments", e.arguments() == null ? null : capped(redactor.redact(e.arguments(), e.argumentSchema())));
        if (e.traceId() != null) {
            line.put("trace_id", e.traceId());
        }
        emit(line, e.correlationId());
    }

    /**
     * Queues the audit line of a request refused before it reached MCP: an authentication failure (HTTP 401: no,
     * malformed, expired, wrongly signed or wrong-audience token, unknown API key), a missing scope (403) or an
     * issuer whose keys cannot be fetched (503). The line has {@code timestamp}, a fresh {@code correlation_id},
     * {@code actor} (the caller when known, as for a missing scope, else {@code unauthenticated}), {@code tenant}
     * (that caller's, when it has one), {@code status} {@code refused}, {@code http_status} and {@code reason}; it is
     * redacted like every line and never holds the token. Dropped and counted like any event when the queue is full.
     *
     * @param actor the caller's name, or {@code null} when the request was not authenticated
     * @param tenant the caller's tenant, or {@code null} when not authenticated or it has none
     * @param httpStatus the status answered
     * @param reason why, as told to the client
     */
    public void refused(String actor, String tenant, int httpStatus, String reason) {
        java.time.Instant at = java.time.Instant.now();
        String id = dev.imcp.runtime.mcp.CorrelationIds.create();
        enqueue(() -> {
            ObjectNode line = mapper.createObjectNode();
            line.put("timestamp", at.toString());
            line.put("correlation_id", id);
            line.put("actor", actor == null ? "unauthenticated" : actor);
            if (tenant != null) {
                line.put("tenant", tenant);
            }
            line.put("status", AuditEvent.Status.REFUSED.wire());
            line.put("http_status", httpStatus);
            line.put("reason", reason);
            emit(line, id);
        }, id);
    }

    /** Writes one audit line, redacted (configured secrets in every encoding) as a tree and as text. */
    private void emit(ObjectNode line, String correlationId) {
        long gap = unwritten.getAndSet(0);
        if (gap > 0) {
            line.put("dropped_events", gap);
        }
        try {
            out.line(redactor.redact(mapper.writeValueAsString(redactor.redact(line))));
        } catch (JsonProcessingException ex) {
            unwritten.addAndGet(gap);
            LOG.log(System.Logger.Level.WARNING, "Cannot write audit event " + correlationId + ": "
                    + ex.getClass().getSimpleName());
        }
    }

    /**
     * Returns {@code arguments} (redacted, which may share nodes with the call's arguments, so a copy is cut) within
     * {@link #maxArgumentBytes}: first the strings longer than a threshold (half the cap, then a quarter, ... down to
     * {@value #MIN_LEFT_OUT} bytes) are replaced by {@code "[<n> bytes left out]"}; when many small values still do
     * not fit, the largest top-level values are replaced whole; as a last resort the arguments become one such
     * marker.
     */
    private JsonNode capped(JsonNode arguments) {
        long size = size(arguments);
        if (size <= maxArgumentBytes) {
            return arguments;
        }
        arguments = arguments.deepCopy();
        for (long threshold = maxArgumentBytes / 2; threshold >= MIN_LEFT_OUT; threshold /= 2) {
            size -= leaveOutStrings(arguments, threshold);
            if (size <= maxArgumentBytes) {
                return arguments;
            }
        }
        if (arguments instanceof ObjectNode object) {
            List<Map.Entry<String, Long>> children = new ArrayList<>();
            object.fields().forEachRemaining(f -> children.add(Map.entry(f.getKey(), size(f.getValue()))));
            children.sort(Map.Entry.<String, Long>comparingByValue().reversed());
            for (Map.Entry<String, Long> child : children) {
                if (size <= maxArgumentBytes) {
                    break;
                }
                TextNode marker = leftOut(child.getValue());
                object.set(child.getKey(), marker);
                size -= child.getValue() - size(marker);
            }
            if (size <= maxArgumentBytes) {
                return arguments;
            }
        }
        return leftOut(size(arguments));
    }

    /** Replaces every string in {@code node} whose JSON is longer than {@code threshold} bytes; returns the bytes saved. */
    private long leaveOutStrings(JsonNode node, long threshold) {
        long saved = 0;
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> f : object.properties()) {
                if (f.getValue().isTextual()) {
                    long size = size(f.getValue());
                    if (size > threshold) {
                        TextNode marker = leftOut(size);
                        f.setValue(marker);
                        saved += size - size(marker);
                    }
                } else {
                    saved += leaveOutStrings(f.getValue(), threshold);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                if (array.get(i).isTextual()) {
                    long size = size(array.get(i));
                    if (size > threshold) {
                        TextNode marker = leftOut(size);
                        array.set(i, marker);
                        saved += size - size(marker);
                    }
                } else {
                    saved += leaveOutStrings(array.get(i), threshold);
                }
            }
        }
        return saved;
    }

    private static TextNode leftOut(long bytes) {
        return TextNode.valueOf("[" + bytes + " bytes left out]");
    }

    private long size(JsonNode node) {
        try {
            return mapper.writeValueAsBytes(node).length;
        } catch (JsonProcessingException e) {
            return Long.MAX_VALUE;
        }
    }

    /** Writes the queued events (waiting up to 5 seconds), reports drops not yet reported, and closes the file. */
    @Override
    public void close() {
        reportDrops();
        writer.shutdown();
        try {
            writer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        out.close();
    }

    /** Where lines go; used by the writer thread only (and by {@link #close()} after it ended). */
    private interface Sink {
        /** Writes one line (a newline is added) and flushes it. */
        void line(String json);

        /** Closes what the sink opened. */
        void close();
    }

    /** A stream: a file without rotation, or a standard stream (never closed). */
    private record StreamSink(PrintStream stream, boolean owned) implements Sink {
        @Override
        public void line(String json) {
            stream.println(json);
            stream.flush();
        }

        @Override
        public void close() {
            if (owned) {
                stream.close();
            }
        }
    }

    /** A file rotating by size: the JDK's {@link FileHandler}, one record per line, the line as it is. */
    private record RotatingSink(FileHandler handler) implements Sink {

        static RotatingSink open(String file, long maxFileBytes, int maxFiles) throws IOException {
            if (maxFileBytes < MIN_FILE_BYTES) {
                throw new IllegalArgumentException("imcp.audit.max-file-bytes must be 0 (no rotation) or at least "
                        + MIN_FILE_BYTES + ", was " + maxFileBytes);
            }
            if (maxFiles < 2) {
                throw new IllegalArgumentException("imcp.audit.max-files must be at least 2, was " + maxFiles);
            }
            Path path = Path.of(file).toAbsolutePath();
            if (path.getParent() != null) {
                Files.createDirectories(path.getParent());
            }
            // '%' starts a FileHandler pattern escape (%t, %h, %g, %u); a configured path means itself
            FileHandler handler = new FileHandler(path.toString().replace("%", "%%"), maxFileBytes, maxFiles, true);
            handler.setEncoding(StandardCharsets.UTF_8.name());
            handler.setLevel(Level.ALL);
            handler.setFormatter(new Formatter() {
                @Override
                public String format(LogRecord record) {
                    return record.getMessage() + System.lineSeparator();
                }
            });
            handler.setErrorManager(new ErrorManager() {
                private long last = System.nanoTime() - DROP_REPORT_INTERVAL.toNanos();

                @Override
                public synchronized void error(String msg, Exception ex, int code) {
                    long now = System.nanoTime();
                    if (now - last >= DROP_REPORT_INTERVAL.toNanos()) { // a full disk fails every line: once a minute
                        last = now;
                        LOG.log(System.Logger.Level.WARNING, "Cannot write the audit file " + file + ": " + msg
                                + (ex == null ? "" : " (" + ex + ")"));
                    }
                }
            });
            return new RotatingSink(handler);
        }

        @Override
        public void line(String json) {
            handler.publish(new LogRecord(Level.INFO, json)); // FileHandler flushes, then rotates when full
        }

        @Override
        public void close() {
            handler.close();
        }
    }
}
