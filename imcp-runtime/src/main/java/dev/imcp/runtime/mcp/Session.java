package dev.imcp.runtime.mcp;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * One MCP session (MCP "Transports", "Session Management"): its id, negotiated revision, owner, and the requests
 * in flight in it, by JSON-RPC id, so that a second request reusing an id in flight is refused (JSON-RPC 2.0
 * section 4: the id identifies the request; MCP "Base Protocol": the id MUST NOT have been used before by the
 * requestor within the same session) and {@code notifications/cancelled} can reach the request it names.
 * Thread-safe.
 */
public final class Session {

    private final String id;
    private final String protocolVersion;
    private final String actor;
    private final ConcurrentMap<String, CancellationToken> inFlight = new ConcurrentHashMap<>();
    private volatile LogLevel logLevel;
    private final Instant expires;

    /**
     * @param id the {@code Mcp-Session-Id}: signed by {@link SessionStore}, visible ASCII
     * @param protocolVersion the negotiated protocol revision
     * @param actor the name of the caller that created it; other callers cannot use it
     */
    public Session(String id, String protocolVersion, String actor) {
        this(id, protocolVersion, actor, null);
    }

    /**
     * @param id the {@code Mcp-Session-Id}
     * @param protocolVersion the negotiated protocol revision
     * @param actor the name of the caller that created it
     * @param expires when the id's lifetime ends ({@link SessionStore}: issued plus its time to live), or {@code null}
     *     when unknown
     */
    Session(String id, String protocolVersion, String actor, Instant expires) {
        this.id = Objects.requireNonNull(id, "id");
        this.protocolVersion = Objects.requireNonNull(protocolVersion, "protocolVersion");
        this.actor = Objects.requireNonNull(actor, "actor");
        this.expires = expires;
    }

    /** Returns when the id's lifetime ends, or {@code null} when unknown. */
    Instant expires() {
        return expires;
    }

    /** Returns the session id. */
    public String id() {
        return id;
    }

    /** Returns the negotiated protocol revision, e.g. {@code 2025-06-18}. */
    public String protocolVersion() {
        return protocolVersion;
    }

    /** Returns the name of the caller that owns the session. */
    public String actor() {
        return actor;
    }

    /**
     * Returns the level of the log messages the client asked for with {@code logging/setLevel}, or {@code null} when
     * it asked for none (then the server sends none).
     */
    public LogLevel logLevel() {
        return logLevel;
    }

    /** Sets the level of the log messages the client wants (MCP "Utilities: Logging", {@code logging/setLevel}). */
    public void logLevel(LogLevel level) {
        this.logLevel = level;
    }

    /**
     * Marks request {@code requestId} as in flight.
     *
     * @param requestId the JSON-RPC id (a string and a number of the same digits are different ids)
     * @param token the request's cancellation token
     * @return {@code false} when a request with that id is already in flight (nothing is changed then)
     */
    boolean begin(JsonNode requestId, CancellationToken token) {
        return inFlight.putIfAbsent(key(requestId), token) == null;
    }

    /** Marks request {@code requestId} as answered. */
    void end(JsonNode requestId, CancellationToken token) {
        inFlight.remove(key(requestId), token);
    }

    /**
     * Cancels the request in flight with id {@code requestId}, if any (MCP "Utilities", "Cancellation": an unknown
     * or finished request is ignored).
     *
     * @return whether a request was cancelled
     */
    boolean cancel(JsonNode requestId, String reason) {
        CancellationToken token = inFlight.get(key(requestId));
        if (token == null) {
            return false;
        }
        token.cancel(reason);
        return true;
    }

    /** Cancels every request in flight; the session is over. */
    void cancelAll(String reason) {
        inFlight.values().forEach(t -> t.cancel(reason));
    }

    private static String key(JsonNode requestId) {
        // "1" (a string) and 1 (a number) stay distinct; the common ids skip Jackson's writer
        if (requestId.isTextual()) {
            return "s:" + requestId.textValue();
        }
        if (requestId.isIntegralNumber() && requestId.canConvertToLong()) {
            return Long.toString(requestId.longValue());
        }
        return requestId.toString(); // JSON text of any other id: no "s:" prefix, so no clash with a string
    }

    @Override
    public String toString() {
        return "Session[" + protocolVersion + ", " + actor + "]"; // the id is a bearer secret: never logged
    }
}
