package dev.imcp.runtime.mcp;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One validated JSON-RPC 2.0 message (JSON-RPC 2.0 sections 4 and 5; MCP "Base Protocol": ids are strings
 * or integers, never {@code null}; batches are not accepted from 2025-06-18 on).
 *
 * @param id the request id, or {@code null} for a notification or response
 * @param method the method, or {@code null} for a response
 * @param params the {@code params}, or {@code null}
 */
record Envelope(JsonNode id, String method, JsonNode params) {

    /**
     * The notifications a client sends (MCP "Lifecycle", "Utilities" Cancellation and Progress, "Roots"); one of
     * them sent with an {@code id} is a request that cannot be one, so -32600 (JSON-RPC 2.0 section 4.1: a
     * notification is a request without an id).
     */
    static final java.util.Set<String> CLIENT_NOTIFICATIONS = java.util.Set.of("notifications/initialized",
            "notifications/cancelled", "notifications/progress", "notifications/roots/list_changed");

    /** Returns whether this is a request (has a method and an id). */
    boolean isRequest() {
        return method != null && id != null;
    }

    /** Returns whether {@code id} is a valid request id (string or integral number). */
    static boolean validId(JsonNode id) {
        return id != null && (id.isTextual() || id.isIntegralNumber());
    }

    /**
     * Validates one message.
     *
     * @throws McpError -32600 when it is not a JSON-RPC 2.0 request, notification or response (an array is
     *     refused too: batches are taken apart by {@link McpEndpoint}), or is a known notification with an id
     */
    static Envelope parse(JsonNode message) throws McpError {
        if (!message.isObject()) {
            throw new McpError(JsonRpc.INVALID_REQUEST, "Invalid Request: expected a JSON object");
        }
        JsonNode version = message.get("jsonrpc");
        if (version == null || !version.isTextual() || !"2.0".equals(version.textValue())) {
            throw new McpError(JsonRpc.INVALID_REQUEST, "Invalid Request: 'jsonrpc' must be \"2.0\"");
        }
        JsonNode id = message.get("id");
        if (id != null && !validId(id)) {
            throw new McpError(JsonRpc.INVALID_REQUEST, "Invalid Request: 'id' must be a string or an integer");
        }
        JsonNode method = message.get("method");
        if (method == null) {
            if (id != null && (message.has("result") || message.has("error"))) {
                return new Envelope(null, null, null);
            }
            throw new McpError(JsonRpc.INVALID_REQUEST, "Invalid Request: 'method' is required");
        }
        if (!method.isTextual() || method.textValue().isEmpty()) {
            throw new McpError(JsonRpc.INVALID_REQUEST, "Invalid Request: 'method' must be a non-empty string");
        }
        if (id != null && CLIENT_NOTIFICATIONS.contains(method.textValue())) {
            throw new McpError(JsonRpc.INVALID_REQUEST, "Invalid Request: " + method.textValue()
                    + " is a notification and must not carry an 'id'");
        }
        JsonNode params = message.get("params");
        if (params != null && !params.isNull() && !params.isObject()) {
            throw new McpError(JsonRpc.INVALID_REQUEST, "Invalid Request: 'params' must be an object");
        }
        return new Envelope(id, method.textValue(), params);
    }
}
