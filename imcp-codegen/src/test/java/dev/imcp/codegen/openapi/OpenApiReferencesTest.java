package dev.imcp.codegen.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.imcp.codegen.diag.Diagnostic;
import dev.imcp.codegen.diag.Diagnostics;
import dev.imcp.codegen.model.ContractModel;
import dev.imcp.codegen.model.OperationModel;
import dev.imcp.codegen.model.SchemaModel.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code $ref}s into other files next to the contract, and to the network (never fetched). */
class OpenApiReferencesTest {

    @TempDir
    Path dir;

    @Test
    void followsPathItemParameterAndSchemaReferencesIntoOtherFiles() throws IOException {
        Files.createDirectories(dir.resolve("paths"));
        Files.writeString(dir.resolve("api.yaml"), """
                openapi: 3.0.3
                info: {title: Split, version: "1"}
                paths:
                  /pets/{petId}:
                    $ref: './paths/pet.yaml'
                """);
        Files.writeString(dir.resolve("paths/pet.yaml"), """
                get:
                  operationId: showPet
                  summary: Shows one pet
                  parameters:
                    - $ref: '../common.yaml#/parameters/PetId'
                  responses:
                    '200':
                      description: the pet
                      content:
                        application/json:
                          schema: {$ref: '../common.yaml#/schemas/Pet'}
                """);
        Files.writeString(dir.resolve("common.yaml"), """
                parameters:
                  PetId: {name: petId, in: path, required: true, schema: {type: string, minLength: 2}}
                schemas:
                  Pet:
                    type: object
                    required: [name]
                    properties:
                      name: {type: string}
                      friends: {type: array, items: {$ref: '#/schemas/Pet'}}
                """);
        Diagnostics diagnostics = new Diagnostics();
        ContractModel model = OpenApiReaderTest.read(dir.resolve("api.yaml"), diagnostics);
        assertEquals(List.of(), diagnostics.all());
        OperationModel op = model.operations().get(0);
        assertEquals("showPet", op.toolName());
        assertEquals("Shows one pet", op.description());
        assertEquals(List.of("petId"), List.copyOf(op.input().properties().keySet()));
        assertEquals(2L, ((Number) op.input().properties().get("petId").constraints().get("minLength")).longValue());
        assertEquals(Kind.REF, op.output().kind(), "Pet contains itself, so it is a definition");
        assertEquals(List.of("name"), op.output().definitions().get(op.output().ref()).required());
    }

    @Test
    void remoteReferencesAreLocatedErrorsAndNothingIsFetched() throws IOException {
        Path file = dir.resolve("remote.yaml");
        Files.writeString(file, """
                openapi: 3.0.3
                info: {title: Remote, version: "1"}
                paths:
                  /a:
                    get:
                      responses:
                        '200':
                          description: ok
                          content:
                            application/json:
                              schema: {$ref: 'https://example.invalid/schemas.yaml#/Thing'}
                  /b:
                    get:
                      parameters:
                        - $ref: 'http://example.invalid/common.yaml#/parameters/Limit'
                      responses:
                        '204': {description: none}
                """);
        Diagnostics diagnostics = new Diagnostics();
        ContractModel model = OpenApiReaderTest.read(file, diagnostics);
        assertNull(model);
        List<Diagnostic> all = diagnostics.all();
        assertEquals(2, all.size(), all.toString());
        assertEquals(List.of("OPENAPI_REMOTE_REF", "OPENAPI_REMOTE_REF"), all.stream().map(Diagnostic::code).toList());
        assertEquals(List.of(11, 15), all.stream().map(d -> d.location().line()).toList());
        assertEquals("/paths/~1b/get/parameters/0", all.get(1).location().pointer());
        assertTrue(all.get(0).fix().contains("relative path"), all.get(0).fix());
    }

