package dev.imcp.runtime.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Answers {@code tools/list} (MCP "Server Features", "Tools", "Listing Tools"): {@code {tools: [...]}} with the
 * tools the caller may see, all on one page.
 */
public final class ToolsListHandler implements MethodHandler {

    private final ToolRegistry registry;
    private final ObjectMapper mapper;

    /**
     * @param registry the tools and their visibility per caller
     * @param mapper the JSON mapper
     */
    public ToolsListHandler(ToolRegistry registry, ObjectMapper mapper) {
        this.registry = registry;
        this.mapper = mapper;
    }

    /**
     * {@inheritDoc}
     *
     * @throws McpError -32602 when {@code params} is not an object or names a {@code cursor}: no cursor is ever
     *     issued, so any is unknown (MCP "Utilities", "Pagination")
     */
    @Override
    public JsonNode handle(RequestContext context, JsonNode params) throws McpError {
        if (params != null && !params.isNull() && !params.isObject()) {
            throw new McpError(JsonRpc.INVALID_PARAMS, "Invalid params: expected an object");
        }
        if (params != null && params.hasNonNull("cursor")) {
            throw new McpError(JsonRpc.INVALID_PARAMS, "Invalid params: unknown cursor");
        }
        ObjectNode result = mapper.createObjectNode();
        ArrayNode tools = result.putArray("tools");
        registry.visible(context.caller()).forEach(t -> tools.add(t.published()));
        return result;
    }
}
