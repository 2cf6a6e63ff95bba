package dev.imcp.runtime.upstream;

import dev.imcp.runtime.config.TlsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TlsContextsTest {

    private static final String PREFIX = "imcp.services.crm.tls.";

    @TempDir
    Path dir;

    @Test
    void noStoresMeansTheJdkDefaults() {
        assertNull(TlsContexts.create(PREFIX, TlsConfig.NONE));
    }

    @Test
    void aTrustStoreAloneIsEnough() throws Exception {
        Path trust = emptyStore("trust.p12", "ts-secret");
        assertNotNull(TlsContexts.create(PREFIX, tls(null, null, trust.toString(), "ts-secret")));
    }

    @Test
    void storeProblemsNameTheKeyButNeverThePassword() throws Exception {
        Path empty = emptyStore("client.p12", "ks-secret");
        assertEquals(PREFIX + "key-store: no such file: " + dir.resolve("missing.p12"),
                error(tls(dir.resolve("missing.p12").toString(), "ks-secret", null, null)));
        String wrong = error(tls(empty.toString(), "not-the-secret", null, null));
        assertEquals(PREFIX + "key-store-password: cannot read " + empty + " as PKCS12: wrong password", wrong);
        assertEquals(PREFIX + "key-store: " + empty + " holds no private key, so no client certificate can be presented",
                error(tls(empty.toString(), "ks-secret", null, null)));
        String trust = error(tls(null, null, empty.toString(), "nope-secret"));
        assertEquals(PREFIX + "trust-store-password: cannot read " + empty + " as PKCS12: wrong password", trust);
        assertFalse(wrong.contains("not-the-secret") || trust.contains("nope-secret"));
        assertEquals(PREFIX + "key-store-type: unknown key store type 'PEM'; use PKCS12 or JKS",
                error(new TlsConfig(empty.toString(), "ks-secret", "PEM", null, null, null, null)));
    }

    private static TlsConfig tls(String keyStore, String keyStorePassword, String trustStore, String trustStorePassword) {
        return new TlsConfig(keyStore, keyStorePassword, null, null, trustStore, trustStorePassword, null);
    }

    private static String error(TlsConfig tls) {
        return assertThrows(IllegalArgumentException.class, () -> TlsContexts.create(PREFIX, tls)).getMessage();
    }

    private Path emptyStore(String name, String password) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        Path file = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, password.toCharArray());
        }
        return file;
    }
}
