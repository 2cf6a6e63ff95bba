package dev.imcp.runtime.transport.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imcp.runtime.mcp.Inbound;
import dev.imcp.runtime.mcp.JsonRpc;
import dev.imcp.runtime.mcp.McpEndpoint;
import dev.imcp.runtime.mcp.Reply;
import dev.imcp.runtime.mcp.StandardHeaders;
import dev.imcp.runtime.security.Authenticator;
import dev.imcp.runtime.security.Caller;
import dev.imcp.runtime.security.OriginCheck;
import io.helidon.common.media.type.MediaTypes;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.HttpMediaType;
import io.helidon.http.Method;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * The MCP Streamable HTTP transport (MCP 2025-03-26, 2025-06-18, 2025-11-25 and 2026-07-28, "Transports",
 * "Streamable HTTP") at one path: bytes in and out, everything else in {@link McpEndpoint}, which tells the legacy
 * era (sessions) from the modern one (2026-07-28: no session, headers mirroring the body). A POST is answered with a single JSON
 * body, or with an SSE stream when messages precede the response; the server opens no stream of its own (GET).
 *
 * <ul>
 *   <li>{@code POST}, {@code GET} and {@code DELETE} first check {@code Origin} and, on a loopback-bound server,
 *       {@code Host} (403), then the bearer token ({@link Authenticator}: 401 with {@code WWW-Authenticate} for no
 *       or an invalid API key or access token, 403 with {@code error="insufficient_scope"} for a caller lacking a
 *       required scope, 503 when the token issuer's keys cannot be fetched).</li>
 *   <li>{@code POST}: {@code Content-Type} must be {@code application/json} (else 415) and {@code Accept} must
 *       accept both {@code application/json} and {@code text/event-stream} (else 406); a body over
 *       {@code server.max-payload-size} is 413 (Helidon). The body goes to {@link McpEndpoint#handle} with
 *       {@code Mcp-Session-Id}, {@code MCP-Protocol-Version}, {@code traceparent}, {@code X-Correlation-ID} and the standard headers
 *       {@code Mcp-Method} and {@code Mcp-Name} ({@link StandardHeaders}); the {@link Reply} is sent as 200
 *       {@code application/json} (responses), 202 without a body (only notifications or responses), 400 (-32700,
 *       -32600, no session id, and for 2026-07-28 -32602, -32020 and -32022), 404 (unknown, expired or another
 *       caller's session; a method 2026-07-28 does not serve, -32601). When the server
 *       has a message to send before the response (a tool's {@code notifications/progress} for a request with
 *       {@code _meta.progressToken}), the answer becomes a 200 {@code text/event-stream} whose last event is the
 *       response ({@link SseReply}). For a request the endpoint watches (a 2026-07-28 {@code tools/call}), the
 *       answer becomes such a stream after {@code keepAlive} too, with an SSE comment each period: a write that
 *       fails means the client closed the stream, which cancels the request (MCP 2026-07-28 "Cancellation").</li>
 *   <li>{@code GET}: 405, the server opens no stream. {@code DELETE}: ends the legacy session it names (204),
 *       unknown 404; without {@code Mcp-Session-Id} 405, as 2026-07-28 has no sessions ("Backward
 *       Compatibility").</li>
 *   <li>{@code OPTIONS}: a CORS preflight (an {@code Origin} and {@code Access-Control-Request-Method}) is
 *       answered by Helidon's CORS support for the origins of {@code server.cors.allowed-origins} and refused
 *       with 403 otherwise; any other {@code OPTIONS} is 204 with {@code Allow}.</li>
 *   <li>{@code HEAD}, {@code PUT}, {@code PATCH} and any other method: 405 with {@code Allow} and no body
 *       (RFC 9110 section 15.5.6).</li>
 * </ul>
 * Error bodies are JSON-RPC error objects without {@code id} unless the request's id is known.
 */
public final class StreamableHttpTransport implements HttpService {

    /** The session header (MCP "Session Management"). */
    public static final HeaderName SESSION_ID = HeaderNames.create("Mcp-Session-Id");
    /** The protocol version header (MCP 2025-06-18 "Protocol Version Header"). */
    public static final HeaderName PROTOCOL_VERSION = HeaderNames.create("MCP-Protocol-Version");
    /** The header mirroring a request's method (MCP 2026-07-28 "Standard Headers"). */
    public static final HeaderName MCP_METHOD = HeaderNames.create("Mcp-Method");
    /** The header mirroring a request's {@code params.name} or {@code params.uri} (MCP 2026-07-28 "Standard Headers"). */
    public static final HeaderName MCP_NAME = HeaderNames.create("Mcp-Name");
    /** The W3C Trace Context header. */
    public static final HeaderName TRACEPARENT = HeaderNames.create("traceparent");
    /** The client's correlation id header ({@link dev.imcp.runtime.mcp.CorrelationIds}). */
    public static final HeaderName CORRELATION_ID = HeaderNames.create(dev.imcp.runtime.mcp.CorrelationIds.HEADER);
    /** The methods of the endpoint, as sent in {@code Allow}. */
    public static final String ALLOW = "POST, DELETE, OPTIONS";

    private static final HttpMediaType EVENT_STREAM = HttpMediaType.create(MediaTypes.TEXT_EVENT_STREAM);
    private static final HttpMediaType JSON = HttpMediaType.create(MediaTypes.APPLICATION_JSON);

    private final String path;
    private final ObjectMapper mapper;
    /** Writes answers and leaves the stream open (the caller ends it: see {@link #json}). */
    private final com.fasterxml.jackson.databind.ObjectWriter writer;
    private final McpEndpoint endpoint;
    private final Authenticator authenticator;
    private final OriginCheck originCheck;
    private final Duration keepAlive;

    /**
     * A transport that probes a watched request's client every 15 seconds.
     *
     * @param path the endpoint path, e.g. {@code /mcp}
     * @param mapper the JSON mapper
     * @param endpoint answers the messages
     * @param authenticator checks API keys and tokens
     * @param originCheck checks {@code Origin} and {@code Host}
     */
    public StreamableHttpTransport(String path, ObjectMapper mapper, McpEndpoint endpoint,
                                   Authenticator authenticator, OriginCheck originCheck) {
        this(path, mapper, endpoint, authenticator, originCheck, Duration.ofSeconds(15));
    }

    /**
     * @param path the endpoint path, e.g. {@code /mcp}
     * @param mapper the JSON mapper
     * @param endpoint answers the messages
     * @param authenticator checks API keys and tokens
     * @param originCheck checks {@code Origin} and {@code Host}
     * @param keepAlive how often the answer to a request the endpoint watches (a 2026-07-28 {@code tools/call})
     *     gets an SSE comment, which finds a client that closed the stream and so cancelled the request
     */
    public StreamableHttpTransport(String path, ObjectMapper mapper, McpEndpoint endpoint,
                                   Authenticator authenticator, OriginCheck originCheck, Duration keepAlive) {
        this.keepAlive = keepAlive;
        this.path = path;
        this.mapper = mapper;
        this.writer = mapper.writer().without(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        this.endpoint = endpoint;
        this.authenticator = authenticator;
        this.originCheck = originCheck;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.route(Method.HEAD, path, StreamableHttpTransport::notAllowed)
                .post(path, this::post)
                .get(path, this::get)
                .delete(path, this::delete)
                .options(path, StreamableHttpTransport::options)
                .any(path, StreamableHttpTransport::notAllowed);
    }

    private static void notAllowed(ServerRequest req, ServerResponse res) {
        res.status(405).header(HeaderNames.ALLOW, ALLOW).send();
    }

    private static void options(ServerRequest req, ServerResponse res) {
        if (req.headers().contains(HeaderNames.ORIGIN) && req.headers().contains(HeaderNames.ACCESS_CONTROL_REQUEST_METHOD)) {
            // A preflight that the CORS support (registered before this service) did not answer: not an allowed origin.
            res.status(403).send();
            return;
        }
        res.status(204).header(HeaderNames.ALLOW, ALLOW).send();
    }

    private void get(ServerRequest req, ServerResponse res) {
        if (guard(req, res).isPresent()) {
            res.status(405).header(HeaderNames.ALLOW, ALLOW).send();
        }
    }

    private void delete(ServerRequest req, ServerResponse res) {
        Optional<Caller> caller = guard(req, res);
        if (caller.isPresent() && req.headers().first(SESSION_ID).isEmpty()) {
            // Only a legacy session can be ended; 2026-07-28 has none (MCP 2026-07-28 "Backward Compatibility")
            res.status(405).header(HeaderNames.ALLOW, ALLOW).send();
        } else if (caller.isPresent()) {
            send(res, endpoint.endSession(caller.get(), req.headers().first(SESSION_ID)));
        }
    }

    private void post(ServerRequest req, ServerResponse res) {
        Optional<Caller> caller = guard(req, res);
        if (caller.isEmpty()) {
            return;
        }
        Optional<HttpMediaType> type = req.headers().contentType();
        // exactly application/json (parameters such as charset allowed); no wildcard, no other +json type
        if (type.isEmpty() || !type.get().mediaType().text().equalsIgnoreCase(MediaTypes.APPLICATION_JSON.text())) {
            json(res, 415, JsonRpc.error(null, JsonRpc.INVALID_REQUEST,
                    "Unsupported Media Type: the body must be sent as Content-Type: application/json"));
            return;
        }
        if (!accepts(req, JSON) || !accepts(req, EVENT_STREAM)) {
            json(res, 406, JsonRpc.error(null, JsonRpc.INVALID_REQUEST,
                    "Not Acceptable: Accept must list both application/json and text/event-stream"));
            return;
        }
        byte[] body = RequestBodies.read(req);
        SseReply sse = new SseReply(res, mapper, keepAlive);
        Inbound inbound = new Inbound(caller.get(), req.headers().first(SESSION_ID),
                req.headers().first(PROTOCOL_VERSION), req.headers().first(TRACEPARENT), sse,
                Optional.of(new StandardHeaders(req.headers().first(PROTOCOL_VERSION), req.headers().first(MCP_METHOD),
                        req.headers().first(MCP_NAME))), req.headers().first(CORRELATION_ID));
        Reply reply = endpoint.handle(body, inbound);
        if (sse.stop()) {
            sse.finish(reply.body()); // progress or keep-alives went out: the response is the stream's last event
        } else {
            send(res, reply);
        }
    }

    /**
     * Returns whether the request's {@code Accept} header names {@code type} or a wildcard covering it with a
     * quality above 0 (RFC 9110 section 12.5.1); a missing header accepts nothing, since MCP requires it.
     */
    private static boolean accepts(ServerRequest req, HttpMediaType type) {
        return req.headers().acceptedTypes().stream()
                .anyMatch(range -> range.qualityFactor() > 0 && range.test(type.mediaType()));
    }

    private void send(ServerResponse res, Reply reply) {
        if (reply.sessionId() != null) {
            res.header(SESSION_ID, reply.sessionId());
        }
        int status = switch (reply.kind()) {
            case RESPONSE -> 200;
            case ACCEPTED -> 202;
            case ENDED -> 204;
            case MALFORMED, SESSION_REQUIRED -> 400;
            case SESSION_NOT_FOUND, METHOD_NOT_FOUND -> 404;
        };
        if (reply.body() == null) {
            res.status(status).send();
        } else {
            json(res, status, reply.body());
        }
    }

    /** Applies the origin and bearer-token checks; sends 403/401/503 and returns empty when refused. */
    private Optional<Caller> guard(ServerRequest req, ServerResponse res) {
        if (!originCheck.allows(req.headers().first(HeaderNames.ORIGIN).orElse(null))
                || !originCheck.allowsHost(req.headers().first(HeaderNames.HOST).orElse(null))) {
            json(res, 403, JsonRpc.error(null, JsonRpc.INVALID_REQUEST, "Forbidden: origin not allowed"));
            return Optional.empty();
        }
        Authenticator.Outcome outcome = authenticator.authenticate(req.headers().first(HeaderNames.AUTHORIZATION).orElse(null));
        if (outcome.caller().isEmpty()) {
            if (outcome.challenge() != null) {
                res.header(HeaderNames.WWW_AUTHENTICATE, outcome.challenge());
            }
            json(res, outcome.status(), JsonRpc.error(null, -32001, outcome.message()));
        }
        return outcome.caller();
    }

    /**
     * Sends {@code body} as the JSON answer: with a {@code Content-Length} up to {@link #STREAMED_ABOVE} bytes, else
     * streamed as it is written ({@link ResponseBody}). A body that cannot be written (never expected of a tree) is
     * the JSON-RPC internal error when nothing has gone out yet; else the connection is closed mid-answer, which the
     * client sees as a failed request rather than as a truncated result.
     */
    private void json(ServerResponse res, int status, JsonNode body) {
        res.status(status).header(HeaderNames.CONTENT_TYPE, "application/json");
        ResponseBody out = new ResponseBody(res, STREAMED_ABOVE);
        try {
            writer.writeValue(out, body); // leaves out open, also on failure: nothing half-written is sent as it is
            out.close();
        } catch (IOException e) {
            if (out.streaming()) {
                LOG.log(System.Logger.Level.WARNING, "An answer could not be written in full; the client gets an error "
                        + "status or a closed connection, not a cut answer: " + e.getMessage());
                throw new java.io.UncheckedIOException(e);
            }
            res.send("{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32603,\"message\":\"Internal error\"}}"
                    .getBytes(StandardCharsets.UTF_8));
        }
    }

    private static final System.Logger LOG = System.getLogger(StreamableHttpTransport.class.getName());

    /** The largest answer sent with a {@code Content-Length}, in bytes (1 MiB); larger ones are streamed. */
    static final int STREAMED_ABOVE = 1 << 20;
}
