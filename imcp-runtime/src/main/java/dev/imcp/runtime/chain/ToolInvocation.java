package dev.imcp.runtime.chain;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imcp.runtime.audit.AuditEvent;
import dev.imcp.runtime.mcp.RegisteredTool;
import dev.imcp.runtime.mcp.RequestContext;

import java.util.Objects;

/**
 * One {@code tools/call} on its way through the {@link InvocationChain}: what the client asked for, and what the
 * links have found out so far. Links fill it in order ({@link PolicyLink} the tool, {@link ArgumentsLink} the
 * input) and set the outcome that {@link AuditLink} records. Confined to the request's thread.
 */
public final class ToolInvocation {

    private final RequestContext context;
    private final String name;
    private final JsonNode arguments;
    private RegisteredTool tool;
    private Object input;
    private AuditEvent.Status status = AuditEvent.Status.INTERNAL;
    private Throwable failure;

    /**
     * @param context the request
     * @param name the requested tool name ({@code params.name}), or {@code null} when missing or not a string
     * @param arguments the caller's {@code params.arguments} as sent, or {@code null}
     */
    public ToolInvocation(RequestContext context, String name, JsonNode arguments) {
        this.context = Objects.requireNonNull(context, "context");
        this.name = name;
        this.arguments = arguments;
    }

    /** Returns the request's context. */
    public RequestContext context() {
        return context;
    }

    /** Returns the requested tool name, or {@code null} when the client sent none. */
    public String name() {
        return name;
    }

    /** Returns the arguments as the client sent them, or {@code null}. */
    public JsonNode arguments() {
        return arguments;
    }

    /** Returns the tool, once {@link PolicyLink} found it; else {@code null}. */
    public RegisteredTool tool() {
        return tool;
    }

    /** Sets the tool the call goes to. */
    public void tool(RegisteredTool resolved) {
        this.tool = resolved;
    }

    /** Returns the service id of the tool, or {@code null} before the tool is known. */
    public String service() {
        return tool == null ? null : tool.descriptor().service();
    }

    /** Returns the bound input, once {@link ArgumentsLink} bound it; else {@code null}. */
    public Object input() {
        return input;
    }

    /** Sets the bound input. */
    public void input(Object bound) {
        this.input = bound;
    }

    /**
     * Returns what the tool threw the last time {@link UpstreamCallLink} called it, for links that look at why a
     * call failed ({@link ResilienceLink}); {@code null} when it has not been called or returned normally.
     */
    public Throwable failure() {
        return failure;
    }

    /** Sets what the tool threw, or {@code null} when it returned. */
    public void failure(Throwable thrown) {
        this.failure = thrown;
    }

    /** Returns the outcome so far; {@link AuditEvent.Status#INTERNAL} until a link says otherwise. */
    public AuditEvent.Status status() {
        return status;
    }

    /** Sets the outcome. */
    public void status(AuditEvent.Status outcome) {
        this.status = Objects.requireNonNull(outcome, "outcome");
    }
}
