package dev.imcp.runtime.audit;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * One audited {@code tools/call}.
 *
 * @param timestamp when the call arrived
 * @param correlationId the call's correlation id: the client's {@code X-Correlation-ID}, else the trace id of its
 *     {@code traceparent}, else a UUID version 7 ({@link dev.imcp.runtime.mcp.CorrelationIds}); also sent upstream
 * @param actor the caller's name ({@code anonymous} when authentication is off)
 * @param sessionId the MCP session id, or {@code null}
 * @param service the service id, or {@code null} when the tool is unknown
 * @param tool the requested tool name, or {@code null} when missing
 * @param status the outcome
 * @param latencyMs time spent handling the call, in milliseconds
 * @param arguments the caller's arguments (redacted by {@link AuditLog} before writing), or {@code null}
 * @param traceId the W3C trace id (32 hex digits) of the request's {@code traceparent}, or {@code null}
 * @param argumentSchema the tool's input schema, whose {@code format: password}, {@code writeOnly: true} and
 *     {@code x-sensitive: true} properties {@link AuditLog} masks in {@code arguments}; {@code null} when the tool is
 *     unknown
 * @param contractSha256 the SHA-256 (lower-case hex) of the contract the tool's service was generated from, which
 *     contract answered; {@code null} when the tool is unknown
 * @param tenant the caller's tenant (an API key's {@code tenant}, a JWT's {@code imcp.auth.jwt.tenant-claim}), which
 *     selects the credential set of a service with {@code tenants}; {@code null} when the caller has none
 */
public record AuditEvent(
        Instant timestamp,
        String correlationId,
        String actor,
        String sessionId,
        String service,
        String tool,
        Status status,
        long latencyMs,
        JsonNode arguments,
        String traceId,
        JsonNode argumentSchema,
        String contractSha256,
        String tenant) {

    /** Checks the required components. */
    public AuditEvent {
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(correlationId, "correlationId");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(status, "status");
    }

    /** An event without an argument schema: only property names and configured secrets decide what is masked. */
    public AuditEvent(Instant timestamp, String correlationId, String actor, String sessionId, String service, String tool,
            Status status, long latencyMs, JsonNode arguments, String traceId) {
        this(timestamp, correlationId, actor, sessionId, service, tool, status, latencyMs, arguments, traceId, null, null);
    }

    /** An event of a caller without a tenant. */
    public AuditEvent(Instant timestamp, String correlationId, String actor, String sessionId, String service, String tool,
            Status status, long latencyMs, JsonNode arguments, String traceId, JsonNode argumentSchema,
            String contractSha256) {
        this(timestamp, correlationId, actor, sessionId, service, tool, status, latencyMs, arguments, traceId,
                argumentSchema, contractSha256, null);
    }

    /** An event without the contract's hash. */
    public AuditEvent(Instant timestamp, String correlationId, String actor, String sessionId, String service, String tool,
            Status status, long latencyMs, JsonNode arguments, String traceId, JsonNode argumentSchema) {
        this(timestamp, correlationId, actor, sessionId, service, tool, status, latencyMs, arguments, traceId,
                argumentSchema, null);
    }

    /** The outcome of a call; {@link #wire()} is the {@code status} field's value. */
    public enum Status {
        /** The tool returned a result. */
        OK,
        /** The tool returned a result with {@code isError: true} (upstream failure or invalid arguments in 2025-11-25). */
        ERROR,
        /** Refused for want of capacity, with {@code isError: true}: a rate limit, a full bulkhead, an open circuit breaker. */
        LIMITED,
        /** JSON-RPC -32602 for bad arguments or a missing name. */
        INVALID,
        /** The tool is unknown or hidden by policy (reported the same way to the caller). */
        UNKNOWN,
        /** JSON-RPC -32603: a bug or unexpected failure of the runtime. */
        INTERNAL,
        /**
         * Refused before MCP: authentication failed (HTTP 401), a required scope is missing (403) or the token issuer's
         * keys cannot be fetched (503); written by {@link AuditLog#refused}.
         */
        REFUSED;

        /** Returns the lower-case wire value. */
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
