package dev.imcp.runtime.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.imcp.runtime.security.Caller;

/**
 * Answers MCP requests, independent of the transport: {@code initialize} (MCP "Lifecycle"), {@code ping}
 * ("Utilities", "Ping"), {@code tools/list} and {@code tools/call} ("Server Features", "Tools").
 * Any other method is JSON-RPC -32601.
 */
public final class McpDispatcher {

    private final ObjectMapper mapper;
    private final SessionStore sessions;
    private final ToolRegistry registry;
    private final ToolCaller toolCaller;
    private final String serverName;
    private final String serverVersion;
    private final String instructions;

    /**
     * @param mapper the JSON mapper
     * @param sessions where sessions are created
     * @param registry the tools
     * @param toolCaller handles {@code tools/call}
     * @param serverName {@code serverInfo.name}
     * @param serverVersion {@code serverInfo.version}
     * @param instructions the {@code instructions} of the {@code initialize} result, or {@code null}
     */
    public McpDispatcher(ObjectMapper mapper, SessionStore sessions, ToolRegistry registry, ToolCaller toolCaller,
                         String serverName, String serverVersion, String instructions) {
        this.mapper = mapper;
        this.sessions = sessions;
        this.registry = registry;
        this.toolCaller = toolCaller;
        this.serverName = serverName;
        this.serverVersion = serverVersion;
        this.instructions = instructions;
    }

    /**
     * Answers {@code initialize}: negotiates the protocol version and opens a session.
     *
     * @param caller the authenticated caller, who owns the session
     * @param params the request's {@code params}
     * @return the new session and the {@code InitializeResult}
     * @throws McpError -32602 when {@code params.protocolVersion} is missing or not a string (it is required
     *     by the {@code InitializeRequest} schema)
     */
    public Initialized initialize(Caller caller, JsonNode params) throws McpError {
        JsonNode requested = params == null ? null : params.get("protocolVersion");
        if (requested == null || !requested.isTextual()) {
            throw new McpError(JsonRpc.INVALID_PARAMS,
                    "Invalid params: initialize requires params.protocolVersion (a string)");
        }
        String version = ProtocolVersions.negotiate(requested.textValue());
        Session session = sessions.create(version, caller.name());
        ObjectNode result = mapper.createObjectNode();
        result.put("protocolVersion", version);
        result.putObject("capabilities").putObject("tools").put("listChanged", false);
        result.putObject("serverInfo").put("name", serverName).put("version", serverVersion);
        if (instructions != null) {
            result.put("instructions", instructions);
        }
        return new Initialized(session, result);
    }

    /**
     * Answers a request within a session; {@code initialize} opens the session and is answered by {@link #initialize}.
     *
     * @param session the caller's session
     * @param caller the authenticated caller
     * @param id the request id
     * @param method the method name
     * @param params the {@code params}, or {@code null}
     * @return the JSON-RPC response (result or error)
     */
    public ObjectNode handle(Session session, Caller caller, JsonNode id, String method, JsonNode params) {
        try {
            JsonNode result = switch (method) {
                case "ping" -> mapper.createObjectNode();
                case "tools/list" -> listTools(caller, params);
                case "tools/call" -> toolCaller.call(session, caller, params);
                default -> throw new McpError(JsonRpc.METHOD_NOT_FOUND, "Method not found: " + method);
            };
            return JsonRpc.result(id, result);
        } catch (McpError e) {
            return JsonRpc.error(id, e.code(), e.getMessage());
        }
    }

    private ObjectNode listTools(Caller caller, JsonNode params) throws McpError {
        if (params != null && !params.isNull() && !params.isObject()) {
            throw new McpError(JsonRpc.INVALID_PARAMS, "Invalid params: expected an object");
        }
        // Every tool fits on one page and no nextCursor is ever issued, so any cursor is one this server
        // did not give out: MCP "Pagination" asks for -32602 then.
        if (params != null && params.hasNonNull("cursor")) {
            throw new McpError(JsonRpc.INVALID_PARAMS, "Invalid params: unknown cursor");
        }
        ObjectNode result = mapper.createObjectNode();
        ArrayNode tools = result.putArray("tools");
        registry.visible(caller).forEach(t -> tools.add(t.published()));
        return result;
    }

    /**
     * The outcome of {@link #initialize}.
     *
     * @param session the new session, whose id goes in the {@code Mcp-Session-Id} header
     * @param result the {@code InitializeResult}
     */
    public record Initialized(Session session, ObjectNode result) {
    }
}
