package dev.imcp.runtime.mcp;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A W3C Trace Context {@code traceparent} (W3C Trace Context Level 1, section 3.2): version {@code 00},
 * a 32-hex-digit trace id, a 16-hex-digit parent id and 2 hex digits of flags, lower case; an all-zero trace or
 * parent id is invalid. MCP carries it in {@code params._meta.traceparent}; an HTTP transport also reads the
 * {@code traceparent} header.
 *
 * @param traceparent the header value, e.g. {@code 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01}
 */
public record TraceContext(String traceparent) {

    private static final Pattern TRACEPARENT = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}");

    /** Returns the 32-hex-digit trace id. */
    public String traceId() {
        return traceparent.substring(3, 35);
    }

    /**
     * Parses a {@code traceparent} value.
     *
     * @param value the value, or {@code null}
     * @return the trace context; empty when absent or malformed (a malformed one is ignored, as the W3C
     *     specification asks)
     */
    public static Optional<TraceContext> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String v = value.strip();
        var m = TRACEPARENT.matcher(v);
        if (!m.matches() || m.group(1).chars().allMatch(c -> c == '0') || m.group(2).chars().allMatch(c -> c == '0')) {
            return Optional.empty();
        }
        return Optional.of(new TraceContext(v));
    }
}
