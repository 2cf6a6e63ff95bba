package dev.imcp.codegen.wsdl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.imcp.codegen.CodegenRequest;
import dev.imcp.codegen.ImcpGenerator;
import dev.imcp.runtime.upstream.JsonMapping;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The schema published for {@code xsd/constructs.wsdl} against the JAXB class CXF generated for it, with
 * the runtime's own JSON validator and Jackson setup: a value the schema accepts binds to the class and
 * serializes back unchanged, and values the XSD rejects are rejected by the schema too.
 *
 * <p>An optional nillable element ({@code customer.note}) is a {@code JAXBElement} field, which the runtime's
 * mapping fills (so nil and absent stay apart). A substitution group head ({@code shipment}) is a
 * {@code JAXBElement<? extends Shipment>}: its value names the member element it is ({@code {"parcel": ...}}).
 */
class XsdJsonContractTest {

    private static final String VALID = """
            {"sku":"AB12","consonant":"k","xmlName":"x-1","price":{"value":12.5,"currency":"EUR","rounding":2,
             "scheme":"ISO-4217"},"discount":10,"size":"L","priority":3,"sizes":["S","XL"],"sizeOrNumber":"M",
             "digest":"00112233445566778899AABBCCDDEEFF","quantity":2,"version":"2.0",
             "customer":{"name":"Ada","note":"call first","otherAttributes":{},"createdBy":"me","tier":"M",
              "email":["a@x","b@x"],"vip":true},
             "payment":{"iban":"DE00"},"delivery":{"when":"2024-01-02","street":"Main","floor":3},
             "dimensions":{"width":1.5,"height":2.0},"tags":{"tag":["a","b","c"]},"extension":{"kind":"k"},
             "owner":{"name":"Bob","otherAttributes":{},"createdBy":"me"},
             "shipment":{"parcel":{"weight":1.5,"tracking":"T-1"}}}""";

    @Test
    void acceptedValuesBindToTheJaxbClass(@TempDir Path out) throws Exception {
        Path wsdl = XsdSchemaGoldenTest.resource("/xsd/constructs.wsdl");
        new ImcpGenerator().generate(new CodegenRequest(List.of(wsdl), wsdl.getParent(), out.resolve("java"),
                out.resolve("resources"), "com.example.xsd"));
        Path classes = Files.createDirectories(out.resolve("classes"));
        WsdlTestSupport.compile(out.resolve("java"), classes);
        ObjectMapper mapper = JsonMapping.create();
        JsonNode tool = mapper.readTree(Files.readString(out.resolve("resources/META-INF/imcp/tools.json")))
                .get("tools").get(0);
        Schema input = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(tool.get("inputSchema"));

        JsonNode valid = mapper.readTree(VALID);
        assertEquals(List.of(), input.validate(valid).stream().map(Error::toString).toList());
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                getClass().getClassLoader())) {
            String inputClass;
            try (java.util.stream.Stream<Path> files = Files.walk(out.resolve("java"))) {
                Path source = files.filter(f -> f.endsWith("PlaceOrder.java")).findFirst().orElseThrow();
                inputClass = out.resolve("java").relativize(source).toString().replace('/', '.').replace(".java", "");
            }
            Object bound = mapper.readerFor(loader.loadClass(inputClass)).readValue(valid);
            // re-read from text, as a client would: a BigDecimal field's DecimalNode never equals a DoubleNode
            com.fasterxml.jackson.databind.node.ObjectNode back =
                    (com.fasterxml.jackson.databind.node.ObjectNode) mapper.readTree(mapper.writeValueAsString(bound));
            // Jackson writes an XMLGregorianCalendar as a date-time (a runtime serializer's job to fix):
            // compare the date part, then the rest
            assertEquals("2024-01-02", back.with("delivery").remove("when").asText().substring(0, 10));
            com.fasterxml.jackson.databind.node.ObjectNode expected = valid.deepCopy();
            expected.with("delivery").remove("when");
            assertEquals(expected, back);
        }

        // what the XSD rejects
        for (String change : List.of(
                "/payment={\"card\":\"4111\",\"iban\":\"DE00\"}",   // two choice alternatives
                "/payment={}",                                       // no choice alternative
                "/delivery={\"when\":\"2024-01-02\",\"pickupPoint\":\"P\",\"floor\":1}", // mixed branches
                "/sku=\"AB\"",                                       // shorter than minLength 3
                "/sku=\"ab12\"",                                     // neither base pattern
                "/sku=\"AB1234567\"",                                // derived pattern .{2,6} also applies
                "/consonant=\"a\"",                                  // subtracted from [a-z]
                "/discount=0",                                       // minExclusive 0
                "/priority=4",                                       // not enumerated
                "/price={\"value\":1.234,\"currency\":\"EUR\"}",     // fractionDigits 2
                "/price={\"value\":100000,\"currency\":\"EUR\"}",    // totalDigits 7 with 2 fraction digits
                "/customer={\"name\":\"A\",\"tier\":\"M\",\"email\":[\"1\",\"2\",\"3\",\"4\",\"5\"]}", // maxOccurs 4
                "/version=\"2.1\"",                                  // fixed
                "/digest=\"0g\"",                                   // not hex pairs
                "/shipment={\"weight\":1.5,\"tracking\":\"T-1\"}",       // which member is it?
                "/shipment={\"parcel\":{\"weight\":1,\"tracking\":\"T\"},\"pallet\":{\"weight\":1,\"slots\":2}}",
                "/shipment={\"shipment\":{\"weight\":1.5}}")) {     // the head is abstract
            String pointer = change.substring(0, change.indexOf('='));
            JsonNode invalid = valid.deepCopy();
            ((com.fasterxml.jackson.databind.node.ObjectNode) invalid).set(pointer.substring(1),
                    mapper.readTree(change.substring(change.indexOf('=') + 1)));
            assertFalse(input.validate(invalid).isEmpty(), change);
        }
    }
}
