package dev.imcp.runtime.mcp;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Chooses a request's correlation id, the one the audit event, the server log and the upstream requests
 * ({@value #HEADER}) carry: the client's {@value #HEADER} header when it is an acceptable one, else the trace id of
 * the request's W3C {@code traceparent} (32 hex digits), else a random UUID.
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
     * @return the header's value when acceptable, else the trace id, else a random UUID
     */
    public static String choose(Optional<String> header, Optional<TraceContext> trace) {
        return header.flatMap(CorrelationIds::accept)
                .or(() -> trace.map(TraceContext::traceId))
                .orElseGet(() -> UUID.randomUUID().toString());
    }
}
