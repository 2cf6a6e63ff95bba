package dev.imcp.codegen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.imcp.codegen.diag.ContractException;
import dev.imcp.codegen.diag.Diagnostic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A project as the Maven plugin sees it (contracts discovered in {@code src/main/contracts}, state kept in
 * {@code target}): unchanged builds write nothing, changed ones regenerate and prune, failed ones write nothing.
 */
class IncrementalGenerationTest {

    static final String HELLO = "corpus/wsdl/cxf-hello-world/testutils/src/main/resources/wsdl/hello_world.wsdl";

    @TempDir
    Path project;

    Path contracts() throws IOException {
        return Files.createDirectories(project.resolve("src/main/contracts"));
    }

    CodegenRequest request(Path root) {
        Path target = root.resolve("target");
        return new CodegenRequest(List.of(), root, target.resolve("java"), target.resolve("resources"), "com.example.gen")
                .discovering(root.resolve("src/main/contracts"))
                .withAdapter("my-adapter", "1.0")
                .withStateFile(target.resolve("imcp/generate-state.txt"));
    }

    GenerationResult generate() throws IOException, ContractException {
        return new ImcpGenerator().generate(request(project));
    }

    void copy(String resource, String name) throws IOException {
        Files.copy(TestContracts.RESOURCES.resolve(resource), contracts().resolve(name));
    }

    @Test
    void changedToolOptionsRegenerate() throws Exception {
        copy(TestContracts.PETSTORE_V3, "petstore.yaml");
        assertFalse(generate().upToDate());
        assertTrue(generate().upToDate());
        dev.imcp.codegen.select.ToolOptions options = dev.imcp.codegen.select.ToolOptions.defaults()
                .withExcludes(List.of(dev.imcp.codegen.select.OperationSelector.parse("method:POST")));
        GenerationResult changed = new ImcpGenerator().generate(request(project).withTools(options));
        assertFalse(changed.upToDate(), "a new exclude is a new configuration");
        assertEquals(1, changed.reports().get(0).excluded());
        assertTrue(Files.notExists(project.resolve("target/java/com/example/gen/petstore/CreatePetsTool.java")),
                "the tool it excludes is deleted");
        assertTrue(new ImcpGenerator().generate(request(project).withTools(options)).upToDate());
        assertFalse(new ImcpGenerator().generate(request(project).withTools(options.withMaxNameLength(32))).upToDate());
    }

    @Test
    void anUnchangedBuildReadsAndWritesNothing() throws Exception {
        copy(TestContracts.WEATHER, "weather.mcp.json");
        copy(TestContracts.PETSTORE_V3, "petstore.yaml");
        copy(HELLO, "hello_world.wsdl");
        GenerationResult first = generate();
        assertFalse(first.upToDate());
        assertTrue(first.filesWritten() > 20, "first build writes everything: " + first.filesWritten());
        Map<String, Long> stamps = stamps(project.resolve("target"));

        GenerationResult second = generate();
        assertTrue(second.upToDate(), "nothing changed");
        assertEquals(0, second.filesWritten());
        assertEquals(List.of(), second.reports());
        assertEquals(stamps, stamps(project.resolve("target")), "no file was touched");
    }

    @Test
    void aRenamedOperationRegeneratesAndDeletesTheOldToolClass() throws Exception {
        copy(TestContracts.WEATHER, "weather.mcp.json");
        generate();
        Path pkg = project.resolve("target/java/com/example/gen/weather");
        assertTrue(Files.isRegularFile(pkg.resolve("GetForecastTool.java")));

        Path contract = contracts().resolve("weather.mcp.json");
        Files.writeString(contract, Files.readString(contract).replace("\"get_forecast\"", "\"get_outlook\""));
        GenerationResult again = generate();
        assertFalse(again.upToDate());
        assertTrue(Files.isRegularFile(pkg.resolve("GetOutlookTool.java")));
        assertFalse(Files.exists(pkg.resolve("GetForecastTool.java")), "the renamed operation's tool is gone");
        assertFalse(Files.exists(pkg.resolve("model/GetForecastInput.java")), "and so is its input record");
        assertTrue(again.filesDeleted() >= 2, "deleted: " + again.filesDeleted());
        String tools = Files.readString(project.resolve("target/resources/META-INF/imcp/tools.json"));
        assertTrue(tools.contains("\"get_outlook\"") && !tools.contains("\"get_forecast\""), tools);
    }

