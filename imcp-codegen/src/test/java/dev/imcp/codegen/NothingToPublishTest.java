package dev.imcp.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.imcp.codegen.diag.ContractException;
import dev.imcp.codegen.diag.Diagnostic;
import dev.imcp.codegen.model.OperationModel;
import dev.imcp.codegen.select.OperationSelector;
import dev.imcp.codegen.select.ToolOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A contract with nothing to publish is a warning of its kind ({@code OPENAPI_NO_OPERATIONS}, {@code MCPJSON_NO_TOOLS},
 * {@code WSDL_NO_OPERATIONS}); the build fails only when the adapter as a whole publishes no tool
 * ({@code ADAPTER_NO_TOOLS}).
 */
class NothingToPublishTest {

    static final String WEBHOOKS = "corpus/openapi/oai-webhook-example-31/examples/v3.1/webhook-example.yaml";
    static final String HELLO = "corpus/wsdl/cxf-hello-world/testutils/src/main/resources/wsdl/hello_world.wsdl";

    @TempDir
    Path out;

    @Test
    void aWebhooksOnlyDocumentIsAWarningNextToAContractThatPublishes() throws Exception {
        GenerationResult result = TestContracts.generate(out, WEBHOOKS, TestContracts.WEATHER);

        ContractReport webhooks = result.reports().get(0);
        assertTrue(webhooks.summary().startsWith("webhook-example.yaml: 0 operations -> 0 tools, 0 skipped, ")
                || webhooks.summary().startsWith(WEBHOOKS + ": 0 operations -> 0 tools, 0 skipped, "), webhooks.summary());
        assertEquals(1, webhooks.warnings().size(), webhooks.warnings().toString());
        Diagnostic d = webhooks.warnings().get(0);
        assertEquals("OPENAPI_NO_OPERATIONS", d.code());
        assertEquals("the contract declares no operation under 'paths' (webhooks are requests the API sends, not "
                + "operations to call), so it publishes no tool", d.message());
        assertEquals(3, result.reports().get(1).tools());
    }

    @Test
    void aWebhooksOnlyDocumentAloneIsAnAdapterWithoutTools() throws Exception {
        List<Diagnostic> all = TestContracts.failures(out, WEBHOOKS);
        assertEquals(List.of("OPENAPI_NO_OPERATIONS", "ADAPTER_NO_TOOLS"), all.stream().map(Diagnostic::code).toList());
        assertEquals(Diagnostic.Severity.WARNING, all.get(0).severity());
        assertEquals(Diagnostic.Severity.ERROR, all.get(1).severity());
        assertTrue(Files.notExists(out.resolve("java")), "a failed run writes nothing");
    }

    @Test
    void anMcpJsonContractWithoutToolsIsAWarning() throws Exception {
        TinyProject p = new TinyProject(out).write("empty.mcp.json", "{\"name\": \"Empty\", \"tools\": []}\n")
                .write("weather.mcp.json", Files.readString(TestContracts.RESOURCES.resolve(TestContracts.WEATHER)));
        GenerationResult result = p.generate();
        assertEquals(List.of("MCPJSON_NO_TOOLS"), result.warnings().stream().map(Diagnostic::code).toList());
        assertEquals("contracts/empty.mcp.json:1:19", result.warnings().get(0).location().toString());
        assertEquals("the contract declares no tool", result.warnings().get(0).message());
    }

    @Test
    void wsdlOperationsAreSelectedByNameAndAllExcludedIsAWarning() throws Exception {
        ToolOptions onlyGreetMe = ToolOptions.defaults().withIncludes(List.of(OperationSelector.parse("greetMe")));
        GenerationResult one = new ImcpGenerator().generate(TestContracts.request(out, HELLO).withTools(onlyGreetMe));
        assertEquals(List.of("greetMe"), one.contracts().get(0).operations().stream().map(OperationModel::toolName).toList());
        assertTrue(one.reports().get(0).excluded() > 0, one.reports().get(0).summary());
        assertTrue(one.notes().stream().allMatch(d -> d.code().equals("OPERATION_EXCLUDED")
                && d.location().pointer().startsWith("/definitions[@name='HelloWorld']/portType")), one.notes().toString());

        ToolOptions none = ToolOptions.defaults().withExcludes(List.of(OperationSelector.parse("service:hello_world")));
        ContractException e = assertThrows(ContractException.class,
                () -> new ImcpGenerator().generate(TestContracts.request(out.resolve("none"), HELLO).withTools(none)));
        assertEquals(List.of("WSDL_NO_OPERATIONS", "ADAPTER_NO_TOOLS"), e.diagnostics().stream()
                .filter(d -> d.severity() != Diagnostic.Severity.INFO).map(Diagnostic::code).toList());
        assertEquals(Diagnostic.Severity.WARNING, e.diagnostics().stream()
                .filter(d -> d.code().equals("WSDL_NO_OPERATIONS")).findFirst().orElseThrow().severity());
    }
}
