package dev.imcp.codegen.wsdl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.imcp.codegen.CodegenRequest;
import dev.imcp.codegen.ContractReport;
import dev.imcp.codegen.GenerationResult;
import dev.imcp.codegen.ImcpGenerator;
import dev.imcp.codegen.diag.ContractException;
import dev.imcp.codegen.diag.Diagnostics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every WSDL of the contract corpus (copied under {@code src/test/resources/corpus/wsdl}, see its
 * PROVENANCE.md) generates, alone, and the generated code compiles. Prints one line per contract:
 * operations found, tools generated, operations skipped by code.
 *
 * <p>The expected tool count pins what each contract gives today; a change that loses or gains tools must
 * change it here, on purpose.
 */
class WsdlCorpusTest {

    @TempDir
    Path out;

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "cxf-hello-world,               testutils/src/main/resources/wsdl/hello_world.wsdl,               8",
        "cxf-rpc-literal,               testutils/src/main/resources/wsdl/hello_world_rpc_lit.wsdl,       4",
        "cxf-doc-lit-bare,              testutils/src/main/resources/wsdl/doc_lit_bare.wsdl,              4",
        "cxf-soap12,                    testutils/src/main/resources/wsdl/hello_world_soap12.wsdl,        2",
        "cxf-mtom-xop,                  testutils/src/main/resources/wsdl/mtom_xop.wsdl,                  2",
        "cxf-wsdl-import-chain,         testutils/src/main/resources/wsdl/hello_world_services.wsdl,      3",
        "cxf-locator-wsa,               testutils/src/main/resources/wsdl/locator.wsdl,                   7",
        "webservicex-currencyconvertor, tests/fixtures/wsdl/currencyconvertor/CurrencyConvertor.wsdl,     1",
        "salesforce-partner,            soapclient/partner.wsdl.xml,                                      32",
        "paypal-ebl,                    tests/fixtures/wsdl/paypal/PayPalSvc.wsdl,                        57",
        "amazon-ec2,                    tests/fixtures/wsdl/amazon/AmazonEc2.wsdl,                        151",
        "adobe-omniture-admin,          tests/resources/OmnitureAdminServices.wsdl,                       197",
        "gs1-epcis-query,               fixtures/epcis/EPCglobal-epcis-query-1_2.wsdl,                    7",
        "virtualbox-vboxweb,            fixtures/vboxweb.wsdl,                                            1158",
    })
    void generatesAndCompiles(String id, String file, int tools) throws Exception {
        Path contract = WsdlTestSupport.corpus(id + "/" + file);
        GenerationResult result;
        try {
            result = new ImcpGenerator().generate(new CodegenRequest(List.of(contract), contract.getParent(),
                    out.resolve("java"), out.resolve("resources"), "com.example.corpus"));
        } catch (ContractException e) {
            throw new AssertionError(id + " failed to generate:\n" + String.join("\n", Diagnostics.lines(e.diagnostics())));
        }
        ContractReport report = result.reports().getFirst();
        System.out.println("[corpus] " + id + ": " + report.summary());
        Diagnostics.lines(result.warnings()).stream().limit(5).forEach(w -> System.out.println("[corpus]   " + w));
        WsdlTestSupport.compile(out.resolve("java"), Files.createDirectories(out.resolve("classes")));
        assertEquals(tools, report.tools(), () -> id + ": " + report.summary());
        assertTrue(report.operations() >= report.tools());
    }
}
