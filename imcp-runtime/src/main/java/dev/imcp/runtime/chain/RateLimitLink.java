package dev.imcp.runtime.chain;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.imcp.runtime.audit.AuditEvent;
import dev.imcp.runtime.config.RateLimits;
import dev.imcp.runtime.mcp.McpError;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Refuses calls beyond the configured rates ({@code imcp.rate-limits}, {@link RateLimits}): each call takes a token
 * from its caller's bucket and, when its tool has a limit, from the caller's bucket for that tool. A call that finds
 * either empty does not go further; it gets
 * <pre>{@code {content: [{type: text, text: "Rate limit exceeded for caller demo (...): retry in 2 s"}],
 *  isError: true, _meta: {"dev.imcp/refused": "rate-limit", "dev.imcp/retryAfterSeconds": 2}}}</pre>
 * (whole seconds, rounded up, until a token is there) and is audited with status {@code limited}.
 *
 * <p>Why a tool error and not a JSON-RPC error: MCP ("Tools", "Error Handling") keeps protocol errors for requests
 * that are wrong (unknown tool, invalid arguments) and reports failures the model can act on as tool results with
 * {@code isError}, which clients show to the model; a model told "retry in 2 s" can wait or do something else,
 * while a JSON-RPC error usually ends the turn. {@code _meta} gives the same number to programs.
 *
 * <p>Buckets live in Caffeine caches keyed by caller (and tool) and are dropped after going unused for as long as
 * the largest bucket takes to fill up (at least a minute): a bucket idle that long is full, the state a new one
 * starts in, so dropping it changes nothing. Put the link after {@code PolicyLink}, so that only calls of tools the
 * caller may see count, and before argument checks, so that malformed calls count too. Thread-safe.
 */
public final class RateLimitLink implements InvocationLink {

    /** The {@code _meta} key of a refused call's result that holds the seconds to wait, when known. */
    public static final String RETRY_AFTER = "dev.imcp/retryAfterSeconds";

    /**
     * The {@code _meta} key of the result of a call refused for want of capacity: {@value #RATE_LIMITED} (this
     * link), {@value ResilienceLink#CIRCUIT_OPEN} or {@value ResilienceLink#BULKHEAD_FULL} ({@link ResilienceLink}).
     * The REST facade answers 429 for the first and 503 for the others, with {@code Retry-After} when known.
     */
    public static final String REFUSED = "dev.imcp/refused";

    /** The {@link #REFUSED} value of a call beyond a rate limit. */
    public static final String RATE_LIMITED = "rate-limit";

    private final RateLimits limits;
    private final ToolResults results;
    private final LongSupplier nanoTime;
    private final Cache<String, TokenBucket> callers;
    private final Cache<CallerTool, TokenBucket> tools;

    private record CallerTool(String caller, String tool) {
    }

    /**
     * @param mapper the JSON mapper of results
     * @param limits the configured rates
     */
    public RateLimitLink(ObjectMapper mapper, RateLimits limits) {
        this(mapper, limits, System::nanoTime);
    }

    RateLimitLink(ObjectMapper mapper, RateLimits limits, LongSupplier nanoTime) {
        this.limits = limits;
        this.results = new ToolResults(mapper);
        this.nanoTime = nanoTime;
        long idle = Duration.ofMinutes(1).toNanos();
        if (limits.perCaller() != null) {
            idle = Math.max(idle, new TokenBucket(limits.perCaller(), nanoTime).fillNanos());
        }
        for (RateLimits.Rate rate : limits.tools().values()) {
            idle = Math.max(idle, new TokenBucket(rate, nanoTime).fillNanos());
        }
        this.callers = Caffeine.newBuilder().expireAfterAccess(Duration.ofNanos(idle)).build();
        this.tools = Caffeine.newBuilder().expireAfterAccess(Duration.ofNanos(idle)).build();
    }

    @Override
    public ObjectNode invoke(ToolInvocation invocation, Next next) throws McpError {
        String caller = invocation.context().caller().name();
        RateLimits.Rate toolRate = limits.tools().get(invocation.name());
        TokenBucket own = limits.perCaller() == null ? null
                : callers.get(caller, c -> new TokenBucket(limits.perCaller(), nanoTime));
        long wait = own == null ? 0 : own.take();
        if (wait > 0) {
            return refused(invocation, wait, "caller " + caller, limits.perCaller());
        }
        if (toolRate != null) {
            long toolWait = tools.get(new CallerTool(caller, invocation.name()), k -> new TokenBucket(toolRate, nanoTime))
                    .take();
            if (toolWait > 0) {
                if (own != null) {
                    own.giveBack(); // the call is not made: it must not count against the caller's own rate
                }
                return refused(invocation, toolWait, "tool " + invocation.name() + " for caller " + caller, toolRate);
            }
        }
        return next.proceed(invocation);
    }

    private ObjectNode refused(ToolInvocation invocation, long waitNanos, String whose, RateLimits.Rate rate) {
        long seconds = Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
        return refusal(invocation, results, RATE_LIMITED, "Rate limit exceeded for " + whose + " (" + rate.burst()
                + " calls at once, " + java.math.BigDecimal.valueOf(rate.perSecond()).stripTrailingZeros().toPlainString()
                + " a second): retry in " + seconds + " s", seconds);
    }

    /**
     * Returns the result of a call refused for want of capacity, {@code {content: [{type: text, text}], isError:
     * true, _meta: {"dev.imcp/refused": kind, "dev.imcp/retryAfterSeconds": seconds}}} (without the seconds when
     * 0), and sets the audit status {@code limited}.
     */
    static ObjectNode refusal(ToolInvocation invocation, ToolResults results, String kind, String text, long seconds) {
        invocation.status(AuditEvent.Status.LIMITED);
        ObjectNode result = results.error(text);
        ObjectNode meta = result.putObject("_meta").put(REFUSED, kind);
        if (seconds > 0) {
            meta.put(RETRY_AFTER, seconds);
        }
        return result;
    }
}
