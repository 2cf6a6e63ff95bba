package dev.imcp.runtime.config;

import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * One inbound API key, configured under {@code imcp.auth.api-keys} as its SHA-256 hash.
 *
 * @param name the caller's name, used as the actor in audit events
 * @param sha256 the lower-case hex SHA-256 of the key (64 characters)
 * @param roles {@code roles}: the caller's roles, matched by {@code imcp.policy.rules}; empty when none
 * @param scopes {@code scopes}: the caller's OAuth scopes, matched by {@code imcp.auth.required-scopes} and
 *     {@code imcp.policy.rules} as a token's scopes are; empty when none
 */
public record ApiKey(String name, String sha256, Set<String> roles, Set<String> scopes) {

    /**
     * Checks that {@code name} is present and {@code sha256} is 64 hex digits, lower-cases the hash and copies the
     * sets.
     */
    public ApiKey {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sha256, "sha256");
        roles = Set.copyOf(roles);
        scopes = Set.copyOf(scopes);
        sha256 = sha256.trim().toLowerCase(Locale.ROOT);
        if (sha256.length() != 64 || !sha256.chars().allMatch(HexFormat::isHexDigit)) {
            throw new IllegalArgumentException(
                    "imcp.auth.api-keys: sha256 of key '" + name + "' must be 64 hex digits (the SHA-256 of the key)");
        }
    }

    /**
     * A key without roles or scopes.
     *
     * @param name the caller's name
     * @param sha256 the hex SHA-256 of the key
     */
    public ApiKey(String name, String sha256) {
        this(name, sha256, Set.of(), Set.of());
    }

    /** Returns the hash as bytes. */
    public byte[] hashBytes() {
        return HexFormat.of().parseHex(sha256);
    }

    /** Keeps the hash out of logs. */
    @Override
    public String toString() {
        return "ApiKey[name=" + name + "]";
    }
}
