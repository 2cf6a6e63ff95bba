package dev.imcp.runtime.chain;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.imcp.runtime.audit.AuditEvent;
import dev.imcp.runtime.config.ResilienceConfig;
import dev.imcp.runtime.mcp.CancellationToken;
import dev.imcp.runtime.mcp.McpError;
import dev.imcp.runtime.spi.Cancellation;
import dev.imcp.runtime.spi.ToolDescriptor;
import dev.imcp.runtime.spi.UpstreamException;
import dev.imcp.runtime.upstream.UpstreamFaults;
import dev.imcp.runtime.upstream.UpstreamOrigins;
import io.helidon.faulttolerance.Bulkhead;
import io.helidon.faulttolerance.BulkheadException;
import io.helidon.faulttolerance.CircuitBreaker;
import io.helidon.faulttolerance.CircuitBreakerOpenException;
import io.helidon.faulttolerance.Retry;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Keeps calls to a failing or overloaded upstream from making things worse, with Helidon fault tolerance, as
 * {@code imcp.services.<id>.resilience} says ({@link ResilienceConfig}). Put it just before
 * {@link UpstreamCallLink}, whose {@link ToolInvocation#failure()} tells it why an attempt failed. For each call:
 * <ol>
 *   <li><b>Retry</b> (Helidon {@link Retry}), outermost: an idempotent call (tool annotations {@code readOnlyHint}
 *       or {@code idempotentHint} true, which the generator sets for HTTP GET, HEAD, PUT and DELETE) whose attempt
 *       failed {@linkplain #retryable retryably} is made again, up to {@code retries} more times, after
 *       {@code retry-delay-ms}, then twice as long for each further one, each wait shortened by a random part of up
 *       to half, and never shorter than a 503's {@code Retry-After} ({@link Backoff}). Any other call is made once. The client
 *       gets the last attempt's result.</li>
 *   <li><b>Bulkhead</b> (Helidon {@link Bulkhead}), one per upstream, when {@code bulkhead.limit} is set: at most
 *       {@code limit} attempts run at once and {@code queue} wait; a further one is answered
 *       {@code isError} "Too many calls in flight to <upstream>, retry later" without reaching the upstream.</li>
 *   <li><b>Circuit breaker</b> (Helidon {@link CircuitBreaker}), one per upstream: counts an attempt that got no
 *       usable answer ({@linkplain #unanswered}: connection failure, timeout, HTTP 5xx) as a failure and any
 *       other outcome, 4xx, SOAP faults and a failed token request (the upstream was not asked) included, as a
 *       success; when {@code failure-ratio} percent of the last
 *       {@code volume} attempts failed it opens, and attempts are answered at once, without reaching the upstream,
 *       {@code isError} "Upstream <upstream> is unavailable ...; it will be tried again in <n> s", until
 *       {@code delay-seconds} have passed; then it lets one attempt through (half-open), whose success closes
 *       it. Its opening is logged (WARNING) with the upstream's origin.</li>
 * </ol>
 * An <em>upstream</em> is the origin ({@code scheme://host:port}, {@link UpstreamOrigins}) a tool's requests go to,
 * after configuration overrides; each service has its own guards for each of its upstreams, with the service's
 * settings. A service whose base URLs or WSDL ports all share one origin has one breaker and one bulkhead, named
 * {@code <service>} in the texts above; with several, a tool's upstream is learned from the first request its first
 * attempt sends (that attempt goes through no bulkhead, and its outcome is counted by the breaker afterwards), and the
 * texts name {@code <service> (<base URL or port names there>)}, never the address.
 *
 * <p>A refused call (bulkhead, open breaker) is audited with status {@code limited}, and its result has
 * {@code _meta["dev.imcp/refused"]} ({@value #CIRCUIT_OPEN} or {@value #BULKHEAD_FULL}) and, for the breaker,
 * {@code _meta["dev.imcp/retryAfterSeconds"]} ({@link RateLimitLink#REFUSED}, {@link RateLimitLink#RETRY_AFTER}). A call
 * already cancelled (deadline, client) is never retried. The request's deadline ({@link LimitsLink}) bounds the
 * attempts and the waits between them together: a call cancelled while it waits for a retry or in a bulkhead's queue
 * (which a cancellation does not interrupt) is answered as cancelled when its turn comes, without reaching the
 * upstream. Thread-safe.
 */
public final class ResilienceLink implements InvocationLink {

    /** The {@link RateLimitLink#REFUSED} value of a call refused by an open circuit breaker. */
    public static final String CIRCUIT_OPEN = "circuit-open";

    /** The {@link RateLimitLink#REFUSED} value of a call refused by a full bulkhead. */
    public static final String BULKHEAD_FULL = "bulkhead-full";

    /** An attempt that got no usable answer from the upstream: a failure for the circuit breaker. */
    private static class Unanswered extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient ObjectNode result;

        Unanswered(ObjectNode result) {
            super(null, null, false, false);
            this.result = result;
        }
    }

    /** An unanswered attempt that may be made again, when the call is idempotent. */
    private static class Retryable extends Unanswered {
        private static final long serialVersionUID = 1L;

        Retryable(ObjectNode result) {
            super(result);
        }
    }

    /**
     * A retryable attempt that failed at the OAuth 2.0 token endpoint, before the upstream was asked: retried like
     * any other, not counted by the upstream's circuit breaker (its {@code skipOn}).
     */
    private static final class TokenRetryable extends Retryable {
        private static final long serialVersionUID = 1L;

        TokenRetryable(ObjectNode result) {
            super(result);
        }
    }

    /** A later link's {@link McpError}, carried through Helidon's handlers. */
    private static final class Refusal extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final McpError error;

        Refusal(McpError error) {
            super(null, null, false, false);
            this.error = error;
        }
    }

    /** The breaker and bulkhead of one upstream of one service, and when the breaker last opened. */
    private static final class Guard {
        private final String service;
        private final String origin;
        private final String label;
        private final ResilienceConfig settings;
        private final CircuitBreaker breaker;
        private final Bulkhead bulkhead;
        private volatile long openedNanos;

        Guard(String service, String origin, String label, ResilienceConfig settings) {
            this.service = service;
            this.origin = origin;
            this.label = label;
            this.settings = settings;
            String name = "imcp-" + service + "-" + origin;
            this.breaker = !settings.breaker() ? null : CircuitBreaker.builder()
                    .name(name)
                    .errorRatio(settings.failureRatio())
                    .volume(settings.volume())
                    .delay(settings.breakerDelay())
                    .successThreshold(1)
                    .applyOn(java.util.Set.of(Unanswered.class))
                    .skipOn(java.util.Set.of(TokenRetryable.class))
                    .enableMetrics(false)
                    .build();
            this.bulkhead = !settings.bulkhead() ? null : Bulkhead.builder()
                    .name(name)
                    .limit(settings.bulkheadLimit())
                    .queueLength(settings.bulkheadQueue())
                    .enableMetrics(false)
                    .build();
        }

        ObjectNode call(Supplier<ObjectNode> attempt) {
            Supplier<ObjectNode> guarded = breaker == null ? attempt : () -> throughBreaker(attempt);
            return bulkhead == null ? guarded.get() : bulkhead.invoke(guarded);
        }

        /**
         * Counts an attempt that was made without this guard (before the tool's upstream was known) as the breaker
         * would have: {@code outcome} is the {@link Unanswered} it threw, or {@code null} when it got an answer.
         */
        void record(Unanswered outcome) {
            if (breaker == null) {
                return;
            }
            try {
                throughBreaker(() -> {
                    if (outcome != null) {
                        throw outcome;
                    }
                    return null;
                });
            } catch (Unanswered | CircuitBreakerOpenException e) {
                // counted (or not counted, the breaker being open meanwhile); the caller has the attempt's result
            }
        }

        private ObjectNode throughBreaker(Supplier<ObjectNode> attempt) {
            CircuitBreaker.State before = breaker.state();
            try {
                return breaker.invoke(attempt);
            } finally {
                if (before != CircuitBreaker.State.OPEN && breaker.state() == CircuitBreaker.State.OPEN) {
                    openedNanos = System.nanoTime();
                    LOG.log(System.Logger.Level.WARNING, "Circuit breaker of upstream " + origin + " of service "
                            + service + " opened: " + settings.failureRatio() + "% of its last " + settings.volume()
                            + " calls got no answer; calls to it are held back for "
                            + settings.breakerDelay().toSeconds() + " s");
                }
            }
        }

        /** Returns about how long until the open breaker lets an attempt through, in whole seconds (at least 1). */
        long secondsUntilHalfOpen() {
            long left = openedNanos + settings.breakerDelay().toNanos() - System.nanoTime();
            return Math.max(1, (left + 999_999_999L) / 1_000_000_000L);
        }
    }

    private static final System.Logger LOG = System.getLogger(ResilienceLink.class.getName());

    private final Function<String, ResilienceConfig> settings;
    private final Function<String, Map<String, java.util.List<String>>> upstreams;
    private final ToolResults results;
    private final Map<String, ResilienceConfig> configs = new ConcurrentHashMap<>();
    private final Map<String, Map<String, java.util.List<String>>> origins = new ConcurrentHashMap<>();
    /** Service id and origin, separated by a space, to its guard. */
    private final Map<String, Guard> guards = new ConcurrentHashMap<>();
    /** Tool name to the origin its first attempt reached, for tools of services with several upstreams. */
    private final Map<String, String> learned = new ConcurrentHashMap<>();
    private final Map<String, Retry> retries = new ConcurrentHashMap<>();

    /**
     * A link that learns each tool's upstream from its first attempt.
     *
     * @param mapper the JSON mapper of results
     * @param settings service id to its settings (e.g. {@code id -> config.service(id).resilience()}); asked once
     *     per service, on its first call
     */
    public ResilienceLink(ObjectMapper mapper, Function<String, ResilienceConfig> settings) {
        this(mapper, settings, id -> Map.of());
    }

    /**
     * @param mapper the JSON mapper of results
     * @param settings service id to its settings (e.g. {@code id -> config.service(id).resilience()}); asked once
     *     per service, on its first call
     * @param upstreams service id to its upstreams ({@link UpstreamOrigins#of(dev.imcp.runtime.spi.ServiceDescriptor,
     *     dev.imcp.runtime.config.ServiceConfig)}: origin to the names of the base URLs or ports there); asked once per
     *     service
     */
    public ResilienceLink(ObjectMapper mapper, Function<String, ResilienceConfig> settings,
            Function<String, Map<String, java.util.List<String>>> upstreams) {
        this.settings = settings;
        this.upstreams = upstreams;
        this.results = new ToolResults(mapper);
    }

    /**
     * As {@link #ResilienceLink(ObjectMapper, Function, Function)}, and builds the guards of {@code services} at once
     * on a virtual thread of its own: the first circuit breaker starts Helidon's service registry, which takes a few
     * hundred milliseconds (seconds on a loaded machine) that a first call would otherwise wait for, holding back
     * every other first call meanwhile.
     *
     * @param services the ids of the services whose tools are served
     */
    public ResilienceLink(ObjectMapper mapper, Function<String, ResilienceConfig> settings,
            Function<String, Map<String, java.util.List<String>>> upstreams, java.util.Collection<String> services) {
        this(mapper, settings, upstreams);
        java.util.List<String> ids = java.util.List.copyOf(new java.util.TreeSet<>(services));
        Thread.ofVirtual().name("imcp-resilience-warm-up").start(() -> {
            for (String id : ids) {
                try {
                    for (String origin : originsOf(id).keySet()) {
                        guard(id, origin);
                    }
                } catch (RuntimeException e) {
                    return; // a bad setting fails the service's first call with its message instead
                }
            }
        });
    }

    private ResilienceConfig settingsOf(String service) {
        return configs.computeIfAbsent(service, settings);
    }

    private Map<String, java.util.List<String>> originsOf(String service) {
        return origins.computeIfAbsent(service, upstreams);
    }

    /** Returns the guard of {@code origin} of {@code service}. */
    private Guard guard(String service, String origin) {
        return guards.computeIfAbsent(service + " " + origin, key -> {
            Map<String, java.util.List<String>> known = originsOf(service);
            java.util.List<String> names = known.getOrDefault(origin, java.util.List.of());
            String label = known.size() > 1 && !names.isEmpty() ? service + " (" + String.join(", ", names) + ")"
                    : service;
            return new Guard(service, origin, label, settingsOf(service));
        });
    }

    /**
     * Returns the origin the tool's calls go to: the only one of its service, else the one its first attempt
     * reached; {@code null} before that.
     */
    private String originOf(ToolInvocation invocation) {
        String origin = learned.get(invocation.name());
        if (origin != null) {
            return origin;
        }
        Map<String, java.util.List<String>> known = originsOf(invocation.service());
        return known.size() == 1 ? known.keySet().iterator().next() : null;
    }

    @Override
    public ObjectNode invoke(ToolInvocation invocation, Next next) throws McpError {
        String service = invocation.service();
        ResilienceConfig own = settingsOf(service);
        Guard[] used = new Guard[1];
        Supplier<ObjectNode> attempt = () -> guarded(invocation, next, used);
        CancellationToken token = invocation.context().cancellation();
        Thread caller = Thread.currentThread();
        // A cancellation interrupts the wait for a retry or for a turn in the bulkhead, as UpstreamCallLink's own
        // registration interrupts an attempt.
        try (Cancellation.Registration ignored = token.onCancel(caller::interrupt)) {
            Retry retry = idempotent(invocation.tool().descriptor()) ? retryOf(own, invocation.name()) : null;
            return retry == null ? attempt.get() : retry.invoke(attempt);
        } catch (RuntimeException e) {
            if (token.isCancelled()) {
                invocation.status(AuditEvent.Status.ERROR);
                return results.error(LimitsLink.cancelledText(invocation, token));
            }
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof Unanswered u) {
                    return u.result;
                } else if (t instanceof Refusal r) {
                    throw r.error;
                } else if (t instanceof CircuitBreakerOpenException && used[0] != null) {
                    long seconds = used[0].secondsUntilHalfOpen();
                    return RateLimitLink.refusal(invocation, results, CIRCUIT_OPEN, "Upstream " + used[0].label
                            + " is unavailable: too many of its recent calls failed, so calls to it are held back"
                            + " (circuit breaker open); it will be tried again in " + seconds + " s", seconds);
                } else if (t instanceof BulkheadException && used[0] != null) {
                    return RateLimitLink.refusal(invocation, results, BULKHEAD_FULL,
                            "Too many calls in flight to " + used[0].label + ", retry later", 0);
                }
            }
            throw e;
        } finally {
            ADVISED.remove();
            Thread.interrupted(); // a cancellation that came late must not hit the transport's next read
        }
    }

    /**
     * Makes one attempt through the guard of the tool's upstream; when that is not known yet (a tool of a service
     * with several upstreams, on its first attempt), without a guard, learning the upstream from the request the
     * tool sends and counting the outcome in that upstream's breaker afterwards.
     */
    private ObjectNode guarded(ToolInvocation invocation, Next next, Guard[] used) {
        String origin = originOf(invocation);
        if (origin != null) {
            Guard guard = guard(invocation.service(), origin);
            used[0] = guard;
            return guard.call(() -> attempt(invocation, next, null));
        }
        String[] reached = new String[1];
        Unanswered unanswered = null;
        ObjectNode result;
        try {
            result = attempt(invocation, next, reached);
        } catch (Unanswered u) {
            unanswered = u;
            result = null;
        }
        if (reached[0] != null) {
            learned.putIfAbsent(invocation.name(), reached[0]);
            Guard guard = guard(invocation.service(), reached[0]);
            used[0] = guard;
            guard.record(unanswered);
        }
        if (unanswered != null) {
            throw unanswered;
        }
        return result;
    }

    /**
     * Makes one attempt; throws {@link Unanswered} (or {@link Retryable}) carrying its result when it got no answer.
     * With {@code reached}, its first element is set to the origin of the first upstream request the attempt sends.
     * A call cancelled meanwhile (while waiting for a retry or in the bulkhead's queue) is answered as
     * {@link LimitsLink} answers it, without reaching the upstream.
     */
    private ObjectNode attempt(ToolInvocation invocation, Next next, String[] reached) {
        if (invocation.context().cancellation().isCancelled()) {
            invocation.status(AuditEvent.Status.ERROR);
            return results.error(LimitsLink.cancelledText(invocation, invocation.context().cancellation()));
        }
        ObjectNode result;
        try (UpstreamOrigins.Scope ignored = reached == null ? () -> { } : UpstreamOrigins.open(origin -> {
            if (reached[0] == null) {
                reached[0] = origin;
            }
        })) {
            result = next.proceed(invocation);
        } catch (McpError e) {
            throw new Refusal(e);
        }
        Throwable failure = invocation.failure();
        if (failure == null || invocation.context().cancellation().isCancelled()) {
            return result;
        }
        if (retryable(failure)) {
            ADVISED.set(retryAfter(failure).orElse(null)); // read by Backoff on this thread, before the wait
            throw UpstreamFaults.atTokenEndpoint(failure) ? new TokenRetryable(result) : new Retryable(result);
        }
        if (unanswered(failure)) {
            throw new Unanswered(result);
        }
        return result;
    }

    /** The longest {@code Retry-After} a retry waits for; an upstream asking for more is not retried. */
    static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(30);

    /** The last attempt's {@code Retry-After}, set on the calling thread, where Helidon's {@link Retry} also waits. */
    private static final ThreadLocal<Duration> ADVISED = new ThreadLocal<>();

    /**
     * The wait before retry {@code n} (1-based): {@code delay * 2^(n-1)}, of which a random part up to half is taken
     * off ("equal jitter"), so that callers that failed together do not come back together; but at least the
     * upstream's {@code Retry-After} (a 503's, RFC 9110 section 10.2.3), and no retry at all when that is over
     * {@link #MAX_RETRY_AFTER}.
     */
    static final class Backoff implements Retry.RetryPolicy {
        private final int calls;
        private final Duration delay;

        Backoff(int calls, Duration delay) {
            this.calls = calls;
            this.delay = delay;
        }

        @Override
        public java.util.Optional<Long> nextDelayMillis(long firstCallMillis, long lastDelay, int call) {
            if (call >= calls) {
                return java.util.Optional.empty();
            }
            long full = delay.toMillis() << Math.min(call - 1, 20);
            long wait = full - java.util.concurrent.ThreadLocalRandom.current().nextLong(full / 2 + 1);
            Duration advised = ADVISED.get();
            if (advised != null) {
                if (advised.compareTo(MAX_RETRY_AFTER) > 0) {
                    return java.util.Optional.empty();
                }
                wait = Math.max(wait, advised.toMillis());
            }
            return java.util.Optional.of(wait);
        }
    }

    /** Returns the {@code Retry-After} a REST upstream sent with its failure. */
    private static java.util.Optional<Duration> retryAfter(Throwable failure) {
        for (Throwable t = UpstreamFaults.unwrap(failure); t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof UpstreamException u) {
                return u.retryAfter();
            }
        }
        return java.util.Optional.empty();
    }

    /** Returns the retry of {@code tool}, or {@code null} when it is not retried. */
    private Retry retryOf(ResilienceConfig settings, String tool) {
        ResilienceConfig.ToolRetries own = settings.retriesOf(tool);
        if (own.retries() == 0) {
            return null;
        }
        return retries.computeIfAbsent(tool, name -> Retry.builder()
                .name("imcp-" + name)
                .calls(own.retries() + 1)
                .retryPolicy(new Backoff(own.retries() + 1, own.delay()))
                .overallTimeout(Duration.ofDays(1)) // the request's deadline (LimitsLink) bounds the attempts instead
                .applyOn(java.util.Set.of(Retryable.class))
                .enableMetrics(false)
                .build());
    }

    /** Whether the tool's annotations say a repeated call has no further effect: {@code readOnlyHint} or {@code idempotentHint}. */
    static boolean idempotent(ToolDescriptor descriptor) {
        Map<String, Boolean> hints = descriptor.annotations();
        return Boolean.TRUE.equals(hints.get("readOnlyHint")) || Boolean.TRUE.equals(hints.get("idempotentHint"));
    }

    /**
     * Whether a failed attempt may be made again (for an idempotent call): the upstream may not have received the
     * request, or said it could not handle it now: a connection that could not be made or was reset, an unknown
     * host, no answer before the timeout, HTTP 502, 503 or 504 (RFC 9110, section 15.6). Not a 4xx, not another
     * 5xx, not a SOAP fault, not an invalid argument or an unreadable response.
     */
    static boolean retryable(Throwable failure) {
        int status = status(failure);
        if (status > 0) {
            return status == 502 || status == 503 || status == 504;
        }
        for (Throwable t = UpstreamFaults.unwrap(failure); t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConnectException || t instanceof NoRouteToHostException || t instanceof UnknownHostException
                    || t instanceof SocketTimeoutException || t instanceof TimeoutException
                    || t instanceof SocketException
                    || t instanceof org.apache.hc.core5.http.NoHttpResponseException
                    || t instanceof org.apache.hc.client5.http.ConnectTimeoutException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether an attempt got no usable answer from the upstream: {@link #retryable} failures and every HTTP 5xx; not
     * a failure at the token endpoint ({@link UpstreamFaults#atTokenEndpoint}), where the upstream was never asked.
     */
    static boolean unanswered(Throwable failure) {
        return !UpstreamFaults.atTokenEndpoint(failure) && (status(failure) >= 500 || retryable(failure));
    }

    /** Returns the HTTP status of a REST ({@link UpstreamException}) or SOAP (CXF {@code HTTPException}) failure, or 0. */
    private static int status(Throwable failure) {
        for (Throwable t = UpstreamFaults.unwrap(failure); t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof UpstreamException u && u.status() > 0) {
                return u.status();
            }
            if (t instanceof org.apache.cxf.transport.http.HTTPException h) {
                return h.getResponseCode();
            }
        }
        return 0;
    }
}
