package dev.imcp.runtime.transport.http;

import io.helidon.webserver.http.ServerResponse;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * The body of one HTTP response, written by a JSON generator: held in memory up to a limit and sent with a
 * {@code Content-Length} when it ends there (nearly every answer), else streamed through the response with chunked
 * transfer coding (RFC 9112, section 7.1) from the moment it passes the limit. A large answer (the {@code tools/list}
 * of an adapter with a thousand tools runs to tens of megabytes) is then never held whole: it used to be built in a
 * growing buffer, copied into one array and copied again, and the collector moved the growing buffer while it lived.
 *
 * <p>{@link #close()} sends what is held, or ends the stream. The response's status and headers must be set before
 * the first write. Not thread-safe: one generator writes it.
 */
final class ResponseBody extends OutputStream {

    /**
     * The size of the buffer a streamed answer is written through, in bytes (64 KiB): its chunks are mostly this size
     * (the generator's 8,000-byte writes make 64,000-byte chunks); the first also carries what was held, a single
     * write larger than the buffer is a chunk of its own size, and the last may be shorter.
     */
    static final int CHUNK = 64 * 1024;

    private final ServerResponse res;
    private final int limit;
    private byte[] held = new byte[512];
    private int count;
    private OutputStream streamed;
    private boolean closed;

    /**
     * @param res the response, status and headers set
     * @param limit the most bytes sent with a {@code Content-Length}, in bytes
     */
    ResponseBody(ServerResponse res, int limit) {
        this.res = res;
        this.limit = limit;
    }

    /** Returns whether part of the body has gone to the client already (its status can no longer change). */
    boolean streaming() {
        return streamed != null;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (closed) {
            throw new IOException("the response body is closed");
        }
        if (streamed == null && count + len <= limit) {
            if (count + len > held.length) {
                held = Arrays.copyOf(held, Math.min(limit, Math.max(held.length * 2, count + len)));
            }
            System.arraycopy(b, off, held, count, len);
            count += len;
            return;
        }
        if (streamed == null) {
            // Chunks of up to CHUNK bytes: the generator hands over 8,000 bytes at a time, which Helidon's own buffer
            // (server.write-buffer-size, 4,096 by default) passes through, so each was a chunk and a socket write.
            streamed = new java.io.BufferedOutputStream(res.outputStream(), CHUNK);
            streamed.write(held, 0, count);
            held = null;
        }
        streamed.write(b, off, len);
    }

    @Override
    public void flush() {
        // held until close, or written by the response's own stream: a generator's flush sends nothing early
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (streamed != null) {
            streamed.close();
        } else {
            res.send(count == held.length ? held : Arrays.copyOf(held, count));
        }
    }
}
