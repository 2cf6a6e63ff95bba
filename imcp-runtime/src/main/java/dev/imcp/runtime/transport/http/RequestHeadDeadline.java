package dev.imcp.runtime.transport.http;

import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.http1.Http1ConnectionListener;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Closes an HTTP/1.1 connection whose client sent a request line but not, within a bound, the rest of the request
 * head (its header fields and the empty line after them, RFC 9112 section 2.1): a slow-loris, or a flood's half-sent
 * requests. Helidon 4.3 has no such timeout, and its {@code idle-connection-timeout} leaves such a connection open
 * for good: it counts from the request line and then only closes a connection waiting for a request line, never one
 * reading a request's headers; nor does it apply {@code connection-options.read-timeout} to accepted sockets.
 *
 * <p>As a receive listener of Helidon's HTTP/1.1 connections it is told, on the connection's own thread, when a
 * request line has been read ({@link #prologue}) and when its headers have ({@link #headers}); a request whose headers
 * have not come within the bound gets its connection's thread interrupted, which closes the socket of a virtual
 * thread blocked reading it (as Helidon's idle timeout does), so the connection ends without an answer. The time
 * after the headers (the body, the tool call, an SSE stream) is not bounded here; a connection waiting for its next
 * request line is Helidon's idle timeout's. Thread-safe.
 */
public final class RequestHeadDeadline implements Http1ConnectionListener, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(RequestHeadDeadline.class.getName());

    /** A request line read whose headers are awaited, on the connection's thread. */
    private static final class Pending {
        private final Thread thread = Thread.currentThread();
        private volatile java.util.concurrent.Future<?> expiry;
    }

    private final Duration timeout;
    private final ScheduledThreadPoolExecutor timer;
    private final Map<ConnectionContext, Pending> pending = new ConcurrentHashMap<>();
    private final AtomicLong closed = new AtomicLong();

    /** @param timeout how long after its request line a request's headers may take to arrive (positive) */
    public RequestHeadDeadline(Duration timeout) {
        if (!timeout.isPositive()) {
            throw new IllegalArgumentException("the request head timeout must be positive, was " + timeout);
        }
        this.timeout = timeout;
        // Every request schedules a timer and cancels it when its headers are in: a timer that drops cancelled ones
        // at once, or at 15,000 requests/s and 20 s it would hold 300,000 of them and their Pending objects, copied
        // by every young collection (7 MB of survivors per collection, the pause that was the serving p99).
        this.timer = dev.imcp.runtime.upstream.Deadlines.timer("imcp-request-head-deadline");
    }

    /** Returns how many timers are queued: one per request whose headers are still awaited. */
    int queued() {
        return timer.getQueue().size();
    }

    @Override
    public void prologue(ConnectionContext ctx, HttpPrologue prologue) {
        Pending p = new Pending();
        Pending previous = pending.put(ctx, p);
        if (previous != null && previous.expiry != null) {
            previous.expiry.cancel(false);
        }
        p.expiry = timer.schedule(() -> expire(ctx, p), timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void headers(ConnectionContext ctx, Headers headers) {
        Pending p = pending.remove(ctx);
        if (p != null && p.expiry != null) {
            p.expiry.cancel(false);
        }
    }

    private void expire(ConnectionContext ctx, Pending p) {
        if (pending.remove(ctx, p)) {
            long n = closed.incrementAndGet();
            if (n == 1 || n % 1000 == 0) {
                LOG.log(System.Logger.Level.INFO, "Closed a connection whose client sent a request line but not its "
                        + "headers within " + timeout.toMillis() + " ms (" + n + " so far; this line repeats every"
                        + " 1000)");
            }
            p.thread.interrupt();
        }
    }

    /** Returns how many connections have been closed for an unfinished request head. */
    public long closedConnections() {
        return closed.get();
    }

    /** Stops the timer. */
    @Override
    public void close() {
        timer.shutdownNow();
    }
}
