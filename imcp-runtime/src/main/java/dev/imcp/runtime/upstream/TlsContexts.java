package dev.imcp.runtime.upstream;

import dev.imcp.runtime.config.TlsConfig;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.UnrecoverableKeyException;
import java.util.Collections;

/**
 * Builds the {@link SSLContext} of one service's {@code tls} settings ({@link TlsConfig}), shared by its REST and
 * rpc/encoded client ({@link UpstreamHttpClient}) and its CXF JAX-WS ports.
 */
final class TlsContexts {

    private TlsContexts() {
    }

    /**
     * Loads the stores and builds the context.
     *
     * @param prefix the {@code tls} node's key with a trailing dot, e.g. {@code imcp.services.crm.tls.}
     * @param tls the settings
     * @return the context, or {@code null} when {@code tls} configures nothing (the JDK's defaults apply)
     * @throws IllegalArgumentException when a store cannot be read, has the wrong password or type, or the key store
     *     holds no private key (the message names the key; passwords never appear)
     */
    static SSLContext create(String prefix, TlsConfig tls) {
        if (!tls.configured()) {
            return null;
        }
        KeyManager[] keys = null;
        if (tls.keyStore() != null) {
            KeyStore store = load(prefix + "key-store", tls.keyStore(), tls.keyStoreType(), tls.keyStorePassword());
            requirePrivateKey(prefix + "key-store", tls.keyStore(), store);
            String password = tls.keyPassword() != null ? tls.keyPassword() : tls.keyStorePassword();
            try {
                KeyManagerFactory f = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                f.init(store, password.toCharArray());
                keys = f.getKeyManagers();
            } catch (UnrecoverableKeyException e) {
                throw new IllegalArgumentException(prefix + (tls.keyPassword() != null ? "key-password" : "key-store-password")
                        + ": cannot recover the private key in " + tls.keyStore() + " (wrong password?)");
            } catch (GeneralSecurityException e) {
                throw new IllegalArgumentException(prefix + "key-store: " + tls.keyStore() + ": " + e.getMessage());
            }
        }
        TrustManager[] trust = null;
        if (tls.trustStore() != null) {
            KeyStore store = load(prefix + "trust-store", tls.trustStore(), tls.trustStoreType(), tls.trustStorePassword());
            try {
                TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                f.init(store);
                trust = f.getTrustManagers();
            } catch (GeneralSecurityException e) {
                throw new IllegalArgumentException(prefix + "trust-store: " + tls.trustStore() + ": " + e.getMessage());
            }
        }
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys, trust, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK offers no TLS context", e);
        }
    }

    private static KeyStore load(String key, String file, String type, String password) {
        KeyStore store;
        try {
            store = KeyStore.getInstance(type);
        } catch (KeyStoreException e) {
            throw new IllegalArgumentException(key + "-type: unknown key store type '" + type + "'; use PKCS12 or JKS");
        }
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            store.load(in, password == null ? null : password.toCharArray());
            return store;
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(key + ": no such file: " + file);
        } catch (IOException e) {
            // a wrong password surfaces here, as an IOException caused by UnrecoverableKeyException
            boolean wrongPassword = e.getCause() instanceof UnrecoverableKeyException;
            throw new IllegalArgumentException((wrongPassword ? key + "-password" : key) + ": cannot read " + file
                    + " as " + type + ": " + (wrongPassword ? "wrong password" : e.getMessage()));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(key + ": cannot read " + file + " as " + type + ": " + e.getMessage());
        }
    }

    private static void requirePrivateKey(String key, String file, KeyStore store) {
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    return;
                }
            }
        } catch (KeyStoreException e) {
            throw new IllegalStateException(e);
        }
        throw new IllegalArgumentException(key + ": " + file + " holds no private key, so no client certificate "
                + "can be presented");
    }
}
