package dev.imcp.runtime.upstream;

import org.apache.cxf.endpoint.Client;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

/**
 * Bounds the size of a SOAP response read by a CXF client: a response whose {@code Content-Length} exceeds
 * the limit is refused before its body is read, and a body (chunked, or lying about its length) is cut off
 * with an {@link IOException} as soon as it passes the limit, so a huge response fails the call instead of
 * filling the heap. Nesting depth is bounded by CXF's own StAX limit ({@code org.apache.cxf.stax.maxElementDepth},
 * 100 by default).
 */
final class ResponseLimit extends AbstractPhaseInterceptor<Message> {

    private final long maxBytes;

    private ResponseLimit(long maxBytes) {
        super(Phase.RECEIVE);
        this.maxBytes = maxBytes;
    }

    /**
     * Adds the limit to {@code client}'s inbound and inbound-fault chains.
     *
     * @param client the CXF client
     * @param maxBytes the largest response body read, in bytes
     */
    static void install(Client client, long maxBytes) {
        ResponseLimit limit = new ResponseLimit(maxBytes);
        client.getInInterceptors().add(limit);
        client.getInFaultInterceptors().add(limit);
    }

    /** How the message of a call refused for its size starts. */
    static final String TOO_LARGE = "response body exceeds the limit of ";

    /** Returns the message a call refused for its size reports. */
    static String tooLarge(long maxBytes) {
        return TOO_LARGE + maxBytes + " bytes";
    }

    @Override
    public void handleMessage(Message message) {
        if (declaredLength(message) > maxBytes) {
            throw new Fault(new IOException(tooLarge(maxBytes)));
        }
        InputStream in = message.getContent(InputStream.class);
        if (in != null && !(in instanceof Bounded)) {
            message.setContent(InputStream.class, new Bounded(in, maxBytes));
        }
    }

    private static long declaredLength(Message message) {
        if (message.get(Message.PROTOCOL_HEADERS) instanceof Map<?, ?> headers) {
            for (Map.Entry<?, ?> e : headers.entrySet()) {
                if (e.getKey() instanceof String name && name.equalsIgnoreCase("Content-Length")
                        && e.getValue() instanceof List<?> values && !values.isEmpty()) {
                    try {
                        return Long.parseLong(String.valueOf(values.getFirst()).trim());
                    } catch (NumberFormatException ignored) {
                        return -1;
                    }
                }
            }
        }
        return -1;
    }

    /** An input stream that fails once more than {@code max} bytes were read from it. */
    private static final class Bounded extends FilterInputStream {
        private final long max;
        private long read;

        Bounded(InputStream in, long max) {
            super(in);
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count(skipped);
            return skipped;
        }

        private void count(long n) throws IOException {
            read += n;
            if (read > max) {
                throw new IOException(tooLarge(max));
            }
        }
    }
}
