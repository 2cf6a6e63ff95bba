package dev.imcp.runtime.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.imcp.runtime.audit.AuditEvent;
import dev.imcp.runtime.audit.AuditLog;
import dev.imcp.runtime.audit.Redactor;
import dev.imcp.runtime.security.Caller;
import dev.imcp.runtime.spi.HttpBody;
import dev.imcp.runtime.spi.Tool;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Handles {@code tools/call} (MCP "Tools", "Calling Tools"): policy lookup, defaults, schema validation,
 * binding, the upstream call, the result, and one audit event per call.
 *
 * <p>Caller mistakes are JSON-RPC -32602: a missing {@code name}, non-object {@code arguments}, an unknown
 * or hidden tool ({@code Unknown tool: <name>}) and, before 2025-11-25, arguments that fail the input schema
 * ({@code Invalid arguments for tool <name>: $.field: ...}). From 2025-11-25 on, failing arguments are
 * answered as a tool result with {@code isError: true} carrying the same text, so the model can correct
 * itself (SEP-1303). Upstream failures are tool results with {@code isError: true}; anything else is
 * -32603 with a correlation id, logged server-side.
 */
public final class ToolCaller {

    private static final System.Logger LOG = System.getLogger(ToolCaller.class.getName());

    private final ToolRegistry registry;
    private final ObjectMapper mapper;
    private final AuditLog audit;
    private final ArgumentBinder binder;
    /** The {@code structuredContent} property of an error result that carries a SOAP fault. */
    static final String FAULT = "fault";

    private final UpstreamErrors errors;

    /**
     * @param registry the tools
     * @param mapper the JSON mapper ({@link dev.imcp.runtime.upstream.JsonMapping#create()})
     * @param audit where call events go
     * @param redactor masks configured secrets in error texts
     */
    public ToolCaller(ToolRegistry registry, ObjectMapper mapper, AuditLog audit, Redactor redactor) {
        this.registry = registry;
        this.mapper = mapper;
        this.audit = audit;
        this.binder = new ArgumentBinder(mapper);
        this.errors = new UpstreamErrors(mapper, redactor);
    }

