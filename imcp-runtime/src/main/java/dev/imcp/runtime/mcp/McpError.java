package dev.imcp.runtime.mcp;

/**
 * A JSON-RPC error to answer a request with; thrown inside the protocol layer and turned into an error
 * response by {@link McpEndpoint}. Carries no stack trace to the client.
 */
public final class McpError extends Exception {

    private static final long serialVersionUID = 1L;

    /** The JSON-RPC error code, see {@link JsonRpc}. */
    private final int code;

    /**
     * @param code the JSON-RPC error code
     * @param message the error message sent to the client
     */
    public McpError(int code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    /** Returns the JSON-RPC error code. */
    public int code() {
        return code;
    }
}
