package dev.imcp.runtime.chain;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.imcp.runtime.audit.AuditEvent;
import dev.imcp.runtime.mcp.CancellationToken;
import dev.imcp.runtime.mcp.McpError;
import dev.imcp.runtime.upstream.Deadlines;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;

/**
 * Holds a call to its request's deadline and cancellation: a call already cancelled, or past its deadline, does
 * not reach the upstream; otherwise the request's {@link CancellationToken} is set to fire at the deadline
 * (reason {@value #DEADLINE_EXCEEDED}), which {@link UpstreamCallLink} turns into an abort of the upstream call.
 * Either way the client gets a tool result with {@code isError: true} saying why. Rate limits are
 * {@link RateLimitLink}, concurrency limits per upstream {@link ResilienceLink}.
 */
public final class LimitsLink implements InvocationLink {

    /** The cancellation reason when the deadline passes. */
    public static final String DEADLINE_EXCEEDED = "deadline exceeded";

    private final ToolResults results;

    /**
     * @param mapper the JSON mapper
     */
    public LimitsLink(ObjectMapper mapper) {
        this.results = new ToolResults(mapper);
    }

    @Override
    public ObjectNode invoke(ToolInvocation invocation, Next next) throws McpError {
        CancellationToken token = invocation.context().cancellation();
        long millis = Duration.between(Instant.now(), invocation.context().deadline()).toMillis();
        if (millis <= 0) {
            token.cancel(DEADLINE_EXCEEDED);
        }
        if (token.isCancelled()) {
            invocation.status(AuditEvent.Status.ERROR);
            return results.error(cancelledText(invocation, token));
        }
        ScheduledFuture<?> timer = Deadlines.schedule(() -> token.cancel(DEADLINE_EXCEEDED), millis);
        try {
            return next.proceed(invocation);
        } finally {
            timer.cancel(false);
        }
    }

    /** Returns the text of the result of a call that was cancelled or ran out of time. */
    static String cancelledText(ToolInvocation invocation, CancellationToken token) {
        String reason = token.reason().orElse("cancelled");
        return DEADLINE_EXCEEDED.equals(reason)
                ? "Tool " + invocation.name() + " did not finish before its deadline"
                : "Tool " + invocation.name() + " was cancelled: " + reason;
    }
}
