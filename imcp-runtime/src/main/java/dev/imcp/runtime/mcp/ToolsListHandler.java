package dev.imcp.runtime.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Answers {@code tools/list} (MCP "Server Features", "Tools", "Listing Tools"): {@code {tools: [...]}} with the
 * tools the caller may see, all on one page, each with the members the request's revision defines
 * ({@link RegisteredTool#listEntry}). A modern (2026-07-28) result is cacheable (MCP 2026-07-28 "Server Utilities",
 * "Caching"; schema {@code CacheableResult}): it adds {@code ttlMs} and {@code cacheScope}, {@code "private"} when
 * the list depends on who asks (authentication is on, so the caller's policy decides what is listed), else
 * {@code "public"}.
 */
public final class ToolsListHandler implements MethodHandler {

    private final ToolRegistry registry;
    private final ObjectMapper mapper;
    private final long ttlMs;
    private final String cacheScope;

    /**
     * @param registry the tools and their visibility per caller
     * @param mapper the JSON mapper
     * @param ttlMs how long, in milliseconds, a modern client may reuse the list (at least 0)
     * @param perCaller whether the list depends on the caller ({@code cacheScope} {@code "private"})
     */
    public ToolsListHandler(ToolRegistry registry, ObjectMapper mapper, long ttlMs, boolean perCaller) {
        if (ttlMs < 0) {
            throw new IllegalArgumentException("ttlMs must be at least 0, was " + ttlMs);
        }
        this.registry = registry;
        this.mapper = mapper;
        this.ttlMs = ttlMs;
        this.cacheScope = perCaller ? "private" : "public";
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
        String version = context.protocolVersion();
        registry.visible(context.caller()).forEach(t -> tools.addPOJO(t.listEntry(version)));
        if (ProtocolVersions.modern(version)) {
            result.put("ttlMs", ttlMs);
            result.put("cacheScope", cacheScope);
        }
        return result;
    }
}
