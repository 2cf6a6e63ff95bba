package dev.imcp.codegen.model;

import java.util.Map;
import java.util.Objects;

/**
 * One contract operation, published as one MCP tool.
 *
 * @param toolName the MCP tool name ({@code [A-Za-z0-9_.-]{1,128}}): OpenAPI {@code operationId}, WSDL
 *     operation name, MCP JSON {@code tools[].name}
 * @param javaName the UpperCamelCase stem of the generated classes ({@code <javaName>Tool}, {@code <javaName>Input})
 * @param title a short title (OpenAPI {@code summary}), or {@code null}
 * @param description what the operation does, or {@code null}
 * @param annotations MCP tool annotation hints ({@code readOnlyHint}, {@code destructiveHint},
 *     {@code idempotentHint}, {@code openWorldHint}) derived from the binding, e.g. GET is read-only
 * @param input the schema of the tool's arguments object; always {@link SchemaModel.Kind#OBJECT}
 * @param output the schema of the result, or {@code null} when the operation returns nothing
 * @param binding how the upstream stub calls the operation
 * @param location where the operation is declared
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
        SourceLocation location) {

    /** Checks the required components and copies the annotations. */
    public OperationModel {
        Objects.requireNonNull(toolName, "toolName");
        Objects.requireNonNull(javaName, "javaName");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(binding, "binding");
        Objects.requireNonNull(location, "location");
        annotations = annotations == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(annotations));
    }
}