    /**
     * Calls a tool.
     *
     * @param session the caller's session
     * @param caller the authenticated caller
     * @param params the request's {@code params}
     * @return the {@code CallToolResult}
     * @throws McpError -32602 for caller mistakes, -32603 for internal failures
     */
    public ObjectNode call(Session session, Caller caller, JsonNode params) throws McpError {
        Instant timestamp = Instant.now();
        long start = System.nanoTime();
        String correlationId = UUID.randomUUID().toString();
        String name = params != null && params.get("name") != null && params.get("name").isTextual()
                ? params.get("name").textValue() : null;
        JsonNode arguments = params == null ? null : params.get("arguments");
        String service = null;
        AuditEvent.Status status = AuditEvent.Status.INTERNAL;
        try {
            if (name == null) {
                status = AuditEvent.Status.INVALID;
                throw new McpError(JsonRpc.INVALID_PARAMS, "Invalid params: 'name' (the tool name) is required");
            }
            RegisteredTool tool = registry.find(caller, name).orElse(null);
            if (tool == null) {
                status = AuditEvent.Status.UNKNOWN;
                throw new McpError(JsonRpc.INVALID_PARAMS, "Unknown tool: " + name);
            }
            service = tool.descriptor().service();
            if (arguments != null && !arguments.isNull() && !arguments.isObject()) {
                status = AuditEvent.Status.INVALID;
                throw new McpError(JsonRpc.INVALID_PARAMS, "Invalid arguments for tool " + name + ": arguments must be an object");
            }
            ObjectNode args = binder.withDefaults(tool.inputSchema(),
                    arguments instanceof ObjectNode o ? o : mapper.createObjectNode());
            List<String> problems = binder.validate(tool, args);
            Object input = null;
            if (problems.isEmpty()) {
                try {
                    input = binder.bind(args, tool.tool().inputType());
                } catch (IllegalArgumentException e) {
                    problems = List.of(e.getMessage());
                }
            }
            if (!problems.isEmpty()) {
                status = AuditEvent.Status.INVALID;
                String message = "Invalid arguments for tool " + name + ": " + String.join("; ", problems);
                if (ProtocolVersions.argumentErrorsAsToolResult(session.protocolVersion())) {
                    return errorResult(message);
                }
                throw new McpError(JsonRpc.INVALID_PARAMS, message);
            }
            Object output;
            try {
                output = invoke(tool.tool(), input);
            } catch (Exception e) {
                status = AuditEvent.Status.ERROR;
                LOG.log(System.Logger.Level.INFO, "Tool " + name + " failed [" + correlationId + "]: "
                        + e.getClass().getSimpleName());
                ObjectNode error = errorResult(errors.describe(service, e));
                ObjectNode fault = errors.fault(e);
                if (fault != null && acceptsFault(tool)) {
                    error.putObject("structuredContent").set(FAULT, fault);
                }
                return error;
            }
            ObjectNode result = success(tool, output);
            status = AuditEvent.Status.OK;
            return result;
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "Internal error in tools/call " + name + " [" + correlationId + "]", e);
            throw new McpError(JsonRpc.INTERNAL_ERROR, "Internal error (correlation id " + correlationId + ")");
        } finally {
            audit.record(new AuditEvent(timestamp, correlationId, caller.name(), session.id(), service, name, status,
                    (System.nanoTime() - start) / 1_000_000L, arguments));
        }
    }

    @SuppressWarnings("unchecked")
    private static Object invoke(Tool<?, ?> tool, Object input) throws Exception {
        return ((Tool<Object, ?>) tool).call(input);
    }

    private ObjectNode success(RegisteredTool tool, Object output) {
        ObjectNode result = mapper.createObjectNode();
        if (output == null) {
            result.putArray("content").addObject().put("type", "text").put("text", "OK");
            result.put("isError", false);
            return result;
        }
        if (output instanceof HttpBody body) {
            result.putArray("content").add(content(tool.descriptor().name(), body));
            result.put("isError", false);
            return result;
        }
        JsonNode value = mapper.valueToTree(output);
        String property = tool.descriptor().resultProperty();
        ObjectNode structured;
        if (property != null) {
            structured = mapper.createObjectNode().set(property, value);
        } else if (value instanceof ObjectNode o) {
            structured = o;
        } else {
            // structuredContent must be an object (MCP "Structured Content"); wrap stray scalars and arrays.
            structured = mapper.createObjectNode().set("result", value);
        }
        result.putArray("content").addObject().put("type", "text").put("text", structured.toString());
        result.set("structuredContent", structured);
        result.put("isError", false);
        return result;
    }

    /**
     * Whether an error result of {@code tool} may carry a SOAP fault as {@code structuredContent}: clients check
     * it against the output schema, so only when the tool publishes none or one with a {@value #FAULT} property
     * (the generator adds it to every SOAP tool's output schema).
     */
    private static boolean acceptsFault(RegisteredTool tool) {
        JsonNode output = tool.published().get("outputSchema");
        return output == null || output.path("properties").path(FAULT).isObject();
    }

    /**
     * Returns the content of a non-JSON response (MCP "Tool Result"): text content for {@code text/*} and JSON
     * types (read as UTF-8), image content for {@code image/*} (base64 {@code data} and {@code mimeType}),
     * else an embedded resource with a base64 {@code blob}, {@code mimeType} and the URI
     * {@code urn:imcp:tool:<name>:response}.
     */
    private ObjectNode content(String toolName, HttpBody body) {
        String type = body.mediaType();
        int semicolon = type.indexOf(';');
        String bare = (semicolon < 0 ? type : type.substring(0, semicolon)).strip().toLowerCase(java.util.Locale.ROOT);
        ObjectNode content = mapper.createObjectNode();
        if (bare.startsWith("text/") || bare.equals("application/json") || bare.endsWith("+json")
                || bare.equals("application/xml") || bare.endsWith("+xml")) {
            return content.put("type", "text").put("text", new String(body.bytes(), java.nio.charset.StandardCharsets.UTF_8));
        }
        String base64 = java.util.Base64.getEncoder().encodeToString(body.bytes());
        if (bare.startsWith("image/")) {
            return content.put("type", "image").put("data", base64).put("mimeType", bare);
        }
        content.put("type", "resource").putObject("resource").put("uri", "urn:imcp:tool:" + toolName + ":response")
                .put("mimeType", bare).put("blob", base64);
        return content;
    }

    private ObjectNode errorResult(String text) {
        ObjectNode result = mapper.createObjectNode();
        result.putArray("content").addObject().put("type", "text").put("text", text);
        result.put("isError", true);
        return result;
    }
}
