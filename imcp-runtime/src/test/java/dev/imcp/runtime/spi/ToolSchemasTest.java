package dev.imcp.runtime.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/**
 * The generator's layout of {@code tool-schemas.json} (each schema on a line of its own) is read by line; it is
 * still one JSON document, and a JSON parser reads the same schemas from it.
 */
class ToolSchemasTest {

    @Test
    void theGeneratorsLayoutIsReadByLineAndIsValidJson() throws Exception {
        ToolSchemas schemas = ToolSchemas.load(ToolSchemasTest.class);
        assertEquals("{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"string\",\"description\":\"na\\u00efve \u00e9t\u00e9\"}}}",
                schemas.input("getPet").toString());
        assertEquals("{\"type\":\"object\"}", schemas.output("getPet").toString());
        assertEquals("{\"type\":\"object\"}", schemas.input("ping-1").toString());
        assertNull(schemas.output("ping-1"));
        assertTrue(schemas.input("getPet").compact(), "vouched for: one object on one line");
        var tree = new ObjectMapper().readTree(ToolSchemasTest.class.getResourceAsStream(ToolSchemas.RESOURCE));
        assertEquals(tree.at("/getPet/inputSchema"), new ObjectMapper().readTree(schemas.input("getPet").toString()),
                "the same schema a JSON parser reads");
        IllegalStateException unknown = assertThrows(IllegalStateException.class, () -> schemas.input("nope"));
        assertTrue(unknown.getMessage().endsWith("has no schemas for tool nope: rebuild the adapter"), unknown.getMessage());
    }

    @Test
    void onlyTheGeneratorsLayoutIsTakenByLine() throws Exception {
        byte[] generated = ToolSchemasTest.class.getResourceAsStream(ToolSchemas.RESOURCE).readAllBytes();
        assertEquals(java.util.Set.of("getPet", "ping-1"), ToolSchemas.byLine(generated).keySet());
        for (String other : new String[] {
                "{\"a\":{\"inputSchema\":{\"type\":\"object\"}}}",                       // one line
                "{\"a\":{\"inputSchema\":\n{\"type\":\"object\"}\n}}\ntrailing",            // text after the end
                "{\"a\":{\"inputSchema\":\n[1]\n}}",                                        // not an object
                "{\"a\":{\"inputSchema\":\n{}\n},\"a\":{\"inputSchema\":\n{}\n}}",            // a name twice
                "{\"a b\":{\"inputSchema\":\n{}\n}}",                                       // a name the generator never writes
                "{}"}) {
            assertNull(ToolSchemas.byLine(other.getBytes(java.nio.charset.StandardCharsets.UTF_8)), other);
        }
    }

    @Test
    void identicalSchemasAreHeldOnce() {
        // b's input repeats a's; c's input has the same length as a's but other bytes; a's output repeats c's input.
        String resource = "{\"a\":{\"inputSchema\":\n{\"type\":\"object\",\"x\":1}\n,\"outputSchema\":\n{\"type\":\"object\",\"y\":2}\n"
                + "},\"b\":{\"inputSchema\":\n{\"type\":\"object\",\"x\":1}\n"
                + "},\"c\":{\"inputSchema\":\n{\"type\":\"object\",\"y\":2}\n"
                + "},\"d\":{\"inputSchema\":\n{\"type\":\"object\",\"z\":3}\n}}\n";
        var schemas = ToolSchemas.byLine(resource.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(java.util.Set.of("a", "b", "c", "d"), schemas.keySet());
        assertEquals("{\"type\":\"object\",\"x\":1}", schemas.get("a")[0].toString());
        assertEquals("{\"type\":\"object\",\"y\":2}", schemas.get("a")[1].toString());
        assertEquals("{\"type\":\"object\",\"z\":3}", schemas.get("d")[0].toString());
        assertSame(schemas.get("a")[0], schemas.get("b")[0], "a's and b's input: one text");
        assertSame(schemas.get("a")[1], schemas.get("c")[0], "a's output and c's input: one text");
        assertNotSame(schemas.get("a")[0], schemas.get("d")[0], "same length, other bytes");
        assertNull(schemas.get("b")[1]);
        // Three distinct texts for six schemas.
        assertEquals(3, java.util.stream.Stream.of("a", "b", "c", "d")
                .flatMap(t -> java.util.Arrays.stream(schemas.get(t))).filter(java.util.Objects::nonNull)
                .map(System::identityHashCode).distinct().count());
    }

    /** A stream of {@code bytes} that claims {@code available} bytes are left, true or not. */
    private static java.io.InputStream claiming(byte[] bytes, int available) {
        return new java.io.ByteArrayInputStream(bytes) {
            private boolean asked;

            @Override
            public synchronized int available() {
                if (asked) {
                    return super.available();
                }
                asked = true;
                return available;
            }
        };
    }

    @Test
    void aResourceIsReadInFullWhateverItsStreamClaimsIsLeft() throws Exception {
        byte[] bytes = new byte[100_000];
        new java.util.Random(7).nextBytes(bytes);
        for (int claim : new int[] {0, -1, 1, 4096, 99_999, 100_000, 100_001, 1 << 20, Integer.MAX_VALUE}) {
            assertTrue(java.util.Arrays.equals(bytes, ToolSchemas.readFully(claiming(bytes, claim))),
                    "stream claiming " + claim + " bytes left");
        }
        assertEquals(0, ToolSchemas.readFully(claiming(new byte[0], 10)).length);
    }

    @Test
    void aJarEntrysStreamTellsItsUncompressedSizeWhichTheArrayIsSizedBy() throws Exception {
        java.nio.file.Path jar = java.nio.file.Files.createTempFile("schemas", ".jar");
        try {
            byte[] text = "{\"t\":{\"inputSchema\":{}}}".repeat(10_000).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            try (var out = new java.util.jar.JarOutputStream(java.nio.file.Files.newOutputStream(jar))) {
                out.putNextEntry(new java.util.jar.JarEntry("p/" + ToolSchemas.RESOURCE));
                out.write(text);
                out.closeEntry();
            }
            try (var loader = new java.net.URLClassLoader(new java.net.URL[] {jar.toUri().toURL()}, null);
                 var in = loader.getResourceAsStream("p/" + ToolSchemas.RESOURCE)) {
                assertEquals(text.length, in.available(), "the figure readFully sizes its array by");
                assertTrue(java.util.Arrays.equals(text, ToolSchemas.readFully(in)));
            }
        } finally {
            java.nio.file.Files.deleteIfExists(jar);
        }
    }
}
