package dev.imcp.runtime.mcp;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Where a transport delivers messages the server sends while it answers a request, such as
 * {@code notifications/progress} (MCP "Utilities", "Progress"). Stdio would write them as lines; Streamable HTTP
 * turns its answer into an SSE stream that carries them before the response.
 */
@FunctionalInterface
public interface MessageSink {

    /** A sink that drops every message. */
    MessageSink NONE = message -> { };

    /**
     * Sends one JSON-RPC notification or request to the client; must not block for long.
     *
     * @param message the message object
     */
    void send(ObjectNode message);
}
