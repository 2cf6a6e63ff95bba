package dev.imcp.runtime.mcp;

import java.util.Objects;

/**
 * One MCP session (MCP "Transports", "Session Management").
 *
 * @param id the {@code Mcp-Session-Id}: 43 URL-safe base64 characters (256 random bits)
 * @param protocolVersion the negotiated protocol revision
 * @param actor the name of the caller that created it; other callers cannot use it
 */
public record Session(String id, String protocolVersion, String actor) {

    /** Checks the required components. */
    public Session {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(protocolVersion, "protocolVersion");
        Objects.requireNonNull(actor, "actor");
    }
}
