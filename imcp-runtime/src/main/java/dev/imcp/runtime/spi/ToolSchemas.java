package dev.imcp.runtime.spi;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The JSON Schemas of one service's tools, kept by the generator in a resource next to the service's tool
 * provider ({@value #RESOURCE} in the provider's package) instead of Java string constants: a schema of any size
 * fits (a class file's string constant holds at most 65,535 bytes) and the generated classes stay small.
 *
 * <p>The resource is the JSON object {@code {"<tool name>": {"inputSchema": {...}, "outputSchema": {...}}}}
 * ({@code outputSchema} absent when the tool publishes none), written from the same entries as
 * {@code META-INF/imcp/tools.json}.
 */
public final class ToolSchemas {

    /** The resource's name, relative to the tool provider's package. */
    public static final String RESOURCE = "tool-schemas.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The texts this class handed out (by value, weakly: the descriptor holding a text keeps its entry). */
    private static final java.util.Set<String> WELL_FORMED = java.util.Collections.synchronizedSet(
            java.util.Collections.newSetFromMap(new java.util.WeakHashMap<>()));

    private final String origin;
    private final Map<String, String[]> schemas;

    private ToolSchemas(String origin, Map<String, String[]> schemas) {
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
            byte[] bytes = in.readAllBytes();
            Map<String, String[]> schemas = new HashMap<>();
            try (JsonParser p = JSON.getFactory().createParser(bytes)) {
                if (p.nextToken() != JsonToken.START_OBJECT) {
                    throw new IllegalStateException(origin + " is not a JSON object");
                }
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String tool = p.currentName();
                    if (p.nextToken() != JsonToken.START_OBJECT) {
                        throw new IllegalStateException(origin + ": tool " + tool + " has no inputSchema object");
                    }
                    String input = null;
                    String output = null;
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
                    schemas.put(tool, new String[] {input, output});
                }
            }
            return new ToolSchemas(origin, schemas);
        } catch (IOException e) {
            throw new UncheckedIOException(origin + " cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * Returns the input schema of {@code tool} as JSON text.
     *
     * @throws IllegalStateException when the resource has no entry for {@code tool}
     */
    public String input(String tool) {
        return entry(tool)[0];
    }

    /**
     * Returns the output schema of {@code tool} as JSON text, or {@code null} when it publishes none.
     *
     * @throws IllegalStateException when the resource has no entry for {@code tool}
     */
    public String output(String tool) {
        return entry(tool)[1];
    }

    /**
     * Returns the JSON object at the parser (on its {@code START_OBJECT}) as its text in {@code bytes}, moving the
     * parser to its end; the text is re-written compactly when it holds a line break (the generator's never does).
     */
    private static String slice(JsonParser p, byte[] bytes) throws IOException {
        int start = (int) p.currentTokenLocation().getByteOffset();
        p.skipChildren();
        int end = (int) p.currentLocation().getByteOffset();
        String text = new String(bytes, start, end - start, StandardCharsets.UTF_8);
        if (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            StringWriter compact = new StringWriter(text.length());
            try (JsonParser again = JSON.getFactory().createParser(text);
                 JsonGenerator g = JSON.getFactory().createGenerator(compact)) {
                again.nextToken();
                g.copyCurrentStructure(again);
            }
            text = compact.toString();
        }
        WELL_FORMED.add(text);
        return text;
    }

    /**
     * Returns whether {@code schema} is a text this class returned: one JSON object on one line, already read
     * token by token, so a consumer need not check it again.
     *
     * @param schema a schema text
     * @return {@code true} for a text of {@link #input} or {@link #output}
     */
    public static boolean isWellFormed(String schema) {
        return WELL_FORMED.contains(schema);
    }

    private String[] entry(String tool) {
        String[] entry = schemas.get(tool);
        if (entry == null) {
            throw new IllegalStateException(origin + " has no schemas for tool " + tool + ": rebuild the adapter");
        }
        return entry;
    }
}
