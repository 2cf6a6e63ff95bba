package dev.imcp.codegen.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.imcp.codegen.CodegenRequest;
import dev.imcp.codegen.GenerationResult;
import dev.imcp.codegen.ImcpGenerator;
import dev.imcp.codegen.model.HttpBinding;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A path placeholder without a parameter skips its operation, and a path parameter without a placeholder is left
 * out of its tool; each is one located, coded warning.
 */
class OpenApiPathParametersTest {

    @TempDir
    Path out;

    @Test
    void templateAndParametersMustMatch() throws Exception {
        Path contract = Path.of("src/test/resources/openapi/path-mismatch.yaml").toAbsolutePath();
        GenerationResult result = new ImcpGenerator().generate(new CodegenRequest(List.of(contract),
                Path.of("").toAbsolutePath(), out.resolve("java"), out.resolve("resources"), "com.example.gen"));
        // swagger-parser adds its own OPENAPI_INVALID message for the first case; ours carry the location and the fix
        List<String> warnings = result.warnings().stream().filter(d -> d.code().startsWith("OPENAPI_PATH_PARAMETER"))
                .map(Object::toString).toList();
        assertEquals(2, warnings.size(), warnings::toString);
        assertEquals("src/test/resources/openapi/path-mismatch.yaml:5:5 [OPENAPI_PATH_PARAMETER_UNDECLARED] /paths/~1things~1{id}/get: path "
                + "template '/things/{id}' has [{id}] without a path parameter; declare it (in: path, required: true); "
                + "operation 'getThing' is skipped", warnings.get(0));
        assertEquals("src/test/resources/openapi/path-mismatch.yaml:13:11 [OPENAPI_PATH_PARAMETER_UNUSED] /paths/~1others/get/parameters/0: path "
                + "parameter 'id' has no {id} in '/others'; it is left out of tool 'listOthers'", warnings.get(1));
        assertEquals(1, result.contracts().getFirst().operations().size());
        assertEquals(List.of(), ((HttpBinding) result.contracts().getFirst().operations().getFirst().binding())
                .parameters());
    }
}
