package dev.imcp.codegen.wsdl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.AnnotationIntrospector;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.TypeFactory;
import com.fasterxml.jackson.module.jakarta.xmlbind.JakartaXmlBindAnnotationIntrospector;
import dev.imcp.codegen.diag.Diagnostics;
import dev.imcp.codegen.model.ContractModel;
import dev.imcp.codegen.model.OperationModel;
import dev.imcp.codegen.model.SchemaModel;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JSON contract between the published schema and the runtime: JSON whose property names come from the
 * input schema binds into the compiled JAXB class with the runtime's Jackson setup, and serializes back with
 * the same names.
 */
class WsdlJsonContractTest {

    @Test
    void schemaPropertyNamesBindToTheJaxbClass(@TempDir Path out, @TempDir Path classes) throws Exception {
        ContractModel model = WsdlTestSupport.read(WsdlTestSupport.corpus(
                "cxf-hello-world/testutils/src/main/resources/wsdl/hello_world.wsdl"), "hello_world.wsdl", out,
                new Diagnostics());
        assertNotNull(model);
        WsdlTestSupport.compile(out, classes);
        ObjectMapper mapper = new ObjectMapper().setAnnotationIntrospector(AnnotationIntrospector.pair(
                new JakartaXmlBindAnnotationIntrospector(TypeFactory.defaultInstance()),
                new JacksonAnnotationIntrospector()));

        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                getClass().getClassLoader())) {
            for (String tool : List.of("testNillable", "greetMe", "greetMeLater")) {
                SchemaModel input = model.operations().stream().filter(o -> o.toolName().equals(tool))
                        .map(OperationModel::input).findFirst().orElseThrow();
                ObjectNode json = mapper.createObjectNode();
                input.properties().forEach((name, schema) -> {
                    switch (schema.kind()) {
                        case INTEGER -> json.put(name, 42);
                        case STRING -> json.put(name, "value of " + name);
                        default -> throw new AssertionError(name);
                    }
                });
                Class<?> type = loader.loadClass(input.javaType());
                Object bound = mapper.treeToValue(json, type);
                // compared as text: a long field comes back as a LongNode, which never equals an IntNode
                assertEquals(json.toString(), mapper.writeValueAsString(bound), tool);
            }

            // nillable: an explicit null survives the round trip under the XML name
            Class<?> nillable = loader.loadClass("com.example.hello.soap.TestNillable");
            JsonNode withNull = mapper.readTree("{\"NillElem\":null,\"intElem\":7}");
            assertEquals(withNull.toString(), mapper.writeValueAsString(mapper.treeToValue(withNull, nillable)));

            // output: the response class serializes under the names the output schema publishes
            Class<?> response = loader.loadClass("com.example.hello.soap.BareDocumentResponse");
            JsonNode bare = mapper.readTree("{\"company\":\"Apache\",\"id\":3}");
            assertEquals(bare.toString(), mapper.writeValueAsString(mapper.treeToValue(bare, response)));
        }
    }
}
