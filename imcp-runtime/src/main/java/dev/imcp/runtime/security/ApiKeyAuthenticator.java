package dev.imcp.runtime.security;

import dev.imcp.runtime.config.ApiKey;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Authenticates callers by API key: {@code Authorization: Bearer <key>}, checked against the configured
 * SHA-256 hashes ({@code imcp.auth.api-keys}). Thread-safe.
 */
public final class ApiKeyAuthenticator {

    /** The {@code WWW-Authenticate} challenge when no credentials were sent. */
    public static final String CHALLENGE = "Bearer realm=\"imcp\"";
    /** The {@code WWW-Authenticate} challenge when a key was sent but not accepted (RFC 6750 section 3.1). */
    public static final String CHALLENGE_INVALID = "Bearer realm=\"imcp\", error=\"invalid_token\"";

    private final List<ApiKey> keys;

    /**
     * @param keys the accepted keys; empty disables authentication
     */
    public ApiKeyAuthenticator(List<ApiKey> keys) {
        this.keys = List.copyOf(keys);
    }

    /** Returns whether any key is configured; without one every caller is {@link Caller#ANONYMOUS}. */
    public boolean enabled() {
        return !keys.isEmpty();
    }

    /**
     * Authenticates one request.
     *
     * @param authorization the {@code Authorization} header value, or {@code null} when absent
     * @return the outcome: the caller, or the challenge to send with HTTP 401
     */
    public Outcome authenticate(String authorization) {
        if (!enabled()) {
            return new Outcome(Optional.of(Caller.ANONYMOUS), null);
        }
        Optional<String> token = bearerToken(authorization);
        if (token.isEmpty()) {
            return new Outcome(Optional.empty(), CHALLENGE);
        }
        byte[] hash = sha256(token.get());
        ApiKey match = null;
        for (ApiKey key : keys) {
            // Check every key so the time taken does not reveal which one matched.
            if (MessageDigest.isEqual(hash, key.hashBytes()) && match == null) {
                match = key;
            }
        }
        return match == null
                ? new Outcome(Optional.empty(), CHALLENGE_INVALID)
                : new Outcome(Optional.of(new Caller(match.name())), null);
    }

    private static Optional<String> bearerToken(String header) {
        if (header == null) {
            return Optional.empty();
        }
        String h = header.trim();
        if (h.length() < 7 || !h.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")) {
            return Optional.empty();
        }
        String token = h.substring(7).trim();
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }

    /**
     * Returns the SHA-256 of {@code text} (UTF-8).
     *
     * @param text the text to hash
     * @return the 32-byte digest
     */
    public static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /**
     * The result of {@link #authenticate}.
     *
     * @param caller the authenticated caller, empty when refused
     * @param challenge the {@code WWW-Authenticate} value to send with HTTP 401 when refused, else {@code null}
     */
    public record Outcome(Optional<Caller> caller, String challenge) {
    }
}
