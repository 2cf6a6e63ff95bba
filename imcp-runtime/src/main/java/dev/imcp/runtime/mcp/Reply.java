package dev.imcp.runtime.mcp;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Objects;

/**
 * What {@link McpEndpoint} answers a transport: a kind the transport maps to its own signalling (an HTTP
 * status; stdio writes the body, if any), the JSON-RPC body and, after {@code initialize}, the new session's id.
 *
 * @param kind the outcome
 * @param body the JSON-RPC response object or batch array, {@code null} when there is nothing to send
 * @param sessionId the id of the session {@code initialize} opened, else {@code null}
 */
public record Reply(Kind kind, JsonNode body, String sessionId) {

    /** Checks the required components. */
    public Reply {
        Objects.requireNonNull(kind, "kind");
    }

    /** The outcomes, with the status Streamable HTTP sends for each (MCP "Transports", "Streamable HTTP"). */
    public enum Kind {
        /** One response or a batch of responses: HTTP 200. */
        RESPONSE,
        /** Only notifications or responses were received: HTTP 202, no body. */
        ACCEPTED,
        /** The session was ended ({@code DELETE}): HTTP 204. */
        ENDED,
        /** Not valid JSON (-32700), or not a valid JSON-RPC request for this server (-32600): HTTP 400. */
        MALFORMED,
        /** A session id is required and none was sent: HTTP 400. */
        SESSION_REQUIRED,
        /** The session id is unknown, expired, ended or another caller's: HTTP 404. */
        SESSION_NOT_FOUND,
        /**
         * A modern (2026-07-28) request names a method this server does not serve (-32601): HTTP 404 (MCP
         * 2026-07-28 "Transports", "Streamable HTTP", "Protocol Version Header").
         */
        METHOD_NOT_FOUND
    }
}
