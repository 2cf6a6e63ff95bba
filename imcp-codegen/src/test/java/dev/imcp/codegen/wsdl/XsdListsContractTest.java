package dev.imcp.codegen.wsdl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.imcp.codegen.CodegenRequest;
import dev.imcp.codegen.ImcpGenerator;
import dev.imcp.runtime.upstream.JsonMapping;
import jakarta.xml.bind.JAXBContext;
import java.io.StringWriter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The schemas published for {@code xsd/lists.wsdl} (elements JAXB keeps in one list, and substitution groups)
 * against the JAXB classes CXF generated for it, with the runtime's validator and Jackson setup: a value the
 * input schema accepts binds to the classes, goes out as XML with the elements' names in the JSON's order, and
 * serializes back unchanged; what the runtime writes for a response is what the output schema accepts; and
 * values that name no element, two elements at once, or none, are rejected.
 */
class XsdListsContractTest {

    private static final String VALID = """
            {"shape":{"circle":{"label":"c","radius":2}},
             "pairs":{"keyAndValue":[{"key":"a"},{"value":1},{"key":"b"},{"value":2}]},
             "mixture":{"textOrNumberOrPoint":[{"number":5},{"text":"t"},{"point":{"x":1,"y":2}},{"text":"u"}]},
             "alternating":{"firstOrSecond":[{"second":"s"},{"first":"f"},{"first":"g"}]},
             "canvas":{"shapeOrCaption":[{"caption":"c1"},{"square":{"label":"s","side":3}},{"shape":{"label":"p"}}]},
             "layer":{"shape":[{"circle":{"label":"c","radius":1}},{"square":{"label":"s","side":1}}]},
             "sandwich":{"content":[{"bread":"rye"},{"filling":"cheese"},{"bread":"rye"}]},
             "note":{"text":"hi","author":"ann","rest":[{"signature":"s1"},{"author":"bob"}]},
             "entries":{"termAndDefinition":[{"term":"t"},{"definition":"d"}]}}""";

    /** What the upstream receives for {@link #VALID}, prefixes and namespace declarations left out. */
    private static final String XML = "<arrange><circle><label>c</label><radius>2</radius></circle>"
            + "<pairs><key>a</key><value>1</value><key>b</key><value>2</value></pairs>"
            + "<mixture><number>5</number><text>t</text><point><x>1</x><y>2</y></point><text>u</text></mixture>"
            + "<alternating><second>s</second><first>f</first><first>g</first></alternating>"
            + "<canvas><caption>c1</caption><square><label>s</label><side>3</side></square>"
            + "<shape><label>p</label></shape></canvas>"
            + "<layer><circle><label>c</label><radius>1</radius></circle><square><label>s</label><side>1</side></square>"
            + "</layer><sandwich><bread>rye</bread><filling>cheese</filling><bread>rye</bread></sandwich>"
            + "<note><text>hi</text><author>ann</author><signature>s1</signature><author>bob</author></note>"
            + "<entries><term>t</term><definition>d</definition></entries></arrange>";

    @Test
    void listsKeepTheirElementsNamesAndOrder(@TempDir Path out) throws Exception {
        Path wsdl = XsdSchemaGoldenTest.resource("/xsd/lists.wsdl");
        new ImcpGenerator().generate(new CodegenRequest(List.of(wsdl), wsdl.getParent(), out.resolve("java"),
                out.resolve("resources"), "com.example.lists"));
        Path classes = Files.createDirectories(out.resolve("classes"));
        WsdlTestSupport.compile(out.resolve("java"), classes);
        ObjectMapper mapper = JsonMapping.create();
        JsonNode tool = mapper.readTree(Files.readString(out.resolve("resources/META-INF/imcp/tools.json")))
                .get("tools").get(0);
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
        Schema input = registry.getSchema(tool.get("inputSchema"));
        Schema output = registry.getSchema(tool.get("outputSchema"));

        ObjectNode valid = (ObjectNode) mapper.readTree(VALID);
        assertEquals(List.of(), input.validate(valid).stream().map(Error::toString).toList());
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                getClass().getClassLoader())) {
            Class<?> arrange = WsdlTestSupport.generatedClass(loader, out.resolve("java"), "Arrange");
            Object bound = mapper.readerFor(arrange).readValue(valid);
            assertEquals(valid, mapper.readTree(mapper.writeValueAsString(bound)));
            StringWriter xml = new StringWriter();
            JAXBContext.newInstance(arrange).createMarshaller().marshal(bound, xml);
            assertEquals(XML, xml.toString().replaceAll("<\\?xml[^>]*\\?>", "").replaceAll(" xmlns(:\\w+)?=\"[^\"]*\"", "")
                    .replaceAll("<(/?)\\w+:", "<$1"));

            JsonNode response = mapper.createObjectNode().set("canvas", valid.get("canvas"));
            Object result = mapper.readerFor(WsdlTestSupport.generatedClass(loader, out.resolve("java"),
                    "ArrangeResponse")).readValue(response);
            JsonNode written = mapper.readTree(mapper.writeValueAsString(result));
            assertEquals(response, written);
            assertEquals(List.of(), output.validate(written).stream().map(Error::toString).toList());
        }

        for (String change : List.of(
                "/pairs={\"keyAndValue\":[{\"key\":\"a\",\"value\":1}]}",   // two elements in one item
                "/pairs={\"keyAndValue\":[\"a\",1]}",                       // items without their names
                "/pairs={\"keyAndValue\":[{\"value\":\"one\"}]}",           // an element of the wrong type
                "/canvas={\"shapeOrCaption\":[{\"triangle\":{\"label\":\"t\"}}]}", // no such member
                "/layer={\"shape\":[{\"label\":\"bare\"}]}",                // which member is it?
                "/mixture={\"textOrNumberOrPoint\":[]}",                     // the choice occurs at least once
                "/sandwich={\"content\":[]}",                                // bread is required
                "/sandwich={\"bread\":\"rye\",\"filling\":\"cheese\"}",     // not the names Jackson reads
                "/note={\"text\":\"hi\",\"rest\":[]}")) {                  // the extension's signature is required
            String property = change.substring(1, change.indexOf('='));
            ObjectNode invalid = valid.deepCopy();
            invalid.set(property, mapper.readTree(change.substring(change.indexOf('=') + 1)));
            assertFalse(input.validate(invalid).isEmpty(), change);
        }
        assertTrue(tool.at("/inputSchema/properties/sandwich/required").toString().contains("content"));
    }
}
