package dev.imcp.descriptor;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * A tool as MCP clients see it in a {@code tools/list} result: the one writer of that JSON object, used by the
 * runtime's {@code tools/list}, by the generator's {@code META-INF/imcp/tools.json} and by the lockfile
 * ({@code imcp.lock.json}), so the three never differ.
 *
 * <p>Members, in this order (MCP "Tool", revision 2025-06-18 and later): {@code name}; {@code title} when set;
 * {@code description} when set; {@code inputSchema}; {@code outputSchema} when the tool has one; {@code annotations}
 * (MCP {@code ToolAnnotations}, sorted by hint name) when it has any. A revision that lacks a member leaves it out
 * ({@link #write(JsonGenerator, Set)}'s {@code members}). The schemas are JSON text, written as they are: neither
 * parsed nor re-serialized, so a large schema costs one copy (of its UTF-8 bytes, when the generator writes UTF-8 and
 * the {@link JsonText} holds them).
 *
 * @param name the tool name
 * @param title the human-readable title, or {@code null}
 * @param description the description, or {@code null}
 * @param inputSchema the input JSON Schema: one JSON object as compact text (no line break)
 * @param outputSchema the output JSON Schema as compact text, or {@code null} when the tool publishes none
 * @param annotations the annotation hints ({@code readOnlyHint}, {@code destructiveHint}, {@code idempotentHint},
 *     {@code openWorldHint}); empty when the tool has none
 */
public record PublishedTool(String name, String title, String description, JsonText inputSchema,
        JsonText outputSchema, Map<String, Boolean> annotations) {

    /** Every optional member: what the newest revision publishes. */
    public static final Set<String> ALL_MEMBERS = Set.of("title", "outputSchema", "annotations");

    /**
     * Checks the required members and keeps the annotations sorted by name.
     *
     * @throws NullPointerException when {@code name} or {@code inputSchema} is {@code null}
     */
    public PublishedTool {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(inputSchema, "inputSchema");
        annotations = annotations == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(annotations));
    }

    /**
     * As the canonical constructor, with the schemas given as strings.
     *
     * @throws NullPointerException when {@code name} or {@code inputSchema} is {@code null}
     */
    public PublishedTool(String name, String title, String description, String inputSchema, String outputSchema,
            Map<String, Boolean> annotations) {
        this(name, title, description, JsonText.of(inputSchema), JsonText.ofNullable(outputSchema), annotations);
    }

    /**
     * Writes the tool as one JSON object, with every member the newest revision defines.
     *
     * @param g where to write, positioned where a value may start
     * @throws IOException when {@code g} fails
     */
    public void write(JsonGenerator g) throws IOException {
        write(g, ALL_MEMBERS);
    }

    /**
     * Writes the tool as one JSON object, leaving out the optional members not in {@code members} (a revision's
     * set: 2024-11-05 and 2025-03-26 have no {@code title} and no {@code outputSchema}, 2024-11-05 no
     * {@code annotations}).
     *
     * @param g where to write, positioned where a value may start
     * @param members the optional members to write when present: any of {@link #ALL_MEMBERS}
     * @throws IOException when {@code g} fails
     */
    public void write(JsonGenerator g, Set<String> members) throws IOException {
        g.writeStartObject();
        g.writeStringField("name", name);
        if (title != null && members.contains("title")) {
            g.writeStringField("title", title);
        }
        if (description != null) {
            g.writeStringField("description", description);
        }
        g.writeFieldName("inputSchema");
        g.writeRawValue(inputSchema);
        if (outputSchema != null && members.contains("outputSchema")) {
            g.writeFieldName("outputSchema");
            g.writeRawValue(outputSchema);
        }
        if (!annotations.isEmpty() && members.contains("annotations")) {
            g.writeObjectFieldStart("annotations");
            for (Map.Entry<String, Boolean> a : annotations.entrySet()) {
                g.writeBooleanField(a.getKey(), a.getValue());
            }
            g.writeEndObject();
        }
        g.writeEndObject();
    }
}
