package dev.imcp.codegen.naming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.imcp.codegen.GenerationResult;
import dev.imcp.codegen.TinyProject;
import dev.imcp.codegen.diag.Diagnostic;
import dev.imcp.codegen.model.ContractModel;
import dev.imcp.codegen.model.NameSource;
import dev.imcp.codegen.model.OperationModel;
import dev.imcp.codegen.select.OperationSelector;
import dev.imcp.codegen.select.ToolOptions;
import dev.imcp.codegen.select.ToolOverride;
import dev.imcp.codegen.wsdl.WsdlTestSupport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The naming pass on tiny contracts: every name it changes is reported at the operation with its code; names are
 * valid, at most the limit long, unique across contracts, and the same on every run.
 */
class ToolNamingTest {

    static final String OK = "      responses: {'200': {description: ok}}\n";

    @TempDir
    Path dir;

    static String openapi(String paths) {
        return "openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths:\n" + paths;
    }

    static String mcpJson(String... names) {
        StringBuilder tools = new StringBuilder();
        for (String name : names) {
            tools.append(tools.isEmpty() ? "" : ",\n").append("    {\"name\": \"").append(name)
                    .append("\", \"endpoint\": {\"method\": \"GET\", \"path\": \"/").append(name.length()).append("\"}}");
        }
        return "{\n  \"name\": \"M\",\n  \"tools\": [\n" + tools + "\n  ]\n}\n";
    }

    static List<String> names(ContractModel contract) {
        return contract.operations().stream().map(OperationModel::toolName).toList();
    }

    @Test
    void invalidCharactersAreReplacedWithANoteAtTheOperation() throws Exception {
        TinyProject p = new TinyProject(dir).write("names.yaml", openapi("""
                  /pets/{id}:
                    get:
                      operationId: find pet by id
                      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
                      responses: {'200': {description: ok}}
                  /meta:
                    get:
                      operationId: meta/root
                      responses: {'200': {description: ok}}
                  /oauth2/token:
                    post:
                      operationId: post_oauth2_token#refresh
                      responses: {'200': {description: ok}}
                  /info.0.json:
                    get:
                      operationId: get_info.0.json
                      responses: {'200': {description: ok}}
                  /items/{id}:
                    delete:
                      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
                      responses: {'204': {description: gone}}
                """));
        GenerationResult result = p.generate();

        assertEquals(List.of("find_pet_by_id", "meta_root", "post_oauth2_token_refresh", "get_info_0_json",
                "delete_items_id"), names(result.contracts().get(0)));
        assertEquals(List.of(), result.warnings());
        assertEquals(4, result.notes().size(), result.notes().toString());
        Diagnostic first = result.notes().get(0);
        assertEquals("TOOL_NAME_SANITIZED", first.code());
        assertEquals(Diagnostic.Severity.INFO, first.severity());
        assertEquals("contracts/names.yaml:" + p.line("names.yaml", "get:") + ":5 [TOOL_NAME_SANITIZED] "
                + "/paths/~1pets~1{id}/get: operationId 'find pet by id' is not a valid MCP tool name ([A-Za-z0-9_-]); "
                + "published as 'find_pet_by_id' (fix: set x-mcp-name on the operation, or add a <tool> with its "
                + "<operation> and a <name> to the plugin configuration)", first.toString());
        assertEquals(p.line("names.yaml", "/info.0.json") + 1, result.notes().get(3).location().line());
        assertEquals(List.of("FindPetById", "MetaRoot", "PostOauth2TokenRefresh", "GetInfo0Json", "DeleteItemsId"),
                result.contracts().get(0).operations().stream().map(OperationModel::javaName).toList());
        assertTrue(Files.isRegularFile(p.sources().resolve("com/example/tiny/names/FindPetByIdTool.java")));
    }

