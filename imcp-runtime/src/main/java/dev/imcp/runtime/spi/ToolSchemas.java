package dev.imcp.runtime.spi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Iterator;
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
            JsonNode root = JSON.readTree(in);
            if (root == null || !root.isObject()) {
                throw new IllegalStateException(origin + " is not a JSON object");
            }
            Map<String, String[]> schemas = new HashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode input = e.getValue().get("inputSchema");
                JsonNode output = e.getValue().get("outputSchema");
                if (input == null || !input.isObject()) {
                    throw new IllegalStateException(origin + ": tool " + e.getKey() + " has no inputSchema object");
                }
                schemas.put(e.getKey(), new String[] {input.toString(), output == null ? null : output.toString()});
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

    private String[] entry(String tool) {
        String[] entry = schemas.get(tool);
        if (entry == null) {
            throw new IllegalStateException(origin + " has no schemas for tool " + tool + ": rebuild the adapter");
        }
        return entry;
    }
}
