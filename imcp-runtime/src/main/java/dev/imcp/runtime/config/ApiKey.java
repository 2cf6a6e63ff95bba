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
 * @param tenant {@code tenant}: the caller's tenant, which selects the credential set of services with
 *     {@code imcp.services.<id>.tenants}; {@code null} when none
 */
public record ApiKey(String name, String sha256, Set<String> roles, Set<String> scopes, String tenant) {

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

    /**
     * A key without tenant.
     *
     * @param name the caller's name
     * @param sha256 the hex SHA-256 of the key
     * @param roles the caller's roles
     * @param scopes the caller's scopes
     */
    public ApiKey(String name, String sha256, Set<String> roles, Set<String> scopes) {
        this(name, sha256, roles, scopes, null);
    }

    /**
     * Reads a list of keys, each with {@code name}, {@code sha256} and optional {@code roles}, {@code scopes} and
     * {@code tenant}.
     *
     * @param node the list node, e.g. {@code imcp.auth.api-keys}
     * @param key its full key, for messages
     * @return the keys; empty when the node does not exist
     * @throws IllegalArgumentException when a key lacks its name or hash, or the hash is malformed (the message names
     *     the key)
     */
    public static java.util.List<ApiKey> list(io.helidon.config.Config node, String key) {
        java.util.List<ApiKey> keys = new java.util.ArrayList<>();
        for (io.helidon.config.Config k : node.asNodeList().orElse(java.util.List.of())) {
            String name = k.get("name").asString().orElseThrow(
                    () -> new IllegalArgumentException(key + "." + k.name() + ".name is required"));
            String hash = k.get("sha256").asString().orElseThrow(
                    () -> new IllegalArgumentException(key + "." + k.name() + ".sha256 is required"));
            keys.add(new ApiKey(name, hash, Set.copyOf(k.get("roles").asList(String.class).orElse(java.util.List.of())),
                    Set.copyOf(k.get("scopes").asList(String.class).orElse(java.util.List.of())),
                    k.get("tenant").asString().map(String::strip).filter(t -> !t.isEmpty()).orElse(null)));
        }
        return keys;
    }

    /** Returns the hash as bytes. */
    public byte[] hashBytes() {
        return HexFormat.of().parseHex(sha256);
    }

    /** Keeps the hash out of logs. */
    @Override
    public String toString() {
        return "ApiKey[name=" + name + (tenant == null ? "" : ", tenant=" + tenant) + "]";
    }
}