    @Test
    void aNameOverTheLimitIsCutWithAStableHashAndAWarning() throws Exception {
        String longName = "list_namespaced_horizontal_pod_autoscaler_status_for_all_namespaces_and_watch";
        assertEquals(77, longName.length());
        TinyProject p = new TinyProject(dir).write("long.mcp.json", mcpJson(longName, "short"));
        GenerationResult result = p.generate();

        String cut = names(result.contracts().get(0)).get(0);
        assertEquals(longName.substring(0, 55) + "_" + ToolNameRules.hash8(longName), cut);
        assertEquals(64, cut.length());
        assertEquals(1, result.warnings().size(), result.warnings().toString());
        Diagnostic d = result.warnings().get(0);
        assertEquals("TOOL_NAME_SHORTENED", d.code());
        assertEquals("contracts/long.mcp.json:" + p.line("long.mcp.json", longName) + ":5", d.location().toString());
        assertEquals("/tools/0", d.location().pointer());
        assertTrue(d.message().startsWith("tool name '" + longName + "' makes a tool name of 77 characters, more "
                + "than the limit of 64; published as '" + cut + "'"), d.message());
        assertTrue(d.fix().endsWith("or raise <toolNameMaxLength>"), d.fix());
        assertEquals(cut, names(p.generate().contracts().get(0)).get(0), "the same name on every run");

        GenerationResult wider = p.generate(ToolOptions.defaults().withMaxNameLength(100));
        assertEquals(longName, names(wider.contracts().get(0)).get(0));
        assertEquals(List.of(), wider.warnings());
        GenerationResult narrow = p.generate(ToolOptions.defaults().withMaxNameLength(16));
        assertEquals("list_na_" + ToolNameRules.hash8(longName), names(narrow.contracts().get(0)).get(0));
    }

    @Test
    void collisionsAcrossAndWithinContractsGetAHashSuffixAndAWarningNamingTheFirst() throws Exception {
        TinyProject p = new TinyProject(dir)
                .write("a.yaml", openapi("""
                          /ping:
                            get:
                              operationId: ping
                              responses: {'200': {description: ok}}
                          /item:
                            get:
                              operationId: get.item
                              responses: {'200': {description: ok}}
                            put:
                              operationId: get item
                              responses: {'200': {description: ok}}
                        """))
                .write("b.mcp.json", mcpJson("ping"));
        GenerationResult result = p.generate();

        assertEquals("ping", names(result.contracts().get(0)).get(0), "the first keeps its name");
        assertEquals("get_item", names(result.contracts().get(0)).get(1));
        String second = names(result.contracts().get(0)).get(2);
        assertEquals("get_item_" + ToolNameRules.hash8("a /paths/~1item/put"), second);
        String other = names(result.contracts().get(1)).get(0);
        assertEquals("ping_" + ToolNameRules.hash8("b /tools/0"), other);

        List<Diagnostic> collisions = result.warnings();
        assertEquals(List.of("TOOL_NAME_COLLISION", "TOOL_NAME_COLLISION"), collisions.stream().map(Diagnostic::code).toList());
        assertEquals("contracts/a.yaml:" + p.line("a.yaml", "put:") + ":5", collisions.get(0).location().toString());
        assertEquals("tool name 'get_item' (from operationId 'get item') is already published for contracts/a.yaml:"
                + (p.line("a.yaml", "/item:") + 1) + ":5 /paths/~1item/get; this operation is published as '" + second + "'",
                collisions.get(0).message());
        assertTrue(collisions.get(1).message().contains("is already published for contracts/a.yaml:"
                + (p.line("a.yaml", "/ping:") + 1) + ":5 /paths/~1ping/get"), collisions.get(1).message());
    }

    @Test
    void anExplicitNameWinsOverAnEarlierDerivedOne() throws Exception {
        TinyProject p = new TinyProject(dir).write("x.yaml", openapi("""
                  /a:
                    get:
                      operationId: status
                      responses: {'200': {description: ok}}
                  /b:
                    get:
                      operationId: getB
                      x-mcp-name: status
                      responses: {'200': {description: ok}}
                """));
        GenerationResult result = p.generate();

        List<OperationModel> ops = result.contracts().get(0).operations();
        assertEquals("status_" + ToolNameRules.hash8("x /paths/~1a/get"), ops.get(0).toolName());
        assertEquals("status", ops.get(1).toolName());
        assertEquals(NameSource.EXTENSION, ops.get(1).nameSource());
        assertEquals(List.of("TOOL_NAME_COLLISION"), result.warnings().stream().map(Diagnostic::code).toList());
    }

