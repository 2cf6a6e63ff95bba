package dev.imcp.runtime.config;

import dev.imcp.runtime.fixture.Fixture;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PolicyRuleTest {

    @Test
    void globsMatchTheWholeQualifiedName() {
        assertTrue(PolicyRule.matches("petstore.*", "petstore.deletePet"));
        assertTrue(PolicyRule.matches("*", "petstore.deletePet"));
        assertTrue(PolicyRule.matches("*.delete*", "petstore.deletePet"));
        assertTrue(PolicyRule.matches("petstore.deletePet", "petstore.deletePet"));
        assertTrue(PolicyRule.matches("a*b*c", "axxbyybc"));
        assertFalse(PolicyRule.matches("petstore.*", "petstore2.getPet"), "the dot is literal");
        assertFalse(PolicyRule.matches("petstore.deletePet", "petstore.deletePets"), "the whole name");
        assertFalse(PolicyRule.matches("petstore.deletepet", "petstore.deletePet"), "case-sensitive");
        assertFalse(PolicyRule.matches("pet?tore.*", "petstore.getPet"), "? is no wildcard");
        assertFalse(PolicyRule.matches("*.get", "petstore.getPet"));
        assertFalse(PolicyRule.matches("", "x"));
    }

    @Test
    void rulesApplyByRoleOrScope() {
        PolicyRule ops = new PolicyRule(Set.of("ops"), Set.of("admin:all"), List.of(), List.of("a.b"));
        assertTrue(ops.appliesTo(Set.of("ops"), Set.of()));
        assertTrue(ops.appliesTo(Set.of(), Set.of("admin:all")));
        assertFalse(ops.appliesTo(Set.of("dev"), Set.of("read")));
        assertTrue(ops.allows("any.tool"), "an omitted allow grants everything");
        assertTrue(ops.denies("a.b"));
        assertTrue(new PolicyRule(Set.of(), Set.of(), List.of("x.*"), List.of()).appliesTo(Set.of(), Set.of()));
    }

    @Test
    void readFromConfiguration() {
        RuntimeConfig config = RuntimeConfig.from(Fixture.config("""
                imcp:
                  auth:
                    api-keys:
                      - {name: ci, sha256: "%s", roles: [ops], scopes: [mcp:tools]}
                    required-scopes: [mcp:tools]
                    jwt:
                      issuer: https://issuer.example
                      audience: https://mcp.example.com/mcp
                      jwks-url: https://issuer.example/jwks
                      clock-skew-seconds: 5
                      scopes-claim: scp
                  policy:
                    rules:
                      - roles: [ops]
                        allow: ["petstore.*"]
                        deny: [petstore.deletePet]
                """.formatted("a".repeat(64))));
        assertEquals(List.of(new PolicyRule(Set.of("ops"), Set.of(), List.of("petstore.*"), List.of("petstore.deletePet"))),
                config.policyRules());
        assertEquals(Set.of("ops"), config.apiKeys().getFirst().roles());
        assertEquals(List.of("mcp:tools"), config.requiredScopes());
        assertEquals(5, config.jwt().clockSkew().toSeconds());
        assertEquals("scp", config.jwt().scopesClaim());
        assertEquals(List.of("https://issuer.example"), config.jwt().authorizationServers());
        assertEquals(URI.create("https://mcp.example.com/.well-known/oauth-protected-resource"),
                config.jwt().resourceMetadataUrl());
    }

    @Test
    void malformedSettingsNameTheKey() {
        String jwt = """
                imcp:
                  auth:
                    jwt:
                      issuer: https://issuer.example
                      audience: %s
                      jwks-url: %s
                """;
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RuntimeConfig.from(Fixture.config(
                jwt.formatted("mcp.example.com", "https://issuer.example/jwks")))).getMessage().contains("audience"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RuntimeConfig.from(Fixture.config(
                jwt.formatted("https://mcp.example.com/mcp", "http://issuer.example/jwks")))).getMessage().contains("jwks-url"),
                "plain http only on loopback");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RuntimeConfig.from(Fixture.config(
                "imcp: {auth: {required-scopes: [a]}}"))).getMessage().contains("required-scopes"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RuntimeConfig.from(Fixture.config(
                "imcp: {policy: {rules: [{role: [ops]}]}}"))).getMessage().contains("imcp.policy.rules.0.role"));
    }
}