    @Test
    void aChangedImportedSchemaRegenerates() throws Exception {
        TestContracts.copyTree(TestContracts.IMPORT_CHAIN, contracts());
        GenerationResult first = generate();
        assertEquals(1, first.reports().size(), "the chain is one contract: " + first.reports());
        assertEquals("src/main/contracts/hello_world_services.wsdl", first.reports().getFirst().file());
        assertTrue(generate().upToDate());

        Path xsd = contracts().resolve("hello_world_types_include.xsd");
        Files.writeString(xsd, Files.readString(xsd) + "<!-- changed -->\n");
        assertFalse(generate().upToDate(), "an XSD two imports away is an input too");
    }

    @Test
    void aFileOfNoKnownKindIsReportedWithTheKindsAccepted() throws Exception {
        copy(TestContracts.WEATHER, "weather.mcp.json");
        generate();
        Map<String, Long> before = stamps(project.resolve("target"));
        Files.writeString(contracts().resolve("notes.json"), "{\"owner\": \"team-weather\"}\n");
        Files.writeString(contracts().resolve("orphan.xsd"),
                "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\"/>\n");

        ContractException e = assertThrows(ContractException.class, this::generate);
        List<Diagnostic> errors = e.diagnostics().stream().filter(d -> d.severity() == Diagnostic.Severity.ERROR).toList();
        assertEquals(2, errors.size(), errors.toString());
        assertEquals("CONTRACT_UNKNOWN_KIND", errors.get(0).code());
        assertEquals("src/main/contracts/notes.json", errors.get(0).location().file());
        assertTrue(errors.get(0).fix().contains("WSDL 1.1") && errors.get(0).fix().contains("OpenAPI 2.0/3.0/3.1")
                && errors.get(0).fix().contains("MCP JSON"), errors.get(0).fix());
        assertEquals("src/main/contracts/orphan.xsd", errors.get(1).location().file());
        assertTrue(errors.get(1).message().startsWith("an XML Schema (XSD)"), errors.get(1).message());
        assertTrue(errors.get(1).message().endsWith("no contract imports it"), errors.get(1).message());
        assertEquals(before, stamps(project.resolve("target")), "a failed run writes and deletes nothing");
    }

    @Test
    void aFailedGenerationWritesNothingNotEvenCxfSources() throws Exception {
        copy(HELLO, "hello_world.wsdl");
        copy("invalid/missing-path.mcp.json", "broken.mcp.json");
        ContractException e = assertThrows(ContractException.class, this::generate);
        assertTrue(e.getMessage().contains("MCPJSON_MISSING_FIELD"), e.getMessage());
        assertFalse(Files.exists(project.resolve("target/java")), "CXF's SEI and JAXB classes are not written either");
        assertFalse(Files.exists(project.resolve("target/imcp/generate-state.txt")));
    }

    @Test
    void aHandEditedOutputIsRegenerated() throws Exception {
        copy(TestContracts.WEATHER, "weather.mcp.json");
        generate();
        Path tool = project.resolve("target/java/com/example/gen/weather/GetForecastTool.java");
        String original = Files.readString(tool);
        Files.writeString(tool, "// edited by hand\n");
        GenerationResult again = generate();
        assertFalse(again.upToDate());
        assertEquals(1, again.filesWritten(), "only the edited file differs");
        assertEquals(original, Files.readString(tool));
    }

    @Test
    void twoCleanBuildsGiveByteIdenticalOutput(@TempDir Path other) throws Exception {
        for (Path root : List.of(project, other)) {
            Path dir = Files.createDirectories(root.resolve("src/main/contracts"));
            Files.copy(TestContracts.RESOURCES.resolve(TestContracts.WEATHER), dir.resolve("weather.mcp.json"));
            Files.copy(TestContracts.RESOURCES.resolve(TestContracts.PETSTORE_V3), dir.resolve("petstore.yaml"));
            Files.copy(TestContracts.RESOURCES.resolve(HELLO), dir.resolve("hello_world.wsdl"));
            new ImcpGenerator().generate(request(root));
        }
        Map<String, byte[]> a = contents(project.resolve("target"));
        Map<String, byte[]> b = contents(other.resolve("target"));
        a.remove("imcp/generate-state.txt");
        b.remove("imcp/generate-state.txt");
        assertEquals(a.keySet(), b.keySet());
        assertTrue(a.keySet().stream().anyMatch(k -> k.contains("/soap/")), "CXF's sources are compared too");
        assertTrue(a.containsKey("resources/META-INF/imcp/tools.json"));
        for (String file : a.keySet()) {
            assertArrayEquals(a.get(file), b.get(file), file);
        }
    }

