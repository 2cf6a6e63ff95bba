package dev.imcp.codegen.model;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One contract operation, published as one MCP tool.
 *
 * @param toolName the MCP tool name. As a reader returns it, the name requested by {@code nameSource} (OpenAPI
 *     {@code operationId}, WSDL operation name, MCP JSON {@code tools[].name}, ...); after the naming pass
 *     ({@code dev.imcp.codegen.naming.ToolNaming}) the published name, {@code [A-Za-z0-9_-]}, unique in the adapter
 * @param javaName the UpperCamelCase stem of the generated classes ({@code <javaName>Tool}, {@code <javaName>Input});
 *     after the naming pass unique in the contract, ignoring case
 * @param title a short title (OpenAPI {@code summary} when there is a description too), or {@code null}
 * @param description what the operation does, or {@code null}
 * @param annotations MCP tool annotation hints (see {@link #ANNOTATION_HINTS}) derived from the binding, e.g.
 *     GET is read-only, then overridden by the contract and the plugin configuration
 * @param input the schema of the tool's arguments object; always {@link SchemaModel.Kind#OBJECT}
 * @param output the schema of the result, or {@code null} when the operation returns nothing
 * @param binding how the upstream stub calls the operation
 * @param location where the operation is declared
 * @param nameSource where {@code toolName} comes from; decides whether the naming pass may change it
 */
public record OperationModel(
        String toolName,
        String javaName,
        String title,
        String description,
        Map<String, Boolean> annotations,
        SchemaModel input,
        SchemaModel output,
        Binding binding,
        SourceLocation location,
        NameSource nameSource) {

    /**
     * The MCP tool annotation hints an operation may carry (MCP specification, "Tools", {@code ToolAnnotations}):
     * {@code readOnlyHint} (default false), {@code destructiveHint} (default true), {@code idempotentHint}
     * (default false) and {@code openWorldHint} (default true).
     */
    public static final Set<String> ANNOTATION_HINTS = Set.of("readOnlyHint", "destructiveHint", "idempotentHint",
            "openWorldHint");

    /**
     * Checks the required components and copies the annotations. An object input or output that may be
     * {@code null} (a nillable document/literal wrapper element) is published as not null: MCP's {@code Tool} has
     * {@code inputSchema} and {@code outputSchema} of {@code "type": "object"} (schema of 2025-06-18 and later), and
     * clients that check it refuse a whole {@code tools/list} with {@code ["object", "null"]}. The arguments of a
     * call are an object anyway, and a nil result is no structured content.
     */
    public OperationModel {
        Objects.requireNonNull(toolName, "toolName");
        Objects.requireNonNull(nameSource, "nameSource");
        Objects.requireNonNull(javaName, "javaName");
        Objects.requireNonNull(input, "input");
        if (input.kind() == SchemaModel.Kind.OBJECT && input.nullable()) {
            input = input.toBuilder().nullable(false).build();
        }
        if (output != null && output.kind() == SchemaModel.Kind.OBJECT && output.nullable()) {
            output = output.toBuilder().nullable(false).build();
        }
        Objects.requireNonNull(binding, "binding");
        Objects.requireNonNull(location, "location");
        annotations = annotations == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(annotations));
    }

    /** Creates an operation whose tool name is its contract name ({@link NameSource#OPERATION_ID}). */
    public OperationModel(String toolName, String javaName, String title, String description,
            Map<String, Boolean> annotations, SchemaModel input, SchemaModel output, Binding binding,
            SourceLocation location) {
        this(toolName, javaName, title, description, annotations, input, output, binding, location,
                NameSource.OPERATION_ID);
    }

    /**
     * Returns this operation published as {@code newToolName}, its classes named after {@code newJavaName}.
     *
     * @param newToolName the tool name
     * @param newJavaName the class name stem
     * @return the renamed operation
     */
    public OperationModel withNames(String newToolName, String newJavaName) {
        return new OperationModel(newToolName, newJavaName, title, description, annotations, input, output, binding,
                location, nameSource);
    }

    /**
     * Returns this operation with its tool name requested by {@code source} (readers that build the model in a
     * shared helper set it afterwards).
     *
     * @param source where {@link #toolName()} comes from
     * @return the operation
     */
    public OperationModel withNameSource(NameSource source) {
        return new OperationModel(toolName, javaName, title, description, annotations, input, output, binding,
                location, source);
    }

    /**
     * Returns this operation with {@code hints} replacing its annotation hints of the same names.
     *
     * @param hints hint name to value
     * @return the operation
     */
    public OperationModel withAnnotations(Map<String, Boolean> hints) {
        Map<String, Boolean> merged = new java.util.TreeMap<>(annotations);
        merged.putAll(hints);
        return new OperationModel(toolName, javaName, title, description, merged, input, output, binding,
                location, nameSource);
    }
}
