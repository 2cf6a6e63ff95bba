package dev.imcp.codegen.model;

/**
 * Where an operation's requested tool name comes from. An explicit name (the plugin configuration's
 * {@code <tool><name>}, the contract's {@code x-mcp-name}) is published exactly as given or fails the build;
 * a derived one is made valid, shortened and made unique by the naming pass, which reports each change.
 */
public enum NameSource {
    /** A {@code <tool>} entry with a {@code <name>} in the plugin configuration. */
    CONFIGURATION("<tool><name> of the plugin configuration", true),
    /** The OpenAPI operation's {@code x-mcp-name} extension. */
    EXTENSION("x-mcp-name", true),
    /** The OpenAPI {@code operationId}. */
    OPERATION_ID("operationId", false),
    /** Made from the HTTP method and the path, for an OpenAPI operation without {@code operationId}. */
    METHOD_AND_PATH("method and path", false),
    /** The MCP JSON {@code tools[].name}. */
    TOOL_NAME("tool name", false),
    /** The WSDL {@code wsdl:operation/@name} (prefixed with its port type when two port types share it). */
    WSDL_OPERATION("WSDL operation name", false);

    private final String label;
    private final boolean explicit;

    NameSource(String label, boolean explicit) {
        this.label = label;
        this.explicit = explicit;
    }

    /** Returns how diagnostics name this source, e.g. {@code operationId}. */
    public String label() {
        return label;
    }

    /** Returns whether the name was asked for as the tool name, so it is never changed. */
    public boolean explicit() {
        return explicit;
    }
}