    @Test
    void unresolvedReferencesAreAllReportedWithTheirPointers() throws IOException {
        Path file = dir.resolve("broken.yaml");
        Files.writeString(file, """
                openapi: 3.1.0
                info: {title: Broken, version: "1"}
                paths:
                  /a:
                    get:
                      responses:
                        '200':
                          description: ok
                          content:
                            application/json:
                              schema: {$ref: '#/components/schemas/Missing'}
                components:
                  schemas:
                    Thing:
                      type: object
                      properties:
                        other: {$ref: '#/components/schemas/Gone'}
                """);
        Diagnostics diagnostics = new Diagnostics();
        OpenApiReaderTest.read(file, diagnostics);
        List<Diagnostic> errors = diagnostics.all().stream().filter(d -> d.code().equals("OPENAPI_UNRESOLVED_REF")).toList();
        assertEquals(2, errors.size(), diagnostics.all().toString());
        assertEquals(List.of(11, 17), errors.stream().map(d -> d.location().line()).toList());
        assertEquals("/components/schemas/Thing/properties/other", errors.get(1).location().pointer());
    }

    @Test
    void anOperationReachingAReferenceToNothingIsSkippedAndTheOthersArePublished() throws IOException {
        // what vendors' documents carry: one schema renamed, one reference left behind
        Path file = dir.resolve("vendor.yaml");
        Files.writeString(file, """
                openapi: 3.0.3
                info: {title: Vendor, version: "1"}
                paths:
                  /orders:
                    get:
                      operationId: listOrders
                      responses:
                        '200':
                          description: ok
                          content:
                            application/json:
                              schema: {$ref: '#/components/schemas/OrderPage'}
                  /status:
                    get:
                      operationId: status
                      responses:
                        '200':
                          description: ok
                          content:
                            application/json:
                              schema: {type: object, properties: {up: {type: boolean}}}
                components:
                  schemas:
                    OrderPage:
                      type: object
                      properties:
                        items: {type: array, items: {$ref: '#/components/schemas/Order'}}
                    Unused:
                      type: object
                      properties:
                        other: {$ref: '#/components/schemas/Gone'}
                """);
        Diagnostics diagnostics = new Diagnostics();

        ContractModel model = OpenApiReaderTest.read(file, diagnostics);

        assertEquals(List.of("status"), model.operations().stream().map(OperationModel::toolName).toList());
        assertTrue(diagnostics.all().stream().noneMatch(d -> d.severity() == Diagnostic.Severity.ERROR),
                diagnostics.all()::toString);
        List<Diagnostic> refs = diagnostics.all().stream().filter(d -> d.code().equals("OPENAPI_UNRESOLVED_REF"))
                .toList();
        // each reference at its line, then the operation that reaches one (through OrderPage) at its own
        assertEquals(List.of(27, 31, 5), refs.stream().map(d -> d.location().line()).toList(), refs::toString);
        assertEquals(1, refs.get(2).skippedOperations());
        assertTrue(refs.get(2).message().startsWith("operation GET /orders is skipped: it uses "
                + "'#/components/schemas/Order' (vendor.yaml:27)"), refs.get(2).message());
    }

    @Test
    void aPercentEncodedReferenceIsFollowedAndAMalformedOneNamesNothing() throws IOException {
        Path file = dir.resolve("encoded.yaml");
        Files.writeString(file, """
                openapi: 3.0.3
                info: {title: Encoded, version: "1"}
                paths:
                  /pages:
                    get:
                      responses:
                        '200':
                          description: ok
                          content:
                            application/json:
                              schema: {$ref: '#/components/schemas/My%20Page'}
                  /odd:
                    get:
                      responses:
                        '200':
                          description: ok
                          content:
                            application/json:
                              schema: {$ref: '#/components/schemas/100%'}
                  /ok:
                    get:
                      operationId: ok
                      responses:
                        '204': {description: done}
                components:
                  schemas:
                    My Page:
                      type: object
                      properties:
                        next: {$ref: '#/components/schemas/Gone'}
                """);
        Diagnostics diagnostics = new Diagnostics();

        ContractModel model = OpenApiReaderTest.read(file, diagnostics);

        assertEquals(List.of("ok"), model.operations().stream().map(OperationModel::toolName).toList());
        List<String> skips = diagnostics.all().stream().filter(d -> d.skippedOperations() == 1)
                .map(Diagnostic::message).toList();
        // the dangling reference inside "My Page" is on line 30, reached through the encoded one on line 11
        assertEquals(List.of("operation GET /pages is skipped: it uses '#/components/schemas/Gone' (encoded.yaml:30), "
                + "which does not exist", "operation GET /odd is skipped: it uses '#/components/schemas/100%' "
                + "(encoded.yaml:19), which does not exist"), skips);
    }
}
