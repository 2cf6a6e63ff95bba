package dev.imcp.runtime.config;

import io.helidon.config.Config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The client side of TLS towards one upstream, from {@code imcp.services.<id>.tls}: the key store whose private key
 * and certificate chain the adapter presents when the upstream asks for a client certificate (mutual TLS,
 * RFC 8446 section 4.4.2), and the trust store of the certificates it accepts from the upstream. Without a trust
 * store the JDK's default trust (the {@code cacerts} file) applies; without a key store no client certificate is
 * offered. Host names are always verified.
 *
 * <p>Keys: {@code key-store} (file path), {@code key-store-password}, {@code key-store-type} ({@code PKCS12} or
 * {@code JKS}, default {@code PKCS12}), {@code key-password} (the private key's password, default the key store's),
 * {@code trust-store}, {@code trust-store-password}, {@code trust-store-type} (default {@code PKCS12}). The key store
 * should hold one private key; with several, the JDK picks one whose chain the upstream's certificate request
 * accepts.
 *
 * @param keyStore the key store file, or {@code null}
 * @param keyStorePassword its password, or {@code null}
 * @param keyStoreType its type ({@link java.security.KeyStore#getInstance(String)})
 * @param keyPassword the private key's password, or {@code null} for the key store's
 * @param trustStore the trust store file, or {@code null}
 * @param trustStorePassword its password, or {@code null} (then its integrity is not checked)
 * @param trustStoreType its type
 */
public record TlsConfig(String keyStore, String keyStorePassword, String keyStoreType, String keyPassword,
        String trustStore, String trustStorePassword, String trustStoreType) {

    /** The key and trust store type used when none is configured. */
    public static final String DEFAULT_TYPE = "PKCS12";

    /** No TLS settings: the JDK's defaults, no client certificate. */
    public static final TlsConfig NONE = new TlsConfig(null, null, DEFAULT_TYPE, null, null, null, DEFAULT_TYPE);

    /** Defaults the store types. */
    public TlsConfig {
        keyStoreType = keyStoreType == null || keyStoreType.isBlank() ? DEFAULT_TYPE : keyStoreType.trim();
        trustStoreType = trustStoreType == null || trustStoreType.isBlank() ? DEFAULT_TYPE : trustStoreType.trim();
    }

    /**
     * Reads a {@code tls} node.
     *
     * @param node the {@code imcp.services.<id>.tls} node (may be missing)
     * @param prefix the node's key with a trailing dot, for error messages
     * @return the settings, {@link #NONE} when the node is missing
     * @throws IllegalArgumentException when a password is given without its store, or a key store without its
     *     password (the message names the key)
     */
    public static TlsConfig from(Config node, String prefix) {
        TlsConfig tls = new TlsConfig(
                text(node, "key-store"), secret(node, "key-store-password", prefix),
                text(node, "key-store-type"), secret(node, "key-password", prefix),
                text(node, "trust-store"), secret(node, "trust-store-password", prefix),
                text(node, "trust-store-type"));
        if (tls.keyStore == null && (tls.keyStorePassword != null || tls.keyPassword != null)) {
            throw new IllegalArgumentException(prefix + "key-store is required when " + prefix
                    + (tls.keyPassword != null ? "key-password" : "key-store-password") + " is set");
        }
        if (tls.keyStore != null && tls.keyStorePassword == null) {
            throw new IllegalArgumentException(prefix + "key-store-password is required when " + prefix
                    + "key-store is set");
        }
        if (tls.trustStore == null && tls.trustStorePassword != null) {
            throw new IllegalArgumentException(prefix + "trust-store is required when " + prefix
                    + "trust-store-password is set");
        }
        return tls;
    }

    /** Returns whether anything differs from the JDK's defaults, i.e. a key store or a trust store is configured. */
    public boolean configured() {
        return keyStore != null || trustStore != null;
    }

    /** Returns the configured passwords, for redaction. */
    public List<String> secrets() {
        List<String> out = new ArrayList<>();
        for (String s : new String[] {keyStorePassword, keyPassword, trustStorePassword}) {
            if (s != null && !s.isBlank()) {
                out.add(s);
            }
        }
        return out;
    }

    private static String text(Config node, String key) {
        return node.get(key).asString().map(String::trim).filter(s -> !s.isEmpty()).orElse(null);
    }

    /** A password key's value, or its {@code -file}'s content ({@link SecretValues}). */
    private static String secret(Config node, String name, String prefix) {
        return SecretValues.read(node, name, prefix + name).orElse(null);
    }

    /** Keeps the passwords out of logs. */
    @Override
    public String toString() {
        return "TlsConfig[keyStore=" + keyStore + " (" + keyStoreType.toUpperCase(Locale.ROOT) + "), trustStore="
                + trustStore + " (" + trustStoreType.toUpperCase(Locale.ROOT) + ")]";
    }
}
