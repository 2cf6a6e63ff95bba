package dev.imcp.codegen.writer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.imcp.codegen.CodegenRequest;
import dev.imcp.codegen.ImcpGenerator;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A contract whose operations need more constants than one class file holds (65,535, JVMS section 4.1) gets its
 * stub's methods in parts, inner classes the tools call through ({@code upstream.operations2.x(input)}), and
 * compiles: before, javac failed the whole adapter with "too many constants" (Microsoft Graph, 11,422 operations).
 * A provider of many tools adds them from nested classes of {@link ProviderWriter#ADDS_PER_METHOD} each, for the
 * same limit (Microsoft Graph's beta, 22,361 tools) and a method's 64 KB of code.
 */
class UpstreamPartsTest {

    /** Operations of the test contract, each with {@link #PARAMETERS} query parameters of its own. */
    static final int OPERATIONS = 200;
    static final int PARAMETERS = 100;

    @TempDir
    Path out;

    /** An MCP JSON contract of {@code operations} operations, each with its own {@code PARAMETERS} query parameters. */
    static String contract(int operations) {
        StringBuilder tools = new StringBuilder();
        for (int op = 0; op < operations; op++) {
            StringBuilder properties = new StringBuilder();
            StringBuilder query = new StringBuilder();
            for (int p = 0; p < PARAMETERS; p++) {
                String name = "q" + op + "x" + p;
                properties.append(p == 0 ? "" : ",").append('"').append(name).append("\":{\"type\":\"string\"}");
                query.append(p == 0 ? "" : ",").append('"').append(name).append('"');
            }
            tools.append(op == 0 ? "" : ",\n").append("""
                    {"name": "search%d", "description": "Search %d.",
                     "inputSchema": {"type": "object", "properties": {%s}},
                     "endpoint": {"method": "GET", "baseUrl": "http://127.0.0.1:9", "path": "/search/%d",
                                  "queryParams": [%s]}}""".formatted(op, op, properties, op, query));
        }
        return "{\"name\": \"big\", \"version\": \"1\", \"description\": \"Big.\", \"tools\": [\n" + tools + "]}\n";
    }

    @Test
    void aStubTooLargeForOneClassIsSplitAndCompiles() throws Exception {
        Path file = out.resolve("big.mcp.json");
        Files.writeString(file, contract(OPERATIONS));
        new ImcpGenerator().generate(new CodegenRequest(List.of(file), out, out.resolve("java"),
                out.resolve("resources"), "com.example.gen"));

        Path pkg = out.resolve("java/com/example/gen/big");
        String stub = Files.readString(pkg.resolve("BigUpstream.java"));
        assertTrue(stub.contains("public final class Operations2 {"), "the stub is split");
        assertTrue(stub.contains("public final Operations2 operations2 = new Operations2();"), "part 2's field");
        assertTrue(Files.readString(pkg.resolve("Search0Tool.java")).contains("return upstream.search0(input);"),
                "the first part stays on the stub");
        String last = Files.readString(pkg.resolve("Search" + (OPERATIONS - 1) + "Tool.java"));
        assertTrue(last.matches("(?s).*return upstream\\.operations\\d+\\.search" + (OPERATIONS - 1) + "\\(input\\);.*"),
                "a later tool calls its part: " + last);

        Path classes = RecursiveSchemaTest.compile(out);

        Path part2 = classes.resolve("com/example/gen/big/BigUpstream$Operations2.class");
        int pool = constantPoolCount(part2);
        long partMethods = partMethodCount(stub, "Operations2");
        assertTrue(partMethods > 0, "part 2 has methods");
        int estimated = (int) partMethods * (16 + 6 * PARAMETERS); // each name new to the part: 3 + 3 per parameter
        assertTrue(pool <= estimated, "the estimate (" + estimated + ") covers what javac wrote (" + pool + ")");
        assertTrue(pool > estimated / 3, "and is not far off: " + pool + " of " + estimated);
        int outer = constantPoolCount(classes.resolve("com/example/gen/big/BigUpstream.class"));
        assertTrue(outer <= UpstreamWriter.PART_CONSTANTS, "the outer class keeps to the budget of a part too: " + outer);
    }

    @Test
    void aProviderOfManyToolsAddsThemFromNestedClassesAndCompiles() throws Exception {
        int count = ProviderWriter.ADDS_PER_METHOD + 1;
        StringBuilder tools = new StringBuilder();
        for (int i = 0; i < count; i++) {
            tools.append(i == 0 ? "" : ",\n").append(("{\"name\": \"ping%d\", \"description\": \"Ping %d.\","
                    + " \"inputSchema\": {\"type\": \"object\"}, \"endpoint\": {\"method\": \"GET\","
                    + " \"baseUrl\": \"http://127.0.0.1:9\", \"path\": \"/ping/%d\"}}").formatted(i, i, i));
        }
        Path file = out.resolve("many.mcp.json");
        Files.writeString(file, "{\"name\": \"many\", \"version\": \"1\", \"tools\": [\n" + tools + "]}\n");
        new ImcpGenerator().generate(new CodegenRequest(List.of(file), out, out.resolve("java"),
                out.resolve("resources"), "com.example.gen"));

        String provider = Files.readString(out.resolve("java/com/example/gen/many/ManyToolProvider.java"));
        assertTrue(provider.contains("Tools0.add(tools, stub, schemas);")
                && provider.contains("Tools1.add(tools, stub, schemas);"), provider);
        assertTrue(provider.contains("private static final class Tools1 {"), "each part is a class of its own");
        assertEquals(count, provider.lines().filter(l -> l.contains("tools.add(new ")).count(), "every tool once");

        Path classes = RecursiveSchemaTest.compile(out);
        assertTrue(Files.isRegularFile(classes.resolve("com/example/gen/many/ManyToolProvider$Tools1.class")));
    }

    @Test
    void aContractWithinOneClassHasNoParts() throws Exception {
        Path file = out.resolve("small.mcp.json");
        Files.writeString(file, contract(20));
        new ImcpGenerator().generate(new CodegenRequest(List.of(file), out, out.resolve("java"),
                out.resolve("resources"), "com.example.gen"));
        String stub = Files.readString(out.resolve("java/com/example/gen/small/SmallUpstream.java"));
        assertFalse(stub.contains("Operations2"), stub);
    }

    /** Counts the methods declared in the inner class {@code part} of {@code stub}'s source (4-space indented). */
    static long partMethodCount(String stub, String part) {
        int start = stub.indexOf("public final class " + part + " {");
        int end = stub.indexOf("\n    }\n", start);
        return stub.substring(start, end).lines().filter(l -> l.startsWith("        public ") && l.contains("(")
                && !l.contains(part + "(")).count();
    }

    /** Reads a class file's {@code constant_pool_count} (JVMS section 4.1: after magic, minor and major version). */
    static int constantPoolCount(Path classFile) throws IOException {
        try (InputStream in = Files.newInputStream(classFile); DataInputStream data = new DataInputStream(in)) {
            assertEquals(0xCAFEBABE, data.readInt());
            data.readUnsignedShort();
            data.readUnsignedShort();
            return data.readUnsignedShort();
        }
    }
}
