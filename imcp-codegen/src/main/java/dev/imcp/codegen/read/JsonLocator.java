package dev.imcp.codegen.read;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.imcp.codegen.model.SourceLocation;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Maps JSON pointers of a JSON or YAML document to line and column, for diagnostics.
 *
 * <p>Walks the raw text once with Jackson's streaming parser and records, for every value, where it
 * starts: the member name's position for object members, the value's position for array elements.
 * A pointer that is not in the document is located at its nearest ancestor that is.
 */
public final class JsonLocator {

    private final String file;
    private final Map<String, int[]> positions = new HashMap<>();

    private JsonLocator(String file) {
        this.file = file;
    }

    /**
     * Indexes {@code text}; a malformed document is indexed up to its first error.
     *
     * @param file the file name used in the locations
     * @param text the document
     * @return the locator
     */
    public static JsonLocator of(String file, String text) {
        JsonLocator locator = new JsonLocator(file);
        try (JsonParser parser = RawDocuments.factoryFor(text).createParser(text)) {
            locator.walk(parser);
        } catch (IOException | RuntimeException e) {
            // Keep what was indexed before the syntax error; the reader reports the error itself.
        }
        return locator;
    }

    private void walk(JsonParser parser) throws IOException {
        Deque<String> path = new ArrayDeque<>();
        Deque<int[]> arrayIndex = new ArrayDeque<>();
        Deque<Boolean> inArray = new ArrayDeque<>();
        JsonToken token;
        String pending = null;
        while ((token = parser.nextToken()) != null) {
            if (token == JsonToken.FIELD_NAME) {
                pending = escape(parser.currentName());
                record(path, pending, parser.currentTokenLocation());
                continue;
            }
            String segment = null;
            if (!inArray.isEmpty() && inArray.peek() && token != JsonToken.END_ARRAY) {
                segment = Integer.toString(arrayIndex.peek()[0]++);
                record(path, segment, parser.currentTokenLocation());
            } else if (pending != null) {
                segment = pending;
            }
            pending = null;
            if (path.isEmpty() && inArray.isEmpty() && (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY)) {
                positions.putIfAbsent("", position(parser.currentTokenLocation()));
            }
            switch (token) {
                case START_OBJECT, START_ARRAY -> {
                    if (segment != null) {
                        path.addLast(segment);
                    } else {
                        path.addLast("\u0000");
                    }
                    inArray.push(token == JsonToken.START_ARRAY);
                    arrayIndex.push(new int[] {0});
                }
                case END_OBJECT, END_ARRAY -> {
                    path.pollLast();
                    inArray.pop();
                    arrayIndex.pop();
                }
                default -> {
                    // scalar: recorded above
                }
            }
        }
    }

    private void record(Deque<String> path, String segment, JsonLocation location) {
        StringBuilder b = new StringBuilder();
        for (String s : path) {
            if (!s.equals("\u0000")) {
                b.append('/').append(s);
            }
        }
        b.append('/').append(segment);
        positions.putIfAbsent(b.toString(), position(location));
    }

    private static int[] position(JsonLocation location) {
        return new int[] {Math.max(0, location.getLineNr()), Math.max(0, location.getColumnNr())};
    }

    private static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }

    /**
     * Returns the location of {@code pointer}, or of its nearest ancestor in the document.
     *
     * @param pointer a JSON pointer ({@code ""} for the root)
     * @return the location, carrying {@code pointer} itself
     */
    public SourceLocation locate(String pointer) {
        String p = pointer;
        while (true) {
            int[] pos = positions.get(p);
            if (pos != null) {
                return new SourceLocation(file, pos[0], pos[1], pointer);
            }
            if (p.isEmpty()) {
                return SourceLocation.of(file, pointer);
            }
            int slash = p.lastIndexOf('/');
            p = slash <= 0 ? "" : p.substring(0, slash);
        }
    }

    /** Returns whether {@code pointer} names a value of the document. */
    public boolean contains(String pointer) {
        return positions.containsKey(pointer);
    }

    /** Returns the file name locations carry. */
    public String file() {
        return file;
    }

    /** Builds the JSON pointer of {@code segments} under {@code base}, escaping each segment. */
    public static String pointer(String base, Object... segments) {
        StringBuilder b = new StringBuilder(base);
        for (Object s : segments) {
            b.append('/').append(escape(String.valueOf(s)));
        }
        return b.toString();
    }
}