    @Test
    void theReportCountsOperationsToolsAndSkipsByCode() throws Exception {
        Files.writeString(contracts().resolve("forms.yaml"), """
                openapi: 3.0.3
                info: {title: Forms, version: '1'}
                servers: [{url: 'https://forms.example.com'}]
                paths:
                  /forms:
                    get:
                      operationId: listForms
                      responses: {'200': {description: ok}}
                  /forms/{id}:
                    post:
                      operationId: submitForm
                      responses: {'200': {description: ok}}
                """);
        GenerationResult result = generate();
        ContractReport report = result.reports().getFirst();
        assertEquals(2, report.operations());
        assertEquals(1, report.tools());
        assertEquals(Map.of("OPENAPI_PATH_PARAMETER_UNDECLARED", 1), report.skipped());
        assertTrue(report.summary().matches(
                "src/main/contracts/forms\\.yaml: 2 operations -> 1 tool, 1 skipped \\(OPENAPI_PATH_PARAMETER_UNDECLARED 1\\), \\d+\\.\\d s"),
                report.summary());
    }

    @Test
    void adapterJsonNamesTheAdapterAndEachContractWithItsHash() throws Exception {
        copy(TestContracts.WEATHER, "weather.mcp.json");
        copy(TestContracts.PETSTORE_V3, "petstore.yaml");
        generate();
        String weather = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(project.resolve("src/main/contracts/weather.mcp.json"))));
        String petstore = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(project.resolve("src/main/contracts/petstore.yaml"))));
        assertEquals("""
                {
                  "name": "my-adapter",
                  "version": "1.0",
                  "contracts": {
                    "petstore": {
                      "file": "src/main/contracts/petstore.yaml",
                      "sha256": "%s",
                      "tools": [
                        "listPets",
                        "createPets",
                        "showPetById"
                      ]
                    },
                    "weather": {
                      "file": "src/main/contracts/weather.mcp.json",
                      "sha256": "%s",
                      "tools": [
                        "get_forecast",
                        "create_alert",
                        "delete_alert"
                      ]
                    }
                  }
                }
                """.formatted(petstore, weather),
                Files.readString(project.resolve("target/resources/META-INF/imcp/adapter.json")));
        // The same hash and file in the provider the runtime reads it from.
        assertTrue(Files.readString(project.resolve("target/java/com/example/gen/weather/WeatherToolProvider.java"))
                .contains("\"" + weather + "\",\n            \"src/main/contracts/weather.mcp.json\","));
    }

    @Test
    void manifestHeaderNamesEachContractAlsoWhenUpToDate() throws Exception {
        copy(TestContracts.WEATHER, "weather.mcp.json");
        copy(TestContracts.PETSTORE_V3, "pet store.yaml");
        assertFalse(generate().upToDate());
        Path resources = project.resolve("target/resources");
        String expected = "pet_store sha256:" + sha256(contracts().resolve("pet store.yaml"))
                + " src/main/contracts/pet store.yaml, weather sha256:" + sha256(contracts().resolve("weather.mcp.json"))
                + " src/main/contracts/weather.mcp.json";
        assertEquals(expected, dev.imcp.codegen.writer.ContractsHeader.read(resources));
        assertTrue(generate().upToDate());
        assertEquals(expected, dev.imcp.codegen.writer.ContractsHeader.read(resources), "read back, not remembered");

        assertEquals("", dev.imcp.codegen.writer.ContractsHeader.read(project.resolve("nowhere")));
        Files.writeString(resources.resolve("META-INF/imcp/adapter.json"),
                "{\"contracts\": {\"weather\": {\"sha256\": \"not-a-hash\"}}}");
        IOException bad = assertThrows(IOException.class, () -> dev.imcp.codegen.writer.ContractsHeader.read(resources));
        assertTrue(bad.getMessage().contains("contracts.weather.sha256"), bad.getMessage());
    }

    private static String sha256(Path file) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(file)));
    }

    static Map<String, Long> stamps(Path root) throws IOException {
        Map<String, Long> result = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                result.put(root.relativize(f).toString(), Files.getLastModifiedTime(f).toMillis());
            }
        }
        return result;
    }

    static Map<String, byte[]> contents(Path root) throws IOException {
        Map<String, byte[]> result = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                result.put(root.relativize(f).toString().replace('\\', '/'), Files.readAllBytes(f));
            }
        }
        return result;
    }
}
