package dev.imcp.runtime.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceConfigTest {

    private static List<String> secretsOf(Map<String, String> keys) {
        return billing(keys).secrets();
    }

    private static ServiceConfig billing(Map<String, String> keys) {
        Config config = Config.builder().disableEnvironmentVariablesSource().disableSystemPropertiesSource()
                .addSource(ConfigSources.create(keys)).build();
        return RuntimeConfig.from(config).service("billing");
    }

    private static String error(Map<String, String> keys) {
        return assertThrows(IllegalArgumentException.class, () -> billing(keys)).getMessage();
    }

    @Test
    void basicCredentialsAreSecretAsSentOnTheWire() {
        List<String> secrets = secretsOf(Map.of(
                "imcp.services.billing.auth.type", "basic",
                "imcp.services.billing.auth.username", "svc-user",
                "imcp.services.billing.auth.password", "pa55-word"));
        assertTrue(secrets.contains("pa55-word"));
        assertTrue(secrets.contains(Base64.getEncoder().encodeToString(
                "svc-user:pa55-word".getBytes(StandardCharsets.UTF_8))), secrets::toString);
    }

    @Test
    void onlyCredentialHeadersAreSecret() {
        List<String> secrets = secretsOf(Map.of(
                "imcp.services.billing.headers.X-Api-Key", "key-123456",
                "imcp.services.billing.headers.X-Api-Version", "2"));
        assertTrue(secrets.contains("key-123456"));
        assertFalse(secrets.contains("2"), "a version header is not a secret: masking it would mangle numbers");
    }

    @Test
    void usernameTokenDefaultsToADigestWithNonceAndCreated() {
        OutboundAuth auth = billing(Map.of(
                "imcp.services.billing.auth.type", "ws-security-username-token",
                "imcp.services.billing.auth.username", "svc-user",
                "imcp.services.billing.auth.password", "pa55-word")).auth();
        assertEquals(new OutboundAuth(OutboundAuth.Type.WS_SECURITY_USERNAME_TOKEN, null, "svc-user", "pa55-word",
                OutboundAuth.PasswordType.DIGEST, true, true), auth);
        assertFalse(auth.toString().contains("pa55-word"), auth::toString);
    }

    @Test
    void usernameTokenTextTakesOptionalNonceAndCreated() {
        OutboundAuth auth = billing(Map.of(
                "imcp.services.billing.auth.type", "WS-Security-Username-Token",
                "imcp.services.billing.auth.username", "svc-user",
                "imcp.services.billing.auth.password", "pa55-word",
                "imcp.services.billing.auth.password-type", "text",
                "imcp.services.billing.auth.created", "true")).auth();
        assertEquals(OutboundAuth.PasswordType.TEXT, auth.passwordType());
        assertFalse(auth.nonce());
        assertTrue(auth.created());
        List<String> secrets = secretsOf(Map.of(
                "imcp.services.billing.auth.type", "ws-security-username-token",
                "imcp.services.billing.auth.username", "svc-user",
                "imcp.services.billing.auth.password", "pa55-word"));
        assertEquals(List.of("pa55-word"), secrets, "the password; no basic pair: it never goes on the wire");
    }

    @Test
    void usernameTokenMistakesNameTheKey() {
        String prefix = "imcp.services.billing.auth.";
        assertEquals(prefix + "password-type: unknown password type 'plain'; allowed: text, digest", error(Map.of(
                prefix + "type", "ws-security-username-token", prefix + "username", "u", prefix + "password", "p",
                prefix + "password-type", "plain")));
        assertEquals(prefix + "password is required when " + prefix + "type is ws-security-username-token",
                error(Map.of(prefix + "type", "ws-security-username-token", prefix + "username", "u")));
        assertEquals(prefix + "username is required when " + prefix + "type is ws-security-username-token",
                error(Map.of(prefix + "type", "ws-security-username-token", prefix + "password", "p")));
        assertTrue(error(Map.of(prefix + "type", "ws-security-username-token", prefix + "username", "u",
                prefix + "password", "p", prefix + "nonce", "false")).startsWith(
                        prefix + "nonce cannot be false with password-type digest"));
        assertEquals(prefix + "password-type applies only when " + prefix + "type is ws-security-username-token",
                error(Map.of(prefix + "type", "basic", prefix + "username", "u", prefix + "password-type", "text")));
        assertEquals(prefix + "type: unknown auth type 'wsse'; allowed: none, bearer, basic, ws-security-username-token",
                error(Map.of(prefix + "type", "wsse")));
    }

    @Test
    void soapHeaderValuesAreSecretsButShortWordsAreNot() {
        List<String> secrets = secretsOf(Map.of("imcp.services.billing.soap-headers.0", """
                <s:Session xmlns:s="urn:example:session" xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"
                           soap:mustUnderstand="1" tenant="acme-corp">
                  <s:sessionId>  SID-4f8a-9911  </s:sessionId>
                  <s:locale>en</s:locale>
                  <s:sticky>true</s:sticky>
                </s:Session>"""));
        assertEquals(List.of("acme-corp", "SID-4f8a-9911"), secrets);
    }

    @Test
    void malformedSoapHeadersFailWithTheKey() {
        String key = "imcp.services.billing.soap-headers.0";
        assertTrue(error(Map.of(key, "<s:Session xmlns:s='urn:x'><s:id>SID-1</s:Session>"))
                .startsWith(key + ": not a well-formed XML element (line 1, column "), "unclosed element");
        String dtd = error(Map.of(key, "<!DOCTYPE s [<!ENTITY e SYSTEM 'file:///etc/passwd'>]><s xmlns='urn:x'>&e;</s>"));
        assertTrue(dtd.startsWith(key + ": not a well-formed XML element"), dtd);
        assertTrue(dtd.contains("DOCTYPE"), dtd);
        assertEquals(key + ": SOAP header block <Session> must be namespace-qualified (SOAP 1.1 section 4.2): declare "
                + "its namespace, e.g. <Session xmlns=\"urn:example\">", error(Map.of(key, "<Session>SID-1</Session>")));
        assertFalse(error(Map.of(key, "<s:a xmlns:s='urn:x'>SID-77</s:b>")).contains("SID-77"), "no text content");
    }

    @Test
    void tlsPasswordsAreSecretAndStoresNeedTheirPasswords() {
        List<String> secrets = secretsOf(Map.of(
                "imcp.services.billing.tls.key-store", "/etc/imcp/client.p12",
                "imcp.services.billing.tls.key-store-password", "ks-secret",
                "imcp.services.billing.tls.trust-store", "/etc/imcp/trust.p12",
                "imcp.services.billing.tls.trust-store-password", "ts-secret"));
        assertEquals(List.of("ks-secret", "ts-secret"), secrets);
        String prefix = "imcp.services.billing.tls.";
        assertEquals(prefix + "key-store-password is required when " + prefix + "key-store is set",
                error(Map.of(prefix + "key-store", "/etc/imcp/client.p12")));
        assertEquals(prefix + "trust-store is required when " + prefix + "trust-store-password is set",
                error(Map.of(prefix + "trust-store-password", "x")));
        assertFalse(billing(Map.of(prefix + "key-store", "/k.p12", prefix + "key-store-password", "ks-secret"))
                .toString().contains("ks-secret"));
    }

    @Test
    void secretsComeFromFilesWithTheirTrailingLineBreakRemoved(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path token = java.nio.file.Files.writeString(dir.resolve("token"), "t0k en\n");
        java.nio.file.Path secret = java.nio.file.Files.writeString(dir.resolve("secret"), "cl1ent-s3cret\r\n");
        ServiceConfig config = billing(Map.of(
                "imcp.services.billing.auth.type", "bearer",
                "imcp.services.billing.auth.token-file", token.toString(),
                "imcp.services.billing.security.oauth.client-id", "app",
                "imcp.services.billing.security.oauth.client-secret-file", secret.toString()));
        assertEquals("t0k en", config.auth().token(), "a space inside is kept, the line break is not");
        assertTrue(config.secrets().containsAll(List.of("t0k en", "cl1ent-s3cret")), "file secrets are redacted too");
    }

    @Test
    void aSecretFileThatCannotBeReadOrAKeySetTwiceIsNamed() {
        String missing = error(Map.of("imcp.services.billing.auth.type", "bearer",
                "imcp.services.billing.auth.token-file", "/no/such/token"));
        assertEquals("imcp.services.billing.auth.token-file: cannot read /no/such/token (NoSuchFileException)", missing);
        String both = error(Map.of("imcp.services.billing.auth.type", "bearer",
                "imcp.services.billing.auth.token", "x", "imcp.services.billing.auth.token-file", "/no/such/token"));
        assertEquals("imcp.services.billing.auth.token and imcp.services.billing.auth.token-file are both set: "
                + "set one of them", both);
    }
}
