package dev.imcp.runtime.transport.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.imcp.runtime.chain.RateLimitLink;
import dev.imcp.runtime.mcp.Inbound;
import dev.imcp.runtime.mcp.JsonRpc;
import dev.imcp.runtime.mcp.McpEndpoint;
import dev.imcp.runtime.mcp.MessageSink;
import dev.imcp.runtime.mcp.Reply;
import dev.imcp.runtime.security.Authenticator;
import dev.imcp.runtime.security.Caller;
import dev.imcp.runtime.security.OriginCheck;
import dev.imcp.runtime.transport.http.RequestBodies;
import dev.imcp.runtime.transport.http.StreamableHttpTransport;
import io.helidon.common.media.type.MediaTypes;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.HttpMediaType;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * A REST facade over the adapter's tools, a transport like Streamable HTTP: each request becomes a
 * {@code tools/list} or {@code tools/call} message to the same {@link McpEndpoint}, on an MCP session the facade
 * opens per caller (revision {@value #REVISION}, in which invalid arguments are a JSON-RPC error rather than a
 * tool error), so API keys, the allow and deny lists, argument checks, limits and the audit log apply unchanged.
 *
 * <ul>
 *   <li>{@code GET /tools}: 200 {@code {"tools": [...]}}, the caller's visible tools as {@code tools/list} gives
 *       them ({@code name}, {@code title}, {@code description}, {@code inputSchema}, {@code outputSchema},
 *       {@code annotations}).</li>
 *   <li>{@code POST /tools/{name}} with the arguments as a JSON object body ({@code Content-Type:
 *       application/json}; an empty body is {@code {}}): 200 with the result's {@code structuredContent}, or its
 *       {@code content} array when it has none.</li>
 *   <li>{@code GET /openapi}: the OpenAPI 3.1 document of the facade for the caller's tools ({@link FacadeOpenApi}).</li>
 * </ul>
 * Errors are {@code application/problem+json} (RFC 9457: {@code type}, {@code title}, {@code status},
 * {@code detail}): 400 body not a JSON object or arguments invalid for the tool's input schema; 401 no or an
 * unknown API key or access token (with {@code WWW-Authenticate}); 403 a disallowed {@code Origin}, a caller lacking
 * a required scope (with {@code WWW-Authenticate}), or a tool that exists but the deny/allow lists or the policy
 * rules hide from the caller; 503 the token issuer's keys cannot be fetched; 404 no such tool; 405 another method
 * (with {@code Allow}); 413 a body over {@code server.max-payload-size}; 415 another content type; 429 a rate limit
 * refused the call (RFC 6585) and 503 an open circuit breaker or a full bulkhead did (both with {@code Retry-After}
 * seconds when known, RFC 9110 section 10.2.3; {@code _meta["dev.imcp/refused"]} of the result,
 * {@link RateLimitLink}); 502 the tool failed otherwise ({@code isError}: the upstream's redacted message, or a
 * timeout); 500 an internal error (with a correlation id, never a stack trace).
 */
public final class RestFacade implements HttpService {

    /** The MCP revision of the facade's sessions. */
    public static final String REVISION = "2025-06-18";
    /** The path of the tool list; a tool is {@code /tools/<name>}. */
    public static final String TOOLS = "/tools";
    /** The path of the OpenAPI document. */
    public static final String OPENAPI = "/openapi";

    private static final String PROBLEM = "application/problem+json";
    private static final HeaderName TRACEPARENT = HeaderNames.create("traceparent");

    private final ObjectMapper mapper;
    private final McpEndpoint endpoint;
    private final Authenticator authenticator;
    private final OriginCheck originCheck;
    private final Predicate<String> toolExists;
    private final FacadeOpenApi openApi;
    private final Map<String, String> sessions = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();

    /**
     * @param mapper the JSON mapper
     * @param endpoint answers the MCP messages
     * @param authenticator checks API keys and tokens
     * @param originCheck checks {@code Origin} and {@code Host}
     * @param toolExists whether a tool of that name exists at all, visible or not (403 versus 404)
     * @param openApi writes the OpenAPI document
     */
    public RestFacade(ObjectMapper mapper, McpEndpoint endpoint, Authenticator authenticator,
                      OriginCheck originCheck, Predicate<String> toolExists, FacadeOpenApi openApi) {
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
        this.originCheck = Objects.requireNonNull(originCheck, "originCheck");
        this.toolExists = Objects.requireNonNull(toolExists, "toolExists");
        this.openApi = Objects.requireNonNull(openApi, "openApi");
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get(TOOLS, this::list)
                .any(TOOLS, (req, res) -> notAllowed(res, "GET"))
                .post(TOOLS + "/{name}", this::call)
                .any(TOOLS + "/{name}", (req, res) -> notAllowed(res, "POST"))
                .get(OPENAPI, this::openApi)
                .any(OPENAPI, (req, res) -> notAllowed(res, "GET"));
    }

    private void list(ServerRequest req, ServerResponse res) {
        Optional<Caller> caller = guard(req, res);
        if (caller.isPresent()) {
            toolsList(caller.get(), req).ifPresentOrElse(tools -> json(res, 200, "application/json",
                    mapper.createObjectNode().set("tools", tools)), () -> internal(res));
        }
    }

    private void openApi(ServerRequest req, ServerResponse res) {
        Optional<Caller> caller = guard(req, res);
        if (caller.isPresent()) {
            toolsList(caller.get(), req).ifPresentOrElse(tools -> json(res, 200, "application/json",
                    openApi.document(tools, authenticator.enabled())), () -> internal(res));
        }
    }

    private void call(ServerRequest req, ServerResponse res) {
        Optional<Caller> caller = guard(req, res);
        if (caller.isEmpty()) {
            return;
        }
        String name = req.path().pathParameters().get("name");
        byte[] body = RequestBodies.read(req);
        JsonNode arguments;
        if (body.length == 0) {
            arguments = mapper.createObjectNode();
        } else {
            Optional<HttpMediaType> type = req.headers().contentType();
            if (type.isEmpty() || !type.get().mediaType().text().equalsIgnoreCase(MediaTypes.APPLICATION_JSON.text())) {
                problem(res, 415, "Unsupported Media Type", "the arguments must be sent as Content-Type: application/json");
                return;
            }
            try {
                arguments = mapper.readTree(body);
            } catch (IOException e) {
                problem(res, 400, "Bad Request", "the body is not valid JSON");
                return;
            }
            if (arguments == null || !arguments.isObject()) {
                problem(res, 400, "Bad Request", "the body must be a JSON object of the tool's arguments");
                return;
            }
        }
        ObjectNode params = mapper.createObjectNode().put("name", name);
        params.set("arguments", arguments);
        Optional<JsonNode> answer = send(caller.get(), req, "tools/call", params);
        if (answer.isEmpty()) {
            internal(res);
            return;
        }
        JsonNode error = answer.get().get("error");
        if (error != null) {
            int code = error.path("code").asInt();
            String message = error.path("message").asText();
            if (code == JsonRpc.INVALID_PARAMS && message.startsWith("Unknown tool")) {
                if (toolExists.test(name)) {
                    problem(res, 403, "Forbidden", "tool " + name + " is not available to this caller");
                } else {
                    problem(res, 404, "Not Found", "no tool named " + name);
                }
            } else if (code == JsonRpc.INVALID_PARAMS) {
                problem(res, 400, "Bad Request", message);
            } else {
                problem(res, 500, "Internal Server Error", message); // -32603 carries a correlation id only
            }
            return;
        }
        JsonNode result = answer.get().path("result");
        JsonNode refused = result.path("_meta").path(RateLimitLink.REFUSED);
        if (result.path("isError").asBoolean(false) && refused.isTextual()) {
            JsonNode seconds = result.path("_meta").path(RateLimitLink.RETRY_AFTER);
            if (seconds.canConvertToLong()) {
                res.header(HeaderNames.RETRY_AFTER, seconds.asText());
            }
            if (RateLimitLink.RATE_LIMITED.equals(refused.asText())) {
                problem(res, 429, "Too Many Requests", text(result.path("content")));
            } else {
                problem(res, 503, "Service Unavailable", text(result.path("content")));
            }
        } else if (result.path("isError").asBoolean(false)) {
            problem(res, 502, "Bad Gateway", text(result.path("content")));
        } else if (result.hasNonNull("structuredContent")) {
            json(res, 200, "application/json", result.get("structuredContent"));
        } else {
            json(res, 200, "application/json", result.path("content"));
        }
    }

    /**
     * Returns the caller's {@code tools/list} tools as trees (the endpoint's entries write their schemas as text:
     * they are read back here, for the OpenAPI document to walk), every page of them when the list is paged
     * ({@code imcp.tools-list-page-size}); empty on an internal error.
     */
    private Optional<ArrayNode> toolsList(Caller caller, ServerRequest req) {
        // A cursor refused on a later page (the caller's list changed between pages) starts the listing again, once;
        // any other failure is the answer.
        Listing listed = toolsListOnce(caller, req);
        return Optional.ofNullable(listed.cursorRefused() ? toolsListOnce(caller, req).tools() : listed.tools());
    }

    /**
     * One listing: every page's tools, or {@code null} with whether a later page's cursor was refused
     * ({@code -32602}).
     */
    private record Listing(ArrayNode tools, boolean cursorRefused) {
    }

    private Listing toolsListOnce(Caller caller, ServerRequest req) {
        ArrayNode all = mapper.createArrayNode();
        ObjectNode params = null;
        // A page holds at least one tool, so there are never more pages than tools; the bound only guards the loop.
        for (int page = 0; page <= MAX_PAGES; page++) {
            Optional<JsonNode> response = send(caller, req, "tools/list", params);
            Optional<JsonNode> result = response.map(r -> r.path("result"));
            JsonNode tools = result.map(r -> r.path("tools")).orElse(null);
            if (tools == null || !tools.isArray()) {
                boolean refused = params != null
                        && response.map(r -> r.path("error").path("code").asInt() == -32602).orElse(false);
                return new Listing(null, refused);
            }
            try {
                all.addAll((ArrayNode) mapper.readTree(mapper.writeValueAsBytes(tools)));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            JsonNode next = result.get().path("nextCursor");
            if (!next.isTextual()) {
                return new Listing(all, false);
            }
            params = mapper.createObjectNode().put("cursor", next.textValue());
        }
        return new Listing(null, false);
    }

    /** The most {@code tools/list} pages read for one listing. */
    private static final int MAX_PAGES = 100_000;

    /**
     * Sends one request on the caller's facade session, opening it first (or again, when it expired); returns the
     * JSON-RPC response, empty when the endpoint answered something other than a response.
     */
    private Optional<JsonNode> send(Caller caller, ServerRequest req, String method, ObjectNode params) {
        ObjectNode message = mapper.createObjectNode().put("jsonrpc", "2.0").put("id", "rest-" + ids.incrementAndGet())
                .put("method", method);
        if (params != null) {
            message.set("params", params);
        }
        byte[] bytes = bytes(message);
        for (int attempt = 0; attempt < 2; attempt++) {
            Optional<String> session = session(caller);
            if (session.isEmpty()) {
                return Optional.empty();
            }
            Reply reply = endpoint.handle(bytes, new Inbound(caller, session, Optional.of(REVISION),
                    req.headers().first(TRACEPARENT), MessageSink.NONE, Optional.empty(),
                    req.headers().first(StreamableHttpTransport.CORRELATION_ID)));
            if (reply.kind() == Reply.Kind.SESSION_NOT_FOUND) {
                sessions.remove(caller.principal(), session.get()); // expired (imcp.session.ttl): open a new one
                continue;
            }
            return Optional.ofNullable(reply.body());
        }
        return Optional.empty();
    }

    private Optional<String> session(Caller caller) {
        String known = sessions.get(caller.principal());
        if (known != null) {
            return Optional.of(known);
        }
        ObjectNode init = mapper.createObjectNode().put("jsonrpc", "2.0").put("id", 0).put("method", "initialize");
        ObjectNode params = init.putObject("params").put("protocolVersion", REVISION);
        params.putObject("capabilities");
        params.putObject("clientInfo").put("name", "imcp-rest-facade").put("version", "1");
        Reply reply = endpoint.handle(bytes(init), new Inbound(caller, Optional.empty(), Optional.empty(),
                Optional.empty(), MessageSink.NONE));
        if (reply.sessionId() == null) {
            return Optional.empty();
        }
        sessions.put(caller.principal(), reply.sessionId());
        return Optional.of(reply.sessionId());
    }

    /** The texts of a result's text content blocks, one per line; what the upstream said, already redacted. */
    private static String text(JsonNode content) {
        StringBuilder out = new StringBuilder();
        for (JsonNode block : content) {
            if ("text".equals(block.path("type").asText())) {
                out.append(out.isEmpty() ? "" : "\n").append(block.path("text").asText());
            }
        }
        return out.isEmpty() ? "the tool failed" : out.toString();
    }

    /** Applies the origin and bearer-token checks; sends 403/401/503 and returns empty when refused. */
    private Optional<Caller> guard(ServerRequest req, ServerResponse res) {
        if (!originCheck.allows(req.headers().first(HeaderNames.ORIGIN).orElse(null))
                || !originCheck.allowsHost(req.headers().first(HeaderNames.HOST).orElse(null))) {
            problem(res, 403, "Forbidden", "origin not allowed");
            return Optional.empty();
        }
        Authenticator.Outcome outcome = authenticator.authenticate(req.headers().first(HeaderNames.AUTHORIZATION).orElse(null));
        if (outcome.caller().isEmpty()) {
            if (outcome.challenge() != null) {
                res.header(HeaderNames.WWW_AUTHENTICATE, outcome.challenge());
            }
            problem(res, outcome.status(), outcome.title(), outcome.detail());
        }
        return outcome.caller();
    }

    private void notAllowed(ServerResponse res, String allow) {
        res.header(HeaderNames.ALLOW, allow);
        problem(res, 405, "Method Not Allowed", "allowed: " + allow);
    }

    private void internal(ServerResponse res) {
        problem(res, 500, "Internal Server Error", "the request could not be answered");
    }

    /** Sends an RFC 9457 problem details object. */
    private void problem(ServerResponse res, int status, String title, String detail) {
        json(res, status, PROBLEM, mapper.createObjectNode().put("type", "about:blank").put("title", title)
                .put("status", status).put("detail", detail));
    }

    private void json(ServerResponse res, int status, String contentType, JsonNode body) {
        res.status(status).header(HeaderNames.CONTENT_TYPE, contentType).send(bytes(body));
    }

    private byte[] bytes(JsonNode node) {
        try {
            return mapper.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            return "{\"type\":\"about:blank\",\"title\":\"Internal Server Error\",\"status\":500}".getBytes(StandardCharsets.UTF_8);
        }
    }
}
