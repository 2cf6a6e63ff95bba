package dev.imcp.descriptor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A JSON text made from UTF-8 bytes or from a string: both forms, both kinds of Jackson generator. */
class JsonTextTest {

    /** Non-ASCII on purpose: two-, three- and four-byte UTF-8 sequences, and a quote escaped inside a string. */
    private static final String SCHEMA = "{\"description\":\"Größe – \\\"max\\\" 🐈\",\"type\":\"object\"}";

    /** Writes {@code text} twice in an array through Jackson's byte generator. */
    private static String writeUtf8(JsonText text) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeTwice(new JsonFactory().createGenerator(out), text);
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Writes {@code text} twice in an array through Jackson's character generator. */
    private static String writeChars(JsonText text) throws Exception {
        StringWriter out = new StringWriter();
        writeTwice(new JsonFactory().createGenerator(out), text);
        return out.toString();
    }

    private static void writeTwice(JsonGenerator generator, JsonText text) throws Exception {
        try (JsonGenerator g = generator) {
            g.writeStartArray();
            g.writeRawValue(text);
            g.writeRawValue(text);
            g.writeEndArray();
        }
    }

    @Test
    void bytesAndStringWriteTheSameTextThroughEitherGenerator() throws Exception {
        String expected = "[" + SCHEMA + "," + SCHEMA + "]";
        JsonText fromBytes = JsonText.compactObject(SCHEMA.getBytes(StandardCharsets.UTF_8));
        JsonText fromString = JsonText.of(SCHEMA);
        assertEquals(expected, writeUtf8(fromBytes));
        assertEquals(expected, writeChars(fromBytes));
        assertEquals(expected, writeUtf8(fromString));
        assertEquals(expected, writeChars(fromString));
        assertEquals(SCHEMA, fromBytes.toString());
        assertEquals(SCHEMA.getBytes(StandardCharsets.UTF_8).length, fromString.utf8Length());
    }

    @Test
    void aLargeTextGoesOutWholeWhenItDoesNotFitTheGeneratorsBuffer() throws Exception {
        String big = "{\"enum\":[" + "\"ü\",".repeat(40_000) + "\"end\"]}";
        assertEquals("[" + big + "," + big + "]", writeUtf8(JsonText.compactObject(big.getBytes(StandardCharsets.UTF_8))));
        assertEquals("[" + big + "," + big + "]", writeChars(JsonText.compactObject(big.getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void bytesAreKeptAsGivenAndDecodedOnce() {
        byte[] utf8 = SCHEMA.getBytes(StandardCharsets.UTF_8);
        JsonText text = JsonText.compactObject(utf8);
        assertSame(utf8, text.asUnquotedUTF8());
        assertSame(text.toString(), text.toString(), "a small text is decoded once");
        byte[] big = ("{\"description\":\"" + "é".repeat(JsonText.KEPT_DECODED) + "\"}").getBytes(StandardCharsets.UTF_8);
        JsonText large = JsonText.compactObject(big);
        assertEquals(large.toString(), large.toString());
        org.junit.jupiter.api.Assertions.assertNotSame(large.toString(), large.toString(), "a large one is not kept twice");
        assertTrue(text.compact());
        assertFalse(JsonText.of(SCHEMA).compact());
    }

    @Test
    void slicesOfOneArrayAreTextsOfTheirOwn() throws Exception {
        byte[] whole = ("{\"a\":1}\n" + SCHEMA + "\n").getBytes(StandardCharsets.UTF_8);
        int start = "{\"a\":1}\n".length();
        int length = SCHEMA.getBytes(StandardCharsets.UTF_8).length;
        JsonText first = JsonText.compactObject(whole, 0, 7);
        JsonText second = JsonText.compactObject(whole, start, length);
        assertEquals("{\"a\":1}", first.toString());
        assertEquals(SCHEMA, second.toString());
        assertEquals(length, second.utf8Length());
        assertEquals("[" + SCHEMA + "," + SCHEMA + "]", writeUtf8(second));
        assertEquals("[" + SCHEMA + "," + SCHEMA + "]", writeChars(second));
        assertArrayEquals(SCHEMA.getBytes(StandardCharsets.UTF_8), second.asUnquotedUTF8(), "a copy of the slice");
        assertArrayEquals(SCHEMA.getBytes(StandardCharsets.UTF_8), second.utf8Stream().readAllBytes());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(length, second.writeUnquotedUTF8(out));
        assertEquals(SCHEMA, out.toString(StandardCharsets.UTF_8));
        assertEquals(JsonText.of(SCHEMA), second);
        assertEquals(second, JsonText.compactObject(SCHEMA.getBytes(StandardCharsets.UTF_8)));
        assertNotEquals(first, second);
        org.junit.jupiter.api.Assertions.assertThrows(IndexOutOfBoundsException.class,
                () -> JsonText.compactObject(whole, start, whole.length));
    }

    @Test
    void quotedFormsAreTheTextAsAJsonStringsContent() throws Exception {
        JsonText text = JsonText.compactObject("{\"a\":\"é\"}".getBytes(StandardCharsets.UTF_8));
        assertEquals("{\\\"a\\\":\\\"é\\\"}", new String(text.asQuotedChars()));
        assertArrayEquals("{\\\"a\\\":\\\"é\\\"}".getBytes(StandardCharsets.UTF_8), text.asQuotedUTF8());
        StringWriter out = new StringWriter();
        try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
            g.writeString(text);
        }
        assertEquals("\"{\\\"a\\\":\\\"é\\\"}\"", out.toString());
    }

    @Test
    void appendsReportWhenTheBufferIsTooSmall() {
        JsonText text = JsonText.of("{\"a\":1}");
        assertEquals(-1, text.appendUnquotedUTF8(new byte[4], 0));
        assertEquals(-1, text.appendUnquoted(new char[8], 2));
        assertEquals(-1, text.putUnquotedUTF8(ByteBuffer.allocate(3)));
        byte[] buffer = new byte[10];
        assertEquals(7, text.appendUnquotedUTF8(buffer, 3));
        assertEquals("{\"a\":1}", new String(buffer, 3, 7, StandardCharsets.UTF_8));
        char[] chars = new char[9];
        assertEquals(7, text.appendUnquoted(chars, 2));
        assertEquals("{\"a\":1}", new String(chars, 2, 7));
    }

    @Test
    void equalityIsByContentWhateverTheForm() {
        JsonText a = JsonText.compactObject(SCHEMA.getBytes(StandardCharsets.UTF_8));
        JsonText b = JsonText.of(SCHEMA);
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertEquals(a, JsonText.compactObject(SCHEMA.getBytes(StandardCharsets.UTF_8)));
        assertNotEquals(a, JsonText.of("{}"));
    }
}
