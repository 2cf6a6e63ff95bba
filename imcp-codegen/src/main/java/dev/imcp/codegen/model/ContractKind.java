package dev.imcp.codegen.model;

/** The kinds of contract iMCP reads; {@link #wire()} is the value published in the service descriptor. */
public enum ContractKind {
    /** WSDL 1.1 with SOAP 1.1 or 1.2 bindings. */
    WSDL("wsdl"),
    /** OpenAPI 3.0 / 3.1 or Swagger 2.0. */
    OPENAPI("openapi"),
    /** iMCP's MCP JSON tool list: {@code {name, version, description, tools: [...]}}. */
    MCP_JSON("mcp-json");

    private final String wire;

    ContractKind(String wire) {
        this.wire = wire;
    }

    /** Returns the kind's name as published ({@code wsdl}, {@code openapi}, {@code mcp-json}). */
    public String wire() {
        return wire;
    }
}
