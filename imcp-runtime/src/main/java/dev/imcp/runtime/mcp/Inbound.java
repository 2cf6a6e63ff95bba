package dev.imcp.runtime.mcp;

import dev.imcp.runtime.security.Caller;

import java.util.Objects;
import java.util.Optional;

/**
 * What a transport knows about a message besides its bytes, passed to {@link McpEndpoint#handle}.
 *
 * @param caller the caller the transport authenticated (HTTP: the API key's name)
 * @param sessionId the session the message belongs to (HTTP: {@code Mcp-Session-Id}; stdio: the one its
 *     {@code initialize} opened), empty when none was given
 * @param protocolVersion the revision the transport was told (HTTP: {@code MCP-Protocol-Version}), empty when
 *     none; an unsupported one is refused
 * @param traceparent the transport's W3C {@code traceparent} (HTTP header), empty when none
 * @param sink where server-to-client messages sent while answering go ({@link MessageSink#NONE} when the
 *     transport cannot deliver them)
 */
public record Inbound(Caller caller, Optional<String> sessionId, Optional<String> protocolVersion,
                      Optional<String> traceparent, MessageSink sink) {

    /** Checks the required components. */
    public Inbound {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(protocolVersion, "protocolVersion");
        Objects.requireNonNull(traceparent, "traceparent");
        Objects.requireNonNull(sink, "sink");
    }
}
