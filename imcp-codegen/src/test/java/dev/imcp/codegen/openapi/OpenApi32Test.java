package dev.imcp.codegen.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.imcp.codegen.diag.Diagnostic;
import dev.imcp.codegen.diag.Diagnostics;
import dev.imcp.codegen.model.ContractModel;
import dev.imcp.codegen.model.OperationModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** OpenAPI 3.2 documents, read through swagger-parser's 3.1 path ({@link OpenApi32}). */
class OpenApi32Test {

    @TempDir
    Path dir;

    @Test
    void aDocumentOf32IsPublishedWithWhat32AddsForOperationsSkippedAtItsLine() throws IOException {
        Files.writeString(dir.resolve("common.yaml"), """
                components:
                  schemas:
                    Order:
                      type: object
                      required: [id]
                      properties:
                        id: {type: string}
                        total: {type: [number, "null"]}
                """);
        Path file = dir.resolve("orders.yaml");
        Files.writeString(file, """
                openapi: 3.2.0
                $self: https://api.example.com/openapi.yaml
                info: {title: Orders, version: "2"}
                tags:
                  - {name: orders, kind: nav}
                servers: [{url: "https://api.example.com"}]
                paths:
                  /orders/{id}:
                    get:
                      operationId: getOrder
                      parameters:
                        - {name: id, in: path, required: true, schema: {type: string}}
                      responses:
                        '200':
                          summary: The order
                          description: ok
                          content:
                            application/json:
                              schema: {$ref: './common.yaml#/components/schemas/Order'}
                  /orders:
                    query:
                      operationId: queryOrders
                      responses:
                        '200': {description: ok}
                    additionalOperations:
                      LINK:
                        operationId: linkOrders
                        responses:
                          '204': {description: linked}
                  /search:
                    get:
                      operationId: search
                      parameters:
                        - name: q
                          in: querystring
                          content:
                            application/x-www-form-urlencoded:
                              schema: {type: object}
                      responses:
                        '200': {description: ok}
                """);
        Diagnostics diagnostics = new Diagnostics();

        ContractModel model = OpenApiReaderTest.read(file, diagnostics);

        assertNotNull(model, diagnostics.all()::toString);
        assertEquals(List.of("getOrder"), model.operations().stream().map(OperationModel::toolName).toList());
        OperationModel get = model.operations().getFirst();
        assertEquals(List.of("id"), get.output().required(), "the external reference is followed");
        List<String> skipped = diagnostics.all().stream().filter(d -> d.code().equals("OPENAPI_UNSUPPORTED_OPERATION"))
                .map(d -> d.location().line() + " " + d.message().substring(0, d.message().indexOf(" is skipped")))
                .toList();
        assertEquals(List.of("21 operation QUERY /orders", "26 operation LINK /orders", "31 operation GET /search"),
                skipped);
        assertTrue(diagnostics.all().stream().noneMatch(d -> d.severity() == Diagnostic.Severity.ERROR),
                diagnostics.all()::toString);
    }

    @Test
    void onlyTheVersionChanges() throws Exception {
        // YAML keeps its text (anchors and aliases are swagger-parser's to expand), lines included
        String yaml = "openapi: \"3.2.0\"\ninfo: {title: t, version: \"3.2.1\"}\npaths: {}\n";
        assertEquals("openapi: \"3.1.1\"\ninfo: {title: t, version: \"3.2.1\"}\npaths: {}\n",
                OpenApi32.as31(yaml, dev.imcp.codegen.read.RawDocuments.parse(yaml)));
        // minified JSON, the version anywhere in the object
        String json = "{\"info\":{\"title\":\"t\",\"version\":\"3.2.1\"},\"openapi\":\"3.2.0\",\"paths\":{}}";
        com.fasterxml.jackson.databind.JsonNode raw = dev.imcp.codegen.read.RawDocuments.parse(json);
        assertEquals(json.replace("3.2.0", "3.1.1"), OpenApi32.as31(json, raw));
        assertEquals("3.2.0", raw.path("openapi").asText(), "the document read is not changed");
    }

    @Test
    void aliasesAndReferencedQuerystringParametersAreSeenThrough() throws IOException {
        Path file = dir.resolve("alias.yaml");
        Files.writeString(file, """
                openapi: 3.2.0
                info: {title: Alias, version: "1"}
                paths:
                  /a:
                    get:
                      operationId: a
                      parameters:
                        - &p {name: x, in: query, required: true, schema: {type: string}}
                      responses:
                        '204': {description: done}
                  /b:
                    get:
                      operationId: b
                      parameters:
                        - *p
                      responses:
                        '204': {description: done}
                  /search:
                    get:
                      operationId: search
                      parameters:
                        - $ref: '#/components/parameters/Q'
                      responses:
                        '204': {description: done}
                components:
                  parameters:
                    Q:
                      name: q
                      in: querystring
                      content:
                        application/x-www-form-urlencoded:
                          schema: {type: object}
                """);
        Diagnostics diagnostics = new Diagnostics();

        ContractModel model = OpenApiReaderTest.read(file, diagnostics);

        assertEquals(List.of("a", "b"), model.operations().stream().map(OperationModel::toolName).toList());
        assertEquals(List.of("x"), model.operations().get(1).input().required(), "the alias *p is the parameter x");
        assertTrue(diagnostics.all().stream().anyMatch(d -> d.code().equals("OPENAPI_UNSUPPORTED_OPERATION")
                && d.message().startsWith("operation GET /search is skipped")), diagnostics.all()::toString);
    }
}
