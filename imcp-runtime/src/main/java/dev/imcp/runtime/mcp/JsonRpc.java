package dev.imcp.runtime.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * JSON-RPC 2.0 message shapes and error codes (JSON-RPC 2.0 specification, sections 4, 5 and 5.1).
 */
public final class JsonRpc {

    /** Invalid JSON was received. */
    public static final int PARSE_ERROR = -32700;
    /** The JSON sent is not a valid request object. */
    public static final int INVALID_REQUEST = -32600;
    /** The method does not exist or is not available. */
    public static final int METHOD_NOT_FOUND = -32601;
    /** Invalid method parameters. */
    public static final int INVALID_PARAMS = -32602;
    /** Internal JSON-RPC error. */
    public static final int INTERNAL_ERROR = -32603;
    /**
     * A standard header is missing or does not match the body (MCP 2026-07-28 "Transports", "Streamable HTTP",
     * "Server Validation"; schema {@code HeaderMismatchError}).
     */
    public static final int HEADER_MISMATCH = -32020;
    /**
     * The request's protocol version is one the server does not support (MCP 2026-07-28 "Versioning", "Protocol
     * Version Negotiation"; schema {@code UnsupportedProtocolVersionError}); {@code data} is
     * {@code {supported: [...], requested}}.
     */
    public static final int UNSUPPORTED_PROTOCOL_VERSION = -32022;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonRpc() {
    }

    /**
     * Returns a success response.
     *
     * @param id the request id (string or number)
     * @param result the result object
     * @return {@code {"jsonrpc":"2.0","id":id,"result":result}}
     */
    public static ObjectNode result(JsonNode id, JsonNode result) {
        ObjectNode out = NODES.objectNode();
        out.put("jsonrpc", "2.0");
        out.set("id", id == null ? NullNode.getInstance() : id);
        out.set("result", result);
        return out;
    }

    /**
     * Returns an error response.
     *
     * @param id the request id, or {@code null} when it could not be determined: then the member is left out
     *     (MCP 2025-11-25 "Base Protocol", "Error responses": {@code id} is omitted when the request id is unknown,
     *     e.g. after a parse error), never sent as JSON {@code null}, which MCP does not allow as a request id
     * @param code the error code
     * @param message a short description, without secrets or stack traces
     * @return {@code {"jsonrpc":"2.0","id":id,"error":{"code":code,"message":message}}}, without {@code id} when unknown
     */
    public static ObjectNode error(JsonNode id, int code, String message) {
        return error(id, code, message, null);
    }

    /**
     * Returns an error response with a {@code data} member.
     *
     * @param id the request id, or {@code null} when unknown (see {@link #error(JsonNode, int, String)})
     * @param code the error code
     * @param message a short description, without secrets or stack traces
     * @param data the error's {@code data}, or {@code null} for none
     * @return the error response
     */
    public static ObjectNode error(JsonNode id, int code, String message, JsonNode data) {
        ObjectNode out = NODES.objectNode();
        out.put("jsonrpc", "2.0");
        if (id != null && !id.isNull()) {
            out.set("id", id);
        }
        ObjectNode error = out.putObject("error");
        error.put("code", code);
        error.put("message", message);
        if (data != null) {
            error.set("data", data);
        }
        return out;
    }
}
