package dev.imcp.runtime.mcp;

import dev.imcp.runtime.security.Caller;

import java.util.Objects;
import java.util.Optional;

/**
 * What a transport knows about a message besides its bytes, passed to {@link McpEndpoint#handle}.
 *
 * @param caller the caller the transport authenticated (HTTP: the API key's name)
 * @param sessionId the session the message belongs to (HTTP: {@code Mcp-Session-Id}; stdio: the one its
 *     {@code initialize} opened), empty when none was given
 * @param protocolVersion the revision the transport was told (HTTP: {@code MCP-Protocol-Version}), empty when
 *     none; an unsupported one is refused
 * @param traceparent the transport's W3C {@code traceparent} (HTTP header), empty when none
 * @param sink where server-to-client messages sent while answering go ({@link MessageSink#NONE} when the
 *     transport cannot deliver them)
 * @param standardHeaders the headers that mirror the body (HTTP: {@code MCP-Protocol-Version}, {@code Mcp-Method},
 *     {@code Mcp-Name}), checked against it for modern (2026-07-28) requests; empty for a transport without headers
 *     (stdio), which skips those checks
 * @param correlationId the client's {@code X-Correlation-ID} header as sent (checked by {@link CorrelationIds}),
 *     empty when none
 */
public record Inbound(Caller caller, Optional<String> sessionId, Optional<String> protocolVersion,
                      Optional<String> traceparent, MessageSink sink, Optional<StandardHeaders> standardHeaders,
                      Optional<String> correlationId) {

    /**
     * An inbound message without a correlation id header.
     *
     * @param caller the caller
     * @param sessionId the session id, empty when none
     * @param protocolVersion the revision the transport was told, empty when none
     * @param traceparent the transport's {@code traceparent}, empty when none
     * @param sink where server-to-client messages go
     * @param standardHeaders the headers that mirror the body, empty for a transport without headers
     */
    public Inbound(Caller caller, Optional<String> sessionId, Optional<String> protocolVersion,
                   Optional<String> traceparent, MessageSink sink, Optional<StandardHeaders> standardHeaders) {
        this(caller, sessionId, protocolVersion, traceparent, sink, standardHeaders, Optional.empty());
    }

    /**
     * An inbound message of a transport without headers (stdio): no {@link StandardHeaders}.
     *
     * @param caller the caller
     * @param sessionId the session id, empty when none
     * @param protocolVersion the revision the transport was told, empty when none
     * @param traceparent the transport's {@code traceparent}, empty when none
     * @param sink where server-to-client messages go
     */
    public Inbound(Caller caller, Optional<String> sessionId, Optional<String> protocolVersion,
                   Optional<String> traceparent, MessageSink sink) {
        this(caller, sessionId, protocolVersion, traceparent, sink, Optional.empty(), Optional.empty());
    }

    /** Checks the required components. */
    public Inbound {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(protocolVersion, "protocolVersion");
        Objects.requireNonNull(traceparent, "traceparent");
        Objects.requireNonNull(sink, "sink");
        Objects.requireNonNull(standardHeaders, "standardHeaders");
        Objects.requireNonNull(correlationId, "correlationId");
    }
}
