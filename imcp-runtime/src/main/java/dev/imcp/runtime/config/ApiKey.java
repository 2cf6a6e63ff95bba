package dev.imcp.runtime.config;

import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

/**
 * One inbound API key, configured under {@code imcp.auth.api-keys} as its SHA-256 hash.
 *
 * @param name the caller's name, used as the actor in audit events
 * @param sha256 the lower-case hex SHA-256 of the key (64 characters)
 */
public record ApiKey(String name, String sha256) {

    /** Checks that {@code name} is present and {@code sha256} is 64 hex digits, and lower-cases the hash. */
    public ApiKey {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sha256, "sha256");
        sha256 = sha256.trim().toLowerCase(Locale.ROOT);
        if (sha256.length() != 64 || !sha256.chars().allMatch(HexFormat::isHexDigit)) {
            throw new IllegalArgumentException(
                    "imcp.auth.api-keys: sha256 of key '" + name + "' must be 64 hex digits (the SHA-256 of the key)");
        }
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
