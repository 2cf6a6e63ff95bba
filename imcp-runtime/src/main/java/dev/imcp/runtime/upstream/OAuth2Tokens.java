package dev.imcp.runtime.upstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.imcp.runtime.spi.UpstreamException;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * Access tokens of OAuth 2.0 client credentials grants (RFC 6749 section 4.4), one per grant (a contract's security
 * scheme, a service's or tenant's {@code auth.type: oauth2-client-credentials}), cached until shortly before they
 * expire. Thread-safe; concurrent callers of one scheme wait for a single token request.
 *
 * <p>The token request is a {@code POST} of {@code grant_type=client_credentials} and, when there are scopes,
 * {@code scope} (space-separated, section 3.3) as {@code application/x-www-form-urlencoded}, with the client id
 * and secret as HTTP basic credentials (section 2.3.1: each form-encoded first). A token is reused until
 * {@code expires_in} minus a tenth of it (at most one minute) has passed, so it is renewed before the upstream
 * would refuse it; a response without {@code expires_in} is kept for {@link #DEFAULT_LIFETIME}. Each token fetched is
 * handed to a listener before it is used, so that the redactor masks it from then on (an upstream may echo it).
 *
 * <p>The same cache serves token exchanges (RFC 8693): a grant with a {@code subject_token} is posted as
 * {@code grant_type=urn:ietf:params:oauth:grant-type:token-exchange} with its parameters, and the issued token is
 * cached per grant, that is per subject token, until it expires as above but never past the grant's
 * {@link Grant#notAfter()} (the subject token's own expiry). A token an upstream refuses is dropped
 * ({@link #forget}) so that one retry gets a fresh one.
 */
final class OAuth2Tokens {

    /** How long a token without {@code expires_in} is reused. */
    static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(5);

    private static final Duration MAX_MARGIN = Duration.ofMinutes(1);

    /** The {@code grant_type} of a token exchange (RFC 8693 section 2.1). */
    static final String TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";

    private final UpstreamHttpClient client;
    private final ObjectMapper mapper;
    private final Duration timeout;
    private final long maxResponseBytes;
    private final BiConsumer<String, Duration> fetched;
    private final Cache<Grant, Token> cache = Caffeine.newBuilder()
            .maximumSize(1_000)
            .expireAfter(new Expiry<Grant, Token>() {
                @Override
                public long expireAfterCreate(Grant key, Token token, long currentTime) {
                    return token.reuseNanos();
                }

                @Override
                public long expireAfterUpdate(Grant key, Token token, long currentTime, long currentDuration) {
                    return token.reuseNanos();
                }

                @Override
                public long expireAfterRead(Grant key, Token token, long currentTime, long currentDuration) {
                    return currentDuration;
                }
            })
            .build();

    /**
     * @param client the HTTP client token requests go through
     * @param mapper reads the token response
     * @param timeout the token request timeout
     * @param maxResponseBytes the largest token response read
     * @param fetched told each new access token and its lifetime ({@code expires_in}, else {@link #DEFAULT_LIFETIME})
     *     before it is used (the {@link dev.imcp.runtime.audit.Redactor#register(String, Duration)})
     */
    OAuth2Tokens(UpstreamHttpClient client, ObjectMapper mapper, Duration timeout, long maxResponseBytes,
            BiConsumer<String, Duration> fetched) {
        this.client = Objects.requireNonNull(client, "client");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.maxResponseBytes = maxResponseBytes;
        this.fetched = Objects.requireNonNull(fetched, "fetched");
    }

    /**
     * One grant: where to ask, as whom, for what.
     *
     * @param tokenUrl the absolute token endpoint
     * @param clientId the client id
     * @param clientSecret the client secret
     * @param scopes the scopes, possibly empty
     * @param parameters further form parameters, in order; with a {@code subject_token} the grant is a token
     *     exchange (RFC 8693 section 2.1: {@code subject_token}, {@code subject_token_type}, {@code audience},
     *     {@code resource}, {@code requested_token_type}), else a client credentials grant
     * @param notAfter the latest time its token may be used, whatever {@code expires_in} says: the {@code exp} of the
     *     subject token of an exchange; {@code null} for no such limit
     */
    record Grant(URI tokenUrl, String clientId, String clientSecret, List<String> scopes,
            Map<String, String> parameters, java.time.Instant notAfter) {

        /** Copies the parameters, keeping their order. */
        Grant {
            scopes = List.copyOf(scopes);
            parameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        }

        /** A client credentials grant (RFC 6749 section 4.4). */
        Grant(URI tokenUrl, String clientId, String clientSecret, List<String> scopes) {
            this(tokenUrl, clientId, clientSecret, scopes, Map.of(), null);
        }

        /** A grant without a time limit of its own. */
        Grant(URI tokenUrl, String clientId, String clientSecret, List<String> scopes, Map<String, String> parameters) {
            this(tokenUrl, clientId, clientSecret, scopes, parameters, null);
        }

        /** Whether this is a token exchange (RFC 8693): it has a {@code subject_token}. */
        boolean exchange() {
            return parameters.containsKey("subject_token");
        }

        /** Keeps the secrets (the client secret, a subject token) out of logs. */
        @Override
        public String toString() {
            return "Grant[" + tokenUrl + ", scopes=" + scopes + (exchange() ? ", token exchange" : "") + "]";
        }
    }

    private record Token(String value, long reuseNanos) {
    }

    /**
     * Returns a valid access token for {@code grant}, from the cache or a new token request.
     *
     * @param grant the grant
     * @return the access token
     * @throws UpstreamException when the token endpoint cannot be reached, answers outside 2xx (its status and body
     *     are kept) or without an {@code access_token}
     */
    String token(Grant grant) throws UpstreamException {
        try {
            return cache.get(grant, g -> {
                try {
                    return request(g);
                } catch (UpstreamException e) {
                    throw new TokenFailure(e);
                }
            }).value();
        } catch (TokenFailure e) {
            throw e.failure;
        }
    }

    /**
     * Drops the cached token of {@code grant} when it is still {@code used}, the token an upstream has just refused
     * (HTTP 401), so that the next {@link #token} fetches a new one. When another caller has already replaced it,
     * nothing is dropped: concurrent refusals of one token lead to one new token request.
     *
     * @param grant the grant
     * @param used the refused access token
     */
    void forget(Grant grant, String used) {
        cache.asMap().computeIfPresent(grant, (g, t) -> t.value().equals(used) ? null : t);
    }

    private Token request(Grant grant) throws UpstreamException {
        StringBuilder form = new StringBuilder("grant_type=")
                .append(encode(grant.exchange() ? TOKEN_EXCHANGE : "client_credentials"));
        grant.parameters().forEach((name, value) -> form.append('&').append(encode(name)).append('=')
                .append(encode(value)));
        if (!grant.scopes().isEmpty()) {
            form.append("&scope=").append(encode(String.join(" ", grant.scopes())));
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "application/json");
        headers.put("Content-Type", "application/x-www-form-urlencoded");
        if (grant.clientId() != null) { // a token exchange may go without client authentication (RFC 8693 section 2.1)
            String pair = encode(grant.clientId()) + ":" + encode(grant.clientSecret());
            headers.put("Authorization", "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        }
        UpstreamHttpClient.Response response;
        try {
            response = client.send("POST", grant.tokenUrl(), headers, form.toString().getBytes(StandardCharsets.UTF_8),
                    timeout, maxResponseBytes);
        } catch (UpstreamException e) { // not reached, timed out: the token endpoint's failure, not the upstream's
            throw new TokenEndpointException(e);
        }
        String body = new String(response.body(), StandardCharsets.UTF_8);
        int status = response.status();
        if (status < 200 || status > 299) {
            throw new TokenEndpointException(status, grant.exchange() ? "the token exchange (RFC 8693) failed"
                    : "the OAuth 2.0 token request failed", body);
        }
        JsonNode json;
        try {
            json = mapper.readTree(response.body());
        } catch (IOException e) {
            json = null;
        }
        JsonNode accessToken = json == null ? null : json.get("access_token");
        if (accessToken == null || !accessToken.isTextual() || accessToken.asText().isBlank()) {
            throw new TokenEndpointException(0, (grant.exchange() ? "the token exchange (RFC 8693) failed: " : "")
                    + "the OAuth 2.0 token response has no access_token (RFC 6749 section 5.1)", "");
        }
        JsonNode expiresIn = json.get("expires_in");
        Duration lifetime = expiresIn != null && expiresIn.canConvertToLong() && expiresIn.asLong() > 0
                ? Duration.ofSeconds(expiresIn.asLong()) : DEFAULT_LIFETIME;
        fetched.accept(accessToken.asText(), lifetime);
        Duration margin = lifetime.dividedBy(10);
        if (margin.compareTo(MAX_MARGIN) > 0) {
            margin = MAX_MARGIN;
        }
        Duration reuse = lifetime.minus(margin);
        if (grant.notAfter() != null) {
            Duration left = Duration.between(java.time.Instant.now(), grant.notAfter());
            if (left.compareTo(reuse) < 0) {
                reuse = left.isNegative() ? Duration.ZERO : left;
            }
        }
        return new Token(accessToken.asText(), reuse.toNanos());
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** Carries an {@link UpstreamException} out of the cache's loader. */
    private static final class TokenFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient UpstreamException failure;

        TokenFailure(UpstreamException failure) {
            super(null, null, false, false);
            this.failure = failure;
        }
    }
}
