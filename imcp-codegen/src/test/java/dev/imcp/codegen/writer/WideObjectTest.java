package dev.imcp.codegen.writer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imcp.codegen.model.ContractKind;
import dev.imcp.codegen.model.ContractModel;
import dev.imcp.codegen.model.HttpBinding;
import dev.imcp.codegen.model.OperationModel;
import dev.imcp.codegen.model.SchemaModel;
import dev.imcp.codegen.model.SchemaModel.Kind;
import dev.imcp.codegen.model.SourceLocation;
import dev.imcp.codegen.output.OutputReconciler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An object schema wider than a record can be (a Java method takes at most 255 parameter slots): EPA's ECHO API
 * answers rows of 306 properties, and enterprise entity sets are often as wide. Its Java type is a map, its
 * published schema keeps every property, and the generated sources compile; a narrower object stays a record.
 */
class WideObjectTest {

    private static final SourceLocation AT = SourceLocation.of("rows.json", "");

    @TempDir
    Path out;

    private static SchemaModel row(String name, int width) {
        SchemaModel.Builder row = SchemaModel.builder(Kind.OBJECT).typeName(name);
        for (int i = 0; i < width; i++) {
            row.property("Field" + i, SchemaModel.builder(i % 2 == 0 ? Kind.STRING : Kind.INTEGER).build());
        }
        return row.required("Field0").build();
    }

    @Test
    void anOperationWithMoreParametersThanARecordTakesIsSkippedWithALocatedWarning() throws Exception {
        StringBuilder wide = new StringBuilder();
        for (int i = 0; i <= SourceWriter.MAX_RECORD_COMPONENTS; i++) {
            wide.append(i == 0 ? "" : ",").append("\"p").append(i).append("\":{\"type\":\"string\"}");
        }
        Path contract = out.resolve("rows.json");
        Files.writeString(contract, """
                {"name": "rows", "version": "1", "description": "Rows.", "tools": [
                  {"name": "wideSearch", "description": "Too many parameters.",
                   "inputSchema": {"type": "object", "properties": {%s}},
                   "endpoint": {"method": "GET", "baseUrl": "http://localhost", "path": "/rows"}},
                  {"name": "edgeSearch", "description": "As many parameters as a record takes.",
                   "inputSchema": {"type": "object", "properties": {%s}},
                   "endpoint": {"method": "GET", "baseUrl": "http://localhost", "path": "/edge"}},
                  {"name": "getRow", "description": "One row.",
                   "inputSchema": {"type": "object", "properties": {"id": {"type": "string"}}, "required": ["id"]},
                   "endpoint": {"method": "GET", "baseUrl": "http://localhost", "path": "/rows/{id}"}}
                ]}
                """.formatted(wide, wide.substring(wide.indexOf(",") + 1)));
        var result = new dev.imcp.codegen.ImcpGenerator().generate(new dev.imcp.codegen.CodegenRequest(
                List.of(contract), out, out.resolve("java"), out.resolve("resources"), "com.example.gen"));

        assertEquals(List.of("edgeSearch", "getRow"), result.contracts().get(0).operations().stream()
                .map(OperationModel::toolName).toList());
        var warning = result.warnings().stream().filter(d -> d.code().equals("TOOL_TOO_MANY_PARAMETERS"))
                .findFirst().orElseThrow(() -> new AssertionError(result.warnings().toString()));
        assertTrue(warning.toString().startsWith("rows.json:") && warning.toString().contains("'wideSearch' takes "
                + (SourceWriter.MAX_RECORD_COMPONENTS + 1) + " parameters"), warning.toString());
        assertEquals(1, result.reports().get(0).skippedTotal());
        RecursiveSchemaTest.compile(out);
    }

