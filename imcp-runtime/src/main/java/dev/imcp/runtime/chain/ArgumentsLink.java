package dev.imcp.runtime.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.imcp.runtime.audit.AuditEvent;
import dev.imcp.runtime.mcp.JsonRpc;
import dev.imcp.runtime.mcp.McpError;
import dev.imcp.runtime.mcp.ProtocolVersions;
import dev.imcp.runtime.mcp.RegisteredTool;

import java.util.List;

/**
 * Prepares the arguments: applies the input schema's top-level defaults, validates against the published input
 * schema and binds to the tool's input type ({@link ArgumentBinder}). Needs the tool ({@link PolicyLink} first).
 *
 * <p>Failures name the field as a JSON path ({@code Invalid arguments for tool greetMe: $.requestType: is missing
 * but it is required}): JSON-RPC -32602 before revision 2025-11-25; from 2025-11-25 on a tool result with
 * {@code isError: true} carrying the same text, so the model can correct itself (SEP-1303).
 */
public final class ArgumentsLink implements InvocationLink {

    private final ObjectMapper mapper;
    private final ArgumentBinder binder;
    private final ToolResults results;

    /**
     * @param mapper the JSON mapper that binds tool inputs ({@link dev.imcp.runtime.upstream.JsonMapping#create()})
     */
    public ArgumentsLink(ObjectMapper mapper) {
        this.mapper = mapper;
        this.binder = new ArgumentBinder(mapper);
        this.results = new ToolResults(mapper);
    }

    /**
     * {@inheritDoc}
     *
     * @throws McpError -32602 when {@code arguments} is not an object, or (before 2025-11-25) fails the schema
     */
    @Override
    public ObjectNode invoke(ToolInvocation invocation, Next next) throws McpError {
        RegisteredTool tool = invocation.tool();
        JsonNode arguments = invocation.arguments();
        if (arguments != null && !arguments.isNull() && !arguments.isObject()) {
            invocation.status(AuditEvent.Status.INVALID);
            throw new McpError(JsonRpc.INVALID_PARAMS, "Invalid arguments for tool " + invocation.name()
                    + ": arguments must be an object");
        }
        ObjectNode args = binder.withDefaults(tool.inputSchema(),
                arguments instanceof ObjectNode o ? o : mapper.createObjectNode());
        List<String> problems = binder.validate(tool, args);
        if (problems.isEmpty()) {
            try {
                invocation.input(binder.bind(args, tool.tool().inputType()));
            } catch (IllegalArgumentException e) {
                problems = List.of(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            invocation.status(AuditEvent.Status.INVALID);
            String message = "Invalid arguments for tool " + invocation.name() + ": " + String.join("; ", problems);
            if (ProtocolVersions.argumentErrorsAsToolResult(invocation.context().protocolVersion())) {
                return results.error(message);
            }
            throw new McpError(JsonRpc.INVALID_PARAMS, message);
        }
        return next.proceed(invocation);
    }
}
