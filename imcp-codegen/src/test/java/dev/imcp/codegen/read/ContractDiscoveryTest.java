package dev.imcp.codegen.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.imcp.codegen.TestContracts;
import dev.imcp.codegen.read.ContractDiscovery.ContractSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which files of a contracts folder are contracts, which are parts of one, and what each depends on. */
class ContractDiscoveryTest {

    static final Path IMPORT_CHAIN = TestContracts.IMPORT_CHAIN;
    static final Path PETSTORE_SEPARATE = TestContracts.PETSTORE_SEPARATE;

    @TempDir
    Path dir;

    @Test
    void wsdlImportsAndXsdsArePartsOfTheRootWsdl() throws IOException {
        TestContracts.copyTree(IMPORT_CHAIN, dir);
        ContractSet set = ContractDiscovery.inDirectory(dir);
        Path root = dir.resolve("hello_world_services.wsdl");
        assertEquals(List.of(root), set.contracts());
        assertEquals(List.of(
                        dir.resolve("hello_world_bindings.wsdl.xml"),
                        dir.resolve("hello_world_messages.wsdl.xml"),
                        dir.resolve("hello_world_types.xsd"),
                        dir.resolve("hello_world_types_include.xsd"),
                        dir.resolve("hello_world_wsdl_import.wsdl.xml")),
                set.parts().get(root), "the whole chain: wsdl:import, xsd:import and xsd:include");
        assertEquals(6, set.inputs().size());
    }

    @Test
    void openApiRefsAcrossFoldersArePartsOfTheRootDocument() throws IOException {
        TestContracts.copyTree(PETSTORE_SEPARATE, dir);
        ContractSet set = ContractDiscovery.inDirectory(dir);
        Path root = dir.resolve("spec/swagger.yaml");
        assertEquals(List.of(root), set.contracts(), "files in sub-folders are found; $ref'd ones are parts");
        assertTrue(set.parts().get(root).contains(dir.resolve("common/Error.yaml")), set.parts().toString());
        assertEquals(4, set.parts().get(root).size(), set.parts().toString());
    }

    @Test
    void hiddenFilesAndDocumentationAreNotCandidates() throws IOException {
        Files.writeString(dir.resolve("a.mcp.json"), "{\"tools\": []}");
        Files.writeString(dir.resolve("README.md"), "# contracts");
        Files.writeString(dir.resolve("NOTES.txt"), "notes");
        Files.writeString(dir.resolve("LICENSE"), "Apache-2.0");
        Files.writeString(dir.resolve(".gitkeep"), "");
        Files.createDirectories(dir.resolve(".git"));
        Files.writeString(dir.resolve(".git/config"), "[core]");
        Files.createDirectories(dir.resolve("sub"));
        Files.writeString(dir.resolve("sub/b.yaml"), "openapi: 3.0.0");
        assertEquals(List.of(dir.resolve("a.mcp.json"), dir.resolve("sub/b.yaml")), ContractDiscovery.candidates(dir));
    }

    @Test
    void aMissingImportIsAnInputSoItsAppearanceIsNoticed() throws IOException {
        Files.writeString(dir.resolve("api.yaml"), """
                openapi: 3.0.0
                paths:
                  /a:
                    get:
                      responses:
                        '200':
                          description: ok
                          content:
                            application/json:
                              schema:
                                $ref: 'models/thing.yaml#/Thing'
                """);
        ContractSet set = ContractDiscovery.inDirectory(dir);
        assertEquals(List.of(dir.resolve("api.yaml")), set.contracts());
        assertEquals(List.of(dir.resolve("api.yaml"), dir.resolve("models/thing.yaml")), set.inputs());
    }

    @Test
    void remoteReferencesAndFragmentsAreNotImports() {
        Path file = dir.resolve("api.json");
        String text = """
                {"openapi": "3.0.0", "a": {"$ref": "#/components/schemas/A"},
                 "b": {"$ref": "https://example.com/schemas/b.json"}, "c": {"$ref": "c.json#/C"},
                 "description": "a text that mentions $ref: d.json is not a reference"}
                """;
        assertEquals(List.of(dir.resolve("c.json")), ContractImports.direct(file, text));
    }

    @Test
    void listedContractsKeepTheirOrderAndBringTheirImports() throws IOException {
        TestContracts.copyTree(IMPORT_CHAIN, dir);
        ContractSet set = ContractDiscovery.listed(List.of(dir.resolve("hello_world_services.wsdl")));
        assertEquals(List.of(dir.resolve("hello_world_services.wsdl")), set.contracts());
        assertEquals(6, set.inputs().size(), set.inputs().toString());
    }
}
