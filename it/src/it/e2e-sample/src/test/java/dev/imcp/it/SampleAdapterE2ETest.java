package dev.imcp.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Starts the sample adapter's fat jar as a separate process on a free loopback port (with its embedded
 * upstreams) and drives it with the official MCP Java SDK client, as an AI client would.
 */
class SampleAdapterE2ETest {

    /** The demo key the sample's application.yaml holds the SHA-256 of. */
    private static final String DEMO_KEY = "imcp-demo-key";
    /** The outbound bearer token the sample's configuration plants for the petstore upstream. */
    private static final String PLANTED_SECRET = "sample-petstore-token-1f9c";

    private static Process adapter;
    private static int port;
    private static Path auditFile;
    private static Path adapterLog;

    @BeforeAll
    static void startAdapter() throws Exception {
        port = freePort();
        // Under target/, not the system temporary folder: a test run leaves nothing behind outside the build.
        auditFile = new File("target/audit.jsonl").toPath();
        Files.createDirectories(auditFile.getParent());
        Files.deleteIfExists(auditFile);
        adapterLog = new File("target/adapter.log").toPath();
        Files.createDirectories(adapterLog.getParent());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Dimcp.audit.file=" + auditFile,
                "-jar", System.getProperty("sample.jar"))
                .redirectErrorStream(true)
                .redirectOutput(adapterLog.toFile());
        // The port comes from the environment, as a deployment would set it: configuration is overridable there.
        builder.environment().put("SERVER_PORT", Integer.toString(port));
        adapter = builder.start();
        awaitListening(adapter, port, adapterLog);
    }

    @AfterAll
    static void stopAdapter() throws Exception {
        if (adapter != null) {
            adapter.destroy();
            adapter.waitFor();
        }
    }

    private static McpSyncClient client() {
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport
                .builder("http://127.0.0.1:" + port)
                .endpoint("/mcp")
                .requestBuilder(java.net.http.HttpRequest.newBuilder().header("Authorization", "Bearer " + DEMO_KEY))
                .build();
        McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(30)).build();
        client.initialize();
        return client;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> structured(McpSchema.CallToolResult result) {
        assertNotEquals(Boolean.TRUE, result.isError(), () -> "tool failed: " + result.content());
        return (Map<String, Object>) result.structuredContent();
    }

    @Test
    void listsToolsOfAllThreeContractsButNotTheDeniedOne() {
        try (McpSyncClient client = client()) {
            Set<String> names = client.listTools().tools().stream().map(McpSchema.Tool::name)
                    .collect(Collectors.toSet());
            assertTrue(names.containsAll(List.of("greetMe", "sayHi", "listPets", "showPetById", "quoteAdoption",
                    "requestAdoption")), names::toString);
            assertFalse(names.contains("greetMeOneWay"), "denied by configuration");
        }
    }

    @Test
    void callsTheSoapUpstream() {
        try (McpSyncClient client = client()) {
            var result = client.callTool(new McpSchema.CallToolRequest("greetMe", Map.of("requestType", "Ada")));
            assertEquals("Hello Ada", structured(result).get("responseType"));
        }
    }

    @Test
    void soapFaultBecomesAToolError() {
        try (McpSyncClient client = client()) {
            var result = client.callTool(new McpSchema.CallToolRequest("testDocLitFault",
                    Map.of("faultType", "NoSuchCodeLitFault")));
            assertEquals(Boolean.TRUE, result.isError());
            String text = ((McpSchema.TextContent) result.content().get(0)).text();
            assertTrue(text.contains("no such code"), text);
        }
    }

    @Test
    void callsTheOpenApiUpstreamWithInjectedCredentials() {
        try (McpSyncClient client = client()) {
            var result = client.callTool(new McpSchema.CallToolRequest("showPetById", Map.of("petId", "2")));
            Map<String, Object> pet = structured(result);
            assertEquals("Tom", pet.get("name"));
            assertEquals("cat", pet.get("tag"));
        }
    }

    @Test
    void upstream404BecomesAToolErrorWithWhatTheUpstreamSaid() {
        try (McpSyncClient client = client()) {
            var result = client.callTool(new McpSchema.CallToolRequest("showPetById", Map.of("petId", "999")));
            assertEquals(Boolean.TRUE, result.isError());
            String text = ((McpSchema.TextContent) result.content().get(0)).text();
            assertTrue(text.contains("404") && text.contains("no pet with id 999"), text);
        }
    }

    @Test
    void callsTheMcpJsonUpstreamWithDefaultsApplied() {
        try (McpSyncClient client = client()) {
            var result = client.callTool(new McpSchema.CallToolRequest("quoteAdoption", Map.of("petId", 1)));
            Map<String, Object> quote = structured(result);
            assertEquals("basic", quote.get("plan"), "the contract's default plan");
            assertEquals(4900, ((Number) quote.get("feeCents")).intValue());
            assertEquals("Rex", quote.get("petName"));
        }
    }

    @Test
    void deniedToolIsUncallable() throws Exception {
        HttpResponse<String> init = post(DEMO_KEY, null, """
                {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18",
                "capabilities":{},"clientInfo":{"name":"e2e","version":"1"}}}""");
        String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
        HttpResponse<String> call = post(DEMO_KEY, session, """
                {"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"greetMeOneWay",
                "arguments":{"requestType":"x"}}}""");
        assertTrue(call.body().contains("-32602") && call.body().contains("Unknown tool"), call.body());
    }

    @Test
    void restFacadeCallsToolsAndDescribesThem() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> pet = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/tools/showPetById"))
                .header("Authorization", "Bearer " + DEMO_KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"petId\":\"2\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, pet.statusCode(), pet.body());
        assertTrue(pet.body().contains("\"name\":\"Tom\""), pet.body());
        HttpResponse<String> denied = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/tools/greetMeOneWay"))
                .header("Authorization", "Bearer " + DEMO_KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, denied.statusCode(), denied.body());
        HttpResponse<String> openApi = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/openapi"))
                .header("Authorization", "Bearer " + DEMO_KEY).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, openApi.statusCode(), openApi.body());
        assertTrue(openApi.body().contains("\"openapi\":\"3.1.0\"") && openApi.body().contains("\"/tools/showPetById\""),
                openApi.body());
    }

    @Test
    void requestWithoutKeyGets401() throws Exception {
        HttpResponse<String> response = post(null, null, """
                {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18",
                "capabilities":{},"clientInfo":{"name":"e2e","version":"1"}}}""");
        assertEquals(401, response.statusCode());
        assertTrue(response.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
        assertEquals(401, post("wrong-key", null, "{}").statusCode());
    }

    @Test
    void auditHasOneLinePerCallAndNoSecret() throws Exception {
        try (McpSyncClient client = client()) {
            client.callTool(new McpSchema.CallToolRequest("listPets", Map.of("limit", 2)));
        }
        String audit = "";
        for (int i = 0; i < 100 && !audit.contains("\"listPets\""); i++) {
            Thread.sleep(100);
            audit = Files.readString(auditFile);
        }
        assertTrue(audit.contains("\"tool\":\"listPets\""), audit);
        assertTrue(audit.contains("\"actor\":\"demo\""), audit);
        assertTrue(audit.contains("\"correlation_id\""), audit);
        assertFalse(audit.contains(PLANTED_SECRET), "outbound secret leaked into audit");
        assertFalse(audit.contains(DEMO_KEY), "API key leaked into audit");
        assertFalse(Files.readString(adapterLog).contains(PLANTED_SECRET), "outbound secret leaked into the log");
    }

    /**
     * Which contract answered: the fat jar's manifest names each contract with the SHA-256 of its file, and the
     * adapter publishes the same hashes in the initialize result's _meta, the start-up line and the audit events.
     */
    @Test
    void contractHashesInManifestInitializeStartLineAndAudit() throws Exception {
        String header;
        try (java.util.jar.JarFile jar = new java.util.jar.JarFile(System.getProperty("sample.jar"))) {
            header = jar.getManifest().getMainAttributes().getValue("Imcp-Contracts");
        }
        assertTrue(header != null && !header.contains("${"), "Imcp-Contracts: " + header);
        Map<String, String> files = Map.of("adoptions", "adoptions.mcp.json", "hello_world", "hello_world.wsdl",
                "petstore", "petstore.yaml");
        Map<String, String> sha = new java.util.TreeMap<>();
        for (String service : files.keySet()) {
            byte[] bytes = Files.readAllBytes(Path.of(System.getProperty("sample.contracts"), files.get(service)));
            sha.put(service, java.util.HexFormat.of().formatHex(
                    java.security.MessageDigest.getInstance("SHA-256").digest(bytes)));
        }
        assertEquals(sha.entrySet().stream().map(e -> e.getKey() + " sha256:" + e.getValue() + " src/main/contracts/"
                + files.get(e.getKey())).collect(Collectors.joining(", ")), header);

        HttpResponse<String> init = post(DEMO_KEY, null, """
                {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2024-11-05",
                "capabilities":{},"clientInfo":{"name":"e2e","version":"1"}}}""");
        assertEquals(200, init.statusCode(), init.body());
        String contracts = sha.entrySet().stream().map(e -> "\"" + e.getKey() + "\":{\"file\":\"src/main/contracts/"
                + files.get(e.getKey()) + "\",\"sha256\":\"" + e.getValue() + "\"}").collect(Collectors.joining(","));
        assertTrue(init.body().contains("\"_meta\":{\"dev.imcp/contracts\":{" + contracts + "}}"), init.body());

        String started = Files.readString(adapterLog);
        String shortHashes = sha.entrySet().stream().map(e -> e.getKey() + " " + e.getValue().substring(0, 12))
                .collect(Collectors.joining(", "));
        assertTrue(started.contains("; contracts " + shortHashes + "; ready "), started);

        try (McpSyncClient client = client()) {
            client.callTool(new McpSchema.CallToolRequest("quoteAdoption", Map.of("petId", 1)));
        }
        String expected = "\"contract_sha256\":\"" + sha.get("adoptions") + "\"";
        String line = "";
        for (int i = 0; i < 100 && !line.contains(expected); i++) {
            Thread.sleep(100);
            line = Files.readAllLines(auditFile).stream().filter(l -> l.contains("\"quoteAdoption\""))
                    .reduce("", (a, b) -> b);
        }
        assertTrue(line.contains(expected), line);
    }

    @Test
    void startLogIsOneReadyLineWithoutSlf4jOrSecurityWarnings() throws Exception {
        McpSchema.Implementation serverInfo;
        int published;
        try (McpSyncClient client = client()) {
            serverInfo = client.getServerInfo();
            published = client.listTools().tools().size();
            // A tool call loads what a start-up alone might not (schema validation, the HTTP and SOAP clients).
            structured(client.callTool(new McpSchema.CallToolRequest("quoteAdoption", Map.of("petId", 1))));
            structured(client.callTool(new McpSchema.CallToolRequest("greetMe", Map.of("requestType", "Ada"))));
        }
        // The adapter logs its line just after it starts listening, which is when the tests start: wait for it.
        String log = Files.readString(adapterLog);
        for (int i = 0; i < 100 && !log.contains(" serving MCP at "); i++) {
            Thread.sleep(100);
            log = Files.readString(adapterLog);
        }
        List<String> ready = log.lines().filter(l -> l.contains("iMCP adapter ")).toList();
        assertEquals(1, ready.size(), log);
        // The sample's own identity, from the adapter.json its build wrote (artifactId and version), not iMCP's.
        assertEquals("petstore-greeter", serverInfo.name());
        assertEquals(System.getProperty("sample.version"), serverInfo.version());
        String expected = "INFO dev.imcp.runtime.ImcpServer: iMCP adapter " + serverInfo.name() + " "
                + serverInfo.version() + " serving MCP at http://127.0.0.1:" + port + "/mcp (revisions 2024-11-05, "
                + "2025-03-26, 2025-06-18, 2025-11-25, 2026-07-28; " + published + " tools; contracts adoptions ";
        assertTrue(ready.get(0).contains(expected), () -> ready.get(0) + "\nexpected to contain\n" + expected);
        assertTrue(ready.get(0).matches(".* ready \\d+\\.\\d s after JVM start\\)$"), ready.get(0));
        assertEquals(12, published, "13 tools in the contracts, greetMeOneWay denied by configuration");
        assertFalse(log.contains("SLF4J"), log);
        assertFalse(log.contains("NOT configured"), log);
    }

    private static HttpResponse<String> post(String key, String session, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/mcp"))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        if (session != null) {
            b.header("Mcp-Session-Id", session).header("MCP-Protocol-Version", "2025-06-18");
        }
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    static void awaitListening(Process process, int port, Path log) throws Exception {
        for (int i = 0; i < 600; i++) {
            if (!process.isAlive()) {
                throw new IllegalStateException("adapter exited: " + Files.readString(log));
            }
            try (var socket = new java.net.Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("adapter did not listen within 60 s: " + Files.readString(log));
    }
}
