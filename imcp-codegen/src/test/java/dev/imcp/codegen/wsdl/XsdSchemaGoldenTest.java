package dev.imcp.codegen.wsdl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.imcp.codegen.CodegenRequest;
import dev.imcp.codegen.GenerationResult;
import dev.imcp.codegen.ImcpGenerator;
import dev.imcp.codegen.diag.Diagnostics;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The published JSON Schemas of hand-written WSDLs whose imported XSDs use one construct per type
 * ({@code src/test/resources/xsd}), pinned as golden files: the {@code tools.json} the build writes and the
 * warnings, each located in the XSD's own file. {@code constructs} covers the content models, facets and
 * built-in types; {@code recursion} the types that contain themselves ({@code $defs} + {@code $ref}): directly,
 * mutually, in a derived type, through a base type, through an element reference, through a substitution
 * group and through a nillable element, and as an operation's whole input and output; {@code lists} the
 * elements JAXB keeps in one list (repeated sequences and choices of several elements, XJC's {@code content}
 * and {@code rest}) and substitution groups, each element an object named after it. Run with
 * {@code -Dgolden.update=true} to rewrite {@code src/test/resources/golden/xsd/}; never edit them by hand.
 */
class XsdSchemaGoldenTest {

    private static final Path GOLDEN = Path.of("src/test/resources/golden/xsd");
    private static final boolean UPDATE = Boolean.getBoolean("golden.update");

    @TempDir
    Path out;

    @ParameterizedTest
    @ValueSource(strings = {"constructs", "recursion", "lists"})
    void publishesWhatTheXsdSays(String name) throws Exception {
        Path wsdl = resource("/xsd/" + name + ".wsdl");
        GenerationResult result = new ImcpGenerator().generate(new CodegenRequest(List.of(wsdl), wsdl.getParent(),
                out.resolve("java"), out.resolve("resources"), "com.example.xsd"));
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        String tools = json.writeValueAsString(json.readTree(
                Files.readString(out.resolve("resources/META-INF/imcp/tools.json")))) + "\n";
        String warnings = String.join("\n", Diagnostics.lines(result.warnings())) + "\n";

        check(name + ".tools.json", tools);
        check(name + ".warnings.txt", warnings);
        WsdlTestSupport.compile(out.resolve("java"), Files.createDirectories(out.resolve("classes")));
    }

    private static void check(String name, String actual) throws Exception {
        Path golden = GOLDEN.resolve(name);
        if (UPDATE) {
            Files.createDirectories(GOLDEN);
            Files.writeString(golden, actual, StandardCharsets.UTF_8);
        }
        assertEquals(Files.readString(golden), actual, name);
    }

    static Path resource(String path) {
        try {
            return Path.of(XsdSchemaGoldenTest.class.getResource(path).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
