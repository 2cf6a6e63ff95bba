package dev.imcp.runtime.chain;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.imcp.runtime.audit.AuditEvent;
import dev.imcp.runtime.mcp.JsonRpc;
import dev.imcp.runtime.mcp.McpError;
import dev.imcp.runtime.mcp.RegisteredTool;
import dev.imcp.runtime.mcp.ToolRegistry;

/**
 * Finds the tool a call names as the caller may see it ({@link ToolRegistry} through
 * {@link dev.imcp.runtime.policy.ToolPolicy}: the services' allow and deny lists, then the role and scope rules of
 * {@code imcp.policy.rules}, the same decision as {@code tools/list}): a tool hidden from the caller answers exactly
 * as an unknown one, so its existence is not revealed.
 */
public final class PolicyLink implements InvocationLink {

    private final ToolRegistry registry;

    /**
     * @param registry the tools and their visibility
     */
    public PolicyLink(ToolRegistry registry) {
        this.registry = registry;
    }

    /**
     * {@inheritDoc}
     *
     * @throws McpError -32602 {@code Invalid params: 'name' (the tool name) is required} when the name is missing
     *     or not a string, {@code Unknown tool: <name>} when unknown or hidden (MCP "Tools", "Error Handling")
     */
    @Override
    public ObjectNode invoke(ToolInvocation invocation, Next next) throws McpError {
        if (invocation.name() == null) {
            invocation.status(AuditEvent.Status.INVALID);
            throw new McpError(JsonRpc.INVALID_PARAMS, "Invalid params: 'name' (the tool name) is required");
        }
        RegisteredTool tool = registry.find(invocation.context().caller(), invocation.name()).orElse(null);
        if (tool == null) {
            invocation.status(AuditEvent.Status.UNKNOWN);
            throw new McpError(JsonRpc.INVALID_PARAMS, "Unknown tool: " + invocation.name());
        }
        invocation.tool(tool);
        return next.proceed(invocation);
    }
}
