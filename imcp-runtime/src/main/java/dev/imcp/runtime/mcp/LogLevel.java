package dev.imcp.runtime.mcp;

import java.util.Locale;
import java.util.Optional;

/**
 * The severities of MCP logging (MCP "Utilities: Logging"; the syslog levels of RFC 5424, section 6.2.1), least
 * severe first: a client's {@code logging/setLevel} asks for messages at its level and above.
 */
public enum LogLevel {
    /** Detailed debugging information. */
    DEBUG,
    /** Normal operation: a tool call started, an upstream answered. */
    INFO,
    /** Normal but significant. */
    NOTICE,
    /** A warning. */
    WARNING,
    /** An error: a tool call failed. */
    ERROR,
    /** A critical condition. */
    CRITICAL,
    /** Action must be taken immediately. */
    ALERT,
    /** The system is unusable. */
    EMERGENCY;

    /** Returns the level named {@code name} as MCP spells it ({@code "info"}), or empty when there is none. */
    public static Optional<LogLevel> parse(String name) {
        for (LogLevel level : values()) {
            if (level.wireName().equals(name)) {
                return Optional.of(level);
            }
        }
        return Optional.empty();
    }

    /** Returns the name MCP uses, e.g. {@code "warning"}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
