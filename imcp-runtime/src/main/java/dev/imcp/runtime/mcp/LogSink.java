package dev.imcp.runtime.mcp;

/**
 * Where one request's log messages go: {@code notifications/message} (MCP "Utilities: Logging") on the request's
 * stream, when the client asked for messages at their level or above; {@link #NONE} drops them.
 */
@FunctionalInterface
public interface LogSink {

    /** The sink of a request whose client asked for no messages, or whose transport cannot send them. */
    LogSink NONE = (level, data) -> { };

    /**
     * Sends {@code data} at {@code level} if the client asked for that level or a lower one.
     *
     * @param level the message's severity
     * @param data the message, plain text without secrets (it goes to the client as is)
     */
    void log(LogLevel level, String data);
}
