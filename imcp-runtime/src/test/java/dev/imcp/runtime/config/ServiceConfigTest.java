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
        assertEquals(prefix + "type: unknown auth type 'wsse'; allowed: none, bearer, basic, api-key, "
                + "oauth2-client-credentials, ws-security-username-token, caller-token, token-exchange",
                error(Map.of(prefix + "type", "wsse")));
    }

    @Test
    void clientCredentialsAndApiKeysAreReadTheirSecretsListedAndTheirMistakesNamed() {
        String prefix = "imcp.services.billing.auth.";
        ServiceConfig cc = billing(Map.of(prefix + "type", "oauth2-client-credentials", prefix + "token-url",
                "https://as.example/token", prefix + "client-id", "app", prefix + "client-secret", "cc-s3cret",
                prefix + "scope", "a:read  b:write", prefix + "audience", "billing"));
        assertEquals(List.of("a:read", "b:write"), cc.auth().clientCredentials().scopes());
        assertEquals("billing", cc.auth().clientCredentials().audience());
        assertTrue(cc.auth().perCall());
        assertTrue(cc.secrets().contains("cc-s3cret"), cc.secrets().toString());
        assertFalse(cc.auth().toString().contains("cc-s3cret"));
        ServiceConfig key = billing(Map.of(prefix + "type", "api-key", prefix + "in", "Query", prefix + "name", "key",
                prefix + "value", "k3y-value"));
        assertEquals(new OutboundAuth.ApiKey(OutboundAuth.In.QUERY, "key", "k3y-value"), key.auth().apiKey());
        assertEquals(List.of("k3y-value"), key.secrets());
        assertFalse(key.auth().toString().contains("k3y-value"), key.auth().toString());
        assertEquals(OutboundAuth.In.HEADER, billing(Map.of(prefix + "type", "api-key", prefix + "name", "X-Key",
                prefix + "value", "v")).auth().apiKey().in());

        assertEquals(prefix + "client-secret is required when " + prefix + "type is oauth2-client-credentials",
                error(Map.of(prefix + "type", "oauth2-client-credentials", prefix + "token-url", "https://as/t",
                        prefix + "client-id", "app")));
        assertEquals(prefix + "token-url is required when " + prefix + "type is oauth2-client-credentials",
                error(Map.of(prefix + "type", "oauth2-client-credentials", prefix + "client-id", "app",
                        prefix + "client-secret", "s")));
        assertEquals(prefix + "token-url must be an absolute http(s) URL, was /token",
                error(Map.of(prefix + "type", "oauth2-client-credentials", prefix + "token-url", "/token",
                        prefix + "client-id", "app", prefix + "client-secret", "s")));
        assertEquals(prefix + "subject-token-type applies only when " + prefix + "type is token-exchange",
                error(Map.of(prefix + "type", "oauth2-client-credentials", prefix + "token-url", "https://as/t",
                        prefix + "client-id", "app", prefix + "client-secret", "s", prefix + "subject-token-type", "x")));
        assertEquals(prefix + "client-id applies only when " + prefix + "type is token-exchange or "
                + "oauth2-client-credentials", error(Map.of(prefix + "type", "bearer", prefix + "token", "t",
                prefix + "client-id", "app")));
        assertEquals(prefix + "token does not apply when " + prefix + "type is oauth2-client-credentials: the token "
                + "is fetched with client-id and client-secret", error(Map.of(prefix + "type",
                "oauth2-client-credentials", prefix + "token-url", "https://as/t", prefix + "client-id", "app",
                prefix + "client-secret", "s", prefix + "token", "t")));
        assertEquals(prefix + "name is required when " + prefix + "type is api-key: the header name",
                error(Map.of(prefix + "type", "api-key", prefix + "value", "v")));
        assertEquals(prefix + "value (or value-file) is required when " + prefix + "type is api-key",
                error(Map.of(prefix + "type", "api-key", prefix + "name", "k")));
        assertEquals(prefix + "in: unknown API key location 'body'; allowed: header, query, cookie",
                error(Map.of(prefix + "type", "api-key", prefix + "in", "body", prefix + "name", "k",
                        prefix + "value", "v")));
        assertEquals(prefix + "name: 'X Key' is not a valid header name (an RFC 9110 token: letters, digits and "
                + "!#$%&'*+-.^_`|~)", error(Map.of(prefix + "type", "api-key", prefix + "name", "X Key",
                prefix + "value", "v")));
        assertEquals(prefix + "value cannot be sent as a cookie: a cookie value has no spaces, quotes, commas, "
                + "semicolons or backslashes (RFC 6265 section 4.1.1)", error(Map.of(prefix + "type", "api-key",
                prefix + "in", "cookie", prefix + "name", "sid", prefix + "value", "a;b")));
        assertEquals(prefix + "in applies only when " + prefix + "type is api-key",
                error(Map.of(prefix + "type", "bearer", prefix + "token", "t", prefix + "in", "query")));
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

    @Test
    void resilienceDefaultsToRetriesAndABreakerWithoutABulkhead() {
        ResilienceConfig r = billing(Map.of("imcp.services.billing.url", "http://127.0.0.1:1")).resilience();
        assertEquals(ResilienceConfig.DEFAULTS, r);
        assertTrue(r.breaker());
        assertFalse(r.bulkhead());
        assertEquals(new ResilienceConfig.ToolRetries(2, java.time.Duration.ofMillis(200)), r.retriesOf("anyTool"));
    }

    @Test
    void toolsOverrideTheServiceRetriesOnly() {
        ResilienceConfig r = billing(Map.of(
                "imcp.services.billing.resilience.retries", "1",
                "imcp.services.billing.resilience.retry-delay-ms", "50",
                "imcp.services.billing.resilience.circuit-breaker.delay-seconds", "0",
                "imcp.services.billing.resilience.bulkhead.limit", "4",
                "imcp.services.billing.resilience.bulkhead.queue", "8",
                "imcp.services.billing.tools.allow.0", "getInvoice",
                "imcp.services.billing.tools.getInvoice.resilience.retries", "5")).resilience();
        assertFalse(r.breaker());
        assertEquals(4, r.bulkheadLimit());
        assertEquals(8, r.bulkheadQueue());
        assertEquals(new ResilienceConfig.ToolRetries(5, java.time.Duration.ofMillis(50)), r.retriesOf("getInvoice"));
        assertEquals(new ResilienceConfig.ToolRetries(1, java.time.Duration.ofMillis(50)), r.retriesOf("other"));
        assertEquals(java.util.Set.of("getInvoice"), billing(Map.of(
                "imcp.services.billing.tools.allow.0", "getInvoice",
                "imcp.services.billing.tools.getInvoice.resilience.retries", "5")).allow());
    }

    @Test
    void resilienceMistakesNameTheKey() {
        assertEquals("imcp.services.billing.resilience.retries must be between 0 and 10, was 11",
                error(Map.of("imcp.services.billing.resilience.retries", "11")));
        assertEquals("imcp.services.billing.resilience.circuit-breaker.failure-ratio must be a whole number, was '0.5'",
                error(Map.of("imcp.services.billing.resilience.circuit-breaker.failure-ratio", "0.5")));
        assertTrue(error(Map.of("imcp.services.billing.tools.getInvoice.resilience.bulkhead.limit", "1"))
                .startsWith("imcp.services.billing.tools.getInvoice.resilience.bulkhead is not a tool setting"));
    }

    @Test
    void rateLimitsPerCallerAndPerTool() {
        Config config = Config.builder().disableEnvironmentVariablesSource().disableSystemPropertiesSource()
                .addSource(ConfigSources.create(Map.of(
                        "imcp.rate-limits.per-caller.requests-per-second", "2.5",
                        "imcp.rate-limits.tools.search.requests-per-second", "0.5",
                        "imcp.rate-limits.tools.search.burst", "4"))).build();
        RateLimits limits = RuntimeConfig.from(config).rateLimits();
        assertEquals(new RateLimits.Rate(2.5, 3), limits.perCaller(), "burst defaults to the rate rounded up");
        assertEquals(Map.of("search", new RateLimits.Rate(0.5, 4)), limits.tools());
        Config bad = Config.builder().disableEnvironmentVariablesSource().disableSystemPropertiesSource()
                .addSource(ConfigSources.create(Map.of("imcp.rate-limits.per-caller.requests-per-second", "0"))).build();
        assertEquals("imcp.rate-limits.per-caller.requests-per-second must be positive, was 0",
                assertThrows(IllegalArgumentException.class, () -> RuntimeConfig.from(bad)).getMessage());
        assertFalse(RuntimeConfig.from(Config.empty()).rateLimits().any());
    }
}
