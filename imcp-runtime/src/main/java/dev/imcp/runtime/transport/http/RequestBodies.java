package dev.imcp.runtime.transport.http;

import io.helidon.webserver.http.ServerRequest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.OptionalLong;

/**
 * Reads a request's whole body (after Helidon's {@code server.max-payload-size} check, which answers 413 above it).
 * With a {@code Content-Length} (RFC 9110 section 8.6) the body is read into an array of exactly that size;
 * without one (chunked), as it comes. Helidon's own {@code as(byte[].class)} starts a 16 KiB buffer per request
 * whatever the length, which for an MCP call of a few hundred bytes was the largest single allocation of the
 * request path ({@code bench/serve.sh --jfr}).
 */
public final class RequestBodies {

    private RequestBodies() {
    }

    /**
     * @param req the request
     * @return the body's bytes; empty when it has none
     * @throws UncheckedIOException when the connection fails while reading (Helidon answers it as a bad request)
     */
    public static byte[] read(ServerRequest req) {
        if (!req.content().hasEntity()) {
            return new byte[0];
        }
        OptionalLong length = req.headers().contentLength();
        try (InputStream in = req.content().inputStream()) {
            if (length.isPresent() && length.getAsLong() <= Integer.MAX_VALUE - 8) {
                return in.readNBytes((int) length.getAsLong());
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
