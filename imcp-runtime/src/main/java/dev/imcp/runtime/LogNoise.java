package dev.imcp.runtime;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Filter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Keeps libraries' per-connection and per-call log records from flooding the log, with {@link Filter}s on their
 * {@code java.util.logging} loggers (installed once, whatever {@code logging.properties} the adapter has):
 * <ul>
 *   <li>Helidon ({@value #HELIDON}) logs {@code WARNING "Internal server error"} with a stack trace each time a client
 *       closes its connection before it sent a whole request head, or its connection is closed for being idle too
 *       long, e.g. for each of the thousands of connections of an unauthenticated flood. Such a record becomes one
 *       line without stack trace, at {@code INFO}, at most once a {@linkplain #WINDOW_SECONDS minute}, saying how many
 *       like it were left out since the last one. Any other record of that logger keeps its level and stack
 *       trace: a real server error stays visible.</li>
 *   <li>CXF ({@value #CXF}) logs {@code WARNING "Interceptor for <operation> has thrown exception, unwinding now"}
 *       with a stack trace for every failed SOAP call, which the invocation chain already logs in one line naming the
 *       tool, the correlation id and each cause ({@code chain.UpstreamCallLink}). It becomes one {@code FINE} line
 *       with the exception's class and message and no stack trace, so it shows only when that logger is set to
 *       {@code FINE}.</li>
 * </ul>
 * The loggers are held here: {@code java.util.logging} holds loggers weakly, and a collected one would come back
 * without its filter.
 */
final class LogNoise {

    /** The logger of Helidon's HTTP/1.1 connection handling. */
    static final String HELIDON = "io.helidon.webserver.http1.Http1Connection";
    /** The logger of CXF's interceptor chains. */
    static final String CXF = "org.apache.cxf.phase.PhaseInterceptorChain";
    /** The shortest time between two lines about connections a client left unfinished, in seconds. */
    static final int WINDOW_SECONDS = 60;

    private static final List<Logger> HELD = new java.util.concurrent.CopyOnWriteArrayList<>();
    private static volatile boolean installed;

    private LogNoise() {
    }

    /** Installs the filters, once per JVM. */
    static synchronized void install() {
        if (installed) {
            return;
        }
        installed = true;
        Logger helidon = Logger.getLogger(HELIDON);
        helidon.setFilter(new UnfinishedConnections(helidon.getFilter()));
        Logger cxf = Logger.getLogger(CXF);
        cxf.setFilter(new Unwinding(cxf.getFilter()));
        HELD.add(helidon);
        HELD.add(cxf);
    }

    /** Returns {@code thrown} and its causes as {@code Class: message <- Class: message}, without stack trace. */
    static String summary(Throwable thrown) {
        StringBuilder out = new StringBuilder();
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (!out.isEmpty()) {
                out.append(" <- ");
            }
            out.append(t.getClass().getSimpleName());
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                out.append(": ").append(t.getMessage().replaceAll("\\s+", " ").strip());
            }
        }
        return out.toString();
    }

    /** Whether {@code thrown}'s chain says the client's connection ended or went quiet before its request was read. */
    static boolean unfinished(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String name = t.getClass().getName();
            if (name.equals("io.helidon.common.buffers.DataReader$InsufficientDataAvailableException")
                    || t instanceof java.net.SocketTimeoutException || t instanceof java.net.SocketException) {
                return true;
            }
        }
        return false;
    }

    /** Helidon's records about connections whose request never arrived whole: one line a minute, with a count. */
    static final class UnfinishedConnections implements Filter {
        private final Filter next;
        private final AtomicLong windowStart = new AtomicLong(Long.MIN_VALUE);
        private final AtomicLong left = new AtomicLong();

        UnfinishedConnections(Filter next) {
            this.next = next;
        }

        @Override
        public boolean isLoggable(LogRecord record) {
            if (next != null && !next.isLoggable(record)) {
                return false;
            }
            if (record.getThrown() == null || !unfinished(record.getThrown())) {
                return true;
            }
            long now = System.nanoTime();
            long start = windowStart.get();
            if (start != Long.MIN_VALUE && now - start < WINDOW_SECONDS * 1_000_000_000L
                    || !windowStart.compareAndSet(start, now)) {
                left.incrementAndGet();
                return false;
            }
            long before = left.getAndSet(0);
            record.setLevel(Level.INFO);
            record.setMessage("A client's connection ended before its request was read whole ("
                    + summary(record.getThrown()) + ")" + (before == 0 ? ""
                    : "; " + before + " more like it since the last such line")
                    + "; such lines are logged at most once every " + WINDOW_SECONDS + " s");
            record.setParameters(null);
            record.setThrown(null);
            return true;
        }
    }

    /** CXF's "has thrown exception, unwinding now": one {@code FINE} line without stack trace. */
    static final class Unwinding implements Filter {
        private final Filter next;

        Unwinding(Filter next) {
            this.next = next;
        }

        @Override
        public boolean isLoggable(LogRecord record) {
            if (next != null && !next.isLoggable(record)) {
                return false;
            }
            if (record.getThrown() == null) {
                return true;
            }
            Logger logger = Logger.getLogger(CXF);
            if (!logger.isLoggable(Level.FINE)) {
                return false;
            }
            String message = new java.util.logging.SimpleFormatter().formatMessage(record);
            record.setLevel(Level.FINE);
            record.setMessage(message + ": " + summary(record.getThrown()));
            record.setParameters(null);
            record.setResourceBundle(null);
            record.setThrown(null);
            return true;
        }
    }
}
