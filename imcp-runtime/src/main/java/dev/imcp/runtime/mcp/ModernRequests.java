package dev.imcp.runtime.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.imcp.runtime.spi.ProgressSink;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The modern era of {@link McpEndpoint}: requests of MCP 2026-07-28, which carry their revision and the client's
 * capabilities in {@code params._meta} and need neither {@code initialize} nor a session (MCP 2026-07-28 "Base
 * Protocol", "Statelessness" and "Per-request protocol fields"). An incoming session id is ignored and none is
 * minted ("Transports", "Streamable HTTP", "Backward Compatibility").
 *
 * <p>A request is checked in this order, each failure answered with the request's id:
 * <ol>
 *   <li>{@code _meta} with {@code io.modelcontextprotocol/protocolVersion} (a string) and
 *       {@code io.modelcontextprotocol/clientCapabilities} (an object): else -32602, HTTP 400 ("Per-request protocol
 *       fields");</li>
 *   <li>on a transport with headers: {@code MCP-Protocol-Version} present and equal to the body's version,
 *       {@code Mcp-Method} present and equal to {@code method}, and {@code Mcp-Name} present and equal to
 *       {@code params.name} ({@code tools/call}, {@code prompts/get}) or {@code params.uri}
 *       ({@code resources/read}) after trimming and base64 decoding: else -32020 HeaderMismatch, HTTP 400
 *       ("Transports", "Streamable HTTP", "Protocol Version Header", "Standard Headers", "Server Validation");</li>
 *   <li>the version is a modern one this server serves: else -32022 with {@code data: {supported, requested}},
 *       HTTP 400 ("Versioning", "Protocol Version Negotiation");</li>
 *   <li>{@code io.modelcontextprotocol/logLevel}, when present, a {@code LoggingLevel}: else -32602;</li>
 *   <li>the method is served in this revision: else -32601, HTTP 404 ("Protocol Version Header"); the methods
 *       2026-07-28 removed ({@code initialize}, {@code ping}, {@code logging/setLevel},
 *       {@code resources/subscribe}, {@code resources/unsubscribe}) are unknown here.</li>
 * </ol>
 * Every result is given {@code resultType: "complete"} ("Base Protocol", "ResultType") and
 * {@code _meta["io.modelcontextprotocol/serverInfo"]}. A JSON-RPC batch is refused (-32600, HTTP 400): the body
 * must be a single message ("Streamable HTTP", "Sending Messages"). Notifications are accepted and ignored: the
 * revision defines none a client sends over HTTP, and the only one, {@code notifications/cancelled}, is for stdio.
 *
 * <p>A {@code tools/call} asks the transport to tell when its client is gone ({@link MessageSink#onClientGone}),
 * which cancels it: closing the response stream is how a 2026-07-28 client cancels over HTTP ("Cancellation").
 *
 * <p>Logging ("Utilities: Logging"): {@code logging} is declared, and a request whose
 * {@code _meta["io.modelcontextprotocol/logLevel"]} names a level gets its tool call's steps as
 * {@code notifications/message} at that level and above, on its response stream; a request without it gets none.
 */
final class ModernRequests {

    /** The {@code _meta} key of the request's protocol version. */
    static final String PROTOCOL_VERSION = "io.modelcontextprotocol/protocolVersion";
    /** The {@code _meta} key of the client's capabilities. */
    static final String CLIENT_CAPABILITIES = "io.modelcontextprotocol/clientCapabilities";
    /** The {@code _meta} key of the log level of one request. */
    static final String LOG_LEVEL = "io.modelcontextprotocol/logLevel";
    /** The result {@code _meta} key of the server's name and version. */
    static final String SERVER_INFO = "io.modelcontextprotocol/serverInfo";

    /** The methods of the legacy era that 2026-07-28 removed (MCP 2026-07-28 "Changelog"). */
    private static final Set<String> REMOVED = Set.of("initialize", "ping", "logging/setLevel",
            "resources/subscribe", "resources/unsubscribe");
    /** {@code LoggingLevel} (RFC 5424 severities, MCP "Server Utilities", "Logging"). */
    private static final Set<String> LOG_LEVELS = Set.of("debug", "info", "notice", "warning", "error", "critical",
            "alert", "emergency");
    /** The requests whose {@code Mcp-Name} mirrors a body member, and that member. */
    private static final Map<String, String> NAMED = Map.of("tools/call", "name", "prompts/get", "name",
            "resources/read", "uri");

    private final ObjectMapper mapper;
    private final Map<String, MethodHandler> handlers;
    private final ObjectNode serverInfo;
    private final String instructions;
    private final Duration requestTimeout;
    private final long discoverTtlMs;
    private final ObjectNode discoverMeta;

    ModernRequests(ObjectMapper mapper, Map<String, MethodHandler> handlers, String serverName, String serverVersion,
                   String instructions, Duration requestTimeout, long discoverTtlMs, ObjectNode discoverMeta) {
        this.mapper = mapper;
        this.handlers = handlers;
        this.serverInfo = mapper.createObjectNode().put("name", serverName).put("version", serverVersion);
        this.instructions = instructions;
        this.requestTimeout = requestTimeout;
        this.discoverTtlMs = discoverTtlMs;
        this.discoverMeta = discoverMeta;
    }

    /**
     * Returns whether a message is modern traffic: its {@code params._meta} names a protocol version (whatever the
     * method, {@code initialize} included), or, lacking that claim, its {@code MCP-Protocol-Version} header names a
     * modern revision (so that a modern request missing its {@code _meta} is told so rather than asked for a
     * session). For a batch, any element counts.
     */
    static boolean claims(JsonNode message, Inbound inbound) {
        if (inbound.protocolVersion().filter(ProtocolVersions::modern).isPresent()) {
            return true;
        }
        if (message instanceof ArrayNode batch) {
            for (JsonNode element : batch) {
                if (claimsInBody(element)) {
                    return true;
                }
            }
            return false;
        }
        return claimsInBody(message);
    }

    private static boolean claimsInBody(JsonNode message) {
        JsonNode meta = message.path("params").path("_meta");
        return meta.isObject() && meta.has(PROTOCOL_VERSION);
    }

    /** Answers one modern message (see the class comment). */
    Reply handle(JsonNode message, Inbound inbound) {
        if (message.isArray()) {
            return error(null, JsonRpc.INVALID_REQUEST, "Invalid Request: JSON-RPC batches are not accepted in "
                    + "revision 2026-07-28; send one message per request", null, Reply.Kind.MALFORMED);
        }
        Envelope env;
        try {
            env = Envelope.parse(message);
        } catch (McpError e) {
            JsonNode id = message.get("id");
            return error(Envelope.validId(id) ? id : null, e.code(), e.getMessage(), null, Reply.Kind.MALFORMED);
        }
        if (!env.isRequest()) {
            return new Reply(Reply.Kind.ACCEPTED, null, null);
        }
        ObjectNode meta;
        String version;
        try {
            meta = requiredMeta(env);
            version = meta.get(PROTOCOL_VERSION).textValue();
        } catch (McpError e) {
            return error(env.id(), e.code(), e.getMessage(), null, Reply.Kind.MALFORMED);
        }
        Optional<String> mismatch = inbound.standardHeaders().flatMap(h -> headerMismatch(h, env, version));
        if (mismatch.isPresent()) {
            return error(env.id(), JsonRpc.HEADER_MISMATCH, mismatch.get(), null, Reply.Kind.MALFORMED);
        }
        if (!ProtocolVersions.modern(version)) {
            ObjectNode data = mapper.createObjectNode();
            ArrayNode supported = data.putArray("supported");
            ProtocolVersions.SUPPORTED.forEach(supported::add);
            data.put("requested", version);
            String why = ProtocolVersions.legacy(version)
                    ? " (" + version + " is served after initialize, in a session, without the _meta protocol version)"
                    : "";
            return error(env.id(), JsonRpc.UNSUPPORTED_PROTOCOL_VERSION, "Unsupported protocol version: " + version + why
                    + "; supported: " + String.join(", ", ProtocolVersions.SUPPORTED), data, Reply.Kind.MALFORMED);
        }
        JsonNode level = meta.get(LOG_LEVEL);
        if (level != null && !(level.isTextual() && LOG_LEVELS.contains(level.textValue()))) {
            return error(env.id(), JsonRpc.INVALID_PARAMS, "Invalid params: _meta." + LOG_LEVEL + " must be one of "
                    + String.join(", ", LOG_LEVELS.stream().sorted().toList()), null, Reply.Kind.MALFORMED);
        }
        if ("server/discover".equals(env.method())) {
            return new Reply(Reply.Kind.RESPONSE, JsonRpc.result(env.id(), complete(discover())), null);
        }
        MethodHandler handler = REMOVED.contains(env.method()) ? null : handlers.get(env.method());
        if (handler == null) {
            return error(env.id(), JsonRpc.METHOD_NOT_FOUND, "Method not found: " + env.method()
                    + (REMOVED.contains(env.method()) ? " (removed in revision " + version + ")" : ""),
                    null, Reply.Kind.METHOD_NOT_FOUND);
        }
        RequestContext context = context(inbound, env, version, meta);
        if ("tools/call".equals(env.method())) {
            // MCP 2026-07-28 "Cancellation": on HTTP, a client cancels by closing the response stream
            inbound.sink().onClientGone(() -> context.cancellation().cancel("the client closed the response stream"));
        }
        return new Reply(Reply.Kind.RESPONSE, call(handler, context, env), null);
    }

    private ObjectNode call(MethodHandler handler, RequestContext context, Envelope env) {
        try {
            JsonNode result = handler.handle(context, env.params());
            return JsonRpc.result(env.id(), result instanceof ObjectNode o ? complete(o) : result);
        } catch (McpError e) {
            return JsonRpc.error(env.id(), e.code(), e.getMessage());
        } catch (RuntimeException e) {
            System.getLogger(McpEndpoint.class.getName()).log(System.Logger.Level.ERROR,
                    "Internal error in " + env.method() + " [" + context.correlationId() + "]", e);
            return JsonRpc.error(env.id(), JsonRpc.INTERNAL_ERROR, "Internal error (correlation id "
                    + context.correlationId() + ")");
        }
    }

    /** Returns {@code params._meta}, checked for the two required keys (MCP 2026-07-28 "Per-request protocol fields"). */
    private static ObjectNode requiredMeta(Envelope env) throws McpError {
        JsonNode meta = env.params() == null ? null : env.params().get("_meta");
        if (!(meta instanceof ObjectNode object)) {
            throw new McpError(JsonRpc.INVALID_PARAMS, "Invalid params: params._meta is required in revision "
                    + ProtocolVersions.LATEST + ", with " + PROTOCOL_VERSION + " and " + CLIENT_CAPABILITIES);
        }
        JsonNode version = object.get(PROTOCOL_VERSION);
        if (version == null || !version.isTextual()) {
            throw new McpError(JsonRpc.INVALID_PARAMS, "Invalid params: params._meta." + PROTOCOL_VERSION
                    + " is required (a string)");
        }
        JsonNode capabilities = object.get(CLIENT_CAPABILITIES);
        if (capabilities == null || !capabilities.isObject()) {
            throw new McpError(JsonRpc.INVALID_PARAMS, "Invalid params: params._meta." + CLIENT_CAPABILITIES
                    + " is required (an object; {} declares none)");
        }
        return object;
    }

    /**
     * Returns what is wrong with the standard headers, empty when they mirror the body (MCP 2026-07-28 "Transports",
     * "Streamable HTTP", "Server Validation").
     */
    private static Optional<String> headerMismatch(StandardHeaders headers, Envelope env, String version) {
        if (headers.protocolVersion().isEmpty()) {
            return Optional.of("Header mismatch: the MCP-Protocol-Version header is required");
        }
        String headerVersion = headers.protocolVersion().get().strip();
        if (!headerVersion.equals(version)) {
            return Optional.of("Header mismatch: MCP-Protocol-Version header value '" + headerVersion
                    + "' does not match body value '" + version + "'");
        }
        if (headers.method().isEmpty()) {
            return Optional.of("Header mismatch: the Mcp-Method header is required");
        }
        String method = headers.method().get().strip();
        if (!method.equals(env.method())) {
            return Optional.of("Header mismatch: Mcp-Method header value '" + method + "' does not match body value '"
                    + env.method() + "'");
        }
        String member = NAMED.get(env.method());
        if (member == null) {
            return Optional.empty();
        }
        JsonNode body = env.params() == null ? null : env.params().get(member);
        String bodyValue = body != null && body.isTextual() ? body.textValue() : null;
        if (headers.name().isEmpty()) {
            return bodyValue == null ? Optional.empty()
                    : Optional.of("Header mismatch: the Mcp-Name header is required for " + env.method());
        }
        String raw = headers.name().get();
        if (!raw.chars().allMatch(c -> c == '\t' || (c >= 0x20 && c <= 0x7E))) {
            return Optional.of("Header mismatch: the Mcp-Name header has characters other than visible ASCII; "
                    + "send such a value as =?base64?...?=");
        }
        String name;
        try {
            name = StandardHeaders.decode(raw);
        } catch (IllegalArgumentException e) {
            return Optional.of("Header mismatch: the Mcp-Name header's =?base64?...?= value is " + e.getMessage());
        }
        if (!name.equals(bodyValue)) {
            return Optional.of("Header mismatch: Mcp-Name header value '" + name + "' does not match body value '"
                    + (bodyValue == null ? "" : bodyValue) + "'");
        }
        return Optional.empty();
    }

    /** The {@code DiscoverResult} (MCP 2026-07-28 "Server Features", "Discover"). */
    private ObjectNode discover() {
        ObjectNode result = mapper.createObjectNode();
        ArrayNode versions = result.putArray("supportedVersions");
        ProtocolVersions.SUPPORTED.forEach(versions::add);
        ObjectNode capabilities = result.putObject("capabilities");
        capabilities.putObject("tools");
        capabilities.putObject("logging");
        if (instructions != null) {
            result.put("instructions", instructions);
        }
        result.put("ttlMs", discoverTtlMs);
        result.put("cacheScope", "public"); // the same for every caller: versions, capabilities, instructions
        if (!discoverMeta.isEmpty()) {
            result.putObject("_meta").setAll(discoverMeta.deepCopy());
        }
        return result;
    }

    /** Adds {@code resultType: "complete"} and the server's info to a result's {@code _meta}. */
    private ObjectNode complete(ObjectNode result) {
        if (!result.has("resultType")) {
            result.put("resultType", "complete");
        }
        JsonNode meta = result.get("_meta");
        ObjectNode target = meta instanceof ObjectNode o ? o : result.putObject("_meta");
        target.set(SERVER_INFO, serverInfo.deepCopy());
        return result;
    }

    private RequestContext context(Inbound inbound, Envelope env, String version, ObjectNode meta) {
        CancellationToken cancellation = new CancellationToken();
        JsonNode token = meta.get("progressToken");
        ProgressSink progress = Envelope.validId(token) && inbound.sink() != MessageSink.NONE
                ? McpEndpoint.progressSink(mapper, token, version, inbound.sink(), cancellation) : ProgressSink.NONE;
        JsonNode traceparent = meta.get("traceparent");
        Optional<TraceContext> trace = TraceContext.parse(traceparent != null && traceparent.isTextual() ? traceparent.textValue() : null)
                .or(() -> inbound.traceparent().flatMap(TraceContext::parse));
        JsonNode level = meta.get(LOG_LEVEL);
        LogLevel threshold = level != null && level.isTextual() ? LogLevel.parse(level.textValue()).orElse(null) : null;
        LogSink log = threshold == null || inbound.sink() == MessageSink.NONE ? LogSink.NONE
                : LogSink.notifications(mapper, threshold, inbound.sink());
        return new RequestContext(version, inbound.caller(), Optional.empty(), env.id(), env.method(),
                CorrelationIds.choose(inbound.correlationId(), trace), Instant.now().plus(requestTimeout), cancellation, progress, trace, log);
    }

    private Reply error(JsonNode id, int code, String message, JsonNode data, Reply.Kind kind) {
        return new Reply(kind, JsonRpc.error(id, code, message, data), null);
    }
}
