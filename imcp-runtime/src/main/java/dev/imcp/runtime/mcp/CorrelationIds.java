package dev.imcp.runtime.mcp;

import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Chooses a request's correlation id, the one the audit event, the server log and the upstream requests
 * ({@value #HEADER}) carry: the client's {@value #HEADER} header when it is an acceptable one, else the trace id of
 * the request's W3C {@code traceparent} (32 hex digits), else a fresh {@link #create() UUID version 7}.
 *
 * <p>An acceptable header value is 1 to {@value #MAX_LENGTH} characters of {@code A-Z a-z 0-9 . _ : -} (a UUID, a
 * trace id, a ULID, {@code req-42:retry}); surrounding white space is ignored. Anything else (too long, spaces,
 * quotes, control or non-ASCII characters) is not passed to the logs or upstream and is treated as absent, as a
 * malformed {@code traceparent} is (W3C Trace Context, section 3.2.2): log lines and upstream headers cannot be
 * forged or bloated through it.
 */
public final class CorrelationIds {

    /** The HTTP header that carries a correlation id, from the client and to the upstreams. */
    public static final String HEADER = "X-Correlation-ID";

    /** The longest accepted header value, in characters. */
    public static final int MAX_LENGTH = 128;

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:-]{1," + MAX_LENGTH + "}");

    private CorrelationIds() {
    }

    /**
     * Returns {@code value} stripped when it is an acceptable correlation id, else empty.
     *
     * @param value a header value, or {@code null}
     * @return the correlation id the value gives, if any
     */
    public static Optional<String> accept(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String v = value.strip();
        return SAFE.matcher(v).matches() ? Optional.of(v) : Optional.empty();
    }

    /**
     * Returns the correlation id of a request.
     *
     * @param header the client's {@value #HEADER} header, empty when none
     * @param trace the request's trace context, empty when none
     * @return the header's value when acceptable, else the trace id, else {@link #create()}
     */
    public static String choose(Optional<String> header, Optional<TraceContext> trace) {
        return header.flatMap(CorrelationIds::accept)
                .or(() -> trace.map(TraceContext::traceId))
                .orElseGet(CorrelationIds::create);
    }

    /**
     * Returns a new correlation id: a UUID version 7 (RFC 9562, section 5.7) in its 36-character text form, whose
     * first 48 bits are the Unix time in milliseconds, so that ids sort by the millisecond they were made in (not
     * within one), and whose other 74 free bits are random.
     *
     * <p>The random bits come from {@link ThreadLocalRandom}, not a {@link java.security.SecureRandom}: a
     * correlation id must be unique, not unguessable (it is written to logs and sent upstream, and grants
     * nothing). {@link UUID#randomUUID()} read the shared {@code NativePRNG} under a lock on every request that
     * came without an id, about 2% of the adapter's CPU under load ({@code bench/serve.sh}).
     *
     * @return the id, e.g. {@code 019ac1f2-7c3e-7a41-9d2b-5f0e8c7a1b24}
     */
    public static String create() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long millis = System.currentTimeMillis() & 0xFFFF_FFFF_FFFFL;
        long high = millis << 16 | 0x7000L | random.nextInt(1 << 12);
        long low = random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL | 0x8000_0000_0000_0000L;
        return new UUID(high, low).toString();
    }
}
