package dev.imcp.codegen.wsdl;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away PKI for mutual TLS tests, made in-process with Bouncy Castle (which WSS4J brings): a CA, a server
 * certificate for {@code 127.0.0.1} (IP subject alternative name) and a client certificate, all EC P-256 and valid for
 * one day. The adapter's side is written as PKCS12 files, as an operator would configure them.
 */
final class TestPki {

    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    /** The client's key and chain (client, CA): {@code tls.key-store}. */
    final Path clientKeyStore;
    /** The CA certificate: {@code tls.trust-store}, and what the server trusts client certificates to chain to. */
    final Path trustStore;
    /** The server's key managers (server key, chain server + CA). */
    final KeyManager[] serverKeys;
    /** Trust managers that accept certificates issued by the CA. */
    final TrustManager[] caTrust;

    private TestPki(Path clientKeyStore, Path trustStore, KeyManager[] serverKeys, TrustManager[] caTrust) {
        this.clientKeyStore = clientKeyStore;
        this.trustStore = trustStore;
        this.serverKeys = serverKeys;
        this.caTrust = caTrust;
    }

    /**
     * Makes the certificates and writes {@code client.p12} and {@code trust.p12} to {@code dir}.
     *
     * @param password the password of both files
     */
    static TestPki create(Path dir, String password) throws GeneralSecurityException, IOException {
        try {
            KeyPair ca = keyPair();
            X500Name caName = new X500Name("CN=iMCP test CA");
            X509Certificate caCert = certificate(caName, ca, caName, ca.getPrivate(), true, null);
            KeyPair server = keyPair();
            X509Certificate serverCert = certificate(new X500Name("CN=127.0.0.1"), server, caName, ca.getPrivate(),
                    false, KeyPurposeId.id_kp_serverAuth);
            KeyPair client = keyPair();
            X509Certificate clientCert = certificate(new X500Name("CN=imcp-adapter"), client, caName, ca.getPrivate(),
                    false, KeyPurposeId.id_kp_clientAuth);

            KeyStore trust = store();
            trust.setCertificateEntry("ca", caCert);
            KeyStore clientStore = store();
            clientStore.setKeyEntry("client", client.getPrivate(), password.toCharArray(),
                    new Certificate[] {clientCert, caCert});
            KeyStore serverStore = store();
            serverStore.setKeyEntry("server", server.getPrivate(), password.toCharArray(),
                    new Certificate[] {serverCert, caCert});

            Files.createDirectories(dir);
            Path clientFile = write(clientStore, dir.resolve("client.p12"), password);
            Path trustFile = write(trust, dir.resolve("trust.p12"), password);
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(serverStore, password.toCharArray());
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            return new TestPki(clientFile, trustFile, kmf.getKeyManagers(), tmf.getTrustManagers());
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }

    /** Returns a server-side context that presents the server certificate and trusts the CA. */
    SSLContext serverContext() throws GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(serverKeys, caTrust, null);
        return context;
    }

    private static KeyPair keyPair() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    private static X509Certificate certificate(X500Name subject, KeyPair keys, X500Name issuer, PrivateKey issuerKey,
            boolean ca, KeyPurposeId purpose) throws GeneralSecurityException, IOException, OperatorCreationException {
        Instant now = Instant.now();
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIAL.incrementAndGet()),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(1))), subject,
                keys.getPublic());
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        if (ca) {
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        } else {
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
            if (purpose == KeyPurposeId.id_kp_serverAuth) {
                b.addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(new GeneralName(GeneralName.iPAddress, "127.0.0.1")));
            }
        }
        return new JcaX509CertificateConverter().getCertificate(
                b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey)));
    }

    private static KeyStore store() throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        return store;
    }

    private static Path write(KeyStore store, Path file, String password) throws GeneralSecurityException, IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, password.toCharArray());
        }
        return file;
    }
}
