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

    /**
     * Returns a sink that sends {@code notifications/message} ({@code {level, logger: "imcp", data}}) at
     * {@code threshold} and above through {@code sink}.
     */
    static LogSink notifications(com.fasterxml.jackson.databind.ObjectMapper mapper, LogLevel threshold, MessageSink sink) {
        return (level, data) -> {
            if (level.compareTo(threshold) >= 0) {
                com.fasterxml.jackson.databind.node.ObjectNode notification = mapper.createObjectNode()
                        .put("jsonrpc", "2.0").put("method", "notifications/message");
                notification.putObject("params").put("level", level.wireName()).put("logger", "imcp").put("data", data);
                sink.send(notification);
            }
        };
    }
}
