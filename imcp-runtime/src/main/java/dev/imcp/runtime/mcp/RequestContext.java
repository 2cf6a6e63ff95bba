package dev.imcp.runtime.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imcp.runtime.security.Caller;
import dev.imcp.runtime.spi.CallContext;
import dev.imcp.runtime.spi.ProgressSink;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the server knows about one JSON-RPC request, whatever transport carried it: built by
 * {@link McpEndpoint} for each request and handed to its {@link MethodHandler}, and, as the {@link CallContext},
 * to the tool.
 *
 * @param protocolVersion the revision the request is made under: the session's negotiated one, or for a modern
 *     request the one its {@code params._meta} names (2026-07-28)
 * @param caller the authenticated caller (the transport authenticates)
 * @param session the caller's session, empty for {@code initialize} and for revisions or transports without one
 *     (every 2026-07-28 request: that revision has no sessions)
 * @param requestId the JSON-RPC id (a string or an integer)
 * @param method the JSON-RPC method
 * @param correlationId the client's {@code X-Correlation-ID}, else the trace id, else a UUID version 7 ({@link CorrelationIds});
 *     in the audit event, the logs and the upstream requests
 * @param deadline when the server stops waiting for the request
 * @param cancellation fired by {@code notifications/cancelled}, the deadline or the end of the session
 * @param progress where {@code notifications/progress} go; {@link ProgressSink#NONE} without a progress token
 * @param trace the W3C trace context, from {@code params._meta.traceparent} or the transport
 * @param log where the request's log messages go ({@code notifications/message}); {@link LogSink#NONE} when the
 *     client asked for none
 */
public record RequestContext(
        String protocolVersion,
        Caller caller,
        Optional<Session> session,
        JsonNode requestId,
        String method,
        String correlationId,
        Instant deadline,
        CancellationToken cancellation,
        ProgressSink progress,
        Optional<TraceContext> trace,
        LogSink log) implements CallContext {

    /** Checks the required components. */
    public RequestContext {
        Objects.requireNonNull(protocolVersion, "protocolVersion");
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(correlationId, "correlationId");
        Objects.requireNonNull(deadline, "deadline");
        Objects.requireNonNull(cancellation, "cancellation");
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(trace, "trace");
        Objects.requireNonNull(log, "log");
    }

    /** A context whose log messages are dropped. */
    public RequestContext(String protocolVersion, Caller caller, Optional<Session> session, JsonNode requestId,
            String method, String correlationId, Instant deadline, CancellationToken cancellation, ProgressSink progress,
            Optional<TraceContext> trace) {
        this(protocolVersion, caller, session, requestId, method, correlationId, deadline, cancellation, progress, trace,
                LogSink.NONE);
    }

    /** Returns this context with {@code sink} receiving the progress reports instead. */
    public RequestContext withProgress(ProgressSink sink) {
        return new RequestContext(protocolVersion, caller, session, requestId, method, correlationId, deadline,
                cancellation, sink, trace, log);
    }

    @Override
    public String callerName() {
        return caller.name();
    }

    @Override
    public Optional<String> sessionId() {
        return session.map(Session::id);
    }

    @Override
    public Optional<String> traceparent() {
        return trace.map(TraceContext::traceparent);
    }
}
