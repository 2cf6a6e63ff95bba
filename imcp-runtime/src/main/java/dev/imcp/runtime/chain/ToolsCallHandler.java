package dev.imcp.runtime.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.imcp.runtime.mcp.McpError;
import dev.imcp.runtime.mcp.MethodHandler;
import dev.imcp.runtime.mcp.RequestContext;
import dev.imcp.runtime.mcp.RevisionFields;

/**
 * Answers {@code tools/call} (MCP "Server Features", "Tools", "Calling Tools") by running a {@link ToolInvocation}
 * through the {@link InvocationChain}, and gives the result the members the request's revision defines
 * ({@link RevisionFields#callResult}).
 */
public final class ToolsCallHandler implements MethodHandler {

    private final InvocationChain chain;

    /**
     * @param chain the links every call passes through
     */
    public ToolsCallHandler(InvocationChain chain) {
        this.chain = chain;
    }

    /**
     * {@inheritDoc}
     *
     * @return the {@code CallToolResult}: {@code {content, structuredContent?, isError}}
     * @throws McpError -32602 for a missing name, an unknown or hidden tool, non-object arguments and (before
     *     2025-11-25) arguments that fail the input schema; upstream failures are results with {@code isError}
     */
    @Override
    public JsonNode handle(RequestContext context, JsonNode params) throws McpError {
        JsonNode name = params == null ? null : params.get("name");
        ObjectNode result = chain.invoke(new ToolInvocation(context, name != null && name.isTextual() ? name.textValue() : null,
                params == null ? null : params.get("arguments")));
        return RevisionFields.callResult(result, context.protocolVersion());
    }
}
