package dev.imcp.runtime.security;

import dev.imcp.runtime.audit.AuditLog;
import io.helidon.security.AuthenticationResponse;
import io.helidon.security.CompositeProviderFlag;
import io.helidon.security.CompositeProviderSelectionPolicy;
import io.helidon.security.Security;
import io.helidon.security.SecurityContext;
import io.helidon.security.SecurityEnvironment;
import io.helidon.security.Subject;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Authenticates an HTTP request's {@code Authorization: Bearer <token>} (RFC 6750 section 2.1) against every
 * configured provider, and checks the scopes every caller needs. Thread-safe. The providers are helidon-security
 * authentication providers ({@link BearerProviders}) in one {@link Security} instance with a composite provider
 * policy, so further providers plug in beside them; each request gets its own security context.
 *
 * <p>A token that is a configured API key makes an API-key caller ({@link ApiKeyAuthenticator}); any other token is
 * tried as a JWT when {@code imcp.auth.jwt} is configured ({@link JwtAuthenticator}). The outcomes:
 * <ul>
 *   <li>no provider configured: every request is {@link Caller#ANONYMOUS};</li>
 *   <li>no bearer token: 401 with a challenge without {@code error} (RFC 6750 section 3.1);</li>
 *   <li>a token neither provider accepts: 401 with {@code error="invalid_token"} (and, for a refused JWT,
 *       {@code error_description} with the reason);</li>
 *   <li>the issuer's keys cannot be fetched: 503 (the token may be fine);</li>
 *   <li>a caller lacking one of {@code imcp.auth.required-scopes}: 403 with {@code error="insufficient_scope"} and
 *       {@code scope} listing the required scopes (RFC 6750 section 3.1; MCP 2025-11-25 "Authorization",
 *       "Scope Challenge Handling").</li>
 * </ul>
 * With JWT configured the adapter is an OAuth 2.1 resource server: every challenge is
 * {@code Bearer resource_metadata="<metadata URL>"} plus the error parameters (RFC 9728 section 5.1; MCP
 * 2025-06-18 "Authorization", "Authorization Server Location"); with API keys alone it is
 * {@code Bearer realm="imcp"} plus the error parameters.
 */
public final class Authenticator {

    private final ApiKeyAuthenticator apiKeys;
    private final JwtAuthenticator jwt;
    private final List<String> requiredScopes;
    private final String firstParameter;
    private final Security security;
    private final AuditLog audit;
    private static final java.util.concurrent.atomic.AtomicLong REQUESTS = new java.util.concurrent.atomic.AtomicLong();

    /** How long an accepted {@code Authorization} value is remembered at most. */
    static final Duration REMEMBERED = Duration.ofSeconds(60);

    /** How many accepted {@code Authorization} values are remembered at most. */
    static final int MAX_REMEMBERED = 10_000;

    /**
     * Accepted {@code Authorization} values: a caller sends the same one with every request, and the helidon-security
     * pass (a security context, a composite provider, an audit event whose source is found by walking the stack, a
     * signature check for a JWT) cost about a fifth of the CPU of a whole tools/call ({@code bench/serve.sh --jfr}).
     */
    private final Cache<String, Accepted> accepted = Caffeine.newBuilder().maximumSize(MAX_REMEMBERED)
            .expireAfterWrite(REMEMBERED).build();

    /**
     * An accepted caller as remembered: valid until {@code validUntil} (a JWT's {@code exp} plus skew, on the JWT
     * authenticator's clock; {@code null} for an API key) while the API keys are still {@code keys}.
     */
    private record Accepted(Caller caller, Instant validUntil, Object keys) {
    }

    /**
     * @param apiKeys the API keys (may have none)
     * @param jwt the JWT checker, or {@code null} when tokens are not accepted
     * @param requiredScopes scopes every authenticated caller must have
     * @param resourceMetadata the protected-resource metadata URL named in challenges; required with {@code jwt}
     */
    public Authenticator(ApiKeyAuthenticator apiKeys, JwtAuthenticator jwt, List<String> requiredScopes,
                         URI resourceMetadata) {
        this(apiKeys, jwt, requiredScopes, resourceMetadata, null);
    }

    /**
     * @param apiKeys the API keys (may have none)
     * @param jwt the JWT checker, or {@code null} when tokens are not accepted
     * @param requiredScopes scopes every authenticated caller must have
     * @param resourceMetadata the protected-resource metadata URL named in challenges; required with {@code jwt}
     * @param audit where every refusal is audited ({@link AuditLog#refused}: actor, status, reason), or {@code null}
     */
    public Authenticator(ApiKeyAuthenticator apiKeys, JwtAuthenticator jwt, List<String> requiredScopes,
                         URI resourceMetadata, AuditLog audit) {
        this.audit = audit;
        if (jwt != null && resourceMetadata == null) {
            throw new IllegalArgumentException("a JWT authenticator needs the resource metadata URL");
        }
        this.apiKeys = apiKeys;
        this.jwt = jwt;
        this.requiredScopes = List.copyOf(requiredScopes);
        this.firstParameter = jwt != null ? "resource_metadata=\"" + resourceMetadata + "\"" : "realm=\"imcp\"";
        this.security = enabled() ? security(apiKeys, jwt, firstParameter) : null;
    }

    /**
     * Builds the helidon-security instance: the API-key provider (when keys are configured), then the JWT provider
     * (when tokens are accepted), consulted in that order by a composite provider policy. With both, a configured
     * key is {@code SUFFICIENT} and any other token must pass the JWT provider ({@code REQUIRED}).
     */
    private static Security security(ApiKeyAuthenticator apiKeys, JwtAuthenticator jwt, String firstParameter) {
        Security.Builder security = Security.builder().disableTracing();
        CompositeProviderSelectionPolicy.Builder policy = CompositeProviderSelectionPolicy.builder();
        if (apiKeys.enabled()) {
            security.addAuthenticationProvider(BearerProviders.apiKeys(apiKeys, firstParameter, jwt == null), "api-keys");
            policy.addAuthenticationProvider("api-keys",
                    jwt == null ? CompositeProviderFlag.REQUIRED : CompositeProviderFlag.SUFFICIENT);
        }
        if (jwt != null) {
            security.addAuthenticationProvider(BearerProviders.jwt(jwt, firstParameter), "jwt");
            policy.addAuthenticationProvider("jwt", CompositeProviderFlag.REQUIRED);
        }
        return security.providerSelectionPolicy(policy.build()).build();
    }

    /** Returns whether callers must authenticate: API keys or JWT are configured. */
    public boolean enabled() {
        return apiKeys.enabled() || jwt != null;
    }

    /** Returns whether JWT access tokens are accepted (the adapter is an OAuth resource server). */
    public boolean acceptsTokens() {
        return jwt != null;
    }

    /**
     * Authenticates one request.
     *
     * @param authorization the {@code Authorization} header value, or {@code null} when absent
     * @return the caller, or the HTTP status, challenge and message of a refusal
     */
    public Outcome authenticate(String authorization) {
        Outcome outcome = check(authorization);
        if (audit != null && outcome.caller().isEmpty()) {
            Caller who = outcome.refused();
            audit.refused(who == null ? null : who.name(), who == null ? null : who.tenant(), outcome.status(),
                    outcome.detail());
        }
        return outcome;
    }

    private Outcome check(String authorization) {
        if (!enabled()) {
            return Outcome.accepted(Caller.ANONYMOUS);
        }
        if (ApiKeyAuthenticator.bearerToken(authorization).isEmpty()) {
            return refused(null, 401, "", "a bearer token is required as 'Authorization: Bearer <token>'");
        }
        Accepted known = accepted.getIfPresent(authorization);
        if (known != null) {
            if (stillValid(known)) {
                return scopesChecked(known.caller());
            }
            accepted.invalidate(authorization);
        }
        SecurityContext context = security.createContext("imcp-" + REQUESTS.incrementAndGet());
        context.env(SecurityEnvironment.builder().transport("http").header("Authorization", authorization).build());
        AuthenticationResponse response = context.atnClientBuilder().submit();
        Optional<Caller> caller = response.user().map(Subject::principal)
                .flatMap(p -> p.abacAttribute(BearerProviders.CALLER)).map(Caller.class::cast);
        if (response.status().isSuccess() && caller.isPresent()) {
            remember(authorization, caller.get());
            return scopesChecked(caller.get());
        }
        int status = response.statusCode().orElse(401);
        String challenge = response.responseHeaders().getOrDefault("WWW-Authenticate", List.of()).stream().findFirst()
                .orElse(status == 401 ? "Bearer " + firstParameter + ", error=\"invalid_token\"" : null);
        return new Outcome(Optional.empty(), status, challenge, response.description().orElse("the token is not valid"), null);
    }

    /** Accepts {@code caller} when it has every required scope, else refuses it with 403 {@code insufficient_scope}. */
    private Outcome scopesChecked(Caller caller) {
        if (!caller.scopes().containsAll(requiredScopes)) {
            return refused(caller, 403, ", error=\"insufficient_scope\", scope=\"" + String.join(" ", requiredScopes) + "\"",
                    "the token lacks a required scope (" + String.join(" ", requiredScopes) + ")");
        }
        return Outcome.accepted(caller);
    }

    /**
     * Remembers an accepted caller for at most {@link #REMEMBERED}: an API-key caller while the keys do not change (a
     * key revoked by a reload of the key file is refused at once), a JWT caller also not past its token's
     * {@code exp}. A caller of any other kind is not remembered.
     */
    private void remember(String authorization, Caller caller) {
        if (caller.kind() == Caller.Kind.API_KEY) {
            accepted.put(authorization, new Accepted(caller, null, apiKeys.snapshot()));
        } else if (caller.kind() == Caller.Kind.JWT && jwt != null) {
            jwt.validUntil(caller.token()).ifPresent(until ->
                    accepted.put(authorization, new Accepted(caller, until, apiKeys.snapshot())));
        }
    }

    private boolean stillValid(Accepted known) {
        if (apiKeys.snapshot() != known.keys()) {
            return false; // the key file changed: a key may be gone, or a JWT's token may now be a configured key
        }
        return known.validUntil() == null || jwt.now().isBefore(known.validUntil());
    }

    /** A refusal; {@code who} is the authenticated caller refused for a missing scope, else {@code null}. */
    private Outcome refused(Caller who, int status, String errorParameters, String detail) {
        return new Outcome(Optional.empty(), status, "Bearer " + firstParameter + errorParameters, detail, who);
    }

    /**
     * The result of {@link #authenticate}.
     *
     * @param caller the authenticated caller, empty when refused
     * @param status 200 when accepted, else the HTTP status to answer with (401, 403 or 503)
     * @param challenge the {@code WWW-Authenticate} value to send with a 401 or 403, else {@code null}
     * @param detail what was wrong, for the error body when refused (no secret in it), else {@code null}
     * @param refused who was refused when known (an authenticated caller lacking a scope: its name and tenant go to
     *     the audit), else {@code null}
     */
    public record Outcome(Optional<Caller> caller, int status, String challenge, String detail, Caller refused) {

        static Outcome accepted(Caller caller) {
            return new Outcome(Optional.of(caller), 200, null, null, null);
        }

        /** Returns the status's reason phrase (RFC 9110 section 15): {@code Unauthorized}, {@code Forbidden}, ... */
        public String title() {
            return switch (status) {
                case 401 -> "Unauthorized";
                case 403 -> "Forbidden";
                case 503 -> "Service Unavailable";
                default -> "OK";
            };
        }

        /** Returns {@code <title>: <detail>}, the message of a refusal. */
        public String message() {
            return title() + ": " + detail;
        }
    }
}
