package dev.imcp.runtime.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.imcp.runtime.security.Caller;
import dev.imcp.runtime.spi.ProgressSink;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The transport-neutral MCP server: one message's bytes in, a {@link Reply} out. Every transport (Streamable HTTP
 * now; stdio and a REST facade later) authenticates the caller, calls {@link #handle} with the bytes and an
 * {@link Inbound}, and maps the reply to its own signalling. Lifecycle, sessions, revisions, batches and
 * request ids live here, not in a transport.
 *
 * <p>Per message: the bytes are read as exactly one JSON value ({@link MessageReader}: -32700 otherwise); an
 * {@code initialize} request negotiates the revision and opens a session (MCP "Lifecycle"); any other message
 * needs the caller's own session ({@link Reply.Kind#SESSION_REQUIRED}, {@link Reply.Kind#SESSION_NOT_FOUND});
 * notifications and responses are accepted without a reply ({@code notifications/cancelled} cancels the request
 * it names, MCP "Utilities", "Cancellation"); a request gets a {@link RequestContext} and goes to the
 * {@link MethodHandler} registered for its method (-32601 when none). A request whose id is in flight in the same
 * session is -32600. A JSON array is a JSON-RPC batch (JSON-RPC 2.0 section 6), accepted only in a 2025-03-26
 * session and answered with an array of the requests' responses (no {@code initialize} inside); elsewhere it is
 * -32600. A transport-level {@code protocolVersion} the server does not support is -32600.
 *
 * <p>Two eras on one endpoint (MCP 2026-07-28 "Versioning", dual-era): a message whose {@code params._meta} names
 * {@code io.modelcontextprotocol/protocolVersion}, or whose transport reports a modern revision, is modern traffic
 * and is answered by {@code ModernRequests} without {@code initialize} or session (whatever its method, so a
 * modern {@code initialize} is an unknown method); everything else is legacy traffic and is answered as above.
 *
 * <p>Errors follow JSON-RPC 2.0 section 5.1 and carry the request's id when it is known, no {@code id} member
 * otherwise; an exception of a handler is -32603 with a correlation id (logged here, never sent). Thread-safe.
 */
public final class McpEndpoint {

    private static final System.Logger LOG = System.getLogger(McpEndpoint.class.getName());

    private final ObjectMapper mapper;
    private final MessageReader reader;
    private final SessionStore sessions;
    private final Map<String, MethodHandler> handlers;
    private final String serverName;
    private final String serverVersion;
    private final String instructions;
    private final Duration requestTimeout;
    private final ModernRequests modern;
    private final ObjectNode serverMeta;

    /**
     * An endpoint whose {@code server/discover} results may be cached for five minutes.
     *
     * @param mapper the JSON mapper of results
     * @param reader reads message bytes
     * @param sessions the live sessions
     * @param handlers the handler of each method besides {@code initialize}, {@code logging/setLevel} (answered here)
     *     and {@code ping}
     *     (answered here unless given), e.g. {@code tools/list} and {@code tools/call}
     * @param serverName {@code serverInfo.name} of the {@code initialize} result
     * @param serverVersion {@code serverInfo.version}
     * @param instructions the {@code instructions} of the {@code initialize} result, or {@code null}
     * @param requestTimeout how long a request may take: its context's deadline is this far from its arrival
     */
    public McpEndpoint(ObjectMapper mapper, MessageReader reader, SessionStore sessions,
                       Map<String, MethodHandler> handlers, String serverName, String serverVersion,
                       String instructions, Duration requestTimeout) {
        this(mapper, reader, sessions, handlers, serverName, serverVersion, instructions, requestTimeout, 300_000, null);
    }

    /**
     * @param mapper the JSON mapper of results
     * @param reader reads message bytes
     * @param sessions the live sessions
     * @param handlers the handler of each method besides {@code initialize} (answered here) and {@code ping}
     *     (answered here unless given), e.g. {@code tools/list} and {@code tools/call}; modern requests reach them
     *     too, except the methods 2026-07-28 removed
     * @param serverName {@code serverInfo.name} of the {@code initialize} result and of modern results' {@code _meta}
     * @param serverVersion {@code serverInfo.version}
     * @param instructions the {@code instructions} of the {@code initialize} and {@code server/discover} results, or
     *     {@code null}
     * @param requestTimeout how long a request may take: its context's deadline is this far from its arrival
     * @param discoverTtlMs the {@code ttlMs} of the {@code server/discover} result, in milliseconds (at least 0)
     * @param serverMeta members added to the {@code _meta} of the {@code initialize} result (every revision's
     *     {@code Result} allows {@code _meta}, while {@code serverInfo}'s {@code Implementation} has a fixed shape) and
     *     of the 2026-07-28 {@code server/discover} result, e.g. {@code {"dev.imcp/contracts": {...}}}; {@code null}
     *     or empty for none (copied)
     */
    public McpEndpoint(ObjectMapper mapper, MessageReader reader, SessionStore sessions,
                       Map<String, MethodHandler> handlers, String serverName, String serverVersion,
                       String instructions, Duration requestTimeout, long discoverTtlMs, ObjectNode serverMeta) {
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.reader = Objects.requireNonNull(reader, "reader");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        Map<String, MethodHandler> all = new HashMap<>();
        all.put("ping", (context, params) -> mapper.createObjectNode()); // MCP "Utilities", "Ping": empty result
        all.putAll(handlers);
        this.handlers = Map.copyOf(all);
        this.serverName = Objects.requireNonNull(serverName, "serverName");
        this.serverVersion = Objects.requireNonNull(serverVersion, "serverVersion");
        this.instructions = instructions;
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
        if (discoverTtlMs < 0) {
            throw new IllegalArgumentException("discoverTtlMs must be at least 0, was " + discoverTtlMs);
        }
        this.serverMeta = serverMeta == null ? mapper.createObjectNode() : serverMeta.deepCopy();
        this.modern = new ModernRequests(mapper, this.handlers, serverName, serverVersion, instructions,
                requestTimeout, discoverTtlMs, this.serverMeta);
    }

    /**
     * Handles one transport message: a JSON-RPC request, notification, response or (2025-03-26) batch.
     *
     * @param body the message's bytes (UTF-8 JSON)
     * @param inbound the caller and what the transport knows besides the bytes
     * @return the reply; never {@code null}, never an exception for anything a client can send
     */
    public Reply handle(byte[] body, Inbound inbound) {
        JsonNode message;
        try {
            message = reader.read(body);
        } catch (McpError e) {
            return malformed(null, e.code(), e.getMessage());
        }
        if (ModernRequests.claims(message, inbound)) {
            return modern.handle(message, inbound);
        }
        Optional<String> version = inbound.protocolVersion();
        if (version.isPresent() && !ProtocolVersions.legacy(version.get())) {
            // MCP 2025-06-18 "Transports", "Protocol Version Header": an unsupported version is 400 Bad Request
            return malformed(idOf(message), JsonRpc.INVALID_REQUEST, "Bad Request: unsupported MCP-Protocol-Version "
                    + version.get() + "; supported: " + String.join(", ", ProtocolVersions.LEGACY)
                    + " (after initialize), " + String.join(", ", ProtocolVersions.MODERN)
                    + " (with params._meta." + ModernRequests.PROTOCOL_VERSION + ")");
        }
        if (message instanceof ArrayNode batch) {
            return batch(batch, inbound);
        }
        Envelope env;
        try {
            env = Envelope.parse(message);
        } catch (McpError e) {
            return malformed(idOf(message), e.code(), e.getMessage());
        }
        if (env.isRequest() && "initialize".equals(env.method())) {
            return initialize(inbound.caller(), env);
        }
        if (inbound.sessionId().isEmpty()) {
            return new Reply(Reply.Kind.SESSION_REQUIRED, JsonRpc.error(env.id(), JsonRpc.INVALID_REQUEST,
                    "Bad Request: a session id (Mcp-Session-Id) is required"), null);
        }
        Optional<Session> session = owned(inbound);
        if (session.isEmpty()) {
            return new Reply(Reply.Kind.SESSION_NOT_FOUND, JsonRpc.error(env.id(), JsonRpc.INVALID_REQUEST,
                    "Session not found"), null);
        }
        if (!env.isRequest()) {
            notification(session.get(), env);
            return new Reply(Reply.Kind.ACCEPTED, null, null);
        }
        ObjectNode response = request(session.get(), inbound, env);
        boolean invalid = response.path("error").path("code").asInt() == JsonRpc.INVALID_REQUEST;
        return new Reply(invalid ? Reply.Kind.MALFORMED : Reply.Kind.RESPONSE, response, null);
    }

    /**
     * Ends a session at the client's request (MCP "Transports", "Session Management"); its requests in flight are
     * cancelled.
     *
     * @param caller the authenticated caller, who must own the session
     * @param sessionId the session id, empty when the client sent none
     * @return {@link Reply.Kind#ENDED}, or {@link Reply.Kind#SESSION_REQUIRED} / {@link Reply.Kind#SESSION_NOT_FOUND}
     *     with an error body
     */
    public Reply endSession(Caller caller, Optional<String> sessionId) {
        if (sessionId.isEmpty()) {
            return new Reply(Reply.Kind.SESSION_REQUIRED, JsonRpc.error(null, JsonRpc.INVALID_REQUEST,
                    "Bad Request: a session id (Mcp-Session-Id) is required"), null);
        }
        Optional<Session> session = sessions.find(sessionId.get()).filter(s -> s.actor().equals(caller.principal()));
        if (session.isPresent() && sessions.remove(sessionId.get())) {
            session.get().cancelAll("session ended");
            return new Reply(Reply.Kind.ENDED, null, null);
        }
        return new Reply(Reply.Kind.SESSION_NOT_FOUND, JsonRpc.error(null, JsonRpc.INVALID_REQUEST, "Session not found"), null);
    }

    private Reply batch(ArrayNode batch, Inbound inbound) {
        if (inbound.sessionId().isEmpty()) {
            return malformed(null, JsonRpc.INVALID_REQUEST,
                    "Invalid Request: JSON-RPC batches are accepted only in a session of revision 2025-03-26");
        }
        Optional<Session> found = owned(inbound);
        if (found.isEmpty()) {
            return new Reply(Reply.Kind.SESSION_NOT_FOUND, JsonRpc.error(null, JsonRpc.INVALID_REQUEST, "Session not found"), null);
        }
        Session session = found.get();
        if (!ProtocolVersions.batchesAllowed(session.protocolVersion())) {
            return malformed(null, JsonRpc.INVALID_REQUEST, "Invalid Request: JSON-RPC batches are not accepted in "
                    + "revision " + session.protocolVersion() + " (only in 2025-03-26)");
        }
        if (batch.isEmpty()) {
            return malformed(null, JsonRpc.INVALID_REQUEST, "Invalid Request: empty batch"); // JSON-RPC 2.0 section 6
        }
        ArrayNode responses = mapper.createArrayNode();
        Set<String> ids = new HashSet<>();
        for (JsonNode message : batch) {
            Envelope env;
            try {
                env = Envelope.parse(message);
            } catch (McpError e) {
                responses.add(JsonRpc.error(idOf(message), e.code(), e.getMessage()));
                continue;
            }
            if (!env.isRequest()) {
                if (env.method() != null) {
                    notification(session, env);
                }
            } else if ("initialize".equals(env.method())) {
                // MCP 2025-03-26 "Lifecycle": the initialization request MUST NOT be part of a JSON-RPC batch
                responses.add(JsonRpc.error(env.id(), JsonRpc.INVALID_REQUEST,
                        "Invalid Request: initialize must not be part of a batch"));
            } else if (!ids.add(env.id().toString())) {
                responses.add(JsonRpc.error(env.id(), JsonRpc.INVALID_REQUEST,
                        "Invalid Request: request id " + env.id() + " is used twice in this batch"));
            } else {
                responses.add(request(session, inbound, env));
            }
        }
        return responses.isEmpty() ? new Reply(Reply.Kind.ACCEPTED, null, null)
                : new Reply(Reply.Kind.RESPONSE, responses, null);
    }

    private Reply initialize(Caller caller, Envelope env) {
        JsonNode requested = env.params() == null ? null : env.params().get("protocolVersion");
        if (requested == null || !requested.isTextual()) {
            return new Reply(Reply.Kind.RESPONSE, JsonRpc.error(env.id(), JsonRpc.INVALID_PARAMS,
                    "Invalid params: initialize requires params.protocolVersion (a string)"), null);
        }
        String version = ProtocolVersions.negotiate(requested.textValue());
        Session session;
        try {
            session = sessions.create(version, caller.principal());
        } catch (McpError e) { // the caller's session cap
            return new Reply(Reply.Kind.RESPONSE, JsonRpc.error(env.id(), e.code(), e.getMessage()), null);
        }
        ObjectNode result = mapper.createObjectNode();
        result.put("protocolVersion", version);
        ObjectNode capabilities = result.putObject("capabilities");
        capabilities.putObject("tools").put("listChanged", false);
        capabilities.putObject("logging");
        result.putObject("serverInfo").put("name", serverName).put("version", serverVersion);
        if (instructions != null) {
            result.put("instructions", instructions);
        }
        if (!serverMeta.isEmpty()) {
            result.set("_meta", serverMeta.deepCopy());
        }
        return new Reply(Reply.Kind.RESPONSE, JsonRpc.result(env.id(), result), session.id());
    }

    private void notification(Session session, Envelope env) {
        if ("notifications/cancelled".equals(env.method()) && env.params() != null) {
            JsonNode requestId = env.params().get("requestId");
            if (Envelope.validId(requestId)) {
                JsonNode reason = env.params().get("reason");
                session.cancel(requestId, reason != null && reason.isTextual() ? reason.textValue() : "cancelled by the client");
            }
        }
        // Other notifications (initialized, progress, roots/list_changed) need nothing from this server.
    }

    private ObjectNode request(Session session, Inbound inbound, Envelope env) {
        RequestContext context = context(session, inbound, env);
        if (!session.begin(env.id(), context.cancellation())) {
            return JsonRpc.error(env.id(), JsonRpc.INVALID_REQUEST,
                    "Invalid Request: request id " + env.id() + " is already in flight in this session");
        }
        try {
            if ("logging/setLevel".equals(env.method())) {
                return JsonRpc.result(env.id(), setLevel(session, env.params()));
            }
            MethodHandler handler = handlers.get(env.method());
            if (handler == null) {
                throw new McpError(JsonRpc.METHOD_NOT_FOUND, "Method not found: " + env.method());
            }
            return JsonRpc.result(env.id(), handler.handle(context, env.params()));
        } catch (McpError e) {
            return JsonRpc.error(env.id(), e.code(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "Internal error in " + env.method() + " [" + context.correlationId() + "]", e);
            return JsonRpc.error(env.id(), JsonRpc.INTERNAL_ERROR, "Internal error (correlation id " + context.correlationId() + ")");
        } finally {
            session.end(env.id(), context.cancellation());
        }
    }

    private RequestContext context(Session session, Inbound inbound, Envelope env) {
        JsonNode meta = env.params() == null ? null : env.params().get("_meta");
        JsonNode token = meta == null ? null : meta.get("progressToken");
        CancellationToken cancellation = new CancellationToken();
        ProgressSink progress = Envelope.validId(token) && inbound.sink() != MessageSink.NONE
                ? progressSink(mapper, token, session.protocolVersion(), inbound.sink(), cancellation) : ProgressSink.NONE;
        JsonNode traceparent = meta == null ? null : meta.get("traceparent");
        Optional<TraceContext> trace = TraceContext.parse(traceparent != null && traceparent.isTextual() ? traceparent.textValue() : null)
                .or(() -> inbound.traceparent().flatMap(TraceContext::parse));
        LogLevel level = session.logLevel();
        LogSink log = level == null || inbound.sink() == MessageSink.NONE ? LogSink.NONE : LogSink.notifications(mapper, level, inbound.sink());
        return new RequestContext(session.protocolVersion(), inbound.caller(), Optional.of(session), env.id(),
                env.method(), CorrelationIds.choose(inbound.correlationId(), trace), Instant.now().plus(requestTimeout), cancellation,
                progress, trace, log);
    }

    /**
     * {@code logging/setLevel} (MCP "Utilities: Logging"): the session's client wants {@code notifications/message}
     * at {@code params.level} and above from now on; an unknown level is -32602.
     */
    private JsonNode setLevel(Session session, JsonNode params) throws McpError {
        JsonNode level = params == null ? null : params.get("level");
        LogLevel parsed = level != null && level.isTextual() ? LogLevel.parse(level.textValue()).orElse(null) : null;
        if (parsed == null) {
            throw new McpError(JsonRpc.INVALID_PARAMS, "Invalid params: level must be one of debug, info, notice, "
                    + "warning, error, critical, alert, emergency");
        }
        session.logLevel(parsed);
        return mapper.createObjectNode();
    }


    /**
     * Returns a sink that sends {@code notifications/progress} (MCP "Utilities", "Progress") for {@code token},
     * nothing once the request is cancelled. In revision 2026-07-28 a transport whose client went away (its sink
     * throws {@link UncheckedIOException}) cancels the request: on Streamable HTTP, closing a POST's stream is the
     * cancellation signal (MCP 2026-07-28 "Cancellation"); in the legacy revisions a disconnect is not one, and the
     * exception reaches the tool as before.
     */
    static ProgressSink progressSink(ObjectMapper mapper, JsonNode token, String version, MessageSink sink,
                                     CancellationToken cancellation) {
        return (progress, total, message) -> {
            if (cancellation.isCancelled()) {
                return;
            }
            ObjectNode notification = mapper.createObjectNode().put("jsonrpc", "2.0").put("method", "notifications/progress");
            ObjectNode params = notification.putObject("params");
            params.set("progressToken", token);
            params.put("progress", progress);
            if (total != null) {
                params.put("total", total);
            }
            if (message != null && version.compareTo("2025-03-26") >= 0) { // message was added in 2025-03-26
                params.put("message", message);
            }
            try {
                sink.send(notification);
            } catch (UncheckedIOException e) {
                if (!ProtocolVersions.modern(version)) {
                    throw e; // legacy revisions: a disconnect is not a cancellation (MCP 2025-06-18 "Transports")
                }
                cancellation.cancel("the client closed the response stream");
            }
        };
    }

    private Optional<Session> owned(Inbound inbound) {
        return inbound.sessionId().flatMap(sessions::find).filter(s -> s.actor().equals(inbound.caller().principal()));
    }

    private static Reply malformed(JsonNode id, int code, String message) {
        return new Reply(Reply.Kind.MALFORMED, JsonRpc.error(id, code, message), null);
    }

    /** Returns the id of a message that failed validation when it is a valid one, else {@code null} (left out). */
    private static JsonNode idOf(JsonNode message) {
        return message.isObject() && Envelope.validId(message.get("id")) ? message.get("id") : null;
    }
}
