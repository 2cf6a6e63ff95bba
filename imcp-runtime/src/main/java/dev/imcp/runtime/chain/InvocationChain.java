package dev.imcp.runtime.chain;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.imcp.runtime.mcp.McpError;

import java.util.List;

/**
 * The ordered {@link InvocationLink}s every tool call passes through; the first one sees the call first and the
 * result last. The last link must answer without calling {@code next} (normally {@link UpstreamCallLink}).
 * Immutable and thread-safe.
 *
 * <p>The default order, built by {@code AdapterRuntime}: {@link AuditLink} (records every call, whatever happens
 * after it), {@link PolicyLink} (finds the tool as the caller may see it), {@link RateLimitLink} (token buckets per
 * caller and tool), {@link ArgumentsLink} (defaults, schema validation, binding), {@link ResultSizeLink} (the size cap of the
 * result), {@link LimitsLink} (deadline and cancellation), {@link ResilienceLink} (retries, bulkhead, circuit breaker), {@link UpstreamCallLink} (calls the
 * tool).
 */
public final class InvocationChain {

    private final List<InvocationLink> links;

    /**
     * @param links the links, outermost first; at least one
     * @throws IllegalArgumentException when {@code links} is empty
     */
    public InvocationChain(List<InvocationLink> links) {
        if (links.isEmpty()) {
            throw new IllegalArgumentException("an invocation chain needs at least one link");
        }
        this.links = List.copyOf(links);
    }

    /** Returns the links, outermost first. */
    public List<InvocationLink> links() {
        return links;
    }

    /**
     * Runs a call through every link.
     *
     * @param invocation the call
     * @return the {@code CallToolResult}
     * @throws McpError when a link refuses the call
     * @throws IllegalStateException when the last link calls {@code next}
     */
    public ObjectNode invoke(ToolInvocation invocation) throws McpError {
        return proceed(0, invocation);
    }

    private ObjectNode proceed(int index, ToolInvocation invocation) throws McpError {
        if (index == links.size()) {
            throw new IllegalStateException("the last link of the invocation chain must answer the call itself");
        }
        return links.get(index).invoke(invocation, next -> proceed(index + 1, next));
    }
}
