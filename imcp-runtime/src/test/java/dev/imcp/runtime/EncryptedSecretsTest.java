package dev.imcp.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.imcp.runtime.config.RuntimeConfig;
import dev.imcp.runtime.fixture.Fixture;
import dev.imcp.runtime.fixture.HttpReplies;
import io.helidon.config.encryption.EncryptionUtil;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Secrets as Helidon encrypted configuration values ({@code ${GCM=...}}, AES-GCM under the master password of
 * {@code SECURE_CONFIG_AES_MASTER_PWD}, here given in the configuration as tests must; helidon-config-encryption): read
 * decrypted, sent to an upstream on 127.0.0.1 that checks them, and masked like any configured secret.
 */
class EncryptedSecretsTest {

    private static final String MASTER = "master-pw-for-tests-only";
    private static final String TOKEN = "3ncrypted-bearer-t0ken";
    private static final String KEY = "api-key-enc-1";

    @Test
    void anEncryptedTokenIsDecryptedSentAndMasked() throws Exception {
        String encrypted = EncryptionUtil.encryptAes(MASTER.toCharArray(), TOKEN);
        assertFalse(encrypted.contains(TOKEN));
        HttpServer upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        upstream.createContext("/enc", x -> {
            x.getRequestBody().readAllBytes();
            boolean ok = ("Bearer " + TOKEN).equals(x.getRequestHeaders().getFirst("Authorization"));
            HttpReplies.send(x, ok ? 200 : 401, "application/json",
                    ok ? "{\"ok\":true,\"echo\":\"" + TOKEN + "\"}" : "{\"error\":\"who are you?\"}");
        });
        upstream.start();
        String yaml = """
                server:
                  port: 0
                  host: 127.0.0.1
                security:
                  config:
                    require-encryption: false  # lets a test give the master password here, not in the environment
                    aes:
                      insecure-passphrase: %s
                imcp:
                  auth:
                    api-keys:
                      - {name: demo, sha256: "%s"}
                  services:
                    enc:
                      url: http://127.0.0.1:%d
                      auth: {type: bearer, token: "${GCM=%s}"}
                """.formatted(MASTER, Fixture.sha(KEY), upstream.getAddress().getPort(), encrypted);
        try (ImcpServer server = ImcpServer.start(Fixture.config(yaml),
                List.of(new CallerCredentialsTest.GetProvider("enc", "/enc")))) {
            assertEquals(TOKEN, RuntimeConfig.from(Fixture.config(yaml)).service("enc").auth().token());
            URI mcp = URI.create("http://127.0.0.1:" + server.port() + "/mcp");
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> init = Fixture.post(http, mcp, Fixture.initializeRequest("2025-06-18"), null,
                    "Bearer " + KEY);
            String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
            Fixture.post(http, mcp, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}", session,
                    "Bearer " + KEY);
            JsonNode result = Fixture.json(Fixture.post(http, mcp, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":"
                    + "\"tools/call\",\"params\":{\"name\":\"get_enc\",\"arguments\":{}}}", session, "Bearer " + KEY))
                    .path("result");
            assertFalse(result.path("isError").asBoolean(), result.toString());
            assertEquals("***", result.at("/structuredContent/echo").asText(), "the decrypted token is a secret");
        } finally {
            upstream.stop(0);
        }
    }

    @Test
    void anEncryptedValueThatCannotBeDecryptedFailsStartUpNamingTheKey() throws Exception {
        String encrypted = EncryptionUtil.encryptAes(MASTER.toCharArray(), TOKEN);
        String yaml = """
                security:
                  config:
                    require-encryption: false
                    aes:
                      insecure-passphrase: not-the-master-password
                imcp:
                  services:
                    enc:
                      auth: {type: bearer, token: "${GCM=%s}"}
                """.formatted(encrypted);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RuntimeConfig.from(Fixture.config(yaml)));
        assertTrue(e.getMessage().startsWith("imcp.services.enc.auth.token is an encrypted value that could not be "
                + "decrypted: set the master password"), e.getMessage());
        assertFalse(e.getMessage().contains(encrypted), "the ciphertext is not repeated");
    }
}
