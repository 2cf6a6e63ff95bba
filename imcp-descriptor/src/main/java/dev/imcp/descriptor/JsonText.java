package dev.imcp.descriptor;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.JsonStringEncoder;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * One JSON value as text (a tool's JSON Schema), held as UTF-8 bytes or as a {@link String}, whichever it was made
 * from, and turned into the other only when asked, once.
 *
 * <p>Why: an adapter's schemas come from the generated resource as UTF-8 bytes and go out in {@code tools/list} as
 * UTF-8 bytes. Held as bytes, start-up does not decode them (tens of megabytes for a large API, a fifth of the
 * start-up of a 1,000-tool adapter) and a {@code tools/list} copies them into the answer instead of encoding them
 * again. As a Jackson {@link SerializableString}, a generator writes it with
 * {@link com.fasterxml.jackson.core.JsonGenerator#writeRawValue(SerializableString)}: the unquoted forms are the text
 * itself, the quoted forms the text escaped as a JSON string (RFC 8259, section 7).
 *
 * <p>{@link #compact()} tells whether whoever made it vouched that it is one JSON object on one line (the generated
 * resource's layout, see {@code ToolSchemas}), so that readers need not tokenize it again.
 *
 * <p>Equality is by content. Thread-safe; the bytes are never modified, neither by this class nor by Jackson.
 */
public final class JsonText implements SerializableString {

    private final boolean compact;
    /** The UTF-8 bytes are {@code utf8[offset, offset + length)}; {@code utf8} is {@code null} until asked for. */
    private volatile byte[] utf8;
    private final int offset;
    private volatile int length;
    private volatile String text;

    private JsonText(byte[] utf8, int offset, int length, String text, boolean compact) {
        this.utf8 = utf8;
        this.offset = offset;
        this.length = length;
        this.text = text;
        this.compact = compact;
    }

    /**
     * Returns {@code text} as a JSON text, not checked.
     *
     * @param text the JSON text
     * @return the text
     * @throws NullPointerException when {@code text} is {@code null}
     */
    public static JsonText of(String text) {
        return new JsonText(null, 0, 0, Objects.requireNonNull(text, "text"), false);
    }

    /**
     * Returns {@code text} as a JSON text, or {@code null} when it is {@code null}.
     *
     * @param text the JSON text, or {@code null}
     * @return the text, or {@code null}
     */
    public static JsonText ofNullable(String text) {
        return text == null ? null : of(text);
    }

    /**
     * Returns the UTF-8 bytes {@code utf8} as a JSON text whose maker vouches that it is exactly one JSON object,
     * compactly on one line ({@link #compact()}). The array is kept, not copied: the caller must not change it.
     *
     * @param utf8 the text in UTF-8 (not checked: invalid sequences decode to U+FFFD when a {@link String} is asked)
     * @return the text
     * @throws NullPointerException when {@code utf8} is {@code null}
     */
    public static JsonText compactObject(byte[] utf8) {
        return new JsonText(Objects.requireNonNull(utf8, "utf8"), 0, utf8.length, null, true);
    }

    /**
     * As {@link #compactObject(byte[])}, for the bytes {@code utf8[offset, offset + length)}: many texts may share
     * one array (the generated resource, read once), which is kept, not copied.
     *
     * @param utf8 the array holding the text in UTF-8
     * @param offset where the text starts
     * @param length the text's length in bytes
     * @return the text
     * @throws IndexOutOfBoundsException when the range is not inside {@code utf8}
     */
    public static JsonText compactObject(byte[] utf8, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, utf8.length);
        return new JsonText(utf8, offset, length, null, true);
    }

    /** Returns whether the maker vouched that this is one JSON object on one line ({@link #compactObject}). */
    public boolean compact() {
        return compact;
    }

    /** Returns the length of the text in UTF-8 bytes, without decoding it. */
    public int utf8Length() {
        array(); // encodes a String-made text, which sets its length
        return length;
    }

    /** Returns the UTF-8 bytes as a stream, without copying them (what a JSON parser reads). */
    public InputStream utf8Stream() {
        return new ByteArrayInputStream(array(), offset, length);
    }

    /**
     * Returns the text, decoded from UTF-8 when it was made from bytes: on the first call for a text of at most
     * {@link #KEPT_DECODED} bytes, which is then kept; on every call for a larger one, which would otherwise be held
     * twice (writing through a {@link java.io.Writer}, as an SSE event does, asks for it).
     */
    @Override
    public String toString() {
        String t = text;
        if (t == null) {
            t = new String(utf8, offset, length, StandardCharsets.UTF_8);
            if (length <= KEPT_DECODED) {
                text = t;
            }
        }
        return t;
    }

    /** The largest text, in UTF-8 bytes, whose decoded {@link String} is kept once made: 64 KiB. */
    public static final int KEPT_DECODED = 64 * 1024;

    /**
     * Returns the array holding the UTF-8 bytes at {@code [offset, offset + length)}, encoding them on the first call
     * when the text was made from a {@link String}; never modify.
     */
    private byte[] array() {
        byte[] b = utf8;
        if (b == null) {
            byte[] encoded = text.getBytes(StandardCharsets.UTF_8);
            length = encoded.length; // offset is 0 for a String-made text; length before utf8, which readers test
            utf8 = encoded;
            b = encoded;
        }
        return b;
    }

    /** Returns the UTF-8 bytes as an array of their own: the held one when the text fills it, else a copy. */
    private byte[] utf8() {
        byte[] b = array();
        return offset == 0 && length == b.length ? b : Arrays.copyOfRange(b, offset, offset + length);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof JsonText other)) {
            return false;
        }
        byte[] a = utf8;
        byte[] b = other.utf8;
        return a != null && b != null
                ? Arrays.equals(a, offset, offset + length, b, other.offset, other.offset + other.length)
                : toString().equals(other.toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }

    // --- SerializableString: the unquoted forms are the text, the quoted ones the text as a JSON string's content

    @Override
    public String getValue() {
        return toString();
    }

    @Override
    public int charLength() {
        return toString().length();
    }

    @Override
    public char[] asQuotedChars() {
        return JsonStringEncoder.getInstance().quoteAsString(toString());
    }

    @Override
    public byte[] asUnquotedUTF8() {
        return utf8();
    }

    @Override
    public byte[] asQuotedUTF8() {
        return JsonStringEncoder.getInstance().quoteAsUTF8(toString());
    }

    @Override
    public int appendQuotedUTF8(byte[] buffer, int offset) {
        return copy(asQuotedUTF8(), buffer, offset);
    }

    @Override
    public int appendQuoted(char[] buffer, int offset) {
        char[] quoted = asQuotedChars();
        if (offset + quoted.length > buffer.length) {
            return -1;
        }
        System.arraycopy(quoted, 0, buffer, offset, quoted.length);
        return quoted.length;
    }

    @Override
    public int appendUnquotedUTF8(byte[] buffer, int at) {
        byte[] b = array();
        if (at + length > buffer.length) {
            return -1;
        }
        System.arraycopy(b, offset, buffer, at, length);
        return length;
    }

    @Override
    public int appendUnquoted(char[] buffer, int offset) {
        String t = toString();
        if (offset + t.length() > buffer.length) {
            return -1;
        }
        t.getChars(0, t.length(), buffer, offset);
        return t.length();
    }

    @Override
    public int writeQuotedUTF8(OutputStream out) throws IOException {
        byte[] quoted = asQuotedUTF8();
        out.write(quoted);
        return quoted.length;
    }

    @Override
    public int writeUnquotedUTF8(OutputStream out) throws IOException {
        byte[] b = array();
        out.write(b, offset, length);
        return length;
    }

    @Override
    public int putQuotedUTF8(ByteBuffer buffer) {
        return put(asQuotedUTF8(), buffer);
    }

    @Override
    public int putUnquotedUTF8(ByteBuffer buffer) {
        byte[] b = array();
        if (length > buffer.remaining()) {
            return -1;
        }
        buffer.put(b, offset, length);
        return length;
    }

    private static int copy(byte[] from, byte[] buffer, int offset) { // the quoted forms
        if (offset + from.length > buffer.length) {
            return -1;
        }
        System.arraycopy(from, 0, buffer, offset, from.length);
        return from.length;
    }

    private static int put(byte[] from, ByteBuffer buffer) {
        if (from.length > buffer.remaining()) {
            return -1;
        }
        buffer.put(from);
        return from.length;
    }
}
