package dev.imcp.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.imcp.codegen.CodegenRequest;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
}
