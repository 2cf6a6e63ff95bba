package dev.imcp.runtime.upstream;

import dev.imcp.runtime.audit.Redactor;
import dev.imcp.runtime.config.OutboundAuth;
import dev.imcp.runtime.config.TokenExchange;
import dev.imcp.runtime.security.Caller;
import dev.imcp.runtime.security.CurrentCaller;
import dev.imcp.runtime.spi.UpstreamException;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code Authorization} of a service whose bearer token is obtained for each call ({@link OutboundAuth#perCall()}):
 * the caller's ({@code auth.type: caller-token}), one exchanged for it ({@code token-exchange}) or one of the adapter's
 * own ({@code oauth2-client-credentials}), for the caller of the current thread ({@link CurrentCaller}). One
 * credential type for HTTP and SOAP alike: REST, CXF and rpc/encoded SOAP requests all take their header from here.
 * Thread-safe.
 *
 * <ul>
 *   <li>{@code caller-token}: {@code Bearer <the caller's JWT>}, as the caller sent it (RFC 6750 section 2.1);</li>
 *   <li>{@code token-exchange}: {@code Bearer <issued token>}, the {@code access_token} the token endpoint issues
 *       for the caller's JWT as {@code subject_token} (RFC 8693 section 2.1), cached per caller token in the
 *       service's {@link OAuth2Tokens} until it expires, and never past the caller JWT's own {@code exp} (RFC 7519
 *       section 4.1.4): an exchanged token does not outlive the token it was exchanged for;</li>
 *   <li>{@code oauth2-client-credentials}: {@code Bearer <token>} of a client credentials grant (RFC 6749 section
 *       4.4) with the configured client, cached per credential set (one per tenant set) in {@link OAuth2Tokens}.</li>
 * </ul>
 * For the first two, an API-key caller, a local caller (stdio) and a call outside a request have no token: the call
 * fails with a tool error saying so, and nothing is sent. Every token it handles, the caller's and the issued ones,
 * is registered with the {@link Redactor} before it is sent. A fetched or exchanged token comes with a way to drop it
 * ({@link Bearer#forget()}), for the one retry after a 401 that each transport makes.
 */
final class PerCallAuth {

    private final String serviceId;
    private final OutboundAuth auth;
    private final OAuth2Tokens tokens;
    private final Redactor redactor;
    private final OAuth2Tokens.Grant clientGrant;
    /** The bearer of the SOAP call the thread is making ({@link #call}). */
    private final ThreadLocal<Bearer> current = new ThreadLocal<>();

    /**
     * @param serviceId the service id, for messages
     * @param auth the service's credentials; {@link OutboundAuth#perCall()}
     * @param tokens the service's token cache, for exchanged and client credentials tokens
     * @param redactor learns the caller's and the issued tokens
     */
    PerCallAuth(String serviceId, OutboundAuth auth, OAuth2Tokens tokens, Redactor redactor) {
        if (!auth.perCall()) {
            throw new IllegalArgumentException("not per-call credentials: " + auth);
        }
        this.serviceId = Objects.requireNonNull(serviceId, "serviceId");
        this.auth = auth;
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.redactor = Objects.requireNonNull(redactor, "redactor");
        OutboundAuth.ClientCredentials c = auth.clientCredentials();
        if (c == null) {
            this.clientGrant = null;
        } else {
            Map<String, String> form = new LinkedHashMap<>();
            if (c.audience() != null) {
                form.put("audience", c.audience());
            }
            if (c.resource() != null) {
                form.put("resource", c.resource());
            }
            this.clientGrant = new OAuth2Tokens.Grant(c.tokenUrl(), c.clientId(), c.clientSecret(), c.scopes(), form);
        }
    }

    /**
     * What one request carries.
     *
     * @param authorization the {@code Authorization} header value
     * @param forget drops a fetched or exchanged token the upstream refused with 401 from the cache; {@code null} for
     *     a forwarded token, which the adapter cannot renew
     */
    record Bearer(String authorization, Runnable forget) {
        /** Keeps the token out of logs. */
        @Override
        public String toString() {
            return "Bearer[***]";
        }
    }

    /**
     * Returns the {@code Authorization} for the current caller.
     *
     * @return the header value and how to forget a fetched or exchanged token
     * @throws UpstreamException when the caller has no JWT (caller-token, token-exchange), or the token request fails
     *     (the token endpoint's status and body are kept, the caller's token is not in the message)
     */
    Bearer bearer() throws UpstreamException {
        if (clientGrant != null) {
            String token = tokens.token(clientGrant);
            return new Bearer("Bearer " + token, () -> tokens.forget(clientGrant, token));
        }
        Caller caller = CurrentCaller.get().orElse(null);
        String subject = caller == null ? null : caller.token();
        if (subject == null) {
            throw new UpstreamException(0, "service " + serviceId + " calls its upstream with the caller's own token ("
                    + (auth.type() == OutboundAuth.Type.CALLER_TOKEN ? "forwarded" : "exchanged")
                    + "), and this caller has none: only callers authenticated with a JWT bearer token can use it", "");
        }
        java.time.Instant exp = expiry(subject);
        if (exp == null) {
            redactor.register(subject);
        } else {
            redactor.register(subject, java.time.Duration.between(java.time.Instant.now(), exp));
        }
        if (auth.type() == OutboundAuth.Type.CALLER_TOKEN) {
            return new Bearer("Bearer " + subject, null);
        }
        TokenExchange x = auth.exchange();
        Map<String, String> form = new LinkedHashMap<>();
        form.put("subject_token", subject);
        form.put("subject_token_type", x.subjectTokenType());
        if (x.audience() != null) {
            form.put("audience", x.audience());
        }
        if (x.resource() != null) {
            form.put("resource", x.resource());
        }
        if (x.requestedTokenType() != null) {
            form.put("requested_token_type", x.requestedTokenType());
        }
        OAuth2Tokens.Grant grant = new OAuth2Tokens.Grant(x.tokenUrl(), x.clientId(), x.clientSecret(), x.scopes(),
                form, exp);
        String issued = tokens.token(grant);
        return new Bearer("Bearer " + issued, () -> tokens.forget(grant, issued));
    }

    /** One attempt of a call, sent with {@link #current()} as its {@code Authorization}. */
    @FunctionalInterface
    interface Attempt<T> {
        /**
         * Sends the request.
         *
         * @return its result
         * @throws Throwable what the transport threw
         */
        T send() throws Throwable;
    }

    /**
     * Runs {@code attempt} with a bearer of {@link #bearer()} as the current thread's {@link #current()}; when it
     * fails with what {@code refused} calls an HTTP 401 and the token was fetched or exchanged (never a forwarded
     * one), drops that token from the cache (one new token request however many calls were refused, as
     * {@link OAuth2Tokens#forget} says), takes a new one and runs {@code attempt} once more; a second failure is
     * thrown as is. For the SOAP transports, whose requests are written by CXF or the rpc/encoded client and get
     * their header from {@link #current()}.
     *
     * @param attempt sends the request
     * @param refused whether a failure of {@code attempt} is the upstream's HTTP 401
     * @param <T> the result type
     * @return the result
     * @throws Throwable an {@link UpstreamException} when no token can be had, else what {@code attempt} threw
     */
    <T> T call(Attempt<T> attempt, java.util.function.Predicate<Throwable> refused) throws Throwable {
        Bearer previous = current.get();
        Bearer bearer = bearer();
        current.set(bearer);
        try {
            try {
                return attempt.send();
            } catch (Throwable failure) {
                if (bearer.forget() == null || !refused.test(failure)) {
                    throw failure;
                }
            }
            bearer.forget().run();
            current.set(bearer());
            return attempt.send();
        } finally {
            if (previous == null) {
                current.remove();
            } else {
                current.set(previous);
            }
        }
    }

    /**
     * Returns the {@code Authorization} of the call the current thread is making inside {@link #call}.
     *
     * @return the header value
     * @throws UpstreamException when the thread is not inside {@link #call} (nothing is then sent)
     */
    String current() throws UpstreamException {
        Bearer bearer = current.get();
        if (bearer == null) {
            throw new UpstreamException(0, "service " + serviceId + ": no credentials for this request", "");
        }
        return bearer.authorization();
    }

    /**
     * Returns the {@code exp} of a JWT (RFC 7519 section 4.1.4), read from its payload without checking the signature
     * (the inbound authentication has checked it), or {@code null} when {@code jwt} is not a JWT with a numeric
     * {@code exp}.
     *
     * @param jwt a compact JWS (RFC 7515 section 7.1)
     * @return when it expires, or {@code null}
     */
    static java.time.Instant expiry(String jwt) {
        String[] parts = jwt.split("\\.", -1);
        if (parts.length != 3) {
            return null;
        }
        try {
            com.fasterxml.jackson.databind.JsonNode exp = JSON.readTree(java.util.Base64.getUrlDecoder().decode(parts[1]))
                    .get("exp");
            return exp != null && exp.canConvertToLong() ? java.time.Instant.ofEpochSecond(exp.asLong()) : null;
        } catch (java.io.IOException | IllegalArgumentException e) {
            return null;
        }
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
}
