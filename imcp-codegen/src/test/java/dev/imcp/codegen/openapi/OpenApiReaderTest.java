package dev.imcp.codegen.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.imcp.codegen.diag.Diagnostic;
import dev.imcp.codegen.diag.Diagnostics;
import dev.imcp.codegen.model.ContractModel;
import dev.imcp.codegen.model.HttpBinding;
import dev.imcp.codegen.model.NameSource;
import dev.imcp.codegen.model.OperationModel;
import dev.imcp.codegen.model.SchemaModel;
import dev.imcp.codegen.model.SchemaModel.Kind;
import dev.imcp.codegen.read.ContractSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenApiReaderTest {

    @TempDir
    Path out;

    static ContractModel read(Path file, Diagnostics diagnostics) throws IOException {
        ContractSource source = new ContractSource(file.toAbsolutePath(), file.getFileName().toString(), "petstore",
                "com.example.petstore", Files.readString(file), "0".repeat(64));
        return new OpenApiReader().read(source, diagnostics);
    }

    @Test
    void readsPetstoreV3() throws IOException {
        Diagnostics diagnostics = new Diagnostics();
        ContractModel model = read(Path.of("src/test/resources/corpus/openapi/oai-petstore-v3/examples/v3.0/petstore.yaml"), diagnostics);
        assertEquals(List.of(), diagnostics.all());
        assertEquals("Swagger Petstore", model.title());
        assertEquals("1.0.0", model.version());
        assertEquals("http://petstore.swagger.io/v1", model.defaultUrl());
        assertEquals(List.of("listPets", "createPets", "showPetById"),
                model.operations().stream().map(OperationModel::toolName).toList());

        OperationModel list = model.operations().get(0);
        assertNull(list.title(), "a summary without a description is the description, not a title");
        assertEquals("List all pets", list.description());
        assertEquals(Map.of("readOnlyHint", true, "openWorldHint", true), list.annotations());
        assertEquals(List.of("limit"), List.copyOf(list.input().properties().keySet()));
        assertEquals(Kind.INTEGER, list.input().properties().get("limit").kind());
        assertEquals(100, ((Number) list.input().properties().get("limit").constraints().get("maximum")).intValue());
        assertTrue(list.input().required().isEmpty());
        assertEquals(Kind.ARRAY, list.output().kind());
        assertEquals("Pet", list.output().items().typeName());
        assertEquals(List.of("id", "name"), list.output().items().required());
        HttpBinding listBinding = (HttpBinding) list.binding();
        assertEquals("GET", listBinding.method());
        assertEquals(List.of(new HttpBinding.HttpParameter("limit", "limit", HttpBinding.In.QUERY, false, "form", true, false)),
                listBinding.parameters());

        OperationModel create = model.operations().get(1);
        assertEquals(List.of("body"), create.input().required());
        assertEquals("body", ((HttpBinding) create.binding()).bodyProperty());
        assertNull(create.output(), "201 without content has no output");
        assertSame(list.output().items(), create.input().properties().get("body"), "one component, one model");

        OperationModel show = model.operations().get(2);
        assertEquals(List.of("petId"), show.input().required());
        assertEquals(HttpBinding.In.PATH, ((HttpBinding) show.binding()).parameters().get(0).in());
        assertEquals("/pets/{petId}", ((HttpBinding) show.binding()).pathTemplate());
        assertEquals(64, show.location().line());
    }

    @Test
    void anOperationWithoutResponsesIsValidIn31AndWarnedOfIn30() throws IOException {
        for (String version : List.of("3.1.0", "3.0.3")) {
            Path file = out.resolve("no-responses-" + version + ".yaml");
            Files.writeString(file, """
                    openapi: %s
                    info: {title: Hooks, version: "1"}
                    servers: [{url: "https://api.example.com"}]
                    paths:
                      /events:
                        post:
                          operationId: sendEvent
                    """.formatted(version));
            Diagnostics diagnostics = new Diagnostics();
            ContractModel model = read(file, diagnostics);
            assertEquals(List.of("sendEvent"), model.operations().stream().map(OperationModel::toolName).toList());
            List<String> invalid = diagnostics.all().stream().filter(d -> d.code().equals("OPENAPI_INVALID"))
                    .map(Object::toString).toList();
            if (version.startsWith("3.1")) {
                assertEquals(List.of(), invalid, "OpenAPI 3.1 made responses optional");
            } else {
                assertEquals(1, invalid.size(), diagnostics.all().toString());
                assertTrue(invalid.get(0).contains("responses is missing"), invalid.get(0));
                // located at the operation, the nearest ancestor of the missing member, not at 1:1
                assertTrue(invalid.get(0).startsWith("no-responses-3.0.3.yaml:6:"), invalid.get(0));
            }
        }
    }

    @Test
    void swaggerParsersMessagesNameTheAttributeTheyAreLocatedAt() {
        assertEquals("/paths/~1pets~1{id}/post/responses",
                OpenApiReader.messagePointer("attribute paths.'/pets/{id}'(post).responses is missing"));
        assertEquals("/components/schemas/Pet/type",
                OpenApiReader.messagePointer("attribute components.schemas.Pet.type is not of type `string`"));
        assertEquals("/paths/~1x/post/requestBody/content/application~1json/encoding/primitive",
                OpenApiReader.messagePointer(
                        "attribute paths.'/x'(post).requestBody.content.'application/json'.encoding.primitive is unexpected"));
        assertEquals("/paths/~1pets/get/parameters",
                OpenApiReader.messagePointer("attribute paths.'/pets'(get).parameters.[limit].in is missing"));
        assertEquals("/paths/~1pets", OpenApiReader.messagePointer(
                "attribute paths.'/pets'. Declared path parameter id needs to be defined as a path parameter"));
        assertEquals("/info/version", OpenApiReader.messagePointer("attribute info.version is missing"));
        assertEquals("", OpenApiReader.messagePointer("Unable to read location `x.yaml`"));
        assertEquals("/paths", OpenApiReader.messagePointer("attribute paths.'/unterminated is missing"));
    }

    @Test
    void readsSwagger2ThroughTheConverter() throws IOException {
        Diagnostics diagnostics = new Diagnostics();
        ContractModel model = read(Path.of("src/test/resources/corpus/openapi/oai-petstore-v2/examples/v2.0/yaml/petstore.yaml"), diagnostics);
        assertFalse(diagnostics.hasErrors(), diagnostics.all().toString());
        assertEquals("http://petstore.swagger.io/v1", model.defaultUrl());
        assertEquals(List.of("listPets", "createPets", "showPetById"),
                model.operations().stream().map(OperationModel::toolName).toList());
    }

    @Test
    void keepsReferenceCyclesAsDefinitionsAndSlugsMissingOperationIds() throws IOException {
        Path file = out.resolve("tree.yaml");
        Files.writeString(file, """
                openapi: 3.0.3
                info: {title: Tree, version: "1"}
                paths:
                  /nodes/{id}:
                    get:
                      parameters:
                        - {name: id, in: path, required: true, schema: {type: string}}
                      responses:
                        '200':
                          description: ok
                          content:
                            application/json:
                              schema: {$ref: '#/components/schemas/Node'}
                components:
                  schemas:
                    Node:
                      type: object
                      properties:
                        children:
                          type: array
                          items: {$ref: '#/components/schemas/Node'}
                """);
        Diagnostics diagnostics = new Diagnostics();
        ContractModel model = read(file, diagnostics);
        List<Diagnostic> all = diagnostics.all();
        assertEquals(List.of(), all, "a recursive component is a definition, not a cut");
        OperationModel op = model.operations().get(0);
        assertEquals("get /nodes/{id}", op.toolName(), "the requested name; the naming pass makes it get_nodes_id");
        assertEquals(NameSource.METHOD_AND_PATH, op.nameSource());
        assertEquals("GET /nodes/{id}", op.description(), "nothing describes it: method and path");
        assertEquals(Kind.REF, op.output().kind());
        assertEquals("Node", op.output().ref());
        assertEquals(List.of("Node"), List.copyOf(op.output().definitions().keySet()));
        SchemaModel node = op.output().definitions().get("Node");
        assertEquals("Node", node.properties().get("children").items().ref(), "the definition names itself");
    }
}
