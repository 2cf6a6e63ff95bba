package dev.imcp.codegen.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imcp.codegen.CodegenRequest;
import dev.imcp.codegen.ImcpGenerator;
import dev.imcp.codegen.wsdl.WsdlTestSupport;
import dev.imcp.runtime.upstream.JsonMapping;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java types of {@code oneOf}/{@code anyOf} and open objects bind what the published schema accepts and write it
 * back unchanged, so a value reaches the upstream whole: a discriminated union is a sealed interface whose records
 * Jackson picks by the discriminator (implicit mapping in {@code v30.yaml}, explicit in {@code v31.yaml}), and a
 * record keeps the properties its {@code additionalProperties} or its alternatives allow.
 */
class UnionTypesTest {

    private static final Path CONTRACTS = Path.of("src/test/resources/openapi-schemas").toAbsolutePath();
    private static final ObjectMapper MAPPER = JsonMapping.create();

    private static final java.util.Comparator<JsonNode> NUMERICALLY = (a, b) -> a.equals(b)
            || a.isNumber() && b.isNumber() && a.decimalValue().compareTo(b.decimalValue()) == 0 ? 0 : 1;

    @TempDir
    static Path out;

    private static URLClassLoader loader;

    @BeforeAll
    static void generate() throws Exception {
        if (System.getProperty("unions.out") != null) {
            out = Path.of(System.getProperty("unions.out"));
        }
        new ImcpGenerator().generate(new CodegenRequest(
                List.of(CONTRACTS.resolve("v30.yaml"), CONTRACTS.resolve("v31.yaml"), CONTRACTS.resolve("swagger2.yaml")),
                CONTRACTS,
                out.resolve("java"), out.resolve("resources"), "com.example.unions"));
        Path classes = Files.createDirectories(out.resolve("classes"));
        WsdlTestSupport.compile(out.resolve("java"), classes);
        loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, UnionTypesTest.class.getClassLoader());
    }

    private static Class<?> type(String service, String simpleName) throws ClassNotFoundException {
        return loader.loadClass("com.example.unions." + service + ".model." + simpleName);
    }

    /** Binds {@code json} to {@code type} and writes it back; returns the bound value. */
    private static Object roundTrip(Class<?> type, String json) throws Exception {
        Object value = MAPPER.readValue(json, type);
        JsonNode expected = MAPPER.readTree(json);
        JsonNode written = MAPPER.valueToTree(value);
        // JSON Schema "number" binds to Double: 3 is written back as 3.0, the same number
        assertTrue(expected.equals(NUMERICALLY, written), "written back unchanged: " + written + " for " + json);
        return value;
    }

    @Test
    void discriminatedUnionIsASealedInterfaceWhoseRecordsTheDiscriminatorPicks() throws Exception {
        Class<?> shape = type("v30", "Shape");
        assertTrue(shape.isInterface() && shape.isSealed(), shape + " is a sealed interface");
        assertEquals(List.of("Circle", "Square"),
                java.util.Arrays.stream(shape.getPermittedSubclasses()).map(Class::getSimpleName).sorted().toList());

        Object circle = roundTrip(shape, "{\"shapeType\":\"Circle\",\"radius\":2.5}");
        assertEquals("Circle", circle.getClass().getSimpleName());
        // recursion through the union, and the record used on its own stays a plain record
        Object square = roundTrip(shape,
                "{\"shapeType\":\"Square\",\"side\":3,\"inner\":{\"shapeType\":\"Circle\",\"radius\":1}}");
        assertEquals("Square", square.getClass().getSimpleName());
        roundTrip(type("v30", "Square"), "{\"shapeType\":\"Square\",\"side\":1}");

        Class<?> body = type("v30", "DrawBody");
        roundTrip(body, "{\"shape\":{\"shapeType\":\"Square\",\"side\":2},"
                + "\"layers\":[{\"shapeType\":\"Circle\",\"radius\":1},{\"shapeType\":\"Square\",\"side\":4}]}");

        Exception unknown = assertThrows(Exception.class, () -> MAPPER.readValue("{\"shapeType\":\"Hexagon\"}", shape));
        assertTrue(unknown.getMessage().contains("Hexagon"), unknown.getMessage());
    }

    @Test
    void publishedSchemaAcceptsExactlyWhatTheDiscriminatorSelects() throws Exception {
        JsonNode tools = MAPPER.readTree(out.resolve("resources/META-INF/imcp/tools.json").toFile()).get("tools");
        JsonNode draw = null;
        for (JsonNode tool : tools) {
            draw = tool.get("name").asText().equals("draw") ? tool : draw;
        }
        com.networknt.schema.Schema input = com.networknt.schema.SchemaRegistry
                .withDefaultDialect(com.networknt.schema.SpecificationVersion.DRAFT_2020_12)
                .getSchema(draw.get("inputSchema"));
        assertEquals(List.of(), input.validate(MAPPER.readTree(
                "{\"body\":{\"shape\":{\"shapeType\":\"Circle\",\"radius\":1}}}")));
        // a square's fields under the circle's tag, and an unknown tag, match no alternative
        assertTrue(!input.validate(MAPPER.readTree("{\"body\":{\"shape\":{\"shapeType\":\"Circle\",\"side\":1}}}"))
                .isEmpty());
        assertTrue(!input.validate(MAPPER.readTree("{\"body\":{\"shape\":{\"shapeType\":\"Hexagon\"}}}")).isEmpty());
        // the result is a union of objects: published as an object schema (MCP outputSchema)
        assertEquals("object", draw.get("outputSchema").get("type").asText());
    }

    @Test
    void explicitMappingValuesSelectTheirRecords() throws Exception {
        Class<?> payment = type("v30", "OrderPayment");
        assertTrue(payment.isSealed(), payment + " is sealed");
        assertEquals("Card", MAPPER.readValue("{\"method\":\"Card\",\"number\":\"4111111111111111\"}", payment)
                .getClass().getSimpleName());
        assertEquals("Transfer", roundTrip(payment, "{\"method\":\"Transfer\",\"iban\":\"DE89\"}")
                .getClass().getSimpleName());
    }

    @Test
    void aBaseTypeWithADiscriminatorKeepsItsSubtypesProperties() throws Exception {
        // Swagger 2.0 polymorphism: Cat extends Pet with allOf; a Cat sent where a Pet is declared stays a Cat
        roundTrip(type("swagger2", "Pet"), "{\"name\":\"Tom\",\"petType\":\"Cat\",\"huntingSkill\":\"lazy\"}");
    }

    @Test
    void additionalPropertiesTravelWithTheNamedOnes() throws Exception {
        roundTrip(type("v30", "Style"), "{\"color\":\"red\",\"stroke\":\"dashed\",\"fill\":\"none\"}");
    }

    @Test
    void aUnionWithPropertiesOfItsOwnKeepsTheAlternativesProperties() throws Exception {
        // Pet declares id, kind, owner... and is also a Cat or a Dog: the record keeps indoor/breed
        Object pet = roundTrip(type("v31", "Pet"), "{\"id\":\"p1\",\"kind\":\"cat\",\"indoor\":false,\"tags\":[\"a\"]}");
        JsonNode written = MAPPER.valueToTree(pet);
        assertEquals(false, written.get("indoor").asBoolean(true));
    }
}
