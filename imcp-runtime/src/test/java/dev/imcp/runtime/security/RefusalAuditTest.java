package dev.imcp.runtime.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imcp.runtime.audit.AuditLog;
import dev.imcp.runtime.audit.Redactor;
import dev.imcp.runtime.config.ApiKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9, "Bad input": every refused request is audited with its status and reason (and, for a known caller, its
 * name and tenant), never with the token.
 */
class RefusalAuditTest {

    @Test
    void refusalsAreAuditedWithStatusReasonAndActorButNoToken(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("audit.jsonl");
        AuditLog audit = new AuditLog(file.toString(), false, new Redactor(List.of()), 100, 8192);
        Authenticator auth = new Authenticator(new ApiKeyAuthenticator(List.of(
                new ApiKey("reader", HexFormat.of().formatHex(ApiKeyAuthenticator.sha256("k-reader")), Set.of(), Set.of(),
                        "acme"),
                new ApiKey("ops", HexFormat.of().formatHex(ApiKeyAuthenticator.sha256("k-ops")), Set.of(),
                        Set.of("tools:call")))), null, List.of("tools:call"), null, audit);
        assertEquals(401, auth.authenticate(null).status());
        assertEquals(401, auth.authenticate("Bearer not-a-key-s3cr3t ").status());
        assertEquals(403, auth.authenticate("Bearer k-reader").status());
        assertEquals("ops", auth.authenticate("Bearer k-ops").caller().orElseThrow().name()); // not audited here
        audit.close();

        List<String> lines = Files.readAllLines(file);
        assertEquals(3, lines.size(), lines.toString());
        ObjectMapper mapper = new ObjectMapper();
        JsonNode missing = mapper.readTree(lines.get(0));
        assertEquals("refused", missing.get("status").asText());
        assertEquals(401, missing.get("http_status").asInt());
        assertEquals("unauthenticated", missing.get("actor").asText());
        assertFalse(missing.has("tenant"), lines.get(0));
        assertEquals("a bearer token is required as 'Authorization: Bearer <token>'", missing.get("reason").asText());
        JsonNode wrong = mapper.readTree(lines.get(1));
        assertEquals("the API key is not valid", wrong.get("reason").asText());
        assertFalse(lines.get(1).contains("s3cr3t"), lines.get(1));
        JsonNode scope = mapper.readTree(lines.get(2));
        assertEquals(403, scope.get("http_status").asInt());
        assertEquals("reader", scope.get("actor").asText());
        assertEquals("acme", scope.get("tenant").asText(), "a known caller's tenant");
        assertEquals("the token lacks a required scope (tools:call)", scope.get("reason").asText());
    }
}
