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
final class TestContracts {

    static final Path RESOURCES = Path.of("src/test/resources").toAbsolutePath();
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