    @Test
    void theConfigurationNamesOperationsByOperationIdOrMethodAndPathOverXMcpName() throws Exception {
        TinyProject p = new TinyProject(dir).write("x.yaml", openapi("""
                  /a:
                    get:
                      operationId: getA
                      x-mcp-name: from_contract
                      responses: {'200': {description: ok}}
                  /b/{id}:
                    get:
                      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
                      responses: {'200': {description: ok}}
                """)).write("w.mcp.json", mcpJson("weather"));
        ToolOptions options = ToolOptions.defaults().withOverrides(List.of(
                new ToolOverride(OperationSelector.parse("getA"), "from_pom", Map.of()),
                new ToolOverride(OperationSelector.parse("GET /b/{id}"), "get_b", Map.of()),
                new ToolOverride(OperationSelector.parse("service:w weather"), "forecast", Map.of())));
        GenerationResult result = p.generate(options);

        assertEquals(List.of("from_pom", "get_b"), names(result.contracts().get(0)));
        assertEquals(List.of("forecast"), names(result.contracts().get(1)));
        assertEquals(NameSource.CONFIGURATION, result.contracts().get(0).operations().get(0).nameSource());
        assertEquals("GetBInput", result.contracts().get(0).operations().get(1).input().typeName(),
                "the configured name is the stem of the classes too");
        assertEquals(List.of(), result.warnings());
        assertEquals(List.of(), result.notes());
    }

    @Test
    void anInvalidOrRepeatedExplicitNameFailsTheBuildAtTheOperation() throws Exception {
        TinyProject p = new TinyProject(dir).write("x.yaml", openapi("""
                  /a:
                    get:
                      x-mcp-name: my tool
                      responses: {'200': {description: ok}}
                  /b:
                    get:
                      x-mcp-name: same
                      responses: {'200': {description: ok}}
                  /c:
                    get:
                      x-mcp-name: same
                      responses: {'200': {description: ok}}
                """));
        List<Diagnostic> errors = p.failures(ToolOptions.defaults()).stream()
                .filter(d -> d.severity() == Diagnostic.Severity.ERROR).toList();

        assertEquals(List.of("TOOL_NAME_INVALID", "TOOL_NAME_DUPLICATE"), errors.stream().map(Diagnostic::code).toList());
        assertEquals("contracts/x.yaml:" + (p.line("x.yaml", "/a:") + 1) + ":5 [TOOL_NAME_INVALID] /paths/~1a/get: "
                + "x-mcp-name 'my tool' is not a valid tool name: it must match [A-Za-z0-9_-]+ (fix: change x-mcp-name "
                + "to letters, digits, '_' and '-', within the limit)", errors.get(0).toString());
        assertEquals(p.line("x.yaml", "/c:") + 1, errors.get(1).location().line());
        assertTrue(errors.get(1).message().contains("is already used at contracts/x.yaml:" + (p.line("x.yaml", "/b:") + 1)),
                errors.get(1).message());
    }

    @Test
    void classNamesThatDifferOnlyInCaseAreNumberedAndCompile() throws Exception {
        TinyProject p = new TinyProject(dir).write("c.mcp.json", mcpJson("getItem", "GetItem", "get-item", "get_item"));
        GenerationResult result = p.generate();

        List<OperationModel> ops = result.contracts().get(0).operations();
        assertEquals(List.of("getItem", "GetItem", "get-item", "get_item"), names(result.contracts().get(0)));
        assertEquals(List.of("GetItem", "GetItem2", "GetItem3", "GetItem4"),
                ops.stream().map(OperationModel::javaName).toList());
        assertEquals(List.of(), result.warnings(), "four valid, distinct tool names");
        WsdlTestSupport.compile(p.sources(), Files.createDirectories(dir.resolve("classes")));
    }
}
