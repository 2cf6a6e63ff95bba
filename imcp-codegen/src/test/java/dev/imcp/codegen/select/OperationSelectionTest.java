package dev.imcp.codegen.select;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.imcp.codegen.ContractReport;
import dev.imcp.codegen.GenerationResult;
import dev.imcp.codegen.TinyProject;
import dev.imcp.codegen.TestContracts;
import dev.imcp.codegen.diag.Diagnostic;
import dev.imcp.codegen.model.OperationModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Operations selected by the configuration and by {@code x-mcp}: what is left out is counted in the contract's line
 * and noted at each operation, never dropped silently; selectors that match nothing are reported.
 */
class OperationSelectionTest {

    static final String PETS = """
            openapi: 3.0.3
            info: {title: Pets, version: '1'}
            paths:
              /pets:
                get: {operationId: listPets, tags: [pets], responses: {'200': {description: ok}}}
                post: {operationId: createPet, tags: [pets], responses: {'201': {description: ok}}}
              /pets/{id}:
                parameters: [{name: id, in: path, required: true, schema: {type: string}}]
                get: {operationId: getPet, tags: [pets], responses: {'200': {description: ok}}}
                delete: {operationId: deletePet, tags: [pets, admin], responses: {'204': {description: ok}}}
              /store/orders:
                get: {operationId: listOrders, tags: [Store Front], responses: {'200': {description: ok}}}
              /internal/health:
                x-mcp: false
                get: {operationId: health, responses: {'200': {description: ok}}}
              /internal/metrics:
                x-mcp: false
                get: {operationId: metrics, x-mcp: true, responses: {'200': {description: ok}}}
              /debug:
                get: {operationId: debug, x-mcp: false, responses: {'200': {description: ok}}}
              /odd:
                get: {operationId: odd, x-mcp: "no", responses: {'200': {description: ok}}}
            """;

    @TempDir
    Path dir;

    static ToolOptions options(List<String> includes, List<String> excludes) {
        return ToolOptions.defaults()
                .withIncludes(includes.stream().map(OperationSelector::parse).toList())
                .withExcludes(excludes.stream().map(OperationSelector::parse).toList());
    }

    static List<String> tools(GenerationResult result, int contract) {
        return result.contracts().get(contract).operations().stream().map(OperationModel::toolName).toList();
    }

    @Test
    void xMcpFalseOnTheOperationOrItsPathItemLeavesItOutWithANoteAndACount() throws Exception {
        TinyProject p = new TinyProject(dir).write("pets.yaml", PETS);
        GenerationResult result = p.generate();

        assertEquals(List.of("listPets", "createPet", "getPet", "deletePet", "listOrders", "metrics", "odd"), tools(result, 0));
        ContractReport report = result.reports().get(0);
        assertEquals(2, report.excluded());
        assertTrue(report.summary().startsWith("contracts/pets.yaml: 9 operations -> 7 tools, 0 skipped, 2 excluded, "),
                report.summary());
        List<Diagnostic> notes = report.notes();
        assertEquals(List.of("OPERATION_EXCLUDED", "OPERATION_EXCLUDED"), notes.stream().map(Diagnostic::code).toList());
        assertEquals("contracts/pets.yaml:" + (p.line("pets.yaml", "/internal/health:") + 2) + ":5 [OPERATION_EXCLUDED] "
                + "/paths/~1internal~1health/get: operation 'health' (GET /internal/health) is not published: its path "
                + "item says x-mcp: false", notes.get(0).toString());
        assertEquals("operation 'debug' (GET /debug) is not published: the operation says x-mcp: false",
                notes.get(1).message());
        Diagnostic odd = report.warnings().get(0);
        assertEquals("OPENAPI_EXTENSION_INVALID", odd.code());
        assertEquals("x-mcp is ignored: it must be true or false, not no", odd.message());
        assertEquals(1, report.warnings().size(), report.warnings().toString());
    }

    @Test
    void includeByTagExcludeByMethod() throws Exception {
        GenerationResult result = new TinyProject(dir).write("pets.yaml", PETS)
                .generate(options(List.of("tag:pets"), List.of("method:DELETE")));

        assertEquals(List.of("listPets", "createPet", "getPet"), tools(result, 0));
        assertEquals(6, result.reports().get(0).excluded());
        List<String> why = result.notes().stream().map(Diagnostic::message).toList();
        assertTrue(why.contains("operation 'deletePet' (DELETE /pets/{id}) is not published: it matches "
                + "<excludeOperations> 'method:DELETE'"), why.toString());
        assertTrue(why.contains("operation 'listOrders' (GET /store/orders) is not published: it matches no selector "
                + "of <includeOperations>"), why.toString());
        assertEquals(List.of(), result.warnings().stream().filter(d -> d.code().equals("OPERATION_SELECTOR_UNUSED")).toList());
    }

    @Test
    void includeByQuotedTagPathGlobAndOperationIdGlob() throws Exception {
        TinyProject p = new TinyProject(dir).write("pets.yaml", PETS);
        assertEquals(List.of("listOrders"), tools(p.generate(options(List.of("tag:\"store front\""), List.of())), 0));
        assertEquals(List.of("listPets", "getPet"), tools(p.generate(options(List.of("GET /pets/**"), List.of())), 0));
        assertEquals(List.of("listPets", "listOrders"), tools(p.generate(options(List.of("operationId:list*"), List.of())), 0));
        assertEquals(List.of("listPets", "createPet", "listOrders", "metrics", "odd"),
                tools(p.generate(options(List.of(), List.of("path:/pets/*"))), 0));
    }

