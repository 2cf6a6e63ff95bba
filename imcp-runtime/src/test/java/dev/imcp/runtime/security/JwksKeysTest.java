package dev.imcp.runtime.security;

import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.imcp.runtime.config.JwtConfig;
import dev.imcp.runtime.fixture.MovableClock;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The JWK Set cache against a local issuer endpoint, on a clock the test moves. */
class JwksKeysTest {

    private static final String ISSUER = "https://issuer.test";
    private static final URI AUDIENCE = URI.create("https://mcp.test/mcp");

    private static JwtConfig config(URI jwksUrl, Path jwksFile) {
        return new JwtConfig(ISSUER, AUDIENCE, jwksUrl, jwksFile, Duration.ofSeconds(60), "scope", null, List.of(), List.of());
    }

    private static String token(RSAKey key, Clock clock) throws Exception {
        return token(key, key.getKeyID(), clock);
    }

    private static String token(RSAKey key, String kid, Clock clock) throws Exception {
        return Jwks.sign(key, kid, new JWTClaimsSet.Builder().issuer(ISSUER).audience(AUDIENCE.toString())
                .subject("alice").expirationTime(Date.from(clock.instant().plusSeconds(3600))).build());
    }

    @Test
    void anUnknownKidRefetchesTheSetAtMostOncePerInterval() throws Exception {
        try (Jwks issuer = new Jwks()) {
            RSAKey first = Jwks.rsa("k1");
            issuer.published.add(first);
            MovableClock clock = new MovableClock();
            JwtAuthenticator auth = new JwtAuthenticator(config(issuer.url(), null), JwksKeys.remote(issuer.url(), clock), clock);

            assertEquals("alice", auth.authenticate(token(first, clock)).name());
            assertEquals(1, issuer.fetches.get());
            assertEquals("alice", auth.authenticate(token(first, clock)).name());
            assertEquals(1, issuer.fetches.get(), "the set is cached");

            RSAKey rotated = Jwks.rsa("k2");
            issuer.published.add(rotated);
            clock.advance(Duration.ofSeconds(5));
            String rotatedToken = token(rotated, clock);
            assertEquals("unknown signing key",
                    assertThrows(JwtAuthenticator.InvalidToken.class, () -> auth.authenticate(rotatedToken)).getMessage());
            assertEquals(1, issuer.fetches.get(), "5 s after a fetch an unknown kid fetches nothing");

            clock.advance(JwksKeys.MIN_REFRESH);
            assertEquals("alice", auth.authenticate(rotatedToken).name(), "the unknown kid fetched the rotated set");
            assertEquals(2, issuer.fetches.get());
            for (int i = 0; i < 5; i++) {
                String madeUp = token(rotated, "made-up-" + i, clock);
                assertThrows(JwtAuthenticator.InvalidToken.class, () -> auth.authenticate(madeUp));
            }
            assertEquals(2, issuer.fetches.get(), "made-up kids do not make the adapter flood the issuer");

            clock.advance(JwksKeys.MAX_AGE);
            auth.authenticate(token(first, clock));
            assertEquals(3, issuer.fetches.get(), "a set older than MAX_AGE is fetched again");
            issuer.failing = true;
            clock.advance(JwksKeys.MAX_AGE);
            assertEquals("alice", auth.authenticate(token(first, clock)).name(), "a failed fetch keeps the keys fetched before");
            assertEquals(4, issuer.fetches.get());
            issuer.failing = false;
            issuer.published.remove(first);
            clock.advance(JwksKeys.MIN_REFRESH);
            String revoked = token(first, clock);
            assertEquals("unknown signing key",
                    assertThrows(JwtAuthenticator.InvalidToken.class, () -> auth.authenticate(revoked)).getMessage(),
                    "a key the issuer no longer publishes is refused once the set is fetched again");
            assertEquals(5, issuer.fetches.get());
        }
    }

    @Test
    void unreachableKeysAre503AndAFileNeedsNoIssuer(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        URI dead;
        try (ServerSocket s = new ServerSocket(0)) {
            dead = URI.create("http://127.0.0.1:" + s.getLocalPort() + "/jwks");
        }
        Authenticator auth = new Authenticator(new ApiKeyAuthenticator(List.of()),
                JwtAuthenticator.create(config(dead, null)), List.of(), URI.create("https://mcp.test/.well-known/x"));
        RSAKey key = Jwks.rsa("k1");
        Authenticator.Outcome outcome = auth.authenticate("Bearer " + token(key, Clock.systemUTC()));
        assertEquals(503, outcome.status(), outcome.toString());
        assertEquals(null, outcome.challenge());

        Path file = Files.writeString(dir.resolve("jwks.json"),
                new com.nimbusds.jose.jwk.JWKSet(key).toPublicJWKSet().toString());
        JwtAuthenticator fromFile = JwtAuthenticator.create(config(null, file));
        assertEquals("alice", fromFile.authenticate(token(key, Clock.systemUTC())).name());
        assertThrows(IllegalArgumentException.class, () -> JwtAuthenticator.create(config(null, dir.resolve("missing.json"))));
    }
}
