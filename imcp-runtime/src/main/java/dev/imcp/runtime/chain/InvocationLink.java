package dev.imcp.runtime.chain;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.imcp.runtime.mcp.McpError;

/**
 * One link of the {@link InvocationChain} around every tool call, in the style of a servlet filter or a CXF
 * interceptor: it may look at or fill in the {@link ToolInvocation}, answer by itself (a refusal, an
 * {@code isError} result), or pass on to the rest of the chain and look at what comes back.
 *
 * <p>Identity, rate limits, retries or circuit breakers are new links put in the list given to
 * {@link InvocationChain}; nothing else changes.
 */
@FunctionalInterface
public interface InvocationLink {

    /**
     * Handles the call.
     *
     * @param invocation the call
     * @param next the rest of the chain; call {@link Next#proceed} at most once
     * @return the {@code CallToolResult} object (MCP "Tools", "Tool Result")
     * @throws McpError the JSON-RPC error to answer {@code tools/call} with
     */
    ObjectNode invoke(ToolInvocation invocation, Next next) throws McpError;

    /** The links after the current one. */
    @FunctionalInterface
    interface Next {
        /**
         * Passes the call on.
         *
         * @param invocation the call
         * @return the result of the rest of the chain
         * @throws McpError from a later link
         */
        ObjectNode proceed(ToolInvocation invocation) throws McpError;
    }
}
