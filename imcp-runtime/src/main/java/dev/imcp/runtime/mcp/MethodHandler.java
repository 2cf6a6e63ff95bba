package dev.imcp.runtime.mcp;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Answers one JSON-RPC method (e.g. {@code tools/list}) for {@link McpEndpoint}, whatever the transport. The
 * endpoint has already checked the envelope, the session and the request id; a handler sees only its
 * {@code params} and the {@link RequestContext}.
 */
@FunctionalInterface
public interface MethodHandler {

    /**
     * Answers a request.
     *
     * @param context the request's context
     * @param params the request's {@code params} object, or {@code null} when absent
     * @return the {@code result} object
     * @throws McpError the JSON-RPC error to answer with (a caller's mistake, -32602; or -32603 with a
     *     correlation id); other exceptions become -32603 too, and are logged, never sent
     */
    JsonNode handle(RequestContext context, JsonNode params) throws McpError;
}