    @Test
    void aDiscriminatedUnionWithATooWideAlternativeIsNotSealedAndCompiles() throws Exception {
        StringBuilder wide = new StringBuilder();
        for (int i = 0; i < SourceWriter.MAX_RECORD_COMPONENTS + 5; i++) {
            wide.append("        f").append(i).append(": {type: string}\n");
        }
        Path contract = out.resolve("pets.yaml");
        Files.writeString(contract, """
                openapi: 3.0.3
                info: {title: Pets, version: "1"}
                paths:
                  /pets/{id}:
                    get:
                      operationId: getPet
                      parameters:
                        - {name: id, in: path, required: true, schema: {type: string}}
                      responses:
                        '200':
                          description: the pet
                          content:
                            application/json:
                              schema: {$ref: '#/components/schemas/Pet'}
                components:
                  schemas:
                    Pet:
                      oneOf:
                        - $ref: '#/components/schemas/Cat'
                        - $ref: '#/components/schemas/Dog'
                      discriminator: {propertyName: petType}
                    Dog:
                      type: object
                      required: [petType]
                      properties:
                        petType: {type: string}
                        bark: {type: boolean}
                    Cat:
                      type: object
                      required: [petType]
                      properties:
                        petType: {type: string}
                %s""".formatted(wide));
        new dev.imcp.codegen.ImcpGenerator().generate(new dev.imcp.codegen.CodegenRequest(List.of(contract), out,
                out.resolve("java"), out.resolve("resources"), "com.example.gen"));
        RecursiveSchemaTest.compile(out);
        JsonNode cat = new ObjectMapper().readTree(out.resolve("resources/META-INF/imcp/tools.json").toFile())
                .at("/tools/0/outputSchema");
        assertTrue(cat.toString().contains("\"f" + (SourceWriter.MAX_RECORD_COMPONENTS + 4) + "\""),
                "the wide alternative is published whole");
    }

    @Test
    void anObjectTooWideForARecordIsAMapAndCompiles() throws Exception {
        SchemaModel input = SchemaModel.builder(Kind.OBJECT).typeName("ListRowsInput")
                .property("filter", row("Filter", SourceWriter.MAX_RECORD_COMPONENTS + 40))
                .location(AT).build();
        SchemaModel output = SchemaModel.builder(Kind.OBJECT).typeName("Rows")
                .property("wide", row("WideRow", 306))
                .property("narrow", row("NarrowRow", SourceWriter.MAX_RECORD_COMPONENTS))
                .location(AT).build();
        OperationModel list = new OperationModel("listRows", "ListRows", null, "Lists rows.", Map.of(), input, output,
                new HttpBinding("POST", "/rows", List.of(), "*", "application/json"), AT);
        ContractModel contract = new ContractModel("rows", ContractKind.MCP_JSON, "Rows", null, null, "0".repeat(64),
                "http://localhost/rows", Map.of(), List.of(list), AT, List.of());
        OutputReconciler.reconcile(new SourceWriter().write(List.of(contract), "com.example.gen", null, null,
                out.resolve("java"), out.resolve("resources")), List.of(), List.of());

        RecursiveSchemaTest.compile(out);

        Path model = out.resolve("java/com/example/gen/rows/model");
        assertTrue(Files.exists(model.resolve("NarrowRow.java")), "as many as the limit still make a record");
        assertFalse(Files.exists(model.resolve("WideRow.java")), "306 do not");
        assertFalse(Files.exists(model.resolve("Filter.java")));
        String rows = Files.readString(model.resolve("Rows.java"));
        assertTrue(rows.contains("Map<String, Object> wide"), rows.substring(0, Math.min(rows.length(), 2000)));
        assertTrue(rows.contains("NarrowRow narrow"));

        JsonNode tool = new ObjectMapper().readTree(out.resolve("resources/META-INF/imcp/tools.json").toFile())
                .at("/tools/0");
        JsonNode wide = tool.at("/outputSchema/properties/wide");
        assertEquals(306, wide.path("properties").size(), "the published schema keeps every property");
        assertEquals("integer", wide.at("/properties/Field305/type").asText());
        assertEquals(SourceWriter.MAX_RECORD_COMPONENTS + 40, tool.at("/inputSchema/properties/filter/properties").size());
    }
}
