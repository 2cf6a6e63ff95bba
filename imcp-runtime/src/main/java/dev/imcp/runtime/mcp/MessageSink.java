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

    /**
     * Asks the transport to run {@code action} if it finds the client gone while the request is answered: on
     * Streamable HTTP in revision 2026-07-28, closing a POST's response stream is how a client cancels the request
     * (MCP 2026-07-28 "Base Protocol", "Cancellation"). The default cannot tell and does nothing; a transport that
     * can may have to probe (Streamable HTTP sends SSE comments) and run the action from another thread, at most once.
     *
     * @param action what to do when the client is gone, e.g. cancel the request
     */
    default void onClientGone(Runnable action) {
    }
}
