package dev.imcp.runtime.config;

import io.helidon.config.Config;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The secrets for one security scheme the contract declares, {@code imcp.services.<id>.security.<scheme>}.
 * Which keys a scheme needs depends on its type, which only the contract knows: the runtime checks them at
 * start-up against the generated {@link dev.imcp.runtime.spi.SecurityScheme}.
 *
 * @param key the configuration key of this node, e.g. {@code imcp.services.pets.security.api_key}, for messages
 * @param value the API key ({@code value}), or {@code null}
 * @param username the user name for HTTP basic ({@code username}), or {@code null}
 * @param password the password for HTTP basic ({@code password}), or {@code null}
 * @param token the bearer token ({@code token}), or {@code null}
 * @param clientId the OAuth 2.0 client id ({@code client-id}), or {@code null}
 * @param clientSecret the OAuth 2.0 client secret ({@code client-secret}), or {@code null}
 * @param tokenUrl the OAuth 2.0 token endpoint ({@code token-url}), overriding the contract's; {@code null} when
 *     not configured
 */
public record SchemeCredentials(String key, String value, String username, String password, String token,
        String clientId, String clientSecret, String tokenUrl) {

    /** The keys a scheme node may have. */
    public static final Set<String> KEYS = Set.of("value", "username", "password", "token", "client-id",
            "client-secret", "token-url");

    /** The keys of {@link #KEYS} that hold secrets; each may be given as a file instead ({@link SecretValues}). */
    public static final Set<String> SECRET_KEYS = Set.of("value", "password", "token", "client-secret");

    /**
     * Reads one {@code security.<scheme>} node.
     *
     * @param node the node
     * @param key its full key, for messages
     * @return the credentials
     * @throws IllegalArgumentException when the node has a key other than {@link #KEYS} (the message names it)
     */
    public static SchemeCredentials from(Config node, String key) {
        for (Config child : node.asNodeList().orElse(List.of())) {
            String name = child.name();
            boolean secretFile = name.endsWith(SecretValues.FILE_SUFFIX)
                    && SECRET_KEYS.contains(name.substring(0, name.length() - SecretValues.FILE_SUFFIX.length()));
            if (!KEYS.contains(name) && !secretFile) {
                throw new IllegalArgumentException(key + "." + name + ": unknown key; allowed: "
                        + "value, username, password, token, client-id, client-secret, token-url (and value-file, "
                        + "password-file, token-file, client-secret-file)");
            }
        }
        return new SchemeCredentials(key, secret(node, "value", key), text(node, "username"),
                secret(node, "password", key), secret(node, "token", key), text(node, "client-id"),
                secret(node, "client-secret", key), text(node, "token-url"));
    }

    private static String secret(Config node, String name, String key) {
        return SecretValues.read(node, name, key + "." + name).filter(s -> !s.isBlank()).orElse(null);
    }

    private static String text(Config node, String name) {
        return node.get(name).asString().filter(s -> !s.isBlank()).orElse(null);
    }

    /** Returns the secret values: the key, password, token, client secret (the user name and client id are not). */
    public List<String> secrets() {
        List<String> out = new ArrayList<>();
        for (String s : new String[] {value, password, token, clientSecret}) {
            if (s != null) {
                out.add(s);
            }
        }
        if (username != null) {
            String pair = username + ":" + (password == null ? "" : password);
            out.add(java.util.Base64.getEncoder().encodeToString(pair.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        return out;
    }

    /** Keeps secrets out of logs. */
    @Override
    public String toString() {
        return "SchemeCredentials[" + key + "]";
    }
}
