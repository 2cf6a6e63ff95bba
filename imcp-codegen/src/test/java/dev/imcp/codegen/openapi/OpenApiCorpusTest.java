package dev.imcp.codegen.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.imcp.codegen.CodegenRequest;
import dev.imcp.codegen.ContractReport;
import dev.imcp.codegen.GenerationResult;
import dev.imcp.codegen.ImcpGenerator;
import dev.imcp.codegen.TestContracts;
import dev.imcp.codegen.diag.ContractException;
import dev.imcp.codegen.diag.Diagnostic;
import dev.imcp.codegen.diag.Diagnostics;
import dev.imcp.codegen.wsdl.WsdlTestSupport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every OpenAPI document of the contract corpus (copied under {@code src/test/resources/corpus/openapi}, see
 * each PROVENANCE.md) generates alone, and the generated code compiles. Prints one line per contract:
 * operations found, tools generated, operations skipped by code.
 *
 * <p>The expected outcome pins what each contract gives today: the tool count, the skipped operations by code and
 * the tool names the naming pass changed by code, or, for a contract that does not build yet, the error codes it
 * fails with (issue 7 lists them). A change that loses or gains tools, renames them, or fixes a failure, changes
 * the row here, on purpose.
 *
 * <p>A contract that publishes no tool (a 3.1 document with only webhooks) is generated next to a one-tool MCP JSON
 * contract, as it would sit in a real adapter: alone it is an adapter without tools, which fails the build
 * ({@code ADAPTER_NO_TOOLS}, see {@code NothingToPublishTest}).
 */
class OpenApiCorpusTest {

    @TempDir
    Path out;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // id                          | main file                                              | tools or FAIL:codes | skipped by code | names changed by code
        "oai-petstore-v2                | examples/v2.0/yaml/petstore.yaml                         | 3 | | ",
        "oai-petstore-v3                | examples/v3.0/petstore.yaml                              | 3 | | ",
        "oai-uspto                      | examples/v3.0/uspto.yaml                                 | 3 | | ",
        "oai-callback-example           | examples/v3.0/callback-example.yaml                      | 1 | | ",
        "oai-link-example               | examples/v3.0/link-example.yaml                          | 6 | | ",
        "oai-webhook-example-31         | examples/v3.1/webhook-example.yaml                       | 0 | | ",
        "oai-non-oauth-scopes-31        | examples/v3.1/non-oauth-scopes.yaml                      | 1 | | ",
        "oai-petstore-separate-v2       | examples/v2.0/yaml/petstore-separate/spec/swagger.yaml   | 4 | | TOOL_NAME_SANITIZED=1",
        "readme-parameters-style        | 3.0/json/parameters-style.json                           | 25 | | ",
        "readme-schema-types-31         | 3.1/json/schema-types.json                               | 23 | | ",
        "readme-security-schemes        | 3.0/json/security.json                                   | 15 | | ",
        "swagger-petstore-v2-fileupload | 2.0/json/petstore.json                                   | 20 | | ",
        "stripe-spec3                   | openapi/spec3.json                                       | 417 | | TOOL_NAME_SHORTENED=1",
        "kubernetes-swagger             | kubernetes/swagger.json.unprocessed                      | 1062 | | TOOL_NAME_SHORTENED=15",
        "twilio-api-v2010               | spec/json/twilio_api_v2010.json                          | 197 | | ",
        "box-platform                   | openapi/openapi.json                                     | 296 | | TOOL_NAME_SANITIZED=19,TOOL_NAME_SHORTENED=12",
    })
    void generatesAndCompiles(String id, String file, String expected, String skipped, String renamed) throws Exception {
        Path contract = TestContracts.RESOURCES.resolve("corpus/openapi/" + id + "/" + file);
        List<Path> contracts = new java.util.ArrayList<>(List.of(contract));
        if (expected.equals("0")) {
            contracts.add(Files.writeString(out.resolve("companion.mcp.json"), "{\"name\": \"Companion\", \"tools\": "
                    + "[{\"name\": \"corpus_companion\", \"endpoint\": {\"method\": \"GET\", \"path\": \"/\"}}]}\n"));
        }
        GenerationResult result;
        try {
            result = new ImcpGenerator().generate(new CodegenRequest(contracts, contract.getParent(),
                    out.resolve("java"), out.resolve("resources"), "com.example.corpus"));
        } catch (ContractException e) {
            String codes = e.diagnostics().stream().filter(d -> d.severity() == Diagnostic.Severity.ERROR)
                    .map(Diagnostic::code).distinct().sorted().collect(Collectors.joining(","));
            System.out.println("[corpus] " + id + ": FAIL " + codes);
            Diagnostics.lines(e.diagnostics()).stream().limit(5).forEach(w -> System.out.println("[corpus]   " + w));
            assertEquals(expected, "FAIL:" + codes, () -> id + " failed to generate:\n"
                    + String.join("\n", Diagnostics.lines(e.diagnostics()).stream().limit(20).toList()));
            return;
        }
        ContractReport report = result.reports().getFirst();
        System.out.println("[corpus] " + id + ": " + report.summary());
        Diagnostics.lines(report.warnings()).stream().limit(5).forEach(w -> System.out.println("[corpus]   " + w));
        Diagnostics.lines(report.notes()).stream().limit(5).forEach(w -> System.out.println("[corpus]   " + w));
        WsdlTestSupport.compile(out.resolve("java"), Files.createDirectories(out.resolve("classes")));
        Map<String, Integer> bySkipCode = new TreeMap<>(report.skipped());
        Map<String, Long> byNameCode = new TreeMap<>(java.util.stream.Stream.concat(report.warnings().stream(),
                        report.notes().stream()).filter(d -> d.code().startsWith("TOOL_NAME_"))
                .collect(Collectors.groupingBy(Diagnostic::code, Collectors.counting())));
        assertEquals(expected + " " + (skipped == null ? "" : skipped.strip()) + " " + (renamed == null ? "" : renamed.strip()),
                report.tools() + " " + bySkipCode.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining(",")) + " " + byNameCode.entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(",")),
                () -> id + ": " + report.summary());
    }
}
