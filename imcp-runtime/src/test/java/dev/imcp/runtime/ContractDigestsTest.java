package dev.imcp.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imcp.runtime.fixture.CalcProvider;
import dev.imcp.runtime.fixture.EchoProvider;
import dev.imcp.runtime.fixture.Fixture;
import dev.imcp.runtime.mcp.ProtocolVersions;
import dev.imcp.runtime.spi.ServiceDescriptor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Which contract answered: each service's contract hash (and file) in the {@code _meta} of the {@code initialize}
 * result of every revision and of the 2026-07-28 {@code server/discover} result, and in each audit event, against a
 * real server on loopback.
 */
class ContractDigestsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Fixture fx;

    @BeforeAll
    static void start() throws Exception {
        fx = new Fixture();
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    /** The contracts the fixture's providers describe, as the _meta should carry them. */
    private static JsonNode expectedContracts() throws Exception {
        return JSON.readTree("""
                {"calc": {"file": "%s", "sha256": "%s"},
                 "echo": {"file": "%s", "sha256": "%s"},
                 "pets": {"sha256": "%s"},
                 "petsbasic": {"sha256": "%s"}}
                """.formatted(CalcProvider.CONTRACT_FILE, CalcProvider.CONTRACT_SHA256, EchoProvider.CONTRACT_FILE,
                EchoProvider.CONTRACT_SHA256, "0".repeat(64), "0".repeat(64)));
    }

    @Test
    void initializeResultOfEveryRevisionNamesEachContract() throws Exception {
        for (String version : ProtocolVersions.SUPPORTED) {
            if (ProtocolVersions.modern(version)) {
                continue; // no initialize in 2026-07-28: server/discover, below
            }
            HttpResponse<String> r = fx.post(Fixture.initializeRequest(version), null);
            assertEquals(200, r.statusCode(), r.body());
            JsonNode result = Fixture.json(r).get("result");
            assertEquals(version, result.get("protocolVersion").asText());
            assertEquals(expectedContracts(), result.at("/_meta/dev.imcp~1contracts"), version + ": " + r.body());
            assertEquals(1, result.get("_meta").size(), "only our key in _meta: " + r.body());
            // serverInfo keeps the shape of Implementation: the hashes are not there.
            assertEquals(List.of("name", "version"), fieldNames(result.get("serverInfo")));
        }
    }

    @Test
    void discoverResultNamesEachContractBesideServerInfo() throws Exception {
        String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"server/discover\",\"params\":{\"_meta\":{"
                + "\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
                + "\"io.modelcontextprotocol/clientCapabilities\":{},"
                + "\"io.modelcontextprotocol/clientInfo\":{\"name\":\"raw\",\"version\":\"1\"}}}}";
        HttpRequest request = HttpRequest.newBuilder(fx.mcp())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .header("Authorization", "Bearer " + Fixture.DEMO_KEY)
                .header("MCP-Protocol-Version", "2026-07-28")
                .header("Mcp-Method", "server/discover")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> r = fx.http.send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        JsonNode meta = Fixture.json(r).at("/result/_meta");
        assertEquals(expectedContracts(), meta.get("dev.imcp/contracts"), r.body());
        assertTrue(meta.has("io.modelcontextprotocol/serverInfo"), r.body());
    }

    @Test
    void auditEventCarriesTheContractOfTheToolsService() throws Exception {
        String session = fx.initialize("2025-06-18");
        JsonNode echo = fx.callTool(session, "echo", "{\"message\":\"hi\"}");
        assertFalse(echo.at("/result/isError").asBoolean(), echo::toString);
        fx.callTool(session, "noSuchTool", "{}");
        JsonNode known = awaitAuditLine(session, "echo");
        assertEquals(EchoProvider.CONTRACT_SHA256, known.get("contract_sha256").asText(), known::toString);
        assertEquals("echo", known.get("service").asText());
        JsonNode unknown = awaitAuditLine(session, "noSuchTool");
        assertTrue(unknown.get("contract_sha256").isNull(), "an unknown tool has no contract: " + unknown);
    }

    @Test
    void contractsOfDescriptorsSortedAndShortened() {
        ContractDigests digests = new ContractDigests(List.of(
                new ServiceDescriptor("zeta", "openapi", "Z", "1", "ab".repeat(32), "z.yaml", null, Map.of(), null, null),
                new ServiceDescriptor("alpha", "wsdl", "A", null, "0123456789abcdef".repeat(4), null, Map.of())));
        assertEquals("contracts alpha 0123456789ab, zeta ababababab" + "ab", digests.summary());
        assertEquals("ab".repeat(32), digests.sha256("zeta"));
        assertEquals(null, digests.sha256("missing"));
        assertEquals(null, digests.sha256(null));
        assertEquals("", new ContractDigests(List.of()).summary());
        assertTrue(new ContractDigests(List.of()).meta(JSON).isEmpty(), "no services, no _meta member");
        assertEquals(List.of("alpha", "zeta"), fieldNames(digests.meta(JSON).get(ContractDigests.META_KEY)));
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static JsonNode awaitAuditLine(String session, String tool) throws Exception {
        for (int i = 0; i < 200; i++) {
            Optional<JsonNode> line = Files.readAllLines(fx.auditFile).stream().filter(l -> l.contains(session))
                    .map(ContractDigestsTest::parse).filter(n -> tool.equals(n.path("tool").asText())).findFirst();
            if (line.isPresent()) {
                return line.get();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no audit line for " + tool + " in session " + session);
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
