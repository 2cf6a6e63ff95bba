package dev.imcp.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Golden files, compilation and determinism of the generated code. Run with {@code -Dgolden.update=true}
 * to rewrite {@code src/test/resources/golden/}; never edit a golden file by hand.
 */
class GeneratedSourcesTest {

    private static final Path GOLDEN = Path.of("src/test/resources/golden");
    private static final boolean UPDATE = Boolean.getBoolean("golden.update");

    @TempDir
    Path out;

    @ParameterizedTest
    @ValueSource(strings = {TestContracts.PETSTORE_V3, TestContracts.WEATHER})
    void matchesGoldenFiles(String contract) throws Exception {
        TestContracts.generate(out, contract);
        String name = contract.substring(contract.lastIndexOf('/') + 1).replaceAll("\\..*$", "");
        Path golden = GOLDEN.resolve(name);
        List<String> generated = TestContracts.files(out);
        if (UPDATE) {
            for (String old : TestContracts.files(golden)) {
                Files.delete(golden.resolve(old));
            }
            for (String file : generated) {
                Files.createDirectories(golden.resolve(file).getParent());
                Files.copy(out.resolve(file), golden.resolve(file));
            }
        }
        assertEquals(TestContracts.files(golden), generated, "generated files of " + contract);
        for (String file : generated) {
            assertEquals(Files.readString(golden.resolve(file)), Files.readString(out.resolve(file)), file);
        }
    }

    @Test
    void compilesWithoutWarnings() throws Exception {
        TestContracts.generate(out, TestContracts.PETSTORE_V3, TestContracts.WEATHER, "mcpjson/default.mcp.json",
                "openapi/secured.yaml", "mcpjson/multihost.mcp.json");
        List<Path> sources = new ArrayList<>();
        for (String file : TestContracts.files(out.resolve("java"))) {
            sources.add(out.resolve("java").resolve(file));
        }
        assertTrue(sources.size() > 10, sources.toString());
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
            Path classes = Files.createDirectories(out.resolve("classes"));
            List<String> options = List.of("-Xlint:all", "-Werror", "--release", "21", "-proc:none",
                    "-classpath", System.getProperty("java.class.path"), "-d", classes.toString());
            StringWriter log = new StringWriter();
            boolean ok = compiler.getTask(log, files, diagnostics, options, null, files.getJavaFileObjectsFromPaths(sources)).call();
            assertTrue(ok, log + "\n" + diagnostics.getDiagnostics());
        }
    }

    @Test
    void isDeterministicAndWritesOnlyChanges() throws Exception {
        GenerationResult first = TestContracts.generate(out, TestContracts.PETSTORE_V3, TestContracts.WEATHER);
        List<byte[]> before = new ArrayList<>();
        for (String file : TestContracts.files(out)) {
            before.add(Files.readAllBytes(out.resolve(file)));
        }
        GenerationResult second = TestContracts.generate(out, TestContracts.PETSTORE_V3, TestContracts.WEATHER);
        assertTrue(first.filesWritten() > 0);
        assertEquals(0, second.filesWritten());
        assertEquals(first.filesWritten(), second.filesUnchanged());
        List<String> files = TestContracts.files(out);
        for (int i = 0; i < files.size(); i++) {
            assertEquals(new String(before.get(i), StandardCharsets.UTF_8),
                    Files.readString(out.resolve(files.get(i))), files.get(i));
        }
    }

    @Test
    void everyTopLevelTypeCarriesOneGeneratedMarker() throws Exception {
        TestContracts.generate(out, TestContracts.PETSTORE_V3, TestContracts.WEATHER);
        Pattern marker = Pattern.compile("@Generated\\(");
        for (String file : TestContracts.files(out.resolve("java"))) {
            String text = Files.readString(out.resolve("java").resolve(file));
            Matcher m = marker.matcher(text);
            int count = 0;
            while (m.find()) {
                count++;
            }
            assertEquals(1, count, file);
            assertTrue(!text.contains("\r"), file);
        }
    }
}
