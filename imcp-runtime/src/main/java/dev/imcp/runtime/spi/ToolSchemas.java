package dev.imcp.runtime.spi;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imcp.descriptor.JsonText;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON Schemas of one service's tools, kept by the generator in a resource next to the service's tool
 * provider ({@value #RESOURCE} in the provider's package) instead of Java string constants: a schema of any size
 * fits (a class file's string constant holds at most 65,535 bytes) and the generated classes stay small.
 *
 * <p>The resource is the JSON object {@code {"<tool name>": {"inputSchema": {...}, "outputSchema": {...}}}}
 * ({@code outputSchema} absent when the tool publishes none), written from the same entries as
 * {@code META-INF/imcp/tools.json}. Each schema is handed out as its UTF-8 bytes in a {@link JsonText} marked
 * {@link JsonText#compact() compact} (one JSON object on one line): nothing is decoded at start-up, and
 * {@code tools/list} copies the bytes as they are.
 */
public final class ToolSchemas {

    /** The resource's name, relative to the tool provider's package. */
    public static final String RESOURCE = "tool-schemas.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String origin;
    private final Map<String, JsonText[]> schemas;

    private ToolSchemas(String origin, Map<String, JsonText[]> schemas) {
        this.origin = origin;
        this.schemas = schemas;
    }

    /**
     * Reads the schemas of the service whose tool provider is {@code provider}.
     *
     * @param provider the generated tool provider class
     * @return the schemas
     * @throws IllegalStateException when the resource is missing or is not such a JSON object (the message names
     *     the resource)
     */
    public static ToolSchemas load(Class<?> provider) {
        String origin = provider.getPackageName().replace('.', '/') + "/" + RESOURCE;
        try (InputStream in = provider.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(origin + " is missing from the class path: rebuild the adapter");
            }
            // Token by token: each schema is cut out of the bytes as it is, no tree of the whole resource is built
            // and nothing is re-written (the resource of a large API runs to tens of megabytes).
            byte[] bytes = readFully(in);
            Map<String, JsonText[]> byLine = byLine(bytes);
            if (byLine != null) {
                return new ToolSchemas(origin, byLine);
            }
            Map<String, JsonText[]> schemas = new HashMap<>();
            try (JsonParser p = JSON.getFactory().createParser(bytes)) {
                if (p.nextToken() != JsonToken.START_OBJECT) {
                    throw new IllegalStateException(origin + " is not a JSON object");
                }
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String tool = p.currentName();
                    if (p.nextToken() != JsonToken.START_OBJECT) {
                        throw new IllegalStateException(origin + ": tool " + tool + " has no inputSchema object");
                    }
                    JsonText input = null;
                    JsonText output = null;
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String member = p.currentName();
                        JsonToken value = p.nextToken();
                        if ("inputSchema".equals(member) && value == JsonToken.START_OBJECT) {
                            input = slice(p, bytes);
                        } else if ("outputSchema".equals(member) && value == JsonToken.START_OBJECT) {
                            output = slice(p, bytes);
                        } else {
                            p.skipChildren();
                        }
                    }
                    if (input == null) {
                        throw new IllegalStateException(origin + ": tool " + tool + " has no inputSchema object");
                    }
                    schemas.put(tool, new JsonText[] {input, output});
                }
            }
            return new ToolSchemas(origin, schemas);
        } catch (IOException e) {
            throw new UncheckedIOException(origin + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** The largest array {@link #readFully} sizes up front, in bytes (256 MiB). */
    static final int MAX_PRESIZED = 256 << 20;

    /**
     * Reads {@code in} to its end into one array, sized up front from {@link InputStream#available()} when the
     * stream gives a positive figure (a jar entry's stream gives the bytes left of its uncompressed size), so that a
     * resource of tens of megabytes is inflated straight into its array: {@link InputStream#readAllBytes()} reads it
     * in chunks and copies them together, which took 430 ms of a 1,000-tool adapter's start-up for Kubernetes'
     * 42 MB instead of 280 ms. A figure that is wrong either way still yields exactly the stream's bytes; one above
     * {@link #MAX_PRESIZED} bytes is taken as that much (a stream may give any figure), the rest read after.
     */
    static byte[] readFully(InputStream in) throws IOException {
        int expected = Math.min(in.available(), MAX_PRESIZED);
        if (expected <= 0) {
            return in.readAllBytes();
        }
        byte[] bytes = new byte[expected];
        int read = in.readNBytes(bytes, 0, expected);
        if (read < expected) {
            return java.util.Arrays.copyOf(bytes, read);
        }
        byte[] rest = in.readAllBytes();
        if (rest.length == 0) {
            return bytes;
        }
        byte[] all = java.util.Arrays.copyOf(bytes, expected + rest.length);
        System.arraycopy(rest, 0, all, expected, rest.length);
        return all;
    }

    /**
     * Returns the input schema of {@code tool} as JSON text.
     *
     * @throws IllegalStateException when the resource has no entry for {@code tool}
     */
    public JsonText input(String tool) {
        return entry(tool)[0];
    }

    /**
     * Returns the output schema of {@code tool} as JSON text, or {@code null} when it publishes none.
     *
     * @throws IllegalStateException when the resource has no entry for {@code tool}
     */
    public JsonText output(String tool) {
        return entry(tool)[1];
    }

    /** A line of the generator's layout that opens a tool: its name, then its input schema on the next line. */
    private static final java.util.regex.Pattern TOOL_LINE =
            java.util.regex.Pattern.compile("(?:\\{|\\},)\"([A-Za-z0-9_.\\-]+)\":\\{\"inputSchema\":");

    /** The longest line read as a tool's opening or closing line (a schema line is never decoded as one). */
    private static final int MAX_SHORT_LINE = 512;

    /**
     * Reads the generator's layout (imcp-codegen's {@code ToolJson}): each schema alone on a line between lines
     * that open a tool ({@code {"name":{"inputSchema":} or {@code },"name":{"inputSchema":}), introduce its output
     * schema ({@code ,"outputSchema":}) and close the object ({@code }}}). Nothing is tokenized: the generator
     * wrote each schema compactly from a tree. Returns {@code null} for any other layout, which is then read token
     * by token.
     */
    static Map<String, JsonText[]> byLine(byte[] bytes) {
        List<int[]> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                lines.add(new int[] {start, i});
                start = i + 1;
            }
        }
        if (start < bytes.length) {
            lines.add(new int[] {start, bytes.length});
        }
        // Each tool's name and the lines of its input and output schema ({@code -1}: none).
        Map<String, int[]> tools = new HashMap<>();
        int i = 0;
        String line = shortLine(bytes, lines, i);
        while (line != null) {
            java.util.regex.Matcher open = TOOL_LINE.matcher(line);
            if (!open.matches() || (i == 0) != line.startsWith("{") || !schemaLine(bytes, lines, i + 1)) {
                return null;
            }
            int input = i + 1;
            int output = -1;
            int next = i + 2;
            if (",\"outputSchema\":".equals(shortLine(bytes, lines, next))) {
                if (!schemaLine(bytes, lines, next + 1)) {
                    return null;
                }
                output = next + 1;
                next += 2;
            }
            if (tools.put(open.group(1), new int[] {input, output}) != null) {
                return null;
            }
            line = shortLine(bytes, lines, next);
            if ("}}".equals(line)) {
                for (int rest = next + 1; rest < lines.size(); rest++) {
                    if (lines.get(rest)[1] > lines.get(rest)[0]) {
                        return null;
                    }
                }
                return packed(bytes, lines, tools);
            }
            i = next;
        }
        return null;
    }

    /**
     * Returns the schemas of {@code tools} (name to the indexes of its schema lines, {@code -1} for none), each
     * distinct text held once: identical schemas share one {@link JsonText} over one copy of their bytes, in an
     * array of their own (the resource's array, with its repeats and the lines around the schemas, is then free).
     * Contracts repeat whole schemas across operations (a resource's list, watch and delete calls, the same request
     * body for create and replace): Kubernetes' 2,124 schemas, 39 MB, are 609 distinct texts of 13 MB, which is what
     * an adapter for it keeps resident. Equal texts are found by comparing the bytes of lines that agree in length
     * and in a sample of their bytes ({@link #sampleKey}) only.
     */
    private static Map<String, JsonText[]> packed(byte[] bytes, List<int[]> lines, Map<String, int[]> tools) {
        Map<Long, List<Integer>> distinctByKey = new HashMap<>();
        Map<Integer, Integer> distinctOf = new HashMap<>(); // schema line -> the first line with the same text
        List<Integer> distinct = new ArrayList<>();
        long size = 0;
        for (int[] schemaLines : tools.values()) {
            for (int index : schemaLines) {
                if (index < 0 || distinctOf.containsKey(index)) {
                    continue;
                }
                int[] at = lines.get(index);
                List<Integer> sameKey = distinctByKey.computeIfAbsent(sampleKey(bytes, at[0], at[1]),
                        n -> new ArrayList<>(1));
                Integer same = null;
                for (int candidate : sameKey) {
                    int[] other = lines.get(candidate);
                    if (java.util.Arrays.equals(bytes, at[0], at[1], bytes, other[0], other[1])) {
                        same = candidate;
                        break;
                    }
                }
                if (same == null) {
                    sameKey.add(index);
                    distinct.add(index);
                    size += at[1] - at[0];
                    same = index;
                }
                distinctOf.put(index, same);
            }
        }
        byte[] held = new byte[Math.toIntExact(size)];
        Map<Integer, JsonText> texts = new HashMap<>();
        int offset = 0;
        for (int index : distinct) {
            int[] at = lines.get(index);
            int length = at[1] - at[0];
            System.arraycopy(bytes, at[0], held, offset, length);
            texts.put(index, JsonText.compactObject(held, offset, length));
            offset += length;
        }
        Map<String, JsonText[]> schemas = new HashMap<>();
        tools.forEach((tool, schemaLines) -> schemas.put(tool, new JsonText[] {
            texts.get(distinctOf.get(schemaLines[0])),
            schemaLines[1] < 0 ? null : texts.get(distinctOf.get(schemaLines[1]))}));
        return schemas;
    }

    /**
     * Returns a key of {@code bytes[from, to)} that equal ranges share: the length and 32 bytes sampled at even
     * steps, so that texts of one length that differ somewhere are seldom compared whole.
     */
    static long sampleKey(byte[] bytes, int from, int to) {
        int length = to - from;
        long h = length;
        for (int k = 0; k < 32 && length > 0; k++) {
            h = h * 31 + bytes[from + (int) ((long) length * k / 32)];
        }
        return h;
    }

    /** Returns line {@code index} when it is short enough to open or close a tool, else {@code null}. */
    private static String shortLine(byte[] bytes, List<int[]> lines, int index) {
        if (index >= lines.size() || lines.get(index)[1] - lines.get(index)[0] > MAX_SHORT_LINE) {
            return null;
        }
        int[] at = lines.get(index);
        return new String(bytes, at[0], at[1] - at[0], StandardCharsets.UTF_8);
    }

    /** Returns whether line {@code index} has the shape of a compact object ({@code {...}}). */
    private static boolean schemaLine(byte[] bytes, List<int[]> lines, int index) {
        if (index >= lines.size()) {
            return false;
        }
        int[] at = lines.get(index);
        return at[1] - at[0] >= 2 && bytes[at[0]] == '{' && bytes[at[1] - 1] == '}';
    }

    /**
     * Returns the JSON object at the parser (on its {@code START_OBJECT}) as its text in {@code bytes}, moving the
     * parser to its end; the text is re-written compactly when it holds a line break (the generator's never does).
     */
    private static JsonText slice(JsonParser p, byte[] bytes) throws IOException {
        int start = (int) p.currentTokenLocation().getByteOffset();
        p.skipChildren();
        int end = (int) p.currentLocation().getByteOffset();
        boolean lines = false;
        for (int i = start; i < end && !lines; i++) {
            lines = bytes[i] == '\n' || bytes[i] == '\r';
        }
        if (!lines) {
            return JsonText.compactObject(bytes, start, end - start);
        }
        StringWriter compact = new StringWriter(end - start);
        try (JsonParser again = JSON.getFactory().createParser(bytes, start, end - start);
             JsonGenerator g = JSON.getFactory().createGenerator(compact)) {
            again.nextToken();
            g.copyCurrentStructure(again);
        }
        return JsonText.compactObject(compact.toString().getBytes(StandardCharsets.UTF_8));
    }

    private JsonText[] entry(String tool) {
        JsonText[] entry = schemas.get(tool);
        if (entry == null) {
            throw new IllegalStateException(origin + " has no schemas for tool " + tool + ": rebuild the adapter");
        }
        return entry;
    }
}
