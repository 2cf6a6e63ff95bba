package dev.imcp.runtime.chain;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.imcp.runtime.audit.AuditEvent;
import dev.imcp.runtime.audit.AuditLog;
import dev.imcp.runtime.mcp.McpError;
import dev.imcp.runtime.mcp.RequestContext;
import dev.imcp.runtime.mcp.TraceContext;

import java.time.Instant;
import java.util.Objects;
import java.util.function.Function;

/**
 * Records one {@link AuditEvent} per tool call, whatever the later links do (refuse, fail, answer), with the
 * outcome they set on the {@link ToolInvocation} and the time the rest of the chain took. Put it first, so that
 * it sees every call. Writing happens off the request path ({@link AuditLog}).
 */
public final class AuditLink implements InvocationLink {

    private final AuditLog audit;
    private final Function<String, String> contractSha256;

    /**
     * @param audit where events go
     */
    public AuditLink(AuditLog audit) {
        this(audit, service -> null);
    }

    /**
     * @param audit where events go
     * @param contractSha256 the SHA-256 of the contract of a service id ({@code null} when unknown), recorded in each
     *     event as which contract answered
     */
    public AuditLink(AuditLog audit, Function<String, String> contractSha256) {
        this.audit = audit;
        this.contractSha256 = Objects.requireNonNull(contractSha256, "contractSha256");
    }

    @Override
    public ObjectNode invoke(ToolInvocation invocation, Next next) throws McpError {
        Instant timestamp = Instant.now();
        long start = System.nanoTime();
        try {
            return next.proceed(invocation);
        } finally {
            RequestContext context = invocation.context();
            audit.record(new AuditEvent(timestamp, context.correlationId(), context.caller().name(),
                    context.sessionId().orElse(null), invocation.service(), invocation.name(), invocation.status(),
                    (System.nanoTime() - start) / 1_000_000L, invocation.arguments(),
                    context.trace().map(TraceContext::traceId).orElse(null),
                    invocation.tool() == null ? null : invocation.tool().inputSchema(),
                    invocation.service() == null ? null : contractSha256.apply(invocation.service()),
                    context.caller().tenant()));
        }
    }
}
