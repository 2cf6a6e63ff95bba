package dev.imcp.codegen.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imcp.codegen.GenerationResult;
import dev.imcp.codegen.TinyProject;
import dev.imcp.codegen.diag.Diagnostic;
import dev.imcp.codegen.model.OperationModel;
import dev.imcp.codegen.select.OperationSelector;
import dev.imcp.codegen.select.ToolOptions;
import dev.imcp.codegen.select.ToolOverride;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Titles, descriptions and annotation hints of OpenAPI tools: the fallbacks and the overrides. */
class OpenApiToolTextTest {

    @TempDir
    Path dir;

    static Map<String, OperationModel> byName(GenerationResult result) {
        return result.contracts().get(0).operations().stream()
                .collect(Collectors.toMap(OperationModel::toolName, Function.identity()));
    }

    @Test
    void descriptionsComeFromTheOperationElseThePathItemElseMethodAndPath() throws Exception {
        GenerationResult result = new TinyProject(dir).write("text.yaml", """
                openapi: 3.0.3
                info: {title: T, version: '1'}
                paths:
                  /both:
                    get:
                      operationId: both
                      summary: Find pets
                      description: Returns every pet the caller may see.
                      responses: {'200': {description: ok}}
                  /same:
                    get:
                      operationId: same
                      summary: Find pets.
                      description: Find pets by status; several statuses may be given.
                      responses: {'200': {description: ok}}
                  /summary:
                    get:
                      operationId: summaryOnly
                      summary: Lists pets
                      responses: {'200': {description: ok}}
                  /description:
                    get:
                      operationId: descriptionOnly
                      description: "  Lists pets in detail.  "
                      responses: {'200': {description: ok}}
                  /item:
                    summary: A path item summary
                    description: Path item text.
                    get:
                      operationId: fromPathItem
                      responses: {'200': {description: ok}}
                    delete:
                      operationId: ownSummary
                      summary: Deletes it
                      responses: {'204': {description: gone}}
                  /nothing/{id}:
                    patch:
                      operationId: nothing
                      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
                      responses: {'200': {description: ok}}
                """).generate();
        Map<String, OperationModel> ops = byName(result);

        assertEquals("Find pets", ops.get("both").title());
        assertEquals("Find pets\n\nReturns every pet the caller may see.", ops.get("both").description());
        assertEquals("Find pets.", ops.get("same").title());
        assertEquals("Find pets by status; several statuses may be given.", ops.get("same").description(),
                "a description that starts with the summary is not repeated");
        assertNull(ops.get("summaryOnly").title());
        assertEquals("Lists pets", ops.get("summaryOnly").description());
        assertNull(ops.get("descriptionOnly").title());
        assertEquals("Lists pets in detail.", ops.get("descriptionOnly").description());
        assertEquals("A path item summary", ops.get("fromPathItem").title());
        assertEquals("A path item summary\n\nPath item text.", ops.get("fromPathItem").description());
        assertNull(ops.get("ownSummary").title(), "the operation's own text wins over the path item's");
        assertEquals("Deletes it", ops.get("ownSummary").description());
        assertEquals("PATCH /nothing/{id}", ops.get("nothing").description());
    }

    @Test
    void hintsComeFromTheMethodThenXMcpAnnotationsThenTheConfiguration() throws Exception {
        TinyProject p = new TinyProject(dir).write("hints.yaml", """
                openapi: 3.0.3
                info: {title: T, version: '1'}
                paths:
                  /hints:
                    get:
                      operationId: read
                      responses: {'200': {description: ok}}
                    post:
                      operationId: search
                      x-mcp-annotations:
                        readOnlyHint: true
                        colourHint: true
                        idempotentHint: "yes"
                      responses: {'200': {description: ok}}
                    put:
                      operationId: replace
                      responses: {'200': {description: ok}}
                    delete:
                      operationId: remove
                      responses: {'204': {description: gone}}
                    patch:
                      operationId: change
                      x-mcp-annotations: [readOnlyHint]
                      responses: {'200': {description: ok}}
                """);
        ToolOptions options = ToolOptions.defaults().withOverrides(List.of(
                new ToolOverride(OperationSelector.parse("method:DELETE"), null, Map.of("destructiveHint", false)),
                new ToolOverride(OperationSelector.parse("search"), null, Map.of("openWorldHint", false))));
        GenerationResult result = p.generate(options);
        Map<String, OperationModel> ops = byName(result);

        assertEquals(Map.of("readOnlyHint", true, "openWorldHint", true), ops.get("read").annotations());
        assertEquals(Map.of("readOnlyHint", true, "destructiveHint", true, "idempotentHint", false, "openWorldHint", false),
                ops.get("search").annotations());
        assertEquals(Map.of("destructiveHint", true, "idempotentHint", true, "openWorldHint", true),
                ops.get("replace").annotations());
        assertEquals(Map.of("destructiveHint", false, "idempotentHint", true, "openWorldHint", true),
                ops.get("remove").annotations());
        assertEquals(Map.of("destructiveHint", true, "idempotentHint", false, "openWorldHint", true),
                ops.get("change").annotations());

        List<Diagnostic> warnings = result.warnings();
        assertEquals(3, warnings.size(), warnings.toString());
        assertEquals(List.of("OPENAPI_EXTENSION_INVALID"), warnings.stream().map(Diagnostic::code).distinct().toList());
        assertEquals(p.line("hints.yaml", "colourHint"), warnings.get(0).location().line());
        assertEquals("/paths/~1hints/post/x-mcp-annotations/colourHint", warnings.get(0).location().pointer());
        assertEquals(p.line("hints.yaml", "idempotentHint: \"yes\""), warnings.get(1).location().line());
        assertEquals(p.line("hints.yaml", "x-mcp-annotations: [readOnlyHint]"), warnings.get(2).location().line());

        JsonNode tools = new ObjectMapper().readTree(p.resources().resolve("META-INF/imcp/tools.json").toFile()).get("tools");
        JsonNode remove = null;
        for (JsonNode t : tools) {
            remove = t.get("name").asText().equals("remove") ? t : remove;
        }
        assertFalse(remove.get("annotations").get("destructiveHint").asBoolean(), "published as configured");
    }
}
