package dev.imcp.runtime.config;

import io.helidon.config.Config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The cap on the size of a tool result sent to the client, per service ({@code imcp.services.<id>.max-result-bytes})
 * and per tool ({@code imcp.services.<id>.tools.<tool>.max-result-bytes}, which wins over the service's). The size is
 * the UTF-8 length of the {@code CallToolResult}'s JSON (content, {@code structuredContent} and {@code _meta}
 * together). 0, the default, is no cap; a cap is at least {@value #MIN_BYTES} bytes, room for the result that says
 * a result was too large. What happens to a result over its cap: {@link dev.imcp.runtime.chain.ResultSizeLink}.
 *
 * @param maxBytes the service's cap in bytes; 0 for none
 * @param tools tool name to its own cap in bytes (0: none for that tool)
 */
public record ResultLimits(long maxBytes, Map<String, Long> tools) {

    /** No cap for any tool. */
    public static final ResultLimits NONE = new ResultLimits(0, Map.of());

    /** The smallest cap, in bytes. */
    public static final long MIN_BYTES = 1024;

    /** The service-level key, for {@link ServiceConfig#keys}. */
    static final String KEY = "max-result-bytes";

    /** Copies the tool map. */
    public ResultLimits {
        tools = Map.copyOf(tools);
    }

    /**
     * Returns the cap of {@code tool}: its own, else the service's.
     *
     * @param tool the tool name
     * @return the cap in bytes; 0 for none
     */
    public long maxBytesOf(String tool) {
        return tools.getOrDefault(tool, maxBytes);
    }

    /**
     * Reads a service's {@code max-result-bytes} and its tools' ones.
     *
     * @param service the {@code imcp.services.<id>} node
     * @param prefix {@code imcp.services.<id>.}, for messages
     * @return the caps
     * @throws IllegalArgumentException when a value is not a whole number, or positive and below {@value #MIN_BYTES}
     *     (the message names the key)
     */
    static ResultLimits from(Config service, String prefix) {
        long cap = bytes(service.get(KEY), prefix + KEY).orElse(0L);
        Map<String, Long> perTool = new LinkedHashMap<>();
        for (Config tool : service.get("tools").asNodeList().orElse(List.of())) {
            if (Set.of("allow", "deny").contains(tool.name())) {
                continue;
            }
            bytes(tool.get(KEY), prefix + "tools." + tool.name() + "." + KEY).ifPresent(b -> perTool.put(tool.name(), b));
        }
        return new ResultLimits(cap, perTool);
    }

    private static Optional<Long> bytes(Config value, String key) {
        Optional<String> text = value.asString().asOptional().map(String::strip).filter(s -> !s.isEmpty());
        if (text.isEmpty()) {
            return Optional.empty();
        }
        long n;
        try {
            n = Long.parseLong(text.get());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number of bytes, was '" + text.get() + "'");
        }
        if (n != 0 && n < MIN_BYTES) {
            throw new IllegalArgumentException(key + " must be 0 (no cap) or at least " + MIN_BYTES + " bytes, was " + n);
        }
        return Optional.of(n);
    }
}
