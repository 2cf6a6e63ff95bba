package dev.imcp.runtime.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.imcp.runtime.security.ApiKeyAuthenticator;
import dev.imcp.runtime.security.Caller;
import dev.imcp.runtime.security.OriginCheck;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.io.IOException;
import java.util.Optional;

/**
 * The MCP Streamable HTTP transport (MCP 2025-06-18 / 2025-11-25, "Transports", "Streamable HTTP") at one
 * path, answering every request with a single JSON body (no SSE).
 *
 * <ul>
 *   <li>Every method first checks {@code Origin} and, on a loopback-bound server, {@code Host} (403), then the
 *       API key (401 with {@code WWW-Authenticate}).</li>
 *   <li>{@code POST}: one JSON-RPC message. Requests are answered {@code 200 application/json}; notifications
 *       and responses {@code 202} without a body. Invalid JSON is 400 with -32700, a malformed message (not an
 *       object, {@code jsonrpc} not {@code "2.0"}, bad id, batch) 400 with -32600. Outside {@code initialize},
 *       a missing {@code Mcp-Session-Id} is 400 and an unknown or expired one 404. An unsupported
 *       {@code MCP-Protocol-Version} header is 400.</li>
 *   <li>{@code GET}: 405, the server opens no stream.</li>
 *   <li>{@code DELETE}: ends the session (204), unknown 404.</li>
 * </ul>
 */
public final class McpHttpService implements HttpService {

    /** The session header (MCP "Session Management"). */
    public static final HeaderName SESSION_ID = HeaderNames.create("Mcp-Session-Id");
    /** The protocol version header (MCP "Protocol Version Header"). */
    public static final HeaderName PROTOCOL_VERSION = HeaderNames.create("MCP-Protocol-Version");

    private final String path;
    private final ObjectMapper mapper;
    private final McpDispatcher dispatcher;
    private final SessionStore sessions;
    private final ApiKeyAuthenticator authenticator;
    private final OriginCheck originCheck;

    /**
     * @param path the endpoint path, e.g. {@code /mcp}
     * @param mapper the JSON mapper
     * @param dispatcher answers the messages
     * @param sessions the live sessions
     * @param authenticator checks API keys
     * @param originCheck checks {@code Origin}
     */
    public McpHttpService(String path, ObjectMapper mapper, McpDispatcher dispatcher, SessionStore sessions,
                          ApiKeyAuthenticator authenticator, OriginCheck originCheck) {
        this.path = path;
        this.mapper = mapper;
        this.dispatcher = dispatcher;
        this.sessions = sessions;
        this.authenticator = authenticator;
        this.originCheck = originCheck;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post(path, this::post).get(path, this::get).delete(path, this::delete);
    }

    private void get(ServerRequest req, ServerResponse res) {
        if (guard(req, res).isPresent()) {
            res.status(405).header(HeaderNames.ALLOW, "POST, DELETE").send();
        }
    }

    private void delete(ServerRequest req, ServerResponse res) {
        Optional<Caller> caller = guard(req, res);
        if (caller.isEmpty()) {
            return;
        }
        Optional<String> id = req.headers().first(SESSION_ID);
        if (id.isEmpty()) {
            json(res, 400, JsonRpc.error(null, JsonRpc.INVALID_REQUEST, "Bad Request: Mcp-Session-Id header is required"));
        } else if (sessions.find(id.get()).filter(s -> s.actor().equals(caller.get().name())).isPresent()
                && sessions.remove(id.get())) {
            res.status(204).send();
        } else {
            json(res, 404, JsonRpc.error(null, JsonRpc.INVALID_REQUEST, "Session not found"));
        }
    }

    private void post(ServerRequest req, ServerResponse res) {
        Optional<Caller> caller = guard(req, res);
        if (caller.isEmpty()) {
            return;
        }
        Optional<String> version = req.headers().first(PROTOCOL_VERSION);
        if (version.isPresent() && !ProtocolVersions.supported(version.get())) {
            json(res, 400, JsonRpc.error(null, JsonRpc.INVALID_REQUEST, "Bad Request: unsupported MCP-Protocol-Version "
                    + version.get() + "; supported: " + String.join(", ", ProtocolVersions.SUPPORTED)));
            return;
        }
        JsonNode message;
        try {
            byte[] body = req.content().hasEntity() ? req.content().as(byte[].class) : new byte[0];
            message = mapper.readTree(body);
            if (message == null || message.isMissingNode()) {
                throw new IOException("empty body");
            }
        } catch (IOException | RuntimeException e) {
            json(res, 400, JsonRpc.error(null, JsonRpc.PARSE_ERROR, "Parse error: the body is not valid JSON"));
            return;
        }
        Envelope env;
        try {
            env = Envelope.parse(message);
        } catch (McpError e) {
            JsonNode id = message.isObject() && Envelope.validId(message.get("id")) ? message.get("id") : null;
            json(res, 400, JsonRpc.error(id, e.code(), e.getMessage()));
            return;
        }
        if (env.isRequest() && "initialize".equals(env.method())) {
            McpDispatcher.Initialized init;
            try {
                init = dispatcher.initialize(caller.get(), env.params());
            } catch (McpError e) {
                json(res, 200, JsonRpc.error(env.id(), e.code(), e.getMessage()));
                return;
            }
            res.header(SESSION_ID, init.session().id());
            json(res, 200, JsonRpc.result(env.id(), init.result()));
            return;
        }
        Optional<String> sessionId = req.headers().first(SESSION_ID);
        if (sessionId.isEmpty()) {
            json(res, 400, JsonRpc.error(env.id(), JsonRpc.INVALID_REQUEST, "Bad Request: Mcp-Session-Id header is required"));
            return;
        }
        Optional<Session> session = sessions.find(sessionId.get()).filter(s -> s.actor().equals(caller.get().name()));
        if (session.isEmpty()) {
            json(res, 404, JsonRpc.error(env.id(), JsonRpc.INVALID_REQUEST, "Session not found"));
            return;
        }
        if (!env.isRequest()) {
            res.status(202).send();
            return;
        }
        json(res, 200, dispatcher.handle(session.get(), caller.get(), env.id(), env.method(), env.params()));
    }

    /** Applies the origin and API-key checks; sends 403/401 and returns empty when refused. */
    private Optional<Caller> guard(ServerRequest req, ServerResponse res) {
        if (!originCheck.allows(req.headers().first(HeaderNames.ORIGIN).orElse(null))
                || !originCheck.allowsHost(req.headers().first(HeaderNames.HOST).orElse(null))) {
            json(res, 403, JsonRpc.error(null, JsonRpc.INVALID_REQUEST, "Forbidden: origin not allowed"));
            return Optional.empty();
        }
        ApiKeyAuthenticator.Outcome outcome = authenticator.authenticate(req.headers().first(HeaderNames.AUTHORIZATION).orElse(null));
        if (outcome.caller().isEmpty()) {
            res.header(HeaderNames.WWW_AUTHENTICATE, outcome.challenge());
            json(res, 401, JsonRpc.error(null, -32001, "Unauthorized: a valid API key is required as 'Authorization: Bearer <key>'"));
        }
        return outcome.caller();
    }

    private void json(ServerResponse res, int status, ObjectNode body) {
        byte[] bytes;
        try {
            bytes = mapper.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            bytes = "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32603,\"message\":\"Internal error\"}}".getBytes(
                    java.nio.charset.StandardCharsets.UTF_8);
        }
        res.status(status).header(HeaderNames.CONTENT_TYPE, "application/json").send(bytes);
    }
}
