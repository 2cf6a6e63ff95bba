package dev.imcp.runtime.chain;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.imcp.runtime.audit.AuditEvent;
import dev.imcp.runtime.audit.AuditLog;
import dev.imcp.runtime.mcp.McpError;
import dev.imcp.runtime.mcp.RequestContext;
import dev.imcp.runtime.mcp.TraceContext;

import java.time.Instant;

/**
 * Records one {@link AuditEvent} per tool call, whatever the later links do (refuse, fail, answer), with the
 * outcome they set on the {@link ToolInvocation} and the time the rest of the chain took. Put it first, so that
 * it sees every call. Writing happens off the request path ({@link AuditLog}).
 */
public final class AuditLink implements InvocationLink {

    private final AuditLog audit;

    /**
     * @param audit where events go
     */
    public AuditLink(AuditLog audit) {
        this.audit = audit;
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
                    invocation.tool() == null ? null : invocation.tool().inputSchema()));
        }
    }
}
