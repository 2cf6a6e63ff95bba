package dev.imcp.descriptor;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.JsonStringEncoder;

import java.io.IOException;
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
    private volatile byte[] utf8;
    private volatile String text;

    private JsonText(byte[] utf8, String text, boolean compact) {
        this.utf8 = utf8;
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
        return new JsonText(null, Objects.requireNonNull(text, "text"), false);
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
        return new JsonText(Objects.requireNonNull(utf8, "utf8"), null, true);
    }

    /** Returns whether the maker vouched that this is one JSON object on one line ({@link #compactObject}). */
    public boolean compact() {
        return compact;
    }

    /** Returns the length of the text in UTF-8 bytes, without decoding it. */
    public int utf8Length() {
        return utf8().length;
    }

    /** Returns the text, decoded from UTF-8 on the first call when it was made from bytes. */
    @Override
    public String toString() {
        String t = text;
        if (t == null) {
            t = new String(utf8, StandardCharsets.UTF_8);
            text = t;
        }
        return t;
    }

    /** Returns the UTF-8 bytes, encoded on the first call when it was made from a {@link String}; never modify. */
    private byte[] utf8() {
        byte[] b = utf8;
        if (b == null) {
            b = text.getBytes(StandardCharsets.UTF_8);
            utf8 = b;
        }
        return b;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JsonText other && (utf8 != null && other.utf8 != null ? Arrays.equals(utf8, other.utf8)
                : toString().equals(other.toString()));
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
    public int appendUnquotedUTF8(byte[] buffer, int offset) {
        return copy(utf8(), buffer, offset);
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
        byte[] b = utf8();
        out.write(b);
        return b.length;
    }

    @Override
    public int putQuotedUTF8(ByteBuffer buffer) {
        return put(asQuotedUTF8(), buffer);
    }

    @Override
    public int putUnquotedUTF8(ByteBuffer buffer) {
        return put(utf8(), buffer);
    }

    private static int copy(byte[] from, byte[] buffer, int offset) {
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
