package dev.imcp.runtime.upstream;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.cxf.endpoint.Client;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;

/**
 * Carries the W3C Trace Context of the tool call a thread is making to the upstream requests it sends (W3C Trace
 * Context Level 1, section 2.2 {@code traceparent}): each upstream request gets the caller's trace id and flags with
 * a new parent id of this hop (section 3.2.2.3: a participant that forwards the request SHOULD make a new
 * {@code parent-id}), so the upstream's spans join the client's trace. The call's correlation id goes along as
 * {@value #CORRELATION_HEADER} ({@link dev.imcp.runtime.mcp.CorrelationIds}), so the upstream's logs name the same
 * id as the adapter's audit line. REST requests ({@link RestUpstream}), SOAP calls through CXF ({@link #install}) and
 * rpc/encoded calls read both.
 */
public final class UpstreamTrace {

    /** The HTTP header name. */
    public static final String HEADER = "traceparent";

    /** The HTTP header of the correlation id. */
    public static final String CORRELATION_HEADER = dev.imcp.runtime.mcp.CorrelationIds.HEADER;

    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();
    private static final ThreadLocal<String> CORRELATION = new ThreadLocal<>();
    private static final SecureRandom RANDOM = new SecureRandom();

    private UpstreamTrace() {
    }

    /** A scope during which the thread's upstream requests carry a trace context; closing it ends that. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Makes the current thread's upstream requests carry {@code traceparent} (a validated W3C value, or {@code null}
     * for none) until the returned scope is closed.
     */
    public static Scope open(String traceparent) {
        return open(traceparent, null);
    }

    /**
     * Makes the current thread's upstream requests carry {@code traceparent} (a validated W3C value, or {@code null}
     * for none) and {@code correlationId} (a checked id, or {@code null} for none) until the returned scope is closed.
     */
    public static Scope open(String traceparent, String correlationId) {
        String previous = CURRENT.get();
        String previousId = CORRELATION.get();
        set(CURRENT, traceparent);
        set(CORRELATION, correlationId);
        return () -> {
            set(CURRENT, previous);
            set(CORRELATION, previousId);
        };
    }

    private static void set(ThreadLocal<String> local, String value) {
        if (value == null) {
            local.remove();
        } else {
            local.set(value);
        }
    }

    /** Returns the correlation id of the current thread's tool call, or {@code null} outside one. */
    public static String correlationId() {
        return CORRELATION.get();
    }

    /**
     * Returns the {@code traceparent} for one upstream request of the current thread: the caller's version, trace id
     * and flags with a new random parent id; {@code null} when the call carries no trace context.
     */
    public static String outgoing() {
        String incoming = CURRENT.get();
        if (incoming == null || incoming.length() != 55) {
            return null;
        }
        byte[] span = new byte[8];
        RANDOM.nextBytes(span);
        if (span[0] == 0) {
            span[0] = 1; // an all-zero parent id is invalid (section 3.2.2.3)
        }
        return incoming.substring(0, 36) + HexFormat.of().formatHex(span) + incoming.substring(52);
    }

    /**
     * Makes CXF's {@code client} send the trace context and correlation id of the calling thread as HTTP headers, and
     * report the address it sends to ({@link UpstreamOrigins}).
     */
    static void install(Client client) {
        client.getOutInterceptors().add(new AbstractPhaseInterceptor<Message>(Phase.SETUP) {
            @Override
            @SuppressWarnings("unchecked")
            public void handleMessage(Message message) {
                Object address = message.get(Message.ENDPOINT_ADDRESS);
                UpstreamOrigins.reached(address == null ? null : address.toString());
                String traceparent = outgoing();
                String correlationId = correlationId();
                if (traceparent == null && correlationId == null) {
                    return;
                }
                // a copy: the map in the client's request context is shared by every call of the port
                Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
                Object existing = message.get(Message.PROTOCOL_HEADERS);
                if (existing instanceof Map<?, ?> map) {
                    headers.putAll((Map<String, List<String>>) map);
                }
                if (traceparent != null) {
                    headers.put(HEADER, List.of(traceparent));
                }
                if (correlationId != null) {
                    headers.put(CORRELATION_HEADER, List.of(correlationId));
                }
                message.put(Message.PROTOCOL_HEADERS, headers);
            }
        });
    }
}
