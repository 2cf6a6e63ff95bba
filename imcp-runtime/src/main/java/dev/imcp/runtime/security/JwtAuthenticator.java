package dev.imcp.runtime.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import dev.imcp.runtime.config.JwtConfig;

import java.io.IOException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks JWT bearer access tokens ({@code imcp.auth.jwt}, see {@link JwtConfig}) and turns a valid one into a
 * {@link Caller}. Thread-safe.
 *
 * <p>A token is accepted when all of these hold, in this order (the first that fails is the reason given):
 * <ol>
 *   <li>it is a JWT in compact serialization (RFC 7519 section 7.2) and a JWS (RFC 7515 section 7.1), not an
 *       unsecured ({@code alg} {@code none}) or encrypted one;</li>
 *   <li>its {@code alg} is one of {@link #ALGORITHMS} (RSA and ECDSA; {@code none} and the HMAC algorithms are
 *       refused, RFC 8725 section 3.1);</li>
 *   <li>the issuer's JWK Set has a key for it: same {@code kid} when the token names one, the key type and curve of
 *       {@code alg}, {@code use} {@code sig} or absent. A token naming a {@code kid} the set lacks makes
 *       {@link JwksKeys#refresh()} fetch the set again (bounded in rate) before it is refused;</li>
 *   <li>the signature verifies with one such key (RFC 7515 section 5.2);</li>
 *   <li>{@code iss} equals {@link JwtConfig#issuer()} and {@code aud} contains {@link JwtConfig#audience()} (RFC
 *       7519 sections 4.1.1 and 4.1.3; RFC 8707; MCP "Authorization", "Token Audience Binding and Validation");</li>
 *   <li>{@code exp} is present and now is before {@code exp} plus the clock skew, and now is not before
 *       {@code nbf} (when present) minus the skew (RFC 7519 sections 4.1.4 and 4.1.5);</li>
 *   <li>{@code sub} is present: it names the caller.</li>
 * </ol>
 * The caller's scopes are the {@code scopes-claim} (default {@code scope}: a space-separated string, RFC 8693
 * section 4.2; an array is taken too), else the {@code scp} claim (array or string); its roles are the
 * {@code roles-claim} when configured.
 */
public final class JwtAuthenticator {

