package dev.imcp.runtime.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.imcp.runtime.audit.AuditEvent;
import dev.imcp.runtime.audit.Redactor;
import dev.imcp.runtime.mcp.CancellationToken;
import dev.imcp.runtime.mcp.LogLevel;
import dev.imcp.runtime.mcp.LogSink;
import dev.imcp.runtime.mcp.RegisteredTool;
import dev.imcp.runtime.security.CurrentCaller;
import dev.imcp.runtime.spi.CallContext;
import dev.imcp.runtime.spi.Cancellation;
import dev.imcp.runtime.spi.Tool;
import dev.imcp.runtime.upstream.UpstreamFaults;
import dev.imcp.runtime.upstream.UpstreamTrace;

/**
 * The last link: calls {@link Tool#call} with the request's context and the bound input, and turns what it returns
 * or throws into the {@code CallToolResult} ({@link ToolResults}; failures through {@link UpstreamFaults}, with
 * a SOAP fault as {@code structuredContent.fault} when the tool's output schema admits it).
 *
 * <p>While the tool runs, cancelling the request (client {@code notifications/cancelled}, deadline, end of the
 * session) interrupts the calling thread, which aborts a blocking upstream exchange; the call
 * is then answered as a tool result with {@code isError: true} saying why, whatever the tool threw. The thread's
 * interrupt status is cleared before it goes back to the transport.
 *
 * <p>A request with {@code _meta.progressToken} gets {@code notifications/progress} (MCP "Utilities: Progress") on one
 * scale ({@link CallProgress}): {@code 0/100} when the upstream call starts, the tool's own reports scaled into the
 * first half, {@code 50/100} when the upstream answered and {@code 100/100} when the result is built, each with a
 * message naming the step; a failed call stops where it failed. A session that asked for log messages
 * ({@code logging/setLevel} info or lower) gets the same steps as {@code notifications/message}, and an error message
 * with what the client is told when the call fails. The request's W3C {@code traceparent} goes to the upstream
 * requests the call makes, with a new parent id, and its correlation id as {@code X-Correlation-ID}
 * ({@link UpstreamTrace}); and the caller is the thread's {@link CurrentCaller}, whose token or tenant a service's
 * credentials may depend on.
 *
 * <p>No secret of the adapter reaches the client: a successful result is redacted as a whole
 * ({@link ToolResults#redacted}), since an upstream may echo the credentials it received; failures are described
 * redacted by {@link UpstreamFaults}, in words that name neither the adapter's classes nor the upstream's address;
 * the server log gets the whole cause chain ({@link UpstreamFaults#detail}, redacted) under the call's correlation
 * id.
 */
public final class UpstreamCallLink implements InvocationLink {


    private static final System.Logger LOG = System.getLogger(UpstreamCallLink.class.getName());

    private final ToolResults results;
    private final UpstreamFaults faults;
    private final Redactor redactor;

    /**
     * @param mapper the JSON mapper of tool results ({@link dev.imcp.runtime.upstream.JsonMapping#create()})
     * @param faults classifies failures
     * @param redactor masks the adapter's secrets in successful results
     */
    public UpstreamCallLink(ObjectMapper mapper, UpstreamFaults faults, Redactor redactor) {
        this.results = new ToolResults(mapper);
        this.faults = faults;
        this.redactor = redactor;
    }

    @Override
    public ObjectNode invoke(ToolInvocation invocation, Next next) {
        RegisteredTool tool = invocation.tool();
        CancellationToken token = invocation.context().cancellation();
        Thread caller = Thread.currentThread();
        CallProgress progress = new CallProgress(invocation.context().progress());
        LogSink log = invocation.context().log();
        long start = System.nanoTime();
        Object output;
        invocation.failure(null);
        try (Cancellation.Registration ignored = token.onCancel(caller::interrupt);
                UpstreamTrace.Scope trace = UpstreamTrace.open(invocation.context().traceparent().orElse(null),
                        invocation.context().correlationId());
                CurrentCaller.Scope acting = CurrentCaller.open(invocation.context().caller())) {
            progress.step(0, "calling " + invocation.service());
            log.log(LogLevel.INFO, "tool " + invocation.name() + ": calling " + invocation.service());
            output = invoke(tool.tool(), progress.forTool(invocation.context()), invocation.input());
            progress.step(CallProgress.TOTAL / 2, invocation.service() + " answered");
            log.log(LogLevel.INFO, "tool " + invocation.name() + ": " + invocation.service() + " answered in "
                    + (System.nanoTime() - start) / 1_000_000 + " ms");
        } catch (Exception e) {
            invocation.status(AuditEvent.Status.ERROR);
            invocation.failure(e);
            if (token.isCancelled()) {
                log.log(LogLevel.WARNING, "tool " + invocation.name() + ": cancelled");
                return results.error(LimitsLink.cancelledText(invocation, token));
            }
            LOG.log(System.Logger.Level.INFO, "Tool " + invocation.name() + " failed [" + invocation.context().correlationId()
                    + "]: " + faults.detail(e));
            String description = faults.describe(invocation.service(), e);
            log.log(LogLevel.ERROR, "tool " + invocation.name() + ": " + description);
            ObjectNode error = results.error(description);
            ObjectNode fault = faults.fault(e);
            if (fault != null && acceptsFault(tool)) {
                error.putObject("structuredContent").set(ToolResults.FAULT, fault);
            }
            return error;
        } finally {
            Thread.interrupted(); // a cancellation that came late must not hit the transport's next read
        }
        if (token.isCancelled()) {
            invocation.status(AuditEvent.Status.ERROR);
            return results.error(LimitsLink.cancelledText(invocation, token));
        }
        ObjectNode result = results.redacted(tool, results.success(tool, output), redactor);
        invocation.status(AuditEvent.Status.OK);
        progress.step(CallProgress.TOTAL, "result ready");
        log.log(LogLevel.INFO, "tool " + invocation.name() + ": result ready");
        return result;
    }

    @SuppressWarnings("unchecked")
    private static Object invoke(Tool<?, ?> tool, CallContext context, Object input) throws Exception {
        return ((Tool<Object, ?>) tool).call(context, input);
    }

    /**
     * Whether an error result of {@code tool} may carry a SOAP fault as {@code structuredContent}: clients check
     * it against the output schema, so only when the tool publishes none or one with a {@value ToolResults#FAULT}
     * property (the generator adds it to every SOAP tool's output schema).
     */
    private static boolean acceptsFault(RegisteredTool tool) {
        JsonNode output = tool.outputSchema();
        return output == null || output.path("properties").path(ToolResults.FAULT).isObject();
    }
}
