package dev.imcp.codegen.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imcp.codegen.CodegenRequest;
import dev.imcp.codegen.ImcpGenerator;
import dev.imcp.codegen.model.HttpBinding;
import dev.imcp.codegen.model.OperationModel;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Header and path parameters, a JSON request body through a {@code $ref}, and the validation keywords
 * (pattern, enum, minimum/maximum, minLength, required, default) survive into the published tools.json.
 */
class OpenApiSchemaFeaturesTest {

    @TempDir
    Path out;

    @Test
    void parametersBodyAndConstraintsArePublished() throws Exception {
        Path contract = Path.of("src/test/resources/openapi/orders.yaml").toAbsolutePath();
        var result = new ImcpGenerator().generate(new CodegenRequest(List.of(contract),
                Path.of("").toAbsolutePath(), out.resolve("java"), out.resolve("resources"), "com.example.gen"));

        OperationModel op = result.contracts().get(0).operations().get(0);
        HttpBinding binding = (HttpBinding) op.binding();
        assertEquals("POST", binding.method());
        assertEquals("/customers/{customerId}/orders", binding.pathTemplate());
        assertEquals(List.of(HttpBinding.In.PATH, HttpBinding.In.HEADER),
                binding.parameters().stream().map(HttpBinding.HttpParameter::in).toList());
        assertEquals("body", binding.bodyProperty());

        JsonNode tool = new ObjectMapper().readTree(out.resolve("resources/META-INF/imcp/tools.json").toFile())
                .get("tools").get(0);
        assertEquals("placeOrder", tool.get("name").asText());
        JsonNode input = tool.get("inputSchema");
        assertEquals(Set.of("customerId", "X-Request-Id", "body"), names(input.get("required")));
        assertEquals("^C[0-9]{6}$", input.at("/properties/customerId/pattern").asText());
        assertEquals(8, input.at("/properties/X-Request-Id/minLength").asInt());
        JsonNode body = input.at("/properties/body");
        assertEquals(Set.of("sku", "quantity"), names(body.get("required")));
        assertEquals("^[A-Z]{3}-[0-9]{4}$", body.at("/properties/sku/pattern").asText());
        assertEquals(1, body.at("/properties/quantity/minimum").asInt());
        assertEquals(50, body.at("/properties/quantity/maximum").asInt());
        assertEquals("[\"standard\",\"express\"]", body.at("/properties/priority/enum").toString());
        assertEquals("standard", body.at("/properties/priority/default").asText());
        JsonNode output = tool.get("outputSchema");
        assertEquals("[\"placed\",\"shipped\"]", output.at("/properties/status/enum").toString());
        assertEquals(Set.of("id", "status"), names(output.get("required")));
    }

    private static Set<String> names(JsonNode array) {
        Set<String> names = new HashSet<>();
        array.forEach(n -> names.add(n.asText()));
        assertEquals(array.size(), names.size(), "no duplicates in " + array);
        return names;
    }
}
