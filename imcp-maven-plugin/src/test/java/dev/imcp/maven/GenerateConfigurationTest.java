package dev.imcp.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.imcp.codegen.CodegenRequest;
import dev.imcp.codegen.select.OperationSelector;
import dev.imcp.codegen.select.ToolOptions;
import dev.imcp.codegen.select.ToolOverride;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each wrong parameter names its pom element and what is allowed; right ones map to the request. */
class GenerateConfigurationTest {

    @TempDir
    Path base;

    GenerateConfiguration config(List<File> contracts, String pkg, String out, String res) {
        return new GenerateConfiguration(base, contracts, base.resolve("src/main/contracts").toFile(), pkg,
                base.resolve(out).toFile(), base.resolve(res).toFile(), "my-adapter", " 1.0 ",
                base.resolve("target/imcp/state.txt").toFile());
    }

    String failure(GenerateConfiguration c) {
        return assertThrows(MojoFailureException.class, c::toRequest).getMessage();
    }

    @Test
    void discoversInTheContractsFolderAndMapsEveryParameter() throws Exception {
        Files.createDirectories(base.resolve("src/main/contracts"));
        CodegenRequest r = config(List.of(), "com.example.my-adapter", "t/java", "t/res").toRequest();
        assertEquals("com.example.my_adapter", r.basePackage(), "hyphens become underscores");
        assertEquals(base.resolve("src/main/contracts"), r.contractsDirectory());
        assertEquals(List.of(), r.contracts());
        assertEquals("my-adapter", r.adapterName());
        assertEquals("1.0", r.adapterVersion());
        assertEquals(base.resolve("target/imcp/state.txt"), r.stateFile());
    }

    @Test
    void listedContractsAreUsedAsTheyAre() throws Exception {
        Files.writeString(base.resolve("api.yaml"), "openapi: 3.0.0\n");
        CodegenRequest r = config(List.of(new File("api.yaml")), "com.example", "t/java", "t/res").toRequest();
        assertEquals(List.of(base.resolve("api.yaml")), r.contracts());
        assertNull(r.contractsDirectory());
    }

    @Test
    void aKeywordInBasePackageIsNamed() {
        assertEquals("<basePackage> 'com.example.new' is not a Java package name: 'new' is a Java keyword; use "
                        + "dot-separated Java identifiers that are not keywords, e.g. com.example.adapter",
                failure(config(List.of(), "com.example.new", "t/java", "t/res")));
        assertTrue(failure(config(List.of(), "com..example", "t/java", "t/res"))
                .contains("'' is not a Java identifier"));
        assertTrue(failure(config(List.of(), "1com.example", "t/java", "t/res"))
                .contains("'1com' is not a Java identifier"));
    }

    @Test
    void aMissingListedContractIsNamed() {
        String message = failure(config(List.of(new File("missing.yaml")), "com.example", "t/java", "t/res"));
        assertTrue(message.startsWith("<contracts> lists missing.yaml, which does not exist; list contract files"), message);
    }

    @Test
    void aMissingContractsFolderIsNamed() {
        String message = failure(config(List.of(), "com.example", "t/java", "t/res"));
        assertTrue(message.startsWith("<contractsDirectory> ") && message.contains("does not exist"), message);
    }

    @Test
    void outputFoldersMustDiffer() throws Exception {
        Files.createDirectories(base.resolve("src/main/contracts"));
        String message = failure(config(List.of(), "com.example", "t/gen", "t/gen"));
        assertTrue(message.startsWith("<outputDirectory> and <resourceOutputDirectory> are both"), message);
    }

