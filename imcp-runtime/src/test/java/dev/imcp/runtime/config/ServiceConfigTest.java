package dev.imcp.runtime.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
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
        Config config = Config.builder().disableEnvironmentVariablesSource().disableSystemPropertiesSource()
                .addSource(ConfigSources.create(keys)).build();
        return RuntimeConfig.from(config).service("billing").secrets();
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
}
