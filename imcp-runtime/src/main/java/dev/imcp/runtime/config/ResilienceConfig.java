package dev.imcp.runtime.config;

import io.helidon.config.Config;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How calls to one upstream service survive its failures, {@code imcp.services.<id>.resilience}, with per-tool
 * retry settings under {@code imcp.services.<id>.tools.<tool>.resilience}. Applied by
 * {@code chain.ResilienceLink} with Helidon fault tolerance ({@code Retry}, {@code CircuitBreaker},
 * {@code Bulkhead}).
 *
 * <p>Keys, all optional:
 * <ul>
 *   <li>{@code retries} (default {@value #DEFAULT_RETRIES}, 0 to 10): further attempts of a failed idempotent call
 *       (annotations {@code readOnlyHint} or {@code idempotentHint} true), made only when the request may not have
 *       been processed or is safe to repeat: the connection failed, the exchange timed out, or the upstream
 *       answered 502, 503 or 504. Never for other calls, never after a 4xx.</li>
 *   <li>{@code retry-delay-ms} (default {@value #DEFAULT_RETRY_DELAY_MS}, at least 0): the wait before the first
 *       retry, in milliseconds; each further one waits twice as long as the one before.</li>
 *   <li>{@code circuit-breaker.failure-ratio} (percent, default {@value #DEFAULT_FAILURE_RATIO}, 1 to 100),
 *       {@code circuit-breaker.volume} (calls, default {@value #DEFAULT_VOLUME}, at least 1) and
 *       {@code circuit-breaker.delay-seconds} (default {@value #DEFAULT_BREAKER_DELAY_SECONDS}, at least 0; 0 turns the
 *       breaker off): when that share of the last {@code volume} calls failed for want of an answer (connection
 *       failure, timeout, HTTP 5xx), the breaker opens and calls to that upstream fail at once, without reaching it,
 *       until {@code delay-seconds} have passed; then one call is let through, and its outcome closes or reopens
 *       it. The defaults are Helidon's ({@code CircuitBreakerConfig}) except the delay.</li>
 *   <li>{@code bulkhead.limit} (calls, default 0: no limit) and {@code bulkhead.queue} (calls, default 0): at most
 *       {@code limit} calls to the upstream run at once and {@code queue} more wait for a turn; a further call is
 *       refused.</li>
 * </ul>
 * The breaker and the bulkhead are kept per upstream of the service (each origin its base URLs or WSDL ports go to),
 * each with these settings.
 * A tool's {@code resilience} node takes {@code retries} and {@code retry-delay-ms} only: the breaker and the
 * bulkhead guard the upstream, which all its tools share; other keys there fail start-up.
 *
 * @param retries further attempts of an idempotent call after a retryable failure
 * @param retryDelay the wait before the first retry; doubled for each further one
 * @param failureRatio the percentage of failed calls among the last {@code volume} that opens the breaker
 * @param volume how many recent calls the breaker looks at
 * @param breakerDelay how long an open breaker stays open; zero when there is no breaker
 * @param bulkheadLimit how many calls may run at once; 0 for no bulkhead
 * @param bulkheadQueue how many calls may wait beyond {@code bulkheadLimit}
 * @param tools tool name to its own retry settings
 */
public record ResilienceConfig(
        int retries,
        Duration retryDelay,
        int failureRatio,
        int volume,
        Duration breakerDelay,
        int bulkheadLimit,
        int bulkheadQueue,
        Map<String, ToolRetries> tools) {

    /** Further attempts of an idempotent call when {@code retries} is absent. */
    public static final int DEFAULT_RETRIES = 2;
    /** The first backoff when {@code retry-delay-ms} is absent, in milliseconds. */
    public static final int DEFAULT_RETRY_DELAY_MS = 200;
    /** The breaker's failure ratio when absent, in percent (Helidon's default). */
    public static final int DEFAULT_FAILURE_RATIO = 60;
    /** The breaker's window when absent, in calls (Helidon's default). */
    public static final int DEFAULT_VOLUME = 10;
    /** How long the breaker stays open when absent, in seconds. */
    public static final int DEFAULT_BREAKER_DELAY_SECONDS = 30;

    /** The settings when a service configures nothing: retries and breaker on, no bulkhead. */
    public static final ResilienceConfig DEFAULTS = new ResilienceConfig(DEFAULT_RETRIES,
            Duration.ofMillis(DEFAULT_RETRY_DELAY_MS), DEFAULT_FAILURE_RATIO, DEFAULT_VOLUME,
            Duration.ofSeconds(DEFAULT_BREAKER_DELAY_SECONDS), 0, 0, Map.of());

    /** The keys of a service's {@code resilience} node, for {@link ServiceConfig#keys}. */
    static final List<String> KEYS = List.of("resilience.retries", "resilience.retry-delay-ms",
            "resilience.circuit-breaker.failure-ratio", "resilience.circuit-breaker.volume",
            "resilience.circuit-breaker.delay-seconds", "resilience.bulkhead.limit", "resilience.bulkhead.queue");

    /**
     * A tool's own retry settings.
     *
     * @param retries further attempts after a retryable failure
     * @param delay the wait before the first retry; doubled for each further one
     */
    public record ToolRetries(int retries, Duration delay) {
    }

    /** Copies the tool map. */
    public ResilienceConfig {
        tools = Map.copyOf(tools);
    }

    /** Returns whether the service has a circuit breaker. */
    public boolean breaker() {
        return breakerDelay.isPositive();
    }

    /** Returns whether the service has a bulkhead. */
    public boolean bulkhead() {
        return bulkheadLimit > 0;
    }

    /** Returns the retry settings of {@code tool}: its own, else the service's. */
    public ToolRetries retriesOf(String tool) {
        return tools.getOrDefault(tool, new ToolRetries(retries, retryDelay));
    }

    /**
     * Reads a service's {@code resilience} node and its tools' ones.
     *
     * @param node the service's {@code resilience} node (may be missing)
     * @param tools the service's {@code tools} node (may be missing); children other than {@code allow} and
     *     {@code deny} are tools
     * @param prefix {@code imcp.services.<id>.}, for messages
     * @return the settings
     * @throws IllegalArgumentException when a value is out of range or a tool sets a breaker or bulkhead key (the
     *     message names the key)
     */
    static ResilienceConfig from(Config node, Config tools, String prefix) {
        String at = prefix + "resilience.";
        int retries = retries(node, at, DEFAULT_RETRIES);
        Duration delay = retryDelay(node, at, DEFAULT_RETRY_DELAY_MS);
        int ratio = range(node.get("circuit-breaker.failure-ratio"), at + "circuit-breaker.failure-ratio",
                DEFAULT_FAILURE_RATIO, 1, 100);
        int volume = range(node.get("circuit-breaker.volume"), at + "circuit-breaker.volume", DEFAULT_VOLUME, 1,
                Integer.MAX_VALUE);
        int breakerSeconds = range(node.get("circuit-breaker.delay-seconds"), at + "circuit-breaker.delay-seconds",
                DEFAULT_BREAKER_DELAY_SECONDS, 0, Integer.MAX_VALUE);
        int limit = range(node.get("bulkhead.limit"), at + "bulkhead.limit", 0, 0, Integer.MAX_VALUE);
        int queue = range(node.get("bulkhead.queue"), at + "bulkhead.queue", 0, 0, Integer.MAX_VALUE);
        Map<String, ToolRetries> perTool = new LinkedHashMap<>();
        for (Config tool : tools.asNodeList().orElse(List.of())) {
            Config r = tool.get("resilience");
            if (Set.of("allow", "deny").contains(tool.name()) || !r.exists()) {
                continue;
            }
            String toolAt = prefix + "tools." + tool.name() + ".resilience.";
            for (Config child : r.asNodeList().orElse(List.of())) {
                if (!Set.of("retries", "retry-delay-ms").contains(child.name())) {
                    throw new IllegalArgumentException(toolAt + child.name() + " is not a tool setting: only retries "
                            + "and retry-delay-ms may be set per tool; the circuit breaker and the bulkhead belong to "
                            + prefix + "resilience");
                }
            }
            perTool.put(tool.name(), new ToolRetries(retries(r, toolAt, retries),
                    retryDelay(r, toolAt, (int) delay.toMillis())));
        }
        return new ResilienceConfig(retries, delay, ratio, volume, Duration.ofSeconds(breakerSeconds), limit, queue,
                perTool);
    }

    private static int retries(Config node, String at, int fallback) {
        return range(node.get("retries"), at + "retries", fallback, 0, 10);
    }

    private static Duration retryDelay(Config node, String at, int fallback) {
        return Duration.ofMillis(range(node.get("retry-delay-ms"), at + "retry-delay-ms", fallback, 0, 60_000));
    }

    private static int range(Config value, String key, int fallback, int min, int max) {
        Optional<String> text = value.asString().asOptional().map(String::strip);
        if (text.isEmpty()) {
            return fallback;
        }
        int n;
        try {
            n = Integer.parseInt(text.get());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, was '" + text.get() + "'");
        }
        if (n < min || n > max) {
            throw new IllegalArgumentException(key + " must be between " + min + " and " + max + ", was " + n);
        }
        return n;
    }
}
