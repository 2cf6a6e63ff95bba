package dev.imcp.codegen.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.imcp.codegen.CodegenRequest;
import dev.imcp.codegen.GenerationResult;
import dev.imcp.codegen.ImcpGenerator;
import dev.imcp.codegen.diag.Diagnostics;
import dev.imcp.codegen.wsdl.WsdlTestSupport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The published JSON Schemas of small OpenAPI documents that use one schema construct per property
 * ({@code src/test/resources/openapi-schemas}), pinned as golden files with the build's warnings; the generated
 * Java compiles. {@code v31}: oneOf with a discriminator and mapping, anyOf, the nullable form
 * {@code oneOf [null, $ref]}, type arrays with null, const, a description beside a {@code $ref} (kept on the use),
 * allOf merged, a recursive component ({@code $defs} + {@code $ref}), a component used twice in one tool (one
 * {@code $defs} entry), validation keywords, maps. {@code v30}: nullable, boolean exclusiveMaximum,
 * {@code allOf [$ref]} with nullable and description, oneOf with a discriminator without mapping. {@code swagger2}:
 * definitions through the converter, recursion and shared definitions, maps. Run with {@code -Dgolden.update=true}
 * to rewrite {@code src/test/resources/golden/openapi-schemas/}; never edit them by hand.
 */
class OpenApiSchemaGoldenTest {

    private static final Path GOLDEN = Path.of("src/test/resources/golden/openapi-schemas");
    private static final Path CONTRACTS = Path.of("src/test/resources/openapi-schemas").toAbsolutePath();
    private static final boolean UPDATE = Boolean.getBoolean("golden.update");

    @TempDir
    Path out;

    @ParameterizedTest
    @ValueSource(strings = {"v31", "v30", "swagger2", "v31-external"})
    void publishesWhatTheContractSays(String name) throws Exception {
        Path contract = CONTRACTS.resolve(name + ".yaml");
        GenerationResult result = new ImcpGenerator().generate(new CodegenRequest(List.of(contract), CONTRACTS,
                out.resolve("java"), out.resolve("resources"), "com.example.schemas"));
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        String tools = json.writeValueAsString(json.readTree(
                Files.readString(out.resolve("resources/META-INF/imcp/tools.json")))) + "\n";
        String warnings = String.join("\n", Diagnostics.lines(result.warnings())) + "\n";

        check(name + ".tools.json", tools);
        check(name + ".warnings.txt", warnings);
        WsdlTestSupport.compile(out.resolve("java"), Files.createDirectories(out.resolve("classes")));
    }

    private static void check(String name, String actual) throws Exception {
        Path golden = GOLDEN.resolve(name);
        if (UPDATE) {
            Files.createDirectories(GOLDEN);
            Files.writeString(golden, actual, StandardCharsets.UTF_8);
        }
        assertEquals(Files.readString(golden), actual, name);
    }
}
