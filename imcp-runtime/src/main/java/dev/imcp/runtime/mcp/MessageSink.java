package dev.imcp.runtime.mcp;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Where a transport delivers messages the server sends while it answers a request, such as
 * {@code notifications/progress} (MCP "Utilities", "Progress"). Stdio writes them as lines; Streamable HTTP can
 * only deliver them on an SSE stream, which this server does not open yet, so it passes {@link #NONE}.
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