    /** The signature algorithms accepted (RFC 7518 section 3.1). */
    public static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384,
            JWSAlgorithm.RS512, JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512, JWSAlgorithm.ES256,
            JWSAlgorithm.ES384, JWSAlgorithm.ES512);

    private final JwtConfig config;
    private final JwksKeys keys;
    private final Clock clock;

    /**
     * @param config the accepted issuer, audience, skew and claim names
     * @param keys the issuer's signing keys
     * @param clock the clock {@code exp} and {@code nbf} are checked against
     */
    public JwtAuthenticator(JwtConfig config, JwksKeys keys, Clock clock) {
        this.config = config;
        this.keys = keys;
        this.clock = clock;
    }

    /**
     * Builds the authenticator of {@code config}: keys from its {@code jwks-url} (fetched on first use) or its
     * {@code jwks-file} (read now), on the system clock.
     *
     * @param config the settings
     * @return the authenticator
     * @throws IllegalArgumentException when the {@code jwks-file} cannot be read
     */
    public static JwtAuthenticator create(JwtConfig config) {
        Clock clock = Clock.systemUTC();
        return new JwtAuthenticator(config, config.jwksUrl() != null ? JwksKeys.remote(config.jwksUrl(), clock)
                : JwksKeys.file(config.jwksFile()), clock);
    }

    /**
     * Checks a token as the class describes.
     *
     * @param token the bearer token as sent
     * @return the caller: {@code sub} as its name, its roles and scopes, {@link Caller.Kind#JWT}
     * @throws InvalidToken when the token is refused; the message is a short reason without any of the token's
     *     text, fit for {@code error_description} (RFC 6750 section 3)
     * @throws IOException when the issuer's keys cannot be had (no JWK Set was ever fetched)
     */
    public Caller authenticate(String token) throws InvalidToken, IOException {
        JWT parsed;
        try {
            parsed = JWTParser.parse(token);
        } catch (ParseException e) {
            throw new InvalidToken("malformed token");
        }
        if (!(parsed instanceof SignedJWT jwt)) {
            throw new InvalidToken("token not signed"); // alg none (an unsecured JWT), or an encrypted one
        }
        JWSHeader header = jwt.getHeader();
        if (!ALGORITHMS.contains(header.getAlgorithm())) {
            throw new InvalidToken("signature algorithm not accepted");
        }
        List<JWK> candidates = candidates(header, keys.current());
        if (candidates.isEmpty() && header.getKeyID() != null) {
            candidates = keys.refresh().map(set -> candidates(header, set)).orElse(List.of());
        }
        if (candidates.isEmpty()) {
            throw new InvalidToken("unknown signing key");
        }
        if (candidates.stream().noneMatch(key -> verifies(jwt, key))) {
            throw new InvalidToken("invalid signature");
        }
        JWTClaimsSet claims;
        try {
            claims = jwt.getJWTClaimsSet();
            checkClaims(claims);
        } catch (ParseException e) {
            throw new InvalidToken("malformed claims");
        }
        Object tenant = claim(claims.getClaims(), config.tenantClaim());
        return new Caller(claims.getSubject(), values(claim(claims.getClaims(), config.rolesClaim())),
                scopes(claims.getClaims()), Caller.Kind.JWT,
                tenant instanceof String t && !t.isBlank() ? t.strip() : null, token);
    }

    /**
     * Returns until when an accepted {@code token} stays valid on this authenticator's clock: its {@code exp} plus the
     * clock skew, as {@link #authenticate} checks it.
     *
     * @param token a token {@link #authenticate} accepted
     * @return the instant, empty when the token has no readable {@code exp}
     */
    public Optional<Instant> validUntil(String token) {
        try {
            Date exp = JWTParser.parse(token).getJWTClaimsSet().getExpirationTime();
            return exp == null ? Optional.empty() : Optional.of(exp.toInstant().plus(config.clockSkew()));
        } catch (ParseException e) {
            return Optional.empty();
        }
    }

    /** Returns the instant on the clock tokens are checked against. */
    public Instant now() {
        return clock.instant();
    }

    private void checkClaims(JWTClaimsSet claims) throws ParseException, InvalidToken {
        if (!config.issuer().equals(claims.getIssuer())) {
            throw new InvalidToken("wrong issuer");
        }
        if (claims.getAudience() == null || !claims.getAudience().contains(config.audience().toString())) {
            throw new InvalidToken("wrong audience");
        }
        Instant now = clock.instant();
        Date exp = claims.getExpirationTime();
        if (exp == null) {
            throw new InvalidToken("no expiration time");
        }
        if (!now.isBefore(exp.toInstant().plus(config.clockSkew()))) {
            throw new InvalidToken("token expired");
        }
        Date nbf = claims.getNotBeforeTime();
        if (nbf != null && now.isBefore(nbf.toInstant().minus(config.clockSkew()))) {
            throw new InvalidToken("token not yet valid");
        }
        if (claims.getSubject() == null || claims.getSubject().isBlank()) {
            throw new InvalidToken("no subject");
        }
    }

    private static List<JWK> candidates(JWSHeader header, JWKSet set) {
        return new JWKSelector(JWKMatcher.forJWSHeader(header)).select(set);
    }

    private static boolean verifies(SignedJWT jwt, JWK key) {
        try {
            JWSVerifier verifier = switch (key) {
                case RSAKey rsa -> new RSASSAVerifier(rsa);
                case ECKey ec -> new ECDSAVerifier(ec);
                default -> null;
            };
            return verifier != null && jwt.verify(verifier);
        } catch (JOSEException | IllegalStateException e) {
            return false; // a key the algorithm cannot use (another curve, a short RSA key)
        }
    }

    private Set<String> scopes(Map<String, Object> claims) {
        Object value = claim(claims, config.scopesClaim());
        return values(value != null ? value : claims.get("scp"));
    }

    /** Returns the value at a dotted {@code path} through nested objects, or {@code null}. */
    private static Object claim(Map<String, Object> claims, String path) {
        if (path == null) {
            return null;
        }
        Object value = claims.get(path); // a claim whose name has dots wins over the path
        if (value != null) {
            return value;
        }
        value = claims;
        for (String part : path.split("\\.")) {
            if (!(value instanceof Map<?, ?> object)) {
                return null;
            }
            value = object.get(part);
        }
        return value;
    }

    /** A space-separated string or an array of strings as a set; anything else is empty. */
    private static Set<String> values(Object value) {
        Set<String> out = new LinkedHashSet<>();
        if (value instanceof String text) {
            Arrays.stream(text.trim().split("\\s+")).filter(s -> !s.isEmpty()).forEach(out::add);
        } else if (value instanceof List<?> list) {
            list.stream().filter(String.class::isInstance).map(String.class::cast).forEach(out::add);
        }
        return out;
    }

    /** A token refused; the message is the reason, fit for {@code error_description}. */
    public static final class InvalidToken extends Exception {

        private static final long serialVersionUID = 1L;

        /**
         * @param reason a short reason, only characters RFC 6750 section 3 allows in {@code error_description}
         */
        public InvalidToken(String reason) {
            super(reason, null, false, false);
        }
    }
}
