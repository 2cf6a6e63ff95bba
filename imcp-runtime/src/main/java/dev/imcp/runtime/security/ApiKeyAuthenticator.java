package dev.imcp.runtime.security;

import dev.imcp.runtime.config.ApiKey;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds callers by API key: the token of {@code Authorization: Bearer <key>}, checked against the configured
 * SHA-256 hashes ({@code imcp.auth.api-keys}, and those of {@code imcp.auth.api-keys-file}, read again when it
 * changes: {@link ApiKeyFile}). {@link Authenticator} applies it to requests. Thread-safe.
 */
public final class ApiKeyAuthenticator {

    private final List<ApiKey> keys;
    private final ApiKeyFile file;

    /**
     * @param keys the accepted keys; empty disables authentication
     */
    public ApiKeyAuthenticator(List<ApiKey> keys) {
        this(keys, null);
    }

    /**
     * @param keys the keys of the configuration
     * @param file the keys of {@code imcp.auth.api-keys-file}, read again when it changes; {@code null} for none
     */
    public ApiKeyAuthenticator(List<ApiKey> keys, ApiKeyFile file) {
        this.keys = List.copyOf(keys);
        this.file = file;
    }

    /** Returns whether any key is configured, or a key file (which may be empty for a while). */
    public boolean enabled() {
        return !keys.isEmpty() || file != null;
    }

    /**
     * Returns the keys now in force, an object that is a different one after every change of the
     * {@code imcp.auth.api-keys-file} (and the same one otherwise), checking the file first as {@link #find} does: a
     * caller accepted under one snapshot is checked again under the next.
     *
     * @return an identity token of the current keys
     */
    public Object snapshot() {
        return file == null ? keys : file.keys();
    }

    /**
     * Returns the caller whose key is {@code token}: its name, roles and scopes ({@link Caller.Kind#API_KEY}).
     * Compares the SHA-256 of {@code token} with every configured hash in constant time.
     *
     * @param token the bearer token as sent
     * @return the caller, empty when no key matches
     */
    public Optional<Caller> find(String token) {
        byte[] hash = sha256(token);
        ApiKey match = null;
        List<ApiKey> all = keys;
        if (file != null) {
            all = new java.util.ArrayList<>(keys);
            all.addAll(file.keys());
        }
        for (ApiKey key : all) {
            // Check every key so the time taken does not reveal which one matched.
            if (MessageDigest.isEqual(hash, key.hashBytes()) && match == null) {
                match = key;
            }
        }
        return match == null ? Optional.empty()
                : Optional.of(new Caller(match.name(), match.roles(), match.scopes(), Caller.Kind.API_KEY, match.tenant(), null));
    }

    /**
     * Returns the token of an {@code Authorization: Bearer <token>} header (RFC 6750 section 2.1; the scheme is
     * case-insensitive).
     *
     * @param header the header value, or {@code null} when absent
     * @return the token, empty when the header is absent, of another scheme or has no token
     */
    public static Optional<String> bearerToken(String header) {
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
}
