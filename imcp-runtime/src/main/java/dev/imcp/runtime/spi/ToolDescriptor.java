package dev.imcp.runtime.spi;

import dev.imcp.descriptor.JsonText;
import java.util.Map;
import java.util.Objects;

/**
 * What {@code tools/list} publishes for one tool (MCP specification, "Tools": {@code Tool}).
 *
 * @param service the iMCP service id the tool belongs to (the contract's id, used as the configuration key)
 * @param name the tool name, unique in the adapter, matching {@code [A-Za-z0-9_.-]{1,128}}
 * @param title a short human-readable title, or {@code null}
 * @param description what the tool does, from the contract's summary/description/documentation
 * @param inputSchemaText the JSON Schema (2020-12) of the arguments object, as JSON text (the generated tools' come
 *     from {@link ToolSchemas} as UTF-8 bytes, written to {@code tools/list} as they are; {@link #inputSchema()}
 *     decodes them when asked, see {@link JsonText#toString()})
 * @param outputSchemaText the JSON Schema of {@code structuredContent}, as JSON text, or {@code null} when
 *     the contract does not describe the result
 * @param resultProperty when not {@code null}, the result value is not a JSON object and is published as
 *     {@code {"<resultProperty>": value}}
 * @param annotations MCP tool annotations ({@code readOnlyHint}, {@code destructiveHint},
 *     {@code idempotentHint}, {@code openWorldHint}) with Boolean values; absent keys are not sent
 */
public record ToolDescriptor(
        String service,
        String name,
        String title,
        String description,
        JsonText inputSchemaText,
        JsonText outputSchemaText,
        String resultProperty,
        Map<String, Boolean> annotations) {

    /** Checks the required components and copies the annotations. */
    public ToolDescriptor {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(inputSchemaText, "inputSchema");
        annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
    }

    /**
     * As the canonical constructor, with the schemas given as strings (a hand-written tool's).
     *
     * @throws NullPointerException when {@code service}, {@code name} or {@code inputSchema} is {@code null}
     */
    public ToolDescriptor(String service, String name, String title, String description, String inputSchema,
            String outputSchema, String resultProperty, Map<String, Boolean> annotations) {
        this(service, name, title, description, JsonText.of(Objects.requireNonNull(inputSchema, "inputSchema")),
                JsonText.ofNullable(outputSchema), resultProperty, annotations);
    }

    /** Returns the input schema as JSON text (decoded from the UTF-8 bytes the descriptor may hold). */
    public String inputSchema() {
        return inputSchemaText.toString();
    }

    /** Returns the output schema as JSON text, or {@code null} when the tool publishes none. */
    public String outputSchema() {
        return outputSchemaText == null ? null : outputSchemaText.toString();
    }
}
