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
        Authenticator auth = new Authenticator(new ApiKeyAuthenticator(List.of(
                new ApiKey("a", HexFormat.of().formatHex(ApiKeyAuthenticator.sha256("k1"))),
                new ApiKey("b", HexFormat.of().formatHex(ApiKeyAuthenticator.sha256("k2")),
                        Set.of("ops"), Set.of("tools:read")))), null, List.of(), null);
        Caller b = auth.authenticate("Bearer k2").caller().orElseThrow();
        assertEquals(new Caller("b", Set.of("ops"), Set.of("tools:read"), Caller.Kind.API_KEY), b);
        assertEquals("b", b.principal());
        assertEquals("Bearer realm=\"imcp\"", auth.authenticate(null).challenge());
        assertEquals("Bearer realm=\"imcp\"", auth.authenticate("Basic eDp5").challenge());
        assertEquals(401, auth.authenticate("Bearer k3").status());
        assertEquals("Bearer realm=\"imcp\", error=\"invalid_token\"", auth.authenticate("Bearer k3").challenge());
        Authenticator off = new Authenticator(new ApiKeyAuthenticator(List.of()), null, List.of(), null);
        assertEquals("anonymous", off.authenticate(null).caller().orElseThrow().name());

        Authenticator scoped = new Authenticator(new ApiKeyAuthenticator(List.of(
                new ApiKey("a", HexFormat.of().formatHex(ApiKeyAuthenticator.sha256("k1"))),
                new ApiKey("b", HexFormat.of().formatHex(ApiKeyAuthenticator.sha256("k2")),
                        Set.of(), Set.of("tools:read", "x")))), null, List.of("tools:read"), null);
        assertEquals("b", scoped.authenticate("Bearer k2").caller().orElseThrow().name());
        Authenticator.Outcome lacking = scoped.authenticate("Bearer k1");
        assertEquals(403, lacking.status());
        assertEquals("Bearer realm=\"imcp\", error=\"insufficient_scope\", scope=\"tools:read\"", lacking.challenge());
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
