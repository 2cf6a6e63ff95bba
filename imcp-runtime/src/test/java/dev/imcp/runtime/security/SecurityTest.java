package dev.imcp.runtime.security;

import dev.imcp.runtime.config.ApiKey;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SecurityTest {

    @Test
    void apiKeysByHash() {
        ApiKeyAuthenticator auth = new ApiKeyAuthenticator(List.of(
                new ApiKey("a", HexFormat.of().formatHex(ApiKeyAuthenticator.sha256("k1"))),
                new ApiKey("b", HexFormat.of().formatHex(ApiKeyAuthenticator.sha256("k2")))));
        assertEquals("b", auth.authenticate("Bearer k2").caller().orElseThrow().name());
        assertEquals(ApiKeyAuthenticator.CHALLENGE, auth.authenticate(null).challenge());
        assertEquals(ApiKeyAuthenticator.CHALLENGE, auth.authenticate("Basic eDp5").challenge());
        assertEquals(ApiKeyAuthenticator.CHALLENGE_INVALID, auth.authenticate("Bearer k3").challenge());
        assertEquals("anonymous", new ApiKeyAuthenticator(List.of()).authenticate(null).caller().orElseThrow().name());
    }

    @Test
    void originCheck() {
        OriginCheck check = new OriginCheck(Set.of("app.example.com"));
        assertTrue(check.allows(null));
        assertTrue(check.allows("http://localhost:3000"));
        assertTrue(check.allows("http://[::1]:8080"));
        assertTrue(check.allows("https://app.example.com"));
        assertFalse(check.allows("http://evil.example"));
        assertFalse(check.allows("null"));
        assertTrue(check.allowsHost("evil.example"), "host checking is off by default");

        OriginCheck loopback = new OriginCheck(Set.of("app.example.com"), true);
        assertTrue(loopback.allowsHost("127.0.0.1:8080"));
        assertTrue(loopback.allowsHost("localhost"));
        assertTrue(loopback.allowsHost("[::1]:8080"));
        assertTrue(loopback.allowsHost("app.example.com:443"));
        assertFalse(loopback.allowsHost("evil.example:8080"));
        assertFalse(loopback.allowsHost("127.0.0.1.evil.example"));
        assertTrue(loopback.allowsHost("127.0.1.1:8080"), "all of 127.0.0.0/8 is loopback");
        assertTrue(OriginCheck.isLoopback("127.0.1.1"));
        assertFalse(OriginCheck.isLoopback("128.0.0.1"));
    }
}
