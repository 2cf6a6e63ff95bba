package dev.imcp.runtime.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Answers {@code tools/list} (MCP "Server Features", "Tools", "Listing Tools"): {@code {tools: [...]}} with the
 * tools the caller may see, each with the members the request's revision defines ({@link RegisteredTool#listEntry}).
 * All on one page by default; with a page size ({@code imcp.tools-list-page-size}), at most that many per result
 * and a {@code nextCursor} while more follow (MCP "Utilities", "Pagination"). A cursor is opaque to clients and
 * self-contained: the position of the page's first tool, a hash of the names of the whole list it was issued for
 * and that tool's name, base64url-encoded, so any instance of the adapter takes it. One issued for another list
 * (the caller's policy changed between pages, or another caller sees other tools) is refused, so the client starts
 * again instead of skipping or repeating tools; the hash is a consistency check, not a secret or a signature. A modern (2026-07-28) result is cacheable (MCP 2026-07-28 "Server Utilities",
 * "Caching"; schema {@code CacheableResult}): it adds {@code ttlMs} and {@code cacheScope}, {@code "private"} when
 * the list depends on who asks (authentication is on, so the caller's policy decides what is listed), else
 * {@code "public"}.
 */
public final class ToolsListHandler implements MethodHandler {

    private final ToolRegistry registry;
    private final ObjectMapper mapper;
    private final long ttlMs;
    private final String cacheScope;
    private final int pageSize;

    /**
     * One page holding every tool.
     *
     * @param registry the tools and their visibility per caller
     * @param mapper the JSON mapper
     * @param ttlMs how long, in milliseconds, a modern client may reuse the list (at least 0)
     * @param perCaller whether the list depends on the caller ({@code cacheScope} {@code "private"})
     */
    public ToolsListHandler(ToolRegistry registry, ObjectMapper mapper, long ttlMs, boolean perCaller) {
        this(registry, mapper, ttlMs, perCaller, 0);
    }

    /**
     * @param registry the tools and their visibility per caller
     * @param mapper the JSON mapper
     * @param ttlMs how long, in milliseconds, a modern client may reuse the list (at least 0)
     * @param perCaller whether the list depends on the caller ({@code cacheScope} {@code "private"})
     * @param pageSize the most tools per result, or 0 for one page holding all
     */
    public ToolsListHandler(ToolRegistry registry, ObjectMapper mapper, long ttlMs, boolean perCaller, int pageSize) {
        if (ttlMs < 0) {
            throw new IllegalArgumentException("ttlMs must be at least 0, was " + ttlMs);
        }
        if (pageSize < 0) {
            throw new IllegalArgumentException("pageSize must be at least 0, was " + pageSize);
        }
        this.registry = registry;
        this.mapper = mapper;
        this.ttlMs = ttlMs;
        this.cacheScope = perCaller ? "private" : "public";
        this.pageSize = pageSize;
    }

    /**
     * {@inheritDoc}
     *
     * @throws McpError -32602 when {@code params} is not an object, or names a {@code cursor} that is not of the
     *     form this handler issues or does not point into the caller's current list (any cursor when there is one
     *     page: none is ever issued; MCP "Utilities", "Pagination": invalid cursors get -32602)
     */
    @Override
    public JsonNode handle(RequestContext context, JsonNode params) throws McpError {
        if (params != null && !params.isNull() && !params.isObject()) {
            throw new McpError(JsonRpc.INVALID_PARAMS, "Invalid params: expected an object");
        }
        java.util.List<RegisteredTool> visible = registry.visible(context.caller());
        JsonNode cursor = params == null ? null : params.get("cursor");
        String list = pageSize == 0 ? null : fingerprint(visible);
        int from = cursor == null || cursor.isNull() ? 0 : position(cursor, visible, list);
        int to = pageSize == 0 ? visible.size() : (int) Math.min(visible.size(), (long) from + pageSize);
        ObjectNode result = mapper.createObjectNode();
        ArrayNode tools = result.putArray("tools");
        String version = context.protocolVersion();
        for (RegisteredTool t : visible.subList(from, to)) {
            tools.addPOJO(t.listEntry(version));
        }
        if (to < visible.size()) {
            result.put("nextCursor", cursor(to, list, visible.get(to).descriptor().name()));
        }
        if (ProtocolVersions.modern(version)) {
            result.put("ttlMs", ttlMs);
            result.put("cacheScope", cacheScope);
        }
        return result;
    }

    /**
     * Returns the cursor of the page starting at {@code index} of the list whose {@link #fingerprint} is
     * {@code list}, whose first tool is {@code name}.
     */
    static String cursor(int index, String list, String name) {
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                (index + ":" + list + ":" + name).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Returns a hash of the names of {@code visible}, in order, as 16 hex digits. */
    static String fingerprint(java.util.List<RegisteredTool> visible) {
        long h = 0xcbf29ce484222325L; // FNV-1a, 64 bits, over each name's UTF-16 units and a separator
        for (RegisteredTool t : visible) {
            String name = t.descriptor().name();
            for (int i = 0; i < name.length(); i++) {
                h = (h ^ name.charAt(i)) * 0x100000001b3L;
            }
            h = (h ^ 0xFFFF) * 0x100000001b3L;
        }
        return String.format("%016x", h);
    }

    /**
     * Returns where the page of {@code cursor} starts in {@code visible}, whose {@link #fingerprint} is {@code list}
     * ({@code null} without pages), or throws -32602.
     */
    private int position(JsonNode cursor, java.util.List<RegisteredTool> visible, String list) throws McpError {
        McpError unknown = new McpError(JsonRpc.INVALID_PARAMS, "Invalid params: unknown cursor");
        if (pageSize == 0 || !cursor.isTextual() || cursor.textValue().length() > MAX_CURSOR_LENGTH) {
            throw unknown;
        }
        String decoded;
        try {
            decoded = new String(java.util.Base64.getUrlDecoder().decode(cursor.textValue()),
                    java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw unknown;
        }
        String[] parts = decoded.split(":", 3);
        if (parts.length != 3 || parts[0].isEmpty() || parts[0].length() > 9
                || !parts[0].chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw unknown;
        }
        int index = Integer.parseInt(parts[0]);
        if (index == 0 || index >= visible.size() || !parts[1].equals(list)
                || !visible.get(index).descriptor().name().equals(parts[2])) {
            throw unknown;
        }
        return index;
    }

    /**
     * The longest cursor looked at, in characters: far above any cursor issued (a tool name would need tens of
     * kilobytes to come near), a bound on the work a forged one costs.
     */
    private static final int MAX_CURSOR_LENGTH = 65_536;
}
