package dev.imcp.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imcp.runtime.fixture.EchoProvider;
import dev.imcp.runtime.fixture.Fixture;
import dev.imcp.runtime.fixture.RawServer;
import dev.imcp.runtime.spi.ServiceDescriptor;
import dev.imcp.runtime.spi.Tool;
import dev.imcp.runtime.spi.ToolDescriptor;
import dev.imcp.runtime.spi.ToolProvider;
import dev.imcp.runtime.spi.UpstreamContext;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * What the audit line of a call keeps of its arguments: values the input schema marks sensitive and values under
 * secret-looking names are masked, whatever the case or separators of the name; the rest is kept.
 */
class AuditRedactionTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A tool whose input schema marks some properties sensitive, directly, through $ref, in arrays and allOf. */
    static final class SignProvider implements ToolProvider {
        @Override
        public ServiceDescriptor service() {
            return new ServiceDescriptor("signer", "mcp-json", "Signer", "1", "0".repeat(64), "http://127.0.0.1:1", Map.of());
        }

        @Override
        public List<Tool<?, ?>> tools(UpstreamContext upstream) {
            return List.of(EchoProvider.tool(new ToolDescriptor("signer", "sign", null, "Signs a document", """
                    {"type":"object","properties":{
                      "document":{"type":"string"},
                      "passcodeValue":{"type":"string","format":"password"},
                      "seed":{"type":"string","writeOnly":true},
                      "hint":{"type":"string","x-sensitive":true},
                      "signer":{"$ref":"#/$defs/Signer"},
                      "extra":{"type":"object","additionalProperties":{"type":"string","format":"password"}},
                      "batch":{"type":"array","items":{"allOf":[{"$ref":"#/$defs/Signer"}]}},
                      "privateKey":{"type":"string"},
                      "session_cookie":{"type":"string"},
                      "PIN":{"type":"string"},
                      "passenger":{"type":"string"}},
                     "$defs":{"Signer":{"type":"object","properties":{
                       "name":{"type":"string"},"otpSeed":{"type":"string","writeOnly":true}}}}}""",
                    null, "signed", Map.of()), Map.class, in -> "signed"));
        }
    }

    @Test
    void schemaMarkedAndSecretNamedArgumentsAreMaskedInTheAuditLine() throws Exception {
        try (RawServer srv = new RawServer("", "", List.of(new SignProvider()))) {
            String session = srv.initialize("2025-06-18");
            JsonNode result = RawServer.json(srv.callTool(session, "sign", """
                    {"document":"contract.pdf","passcodeValue":"pw-1","seed":"seed-2","hint":"hint-3",
                     "signer":{"name":"Ann","otpSeed":"otp-4"},"extra":{"anything":"pw-5"},
                     "batch":[{"name":"Bob","otpSeed":"otp-6"}],"privateKey":"pk-7","session_cookie":"ck-8",
                     "PIN":"1234","passenger":"Carl"}"""));
            assertEquals("signed", result.at("/result/structuredContent/signed").asText(), result.toString());
            String line = srv.auditLines(session).get(0);
            JsonNode args = JSON.readTree(line).get("arguments");
            assertEquals(JSON.readTree("""
                    {"document":"contract.pdf","passcodeValue":"***","seed":"***","hint":"***",
                     "signer":{"name":"Ann","otpSeed":"***"},"extra":{"anything":"***"},
                     "batch":[{"name":"Bob","otpSeed":"***"}],"privateKey":"***","session_cookie":"***",
                     "PIN":"***","passenger":"Carl"}"""), args);
            for (String secret : List.of("pw-1", "seed-2", "hint-3", "otp-4", "pw-5", "otp-6", "pk-7", "ck-8", "1234")) {
                assertFalse(line.contains(secret), secret + " in " + line);
            }
        }
    }

    @Test
    void queueCapacityAndArgumentCapAreConfigurableAndChecked() {
        try (AdapterRuntime runtime = ImcpServer.runtime(Fixture.config(
                "imcp:\n  audit:\n    queue-capacity: 50\n    max-argument-bytes: 1024\n"), List.of())) {
            assertEquals(50, runtime.config().auditQueueCapacity());
            assertEquals(1024, runtime.config().auditMaxArgumentBytes());
        }
        try (AdapterRuntime runtime = ImcpServer.runtime(Fixture.config("imcp: {}\n"), List.of())) {
            assertEquals(10_000, runtime.config().auditQueueCapacity());
            assertEquals(8192, runtime.config().auditMaxArgumentBytes());
        }
        assertEquals("imcp.audit.queue-capacity must be at least 1, was 0", assertThrows(IllegalArgumentException.class,
                () -> ImcpServer.runtime(Fixture.config("imcp:\n  audit:\n    queue-capacity: 0\n"), List.of())).getMessage());
    }
}
