package dev.imcp.codegen.wsdl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.imcp.codegen.diag.Diagnostics;
import dev.imcp.codegen.model.ContractModel;
import dev.imcp.codegen.model.OperationModel;
import dev.imcp.codegen.model.SchemaModel;
import dev.imcp.codegen.model.SchemaModel.Kind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Targeted checks of the schemas of real contracts: patterns, choices and enumerations as their XSD says. */
class XsdCorpusSchemasTest {

    @TempDir
    Path out;

    private ContractModel read(String file) throws Exception {
        Diagnostics diagnostics = new Diagnostics();
        ContractModel model = WsdlTestSupport.read(WsdlTestSupport.corpus(file), file, out, diagnostics);
        assertNotNull(model, diagnostics.all()::toString);
        return model;
    }

    private static OperationModel op(ContractModel model, String tool) {
        return model.operations().stream().filter(o -> o.toolName().equals(tool)).findFirst().orElseThrow();
    }

    @Test
    void salesforceIdsAreAnchoredPatterns() throws Exception {
        SchemaModel ids = op(read("salesforce-partner/soapclient/partner.wsdl.xml"), "delete").input()
                .properties().get("ids");
        assertEquals(Kind.ARRAY, ids.kind());
        assertEquals("^(?:[a-zA-Z0-9]{18})$", ids.items().constraints().get("pattern"));
        assertEquals(18L, ((Number) ids.items().constraints().get("minLength")).longValue());
        assertEquals(18L, ((Number) ids.items().constraints().get("maxLength")).longValue());
    }

    @Test
    void amazonChoicesAreOneOf() throws Exception {
        SchemaModel in = op(read("amazon-ec2/tests/fixtures/wsdl/amazon/AmazonEc2.wsdl"), "ModifyVpcAttribute").input();
        assertEquals(List.of("vpcId"), in.required());
        assertEquals(List.of("vpcId", "enableDnsSupport", "enableDnsHostnames"), List.copyOf(in.properties().keySet()));
        assertEquals(List.of(List.of("enableDnsSupport"), List.of("enableDnsHostnames")),
                in.oneOf().stream().map(SchemaModel::required).toList());
    }

    @Test
    void paypalEnumerationsKeepTheirOrder() throws Exception {
        ContractModel model = read("paypal-ebl/tests/fixtures/wsdl/paypal/PayPalSvc.wsdl");
        List<SchemaModel> found = new ArrayList<>();
        for (OperationModel o : model.operations()) {
            collect(o.input(), "PaymentAction", found);
        }
        // eBLBaseComponents.xsd, simpleType PaymentActionCodeType
        SchemaModel action = found.stream().filter(s -> !s.enumValues().isEmpty()).findFirst().orElseThrow();
        assertEquals(List.of("None", "Authorization", "Sale", "Order"), action.enumValues());
    }

    private static void collect(SchemaModel schema, String property, List<SchemaModel> into) {
        if (schema == null) {
            return;
        }
        if (schema.properties().containsKey(property)) {
            into.add(schema.properties().get(property));
        }
        schema.properties().values().forEach(p -> collect(p, property, into));
        collect(schema.items(), property, into);
    }
}