    @Test
    void aSelectorThatMatchesNothingIsAWarning() throws Exception {
        GenerationResult result = new TinyProject(dir).write("pets.yaml", PETS)
                .generate(options(List.of("tag:pets", "tag:nope"), List.of("method:TRACE")));

        List<Diagnostic> unused = result.warnings().stream().filter(d -> d.code().equals("OPERATION_SELECTOR_UNUSED")).toList();
        assertEquals(List.of("<includeOperations> [OPERATION_SELECTOR_UNUSED] selector 'tag:nope' matches no operation of "
                        + "any contract (fix: check it against the contracts' operationIds, tags, methods and paths, or "
                        + "remove it)",
                "<excludeOperations> [OPERATION_SELECTOR_UNUSED] selector 'method:TRACE' matches no operation of any "
                        + "contract (fix: check it against the contracts' operationIds, tags, methods and paths, or "
                        + "remove it)"),
                unused.stream().map(Diagnostic::toString).toList());
    }

    @Test
    void aToolEntryForAnExcludedOperationIsAWarning() throws Exception {
        ToolOptions options = options(List.of(), List.of("method:DELETE")).withOverrides(List.of(
                new ToolOverride(OperationSelector.parse("deletePet"), "remove_pet", java.util.Map.of())));
        GenerationResult result = new TinyProject(dir).write("pets.yaml", PETS).generate(options);

        assertEquals(List.of("<tools> [OPERATION_SELECTOR_UNUSED] <tool> with <operation>deletePet</operation> selects "
                        + "no published operation (fix: check it against the contracts' operationIds, tags, methods and "
                        + "paths, or remove it)"),
                result.warnings().stream().filter(d -> d.code().equals("OPERATION_SELECTOR_UNUSED"))
                        .map(Diagnostic::toString).toList());
    }

    @Test
    void aContractWithEverythingExcludedIsAWarningAndWritesNoCode() throws Exception {
        TinyProject p = new TinyProject(dir).write("pets.yaml", PETS)
                .write("weather.mcp.json", Files.readString(TestContracts.RESOURCES.resolve("mcpjson/weather.mcp.json")));
        GenerationResult result = p.generate(options(List.of(), List.of("service:pets")));

        ContractReport pets = result.reports().get(0);
        assertTrue(pets.summary().startsWith("contracts/pets.yaml: 9 operations -> 0 tools, 0 skipped, 9 excluded"),
                pets.summary());
        Diagnostic none = pets.warnings().stream().filter(d -> d.code().equals("OPENAPI_NO_OPERATIONS")).findFirst().orElseThrow();
        assertEquals("contracts/pets.yaml:" + p.line("pets.yaml", "paths:") + ":1", none.location().toString());
        assertEquals("none of its 9 operations is published as a tool (see above)", none.message());
        assertEquals(3, result.reports().get(1).tools());
        assertTrue(Files.notExists(p.sources().resolve("com/example/tiny/pets")), "no empty upstream or provider");
        assertEquals("com.example.tiny.weather.WeatherToolProvider\n", Files.readString(
                p.resources().resolve("META-INF/services/dev.imcp.runtime.spi.ToolProvider")));
    }

    @Test
    void anAdapterThatPublishesNoToolFails() throws Exception {
        List<Diagnostic> all = new TinyProject(dir).write("pets.yaml", PETS)
                .failures(options(List.of("tag:nope"), List.of()));

        List<Diagnostic> errors = all.stream().filter(d -> d.severity() == Diagnostic.Severity.ERROR).toList();
        assertEquals(1, errors.size(), all.toString());
        assertEquals("the contract list [ADAPTER_NO_TOOLS] no contract publishes a tool (1 read; see the warnings above) "
                + "(fix: add operations to the contracts, or check <includeOperations> and <excludeOperations>)",
                errors.get(0).toString());
        assertTrue(all.stream().anyMatch(d -> d.code().equals("OPENAPI_NO_OPERATIONS")
                && d.severity() == Diagnostic.Severity.WARNING), all.toString());
    }

    @Test
    void swagger2VendorExtensionsWorkTheSame() throws Exception {
        GenerationResult result = new TinyProject(dir).write("v2.yaml", """
                swagger: '2.0'
                info: {title: V2, version: '1'}
                host: api.example.com
                paths:
                  /a:
                    get:
                      operationId: getA
                      x-mcp-name: read_a
                      x-mcp-annotations: {openWorldHint: false}
                      responses: {'200': {description: ok}}
                  /b:
                    get:
                      operationId: getB
                      x-mcp: false
                      responses: {'200': {description: ok}}
                """).generate();

        OperationModel a = result.contracts().get(0).operations().get(0);
        assertEquals(List.of("read_a"), tools(result, 0));
        assertEquals(false, a.annotations().get("openWorldHint"));
        assertEquals(1, result.reports().get(0).excluded());
    }
}
