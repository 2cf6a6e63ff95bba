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
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The schemas published for {@code xsd/recursion.wsdl} against the JAXB classes CXF generated for it, with the
 * runtime's own JSON validator and Jackson setup: values nested three levels deep through each recursive type
 * validate against the {@code $defs}/{@code $ref} schema, bind to the classes and serialize back unchanged
 * (so the output schema, which uses the same definitions, describes what the runtime writes), and a value
 * wrong three levels down is rejected.
 *
 * <p>The substitution group head ({@code expr}, whose {@code sum} member holds heads again) names the member
 * each value is ({@code {"sum": ...}}, {@code {"literal": ...}}), as the XML does.
 */
class XsdRecursionContractTest {

    /** Each recursive property of {@code plan}, nested three levels deep. */
    private static final Map<String, String> VALID = Map.of(
            "tree", """
                    {"value":1,"children":[{"value":2,"children":[{"value":3}]},{"value":4}]}""",
            "department", """
                    {"name":"d1","staff":[{"name":"e1","heads":{"name":"d2","staff":[{"name":"e2"}]}}]}""",
            "employee", """
                    {"name":"e1","heads":{"name":"d1","staff":[{"name":"e2","heads":{"name":"d2"}}]}}""",
            "folder", """
                    {"name":"a","folder":[{"name":"b","folder":[{"name":"c"}]}]}""",
            "shape", """
                    {"label":"s1","group":{"label":"g1","member":[{"label":"s2","group":{"label":"g2","member":[{"label":"s3"}]}}]}}""",
            "outline", """
                    {"title":"1","outline":[{"title":"1.1","outline":[{"title":"1.1.1"}]}]}""",
            "link", """
                    {"item":"a","next":{"item":"b","next":{"item":"c","next":null}}}""",
            "expr", """
                    {"sum":{"expr":[{"literal":{"number":1}},{"sum":{"expr":[{"literal":{"number":2}},
                     {"literal":{"number":3}}]}}]}}""");

    /** Values the XSD rejects, each wrong at the third level. */
    private static final List<String> INVALID = List.of(
            "/tree={\"value\":1,\"children\":[{\"value\":2,\"children\":[{\"value\":\"three\"}]}]}",
            "/department={\"name\":\"d1\",\"staff\":[{\"name\":\"e1\",\"heads\":{\"staff\":[]}}]}",
            "/employee={\"name\":\"e1\",\"heads\":{\"name\":\"d1\",\"staff\":[{\"heads\":{\"name\":\"d2\"}}]}}",
            "/folder={\"name\":\"a\",\"folder\":[{\"name\":\"b\",\"folder\":[{\"name\":7}]}]}",
            "/shape={\"label\":\"s1\",\"group\":{\"label\":\"g1\",\"member\":[{\"label\":\"s2\",\"group\":{\"label\":\"g2\",\"member\":[]}}]}}",
            "/outline={\"title\":\"1\",\"outline\":[{\"title\":\"1.1\",\"outline\":[{}]}]}",
            "/link={\"item\":\"a\",\"next\":{\"item\":\"b\",\"next\":{\"item\":[\"c\"]}}}",
            "/expr={\"sum\":{\"expr\":[{\"literal\":{\"number\":1}},{\"sum\":{\"expr\":[{\"literal\":{\"number\":2}}]}}]}}",
            "/expr={\"sum\":{\"expr\":[{\"literal\":{\"number\":1}},{\"sum\":{\"expr\":[{\"number\":2},{\"number\":3}]}}]}}");

    @Test
    void nestedValuesBindToTheJaxbClasses(@TempDir Path out) throws Exception {
        Path wsdl = XsdSchemaGoldenTest.resource("/xsd/recursion.wsdl");
        new ImcpGenerator().generate(new CodegenRequest(List.of(wsdl), wsdl.getParent(), out.resolve("java"),
                out.resolve("resources"), "com.example.recursion"));
        Path classes = Files.createDirectories(out.resolve("classes"));
        WsdlTestSupport.compile(out.resolve("java"), classes);
        ObjectMapper mapper = JsonMapping.create();
        JsonNode tools = mapper.readTree(Files.readString(out.resolve("resources/META-INF/imcp/tools.json"))).get("tools");
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
        Schema input = registry.getSchema(tools.get(0).get("inputSchema"));
        Schema output = registry.getSchema(tools.get(0).get("outputSchema"));

        com.fasterxml.jackson.databind.node.ObjectNode valid = mapper.createObjectNode();
        VALID.forEach((property, value) -> valid.set(property, read(mapper, value)));
        assertEquals(List.of(), input.validate(valid).stream().map(Error::toString).toList());
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                getClass().getClassLoader())) {
            Object plan = mapper.readerFor(WsdlTestSupport.generatedClass(loader, out.resolve("java"), "Plan"))
                    .readValue(valid);
            assertEquals(valid, mapper.readTree(mapper.writeValueAsString(plan)));

            JsonNode response = mapper.createObjectNode().set("tree", valid.get("tree"));
            Object bound = mapper.readerFor(WsdlTestSupport.generatedClass(loader, out.resolve("java"), "PlanResponse"))
                    .readValue(response);
            JsonNode written = mapper.readTree(mapper.writeValueAsString(bound));
            assertEquals(response, written);
            assertEquals(List.of(), output.validate(written).stream().map(Error::toString).toList());
        }

        for (String change : INVALID) {
            String property = change.substring(1, change.indexOf('='));
            com.fasterxml.jackson.databind.node.ObjectNode invalid = valid.deepCopy();
            invalid.set(property, read(mapper, change.substring(change.indexOf('=') + 1)));
            assertFalse(input.validate(invalid).isEmpty(), change);
        }
    }

    private static JsonNode read(ObjectMapper mapper, String json) {
        try {
            return mapper.readTree(json);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
