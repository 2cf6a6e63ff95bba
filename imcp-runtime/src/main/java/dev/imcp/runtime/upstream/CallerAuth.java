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
 * The {@code Authorization} of a service whose credentials are the caller's ({@code auth.type: caller-token} or
 * {@code token-exchange}), for the caller of the current thread ({@link CurrentCaller}). Thread-safe.
 *
 * <ul>
 *   <li>{@code caller-token}: {@code Bearer <the caller's JWT>}, as the caller sent it (RFC 6750 section 2.1);</li>
 *   <li>{@code token-exchange}: {@code Bearer <issued token>}, the {@code access_token} the token endpoint issues
 *       for the caller's JWT as {@code subject_token} (RFC 8693 section 2.1), cached per caller token in the
 *       service's {@link OAuth2Tokens} until it expires.</li>
 * </ul>
 * An API-key caller, a local caller (stdio) and a call outside a request have no token: the call fails with a tool
 * error saying so, and nothing is sent. Every token it handles, the caller's and the issued ones, is registered with
 * the {@link Redactor} before it is sent.
 */
final class CallerAuth {

    private final String serviceId;
    private final OutboundAuth auth;
    private final OAuth2Tokens tokens;
    private final Redactor redactor;

    /**
     * @param serviceId the service id, for messages
     * @param auth the service's credentials; {@link OutboundAuth#onBehalfOfCaller()}
     * @param tokens the service's token cache, for exchanged tokens
     * @param redactor learns the caller's and the issued tokens
     */
    CallerAuth(String serviceId, OutboundAuth auth, OAuth2Tokens tokens, Redactor redactor) {
        if (!auth.onBehalfOfCaller()) {
            throw new IllegalArgumentException("not caller credentials: " + auth);
        }
        this.serviceId = Objects.requireNonNull(serviceId, "serviceId");
        this.auth = auth;
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.redactor = Objects.requireNonNull(redactor, "redactor");
    }

    /**
     * What one request carries.
     *
     * @param authorization the {@code Authorization} header value
     * @param forget drops an exchanged token the upstream refused with 401 from the cache; {@code null} for a
     *     forwarded token, which the adapter cannot renew
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
     * @return the header value and how to forget an exchanged token
     * @throws UpstreamException when the caller has no JWT, or the token exchange fails (the token endpoint's status
     *     and body are kept, the caller's token is not in the message)
     */
    Bearer bearer() throws UpstreamException {
        Caller caller = CurrentCaller.get().orElse(null);
        String subject = caller == null ? null : caller.token();
        if (subject == null) {
            throw new UpstreamException(0, "service " + serviceId + " calls its upstream with the caller's own token ("
                    + (auth.type() == OutboundAuth.Type.CALLER_TOKEN ? "forwarded" : "exchanged")
                    + "), and this caller has none: only callers authenticated with a JWT bearer token can use it", "");
        }
        redactor.register(subject);
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
                form);
        String issued = tokens.token(grant);
        return new Bearer("Bearer " + issued, () -> tokens.forget(grant, issued));
    }
}
