package dev.imcp.maven;

/**
 * One {@code <tool>} of the {@code generate} goal's {@code <tools>} parameter: the tool name and MCP annotation hints
 * to publish for the operations {@code <operation>} selects, whatever the contract says.
 *
 * <pre>{@code
 * <tool>
 *   <operation>GET /pets/{petId}</operation>  <!-- or an operationId, tag:..., service:... (an operation selector) -->
 *   <name>get_pet</name>                       <!-- optional: published exactly as given -->
 *   <readOnlyHint>true</readOnlyHint>          <!-- optional, like destructiveHint, idempotentHint, openWorldHint -->
 * </tool>
 * }</pre>
 *
 * Maven fills the fields from the pom (the element name {@code <tool>} maps to this class).
 */
public class Tool {

    private String operation;
    private String name;
    private Boolean readOnlyHint;
    private Boolean destructiveHint;
    private Boolean idempotentHint;
    private Boolean openWorldHint;

    /** Creates an empty entry; Maven sets its fields. */
    public Tool() {
    }

    /** Creates an entry (tests). */
    Tool(String operation, String name, Boolean readOnlyHint, Boolean destructiveHint, Boolean idempotentHint,
            Boolean openWorldHint) {
        this.operation = operation;
        this.name = name;
        this.readOnlyHint = readOnlyHint;
        this.destructiveHint = destructiveHint;
        this.idempotentHint = idempotentHint;
        this.openWorldHint = openWorldHint;
    }

    /** Returns the operation selector, as written in {@code <operation>}, or {@code null}. */
    String operation() {
        return operation;
    }

    /** Returns the tool name of {@code <name>}, or {@code null}. */
    String name() {
        return name;
    }

    /** Returns the hints that are set, by MCP hint name, in a fixed order. */
    java.util.Map<String, Boolean> hints() {
        java.util.Map<String, Boolean> hints = new java.util.LinkedHashMap<>();
        put(hints, "readOnlyHint", readOnlyHint);
        put(hints, "destructiveHint", destructiveHint);
        put(hints, "idempotentHint", idempotentHint);
        put(hints, "openWorldHint", openWorldHint);
        return hints;
    }

    private static void put(java.util.Map<String, Boolean> hints, String key, Boolean value) {
        if (value != null) {
            hints.put(key, value);
        }
    }
}
