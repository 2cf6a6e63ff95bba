package dev.imcp.codegen.writer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.imcp.codegen.model.ContractKind;
import dev.imcp.codegen.model.ContractModel;
import dev.imcp.codegen.model.HttpBinding;
import dev.imcp.codegen.model.OperationModel;
import dev.imcp.codegen.model.SchemaModel;
import dev.imcp.codegen.model.SchemaModel.Kind;
import dev.imcp.codegen.model.SourceLocation;
import dev.imcp.codegen.output.OutputReconciler;
import dev.imcp.runtime.upstream.JsonMapping;
import java.io.StringWriter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Definitions and references on a hand-built model (readers are tested separately): the published schemas
 * carry every definition they reach under the root's {@code $defs}, a reference becomes the record of its
 * definition, which may contain itself, and what the runtime validates binds to that record.
 */
class RecursiveSchemaTest {

    private static final SourceLocation AT = SourceLocation.of("tree.json", "");

    @TempDir
    Path out;

    /** {@code Node: {value: integer, children: [Node]}}, declared on the tree that uses it. */
    private static SchemaModel node() {
        return SchemaModel.builder(Kind.OBJECT).typeName("Node")
                .property("value", SchemaModel.builder(Kind.INTEGER).format("int32").build())
                .property("children", SchemaModel.builder(Kind.ARRAY).items(SchemaModel.reference("Node").build()).build())
                .required("value")
                .build();
    }

    @Test
    void publishesDefinitionsAndGeneratesSelfReferentialRecords() throws Exception {
        SchemaModel input = SchemaModel.builder(Kind.OBJECT).typeName("GrowInput")
                .property("root", SchemaModel.reference("Node").description("The tree.").build())
                .required("root")
                .definition("Node", node())
                .definition("Unused", SchemaModel.builder(Kind.STRING).build())
                .location(AT).build();
        SchemaModel output = SchemaModel.reference("Node").definition("Node", node()).location(AT).build();
        OperationModel grow = new OperationModel("grow", "Grow", null, "Grows a tree.", Map.of(), input, output,
                new HttpBinding("POST", "/trees", List.of(), "*", "application/json"), AT);
        ContractModel contract = new ContractModel("trees", ContractKind.MCP_JSON, "Trees", null, null, "0".repeat(64),
                "http://localhost/trees", Map.of(), List.of(grow), AT, List.of());
        OutputReconciler.reconcile(new SourceWriter().write(List.of(contract), "com.example.gen", null, null,
                out.resolve("java"), out.resolve("resources")), List.of(), List.of());

        ObjectMapper mapper = JsonMapping.create();
        JsonNode tool = mapper.readTree(Files.readString(out.resolve("resources/META-INF/imcp/tools.json")))
                .get("tools").get(0);
        JsonNode in = tool.get("inputSchema");
        assertEquals("#/$defs/Node", in.at("/properties/root/$ref").asText());
        assertEquals("The tree.", in.at("/properties/root/description").asText());
        assertEquals(List.of("Node"), names(in.get("$defs")), "only what the schema reaches");
        assertEquals("#/$defs/Node", in.at("/$defs/Node/properties/children/items/$ref").asText());
        JsonNode outSchema = tool.get("outputSchema");
        assertEquals("object", outSchema.get("type").asText(), "a referenced root is published as its definition");
        assertEquals("#/$defs/Node", outSchema.at("/properties/children/items/$ref").asText());
        assertEquals(List.of("Node"), names(outSchema.get("$defs")));

        String record = Files.readString(out.resolve("java/com/example/gen/trees/model/Node.java"));
        assertTrue(record.contains("@JsonProperty(\"children\") List<Node> children"), record);
        Path classes = compile();

        Schema validator = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
        JsonNode deep = mapper.readTree("{\"root\":{\"value\":1,\"children\":[{\"value\":2,\"children\":[{\"value\":3}]}]}}");
        assertEquals(List.of(), validator.validate(deep).stream().map(Error::toString).toList());
        JsonNode wrong = mapper.readTree("{\"root\":{\"value\":1,\"children\":[{\"value\":2,\"children\":[{\"value\":\"3\"}]}]}}");
        assertEquals(List.of("/root/children/0/children/0/value"),
                validator.validate(wrong).stream().map(e -> e.getInstanceLocation().toString()).toList());
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader())) {
            Object bound = mapper.readerFor(loader.loadClass("com.example.gen.trees.model.GrowInput")).readValue(deep);
            assertEquals(deep, mapper.readTree(mapper.writeValueAsString(bound)));
        }
    }

    @Test
    void definitionNamesAreEscapedAsPointerAndFragment() {
        assertEquals("#/$defs/Node", SchemaJson.pointer("Node"));
        assertEquals("#/$defs/a~1b~0c", SchemaJson.pointer("a/b~c"));
        assertEquals("#/$defs/a%20b%25c%C3%BC", SchemaJson.pointer("a b%cü"));
        SchemaModel odd = SchemaModel.builder(Kind.OBJECT)
                .property("x", SchemaModel.reference("a/b c").build())
                .definition("a/b c", SchemaModel.builder(Kind.INTEGER).build()).build();
        Schema validator = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(SchemaJson.input(odd));
        assertEquals(1, validator.validate(new ObjectMapper().createObjectNode().put("x", "text")).size());
    }

    @Test
    void aReferenceWithoutItsDefinitionIsABug() {
        SchemaModel dangling = SchemaModel.builder(Kind.OBJECT).property("x", SchemaModel.reference("Missing").build())
                .build();
        assertThrows(IllegalStateException.class, () -> SchemaJson.input(dangling));
        SchemaModel twice = SchemaModel.builder(Kind.OBJECT)
                .property("a", SchemaModel.reference("N").definition("N", SchemaModel.builder(Kind.STRING).build()).build())
                .property("b", SchemaModel.reference("N").definition("N", SchemaModel.builder(Kind.NUMBER).build()).build())
                .build();
        assertThrows(IllegalStateException.class, () -> SchemaJson.input(twice), "one name, two schemas");
        assertThrows(IllegalArgumentException.class, () -> SchemaModel.builder(Kind.REF));
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private Path compile() throws Exception {
        return compile(out);
    }

    /**
     * Compiles the sources generated under {@code out/java} into {@code out/classes} with lint warnings as errors,
     * asserting that javac succeeds; returns the class directory.
     */
    static Path compile(Path out) throws Exception {
        Path classes = Files.createDirectories(out.resolve("classes"));
        List<Path> sources = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(out.resolve("java"))) {
            walk.filter(p -> p.toString().endsWith(".java")).sorted().forEach(sources::add);
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        try (StandardJavaFileManager files = compiler.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8)) {
            StringWriter log = new StringWriter();
            boolean ok = compiler.getTask(log, files, null, List.of("-Xlint:all", "-Werror", "--release", "21",
                    "-proc:none", "-classpath", System.getProperty("java.class.path"), "-d", classes.toString()),
                    null, files.getJavaFileObjectsFromPaths(sources)).call();
            assertTrue(ok, log.toString());
        }
        return classes;
    }
}
