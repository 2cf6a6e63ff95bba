package dev.imcp.codegen;

import dev.imcp.codegen.diag.ContractException;
import dev.imcp.codegen.diag.Diagnostic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/** Test contracts under {@code src/test/resources} and a generator run over them. */
public final class TestContracts {

    /** The test resources folder. */
    public static final Path RESOURCES = Path.of("src/test/resources").toAbsolutePath();
    /** CXF's WSDL import chain: a WSDL that imports WSDLs that import an XSD that includes another. */
    public static final Path IMPORT_CHAIN =
            RESOURCES.resolve("corpus/wsdl/cxf-wsdl-import-chain/testutils/src/main/resources/wsdl");
    /** The OAI petstore split over five files in two folders. */
    public static final Path PETSTORE_SEPARATE =
            RESOURCES.resolve("corpus/openapi/oai-petstore-separate-v2/examples/v2.0/yaml/petstore-separate");
    static final String PETSTORE_V3 = "corpus/openapi/oai-petstore-v3/examples/v3.0/petstore.yaml";
    static final String PETSTORE_V2 = "corpus/openapi/oai-petstore-v2/examples/v2.0/yaml/petstore.yaml";
    static final String WEATHER = "mcpjson/weather.mcp.json";

    private TestContracts() {
    }

    static CodegenRequest request(Path out, String... contracts) {
        return new CodegenRequest(Arrays.stream(contracts).map(Path::of).toList(), RESOURCES,
                out.resolve("java"), out.resolve("resources"), "com.example.gen");
    }

    static GenerationResult generate(Path out, String... contracts) throws IOException, ContractException {
        return new ImcpGenerator().generate(request(out, contracts));
    }

    /** Returns the diagnostics a run that must fail reports. */
    static List<Diagnostic> failures(Path out, String... contracts) throws IOException {
        try {
            new ImcpGenerator().generate(request(out, contracts));
        } catch (ContractException e) {
            return e.diagnostics();
        }
        throw new AssertionError("generation did not fail");
    }

    /** Copies every file under {@code from} to the same relative path under {@code to}. */
    public static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                Files.createDirectories(target.getParent());
                Files.copy(f, target);
            }
        }
    }

    /** Returns every regular file under {@code root}, relative, sorted, with {@code /} separators. */
    static List<String> files(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(root)) {
            List<String> all = new ArrayList<>(walk.filter(Files::isRegularFile)
                    .map(p -> root.relativize(p).toString().replace('\\', '/')).toList());
            all.sort(null);
            return all;
        }
    }
}
