package dev.imcp.runtime.config;

import io.helidon.config.Config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How often callers may call tools, {@code imcp.rate-limits}: token buckets applied by {@code chain.RateLimitLink}.
 * A bucket holds at most {@code burst} tokens and gains {@code requests-per-second} tokens a second; each call
 * takes one, and a call that finds none is refused with a tool error saying how many seconds until one is there.
 *
 * <p>Keys, all optional (no key, no limit):
 * <ul>
 *   <li>{@code imcp.rate-limits.per-caller.requests-per-second} and {@code .burst}: one bucket per caller (API key
 *       name; {@code anonymous} without keys, {@code stdio} over stdio) for all its calls.</li>
 *   <li>{@code imcp.rate-limits.tools.<tool>.requests-per-second} and {@code .burst}: one bucket per caller for its
 *       calls of that tool, taken besides the caller's own.</li>
 * </ul>
 * {@code requests-per-second} is a positive decimal number (0.5 is one call every two seconds); {@code burst}
 * (default: {@code requests-per-second} rounded up, at least 1) is a whole number of calls.
 *
 * @param perCaller the bucket of every caller, or {@code null} for none
 * @param tools tool name to the bucket each caller has for it
 */
public record RateLimits(Rate perCaller, Map<String, Rate> tools) {

    /** No limits. */
    public static final RateLimits NONE = new RateLimits(null, Map.of());

    /** The single-valued keys, for {@link RuntimeConfig#KEYS}. */
    static final List<String> KEYS = List.of("imcp.rate-limits.per-caller.requests-per-second",
            "imcp.rate-limits.per-caller.burst");

    /**
     * One token bucket's size.
     *
     * @param perSecond tokens gained a second, positive
     * @param burst the most tokens held, and so the most calls in one instant, at least 1
     */
    public record Rate(double perSecond, int burst) {

        /** Checks the values. */
        public Rate {
            if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
                throw new IllegalArgumentException("requests-per-second must be a positive number, was " + perSecond);
            }
            if (burst < 1) {
                throw new IllegalArgumentException("burst must be at least 1, was " + burst);
            }
        }
    }

    /** Copies the tool map. */
    public RateLimits {
        tools = Map.copyOf(tools);
    }

    /** Returns whether any limit is configured. */
    public boolean any() {
        return perCaller != null || !tools.isEmpty();
    }

    /**
     * Reads {@code imcp.rate-limits}.
     *
     * @param node the {@code rate-limits} node (may be missing)
     * @return the limits
     * @throws IllegalArgumentException when a value is malformed (the message names the key)
     */
    static RateLimits from(Config node) {
        String prefix = "imcp.rate-limits.";
        Rate perCaller = node.get("per-caller").exists() ? rate(node.get("per-caller"), prefix + "per-caller.") : null;
        Map<String, Rate> tools = new LinkedHashMap<>();
        for (Config tool : node.get("tools").asNodeList().orElse(List.of())) {
            tools.put(tool.name(), rate(tool, prefix + "tools." + tool.name() + "."));
        }
        return new RateLimits(perCaller, tools);
    }

    private static Rate rate(Config node, String prefix) {
        String perSecond = node.get("requests-per-second").asString().map(String::strip).orElseThrow(
                () -> new IllegalArgumentException(prefix + "requests-per-second is required"));
        double rate;
        try {
            rate = Double.parseDouble(perSecond);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(prefix + "requests-per-second must be a number, was '" + perSecond + "'");
        }
        if (!(rate > 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException(prefix + "requests-per-second must be positive, was " + perSecond);
        }
        String burst = node.get("burst").asString().map(String::strip).orElse(null);
        int size;
        try {
            size = burst == null ? (int) Math.max(1, Math.ceil(rate)) : Integer.parseInt(burst);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(prefix + "burst must be a whole number, was '" + burst + "'");
        }
        if (size < 1) {
            throw new IllegalArgumentException(prefix + "burst must be at least 1, was " + size);
        }
        return new Rate(rate, size);
    }
}
