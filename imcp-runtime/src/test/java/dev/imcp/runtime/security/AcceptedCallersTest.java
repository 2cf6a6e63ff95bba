package dev.imcp.runtime.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.imcp.runtime.config.JwtConfig;
import dev.imcp.runtime.fixture.MovableClock;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Authenticator} remembers accepted callers (so that a caller's every request does not pay for the whole
 * helidon-security pass), but never past what made them acceptable: a JWT past its {@code exp} plus skew is refused
 * though it was accepted a moment before, and an API key removed from the key file is refused at the next reload.
 */
class AcceptedCallersTest {

    @TempDir
    Path dir;

    @Test
    void anAcceptedTokenIsRefusedOnceItsExpiryAndSkewHavePassed() throws Exception {
        RSAKey key = Jwks.rsa("k1");
        Path jwks = dir.resolve("jwks.json");
        Files.writeString(jwks, new JWKSet(key.toPublicJWK()).toString(), StandardCharsets.UTF_8);
        Instant start = Instant.now();
        MovableClock clock = new MovableClock(start);
        JwtConfig config = new JwtConfig("https://issuer.example", URI.create("https://adapter.example/mcp"), null,
                jwks, Duration.ofSeconds(5), "scope", "roles", List.of("https://issuer.example"), List.of());
        Authenticator auth = new Authenticator(new ApiKeyAuthenticator(List.of()),
                new JwtAuthenticator(config, JwksKeys.file(jwks), clock), List.of(),
                URI.create("https://adapter.example/.well-known/oauth-protected-resource"));
        String token = "Bearer " + Jwks.sign(key, "k1", new JWTClaimsSet.Builder().issuer("https://issuer.example")
                .audience("https://adapter.example/mcp").subject("alice")
                .expirationTime(Date.from(start.plusSeconds(20))).build());

        assertEquals("alice", auth.authenticate(token).caller().orElseThrow().name());
        clock.advance(Duration.ofSeconds(24));
        assertEquals("alice", auth.authenticate(token).caller().orElseThrow().name(), "within the 5 s skew");
        clock.advance(Duration.ofSeconds(2));
        Authenticator.Outcome late = auth.authenticate(token);
        assertEquals(401, late.status(), "remembered past exp plus skew");
        assertEquals("the token is not valid (token expired)", late.detail());
    }

    @Test
    void aKeyRemovedFromTheKeyFileIsRefusedAtTheNextReload() throws Exception {
        Path file = dir.resolve("keys.yaml");
        Files.writeString(file, keys("ops", "k-ops", "ci", "k-ci"), StandardCharsets.UTF_8);
        ApiKeyFile keyFile = new ApiKeyFile(file, Duration.ZERO);
        Authenticator auth = new Authenticator(new ApiKeyAuthenticator(List.of(), keyFile), null, List.of(), null);
        for (int i = 0; i < 3; i++) {
            assertEquals("ci", auth.authenticate("Bearer k-ci").caller().orElseThrow().name());
        }
        Files.writeString(file, keys("ops", "k-ops"), StandardCharsets.UTF_8);
        Authenticator.Outcome revoked = auth.authenticate("Bearer k-ci");
        assertEquals(401, revoked.status(), "a revoked key must not outlive the reload through the remembered callers");
        assertTrue(auth.authenticate("Bearer k-ops").caller().isPresent());
    }

    /** A key file with the given (name, key) pairs. */
    private static String keys(String... nameAndKey) {
        StringBuilder out = new StringBuilder("api-keys:\n");
        for (int i = 0; i < nameAndKey.length; i += 2) {
            out.append("  - name: ").append(nameAndKey[i]).append("\n    sha256: \"")
                    .append(HexFormat.of().formatHex(ApiKeyAuthenticator.sha256(nameAndKey[i + 1]))).append("\"\n");
        }
        return out.toString();
    }
}
