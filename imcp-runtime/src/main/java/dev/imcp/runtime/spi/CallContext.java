package dev.imcp.runtime.spi;

import java.time.Instant;
import java.util.Optional;

/**
 * What a tool knows about the request that called it; the runtime passes one to every {@link Tool#call}.
 *
 * <p>The same context reaches a tool whatever the transport (Streamable HTTP today; stdio and a REST facade
 * later), so a tool never looks at HTTP headers. Every method is cheap and thread-safe.
 */
public interface CallContext {

    /**
     * Returns the MCP revision the request was made under, e.g. {@code 2025-11-25} (MCP "Lifecycle",
     * "Version Negotiation"): the session's negotiated revision when the revision has sessions.
     */
    String protocolVersion();

    /** Returns the authenticated caller's name ({@code anonymous} when authentication is off). */
    String callerName();

    /** Returns the MCP session id ({@code Mcp-Session-Id}), empty when the revision or transport has no session. */
    Optional<String> sessionId();

    /**
     * Returns the correlation id of this request: the client's {@code X-Correlation-ID} (1 to 128 of
     * {@code A-Z a-z 0-9 . _ : -}), else the trace id of its {@code traceparent}, else a UUID version 7; also written to
     * the audit event and the logs, and sent to the upstreams as {@code X-Correlation-ID}.
     */
    String correlationId();

    /**
     * Returns the instant after which the runtime stops waiting for the tool: the call is then answered as a tool
     * result with {@code isError: true} and {@link #cancellation()} is cancelled.
     */
    Instant deadline();

    /**
     * Returns the request's cancellation token: cancelled by the client's {@code notifications/cancelled}
     * (MCP "Utilities", "Cancellation"), by the deadline or when the transport closes. Long upstream calls should
     * observe it; the runtime also interrupts the calling thread when it fires, which aborts a blocking
     * upstream exchange (a blocked socket read of a virtual thread).
     */
    Cancellation cancellation();

    /**
     * Returns where progress goes (MCP "Utilities", "Progress"): {@code notifications/progress} carrying the
     * request's {@code _meta.progressToken}, or a sink that drops everything when the client sent no token.
     */
    ProgressSink progress();

    /**
     * Returns the W3C Trace Context {@code traceparent} of the request (from {@code params._meta.traceparent}, else
     * the transport's {@code traceparent} header), validated as {@code 00-<32 hex>-<16 hex>-<2 hex>}; empty when
     * none or malformed.
     */
    Optional<String> traceparent();
}
