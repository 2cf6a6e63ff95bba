package dev.imcp.runtime.spi;

/**
 * The upstream answered with an error or could not be reached. Reported to the MCP caller as a tool
 * result with {@code isError: true} carrying {@link #getMessage()} and the upstream's (redacted) body.
 */
public class UpstreamException extends Exception {

    private static final long serialVersionUID = 1L;

    /** The HTTP status the upstream answered with, or 0 when it gave none (connection failure). */
    private final int status;
    /** The upstream's response body as text (truncated by the runtime), or {@code ""}. */
    private final String body;
    /** How long the upstream asked callers to wait (its {@code Retry-After}), or {@code null}. */
    private final java.time.Duration retryAfter;

    /**
     * @param status the upstream's HTTP status, 0 when none
     * @param message what went wrong, without secrets
     * @param body the upstream's response body, or {@code ""}
     */
    public UpstreamException(int status, String message, String body) {
        this(status, message, body, null);
    }

    /**
     * @param status the upstream's HTTP status, 0 when none
     * @param message what went wrong, without secrets
     * @param body the upstream's response body, or {@code ""}
     * @param cause what the client or parser threw (a timeout, a refused connection, a body that does not fit the
     *     output type), from which the runtime tells the caller what failed; or {@code null}
     */
    public UpstreamException(int status, String message, String body, Throwable cause) {
        this(status, message, body, cause, null);
    }

    /**
     * @param status the upstream's HTTP status, 0 when none
     * @param message what went wrong, without secrets
     * @param body the upstream's response body, or {@code ""}
     * @param cause what the client or parser threw, or {@code null}
     * @param retryAfter how long the upstream asked callers to wait before trying again (its {@code Retry-After}
     *     header with a 429 or 503, RFC 9110 section 10.2.3), or {@code null} when it said nothing
     */
    public UpstreamException(int status, String message, String body, Throwable cause, java.time.Duration retryAfter) {
        super(message, cause);
        this.status = status;
        this.body = body == null ? "" : body;
        this.retryAfter = retryAfter;
    }

    /** Returns the upstream's HTTP status, or 0 when it answered none. */
    public int status() {
        return status;
    }

    /** Returns how long the upstream asked callers to wait before trying again, when it said (Retry-After). */
    public java.util.Optional<java.time.Duration> retryAfter() {
        return java.util.Optional.ofNullable(retryAfter);
    }

    /** Returns the upstream's response body, or {@code ""}. */
    public String body() {
        return body;
    }
}
