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
    void onlyTheVersionChangesWhenA32DocumentIsReadAs31() throws Exception {
        // minified JSON too, with the version anywhere in the object
        com.fasterxml.jackson.databind.JsonNode raw = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree("{\"info\":{\"title\":\"t\",\"version\":\"3.2.1\"},\"openapi\":\"3.2.0\",\"paths\":{}}");
        assertEquals("{\"info\":{\"title\":\"t\",\"version\":\"3.2.1\"},\"openapi\":\"3.1.1\",\"paths\":{}}",
                OpenApi32.as31(raw));
        assertEquals("3.2.0", raw.path("openapi").asText(), "the document read is not changed");
    }
}