    @Test
    void operationSelectorsToolsAndTheNameLimitMapToTheRequest() throws Exception {
        Files.createDirectories(base.resolve("src/main/contracts"));
        CodegenRequest r = config(List.of(), "com.example", "t/java", "t/res")
                .operations(List.of("tag:pets", "GET /store/**"), List.of("method:DELETE"))
                .tools(List.of(new Tool("post_oauth2_token#refresh", " refresh_token ", null, null, null, null),
                        new Tool("tag:search", null, true, false, null, null)), 48)
                .toRequest();
        ToolOptions tools = r.tools();
        assertEquals(List.of("tag:pets", "GET /store/**"), tools.includes().stream().map(OperationSelector::text).toList());
        assertEquals(List.of("method:DELETE"), tools.excludes().stream().map(OperationSelector::text).toList());
        assertEquals(48, tools.maxNameLength());
        assertEquals(new ToolOverride(OperationSelector.parse("post_oauth2_token#refresh"), "refresh_token", Map.of()),
                tools.overrides().get(0));
        assertEquals(Map.of("readOnlyHint", true, "destructiveHint", false), tools.overrides().get(1).annotations());
        assertNull(tools.overrides().get(1).name());
    }

    @Test
    void theDefaultsPublishEverythingWithNamesOfAtMost64Characters() throws Exception {
        Files.createDirectories(base.resolve("src/main/contracts"));
        assertEquals(ToolOptions.defaults(), config(List.of(), "com.example", "t/java", "t/res").toRequest().tools());
    }

    @Test
    void aWrongSelectorIsNamedWithItsElementAndTheFormsAllowed() throws Exception {
        Files.createDirectories(base.resolve("src/main/contracts"));
        String message = failure(config(List.of(), "com.example", "t/java", "t/res")
                .operations(List.of(), List.of("label:admin")));
        assertTrue(message.startsWith("<excludeOperations> lists 'label:admin', which is not an operation selector: "
                + "'label:admin' has an unknown key 'label'"), message);
        assertTrue(message.contains("write tag:<tag>, operationId:<id>, method:<METHOD>, path:</path/glob>"), message);
        message = failure(config(List.of(), "com.example", "t/java", "t/res").operations(List.of("method:FETCH"), List.of()));
        assertEquals("<includeOperations> lists 'method:FETCH', which is not an operation selector: 'method:FETCH' names "
                + "no HTTP method; use one of DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT, TRACE", message);
    }

    @Test
    void aWrongToolEntryIsNamedByItsPosition() throws Exception {
        Files.createDirectories(base.resolve("src/main/contracts"));
        assertTrue(failure(tools(new Tool(null, "x", null, null, null, null)))
                .startsWith("<tools> entry 1 has no <operation>: say which operation it is for, e.g. "
                        + "<operation>GET /pets/{petId}</operation>"));
        assertEquals("<tools> entry 1 (<operation>findPets</operation>) has <name> 'find pets', which is not a tool "
                        + "name: use letters, digits, '_' and '-', at most 64 characters (<toolNameMaxLength>)",
                failure(tools(new Tool("findPets", "find pets", null, null, null, null))));
        assertTrue(failure(tools(new Tool("findPets", "x".repeat(65), null, null, null, null)))
                .contains("at most 64 characters"));
        assertEquals("<tools> entry 1 (<operation>findPets</operation>) sets nothing: give it a <name>, or one of "
                        + "<readOnlyHint>, <destructiveHint>, <idempotentHint>, <openWorldHint> (true or false)",
                failure(tools(new Tool("findPets", " ", null, null, null, null))));
        assertTrue(failure(tools(new Tool("tag:", "x", null, null, null, null)))
                .startsWith("<tools> entry 1 (<operation>tag:</operation>) does not select operations: 'tag:' has an "
                        + "empty value"));
    }

    @Test
    void theNameLimitMustLeaveRoomForTheHash() throws Exception {
        Files.createDirectories(base.resolve("src/main/contracts"));
        assertEquals("<toolNameMaxLength> 10 is out of range: use 16 to 128 characters (default 64, what widely used "
                        + "clients accept)",
                failure(config(List.of(), "com.example", "t/java", "t/res").tools(List.of(), 10)));
        assertTrue(failure(config(List.of(), "com.example", "t/java", "t/res").tools(List.of(), 129))
                .startsWith("<toolNameMaxLength> 129 is out of range"));
    }

    GenerateConfiguration tools(Tool tool) {
        return config(List.of(), "com.example", "t/java", "t/res").tools(java.util.Arrays.asList(tool), 64);
    }
}
