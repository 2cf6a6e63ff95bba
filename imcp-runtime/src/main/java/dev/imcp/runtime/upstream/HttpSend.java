package dev.imcp.runtime.upstream;

import dev.imcp.runtime.spi.UpstreamException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Sends one upstream request, turning transport failures into the {@link UpstreamException} tools report. */
public final class HttpSend {

    private HttpSend() {
    }

    /**
     * Sends {@code request}.
     *
     * @param client the runtime's HTTP client (timeouts, no redirects)
     * @param request the request
     * @param body how to read the response body
     * @param <T> the body type
     * @return the response, whatever its status
     * @throws UpstreamException with status 0 on an I/O failure or timeout (the exception's simple class name
     *     and message, never a stack trace; the exception as its cause), or when the calling thread is interrupted (its flag is kept)
     */
    public static <T> HttpResponse<T> send(HttpClient client, HttpRequest request, HttpResponse.BodyHandler<T> body)
            throws UpstreamException {
        try {
            return client.send(request, body);
        } catch (IOException e) {
            throw new UpstreamException(0, e.getClass().getSimpleName() + ": " + e.getMessage(), "", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UpstreamException(0, "interrupted", "");
        }
    }

    /**
     * Sends {@code request} and reads the response body, at most {@code maxBytes} of it.
     *
     * @param client the runtime's HTTP client
     * @param request the request
     * @param maxBytes the largest body read, in bytes
     * @return the response with its whole body
     * @throws UpstreamException as {@link #send}; with the response's status when its {@code Content-Length}
     *     or the bytes actually sent exceed {@code maxBytes} (the connection is closed, nothing more is read)
     */
    public static HttpResponse<byte[]> sendBounded(HttpClient client, HttpRequest request, long maxBytes)
            throws UpstreamException {
        HttpResponse<InputStream> response = send(client, request, HttpResponse.BodyHandlers.ofInputStream());
        int status = response.statusCode();
        byte[] body;
        try (InputStream in = response.body()) {
            if (response.headers().firstValueAsLong("Content-Length").orElse(-1) > maxBytes) {
                throw tooLarge(status, maxBytes);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[16 * 1024];
            long total = 0;
            for (int n; (n = in.read(buffer)) >= 0; ) {
                total += n;
                if (total > maxBytes) {
                    throw tooLarge(status, maxBytes);
                }
                out.write(buffer, 0, n);
            }
            body = out.toByteArray();
        } catch (IOException e) {
            throw new UpstreamException(0, "reading the response failed: " + e.getClass().getSimpleName() + ": "
                    + e.getMessage(), "", e);
        }
        return new Read(response, body);
    }

    private static UpstreamException tooLarge(int status, long maxBytes) {
        return new UpstreamException(status, ResponseLimit.tooLarge(maxBytes), "");
    }

    /** A response whose body was read by {@link #sendBounded}. */
    private record Read(HttpResponse<InputStream> response, byte[] body) implements HttpResponse<byte[]> {
        @Override
        public int statusCode() {
            return response.statusCode();
        }

        @Override
        public HttpRequest request() {
            return response.request();
        }

        @Override
        public java.util.Optional<HttpResponse<byte[]>> previousResponse() {
            return java.util.Optional.empty();
        }

        @Override
        public java.net.http.HttpHeaders headers() {
            return response.headers();
        }

        @Override
        public java.util.Optional<javax.net.ssl.SSLSession> sslSession() {
            return response.sslSession();
        }

        @Override
        public java.net.URI uri() {
            return response.uri();
        }

        @Override
        public HttpClient.Version version() {
            return response.version();
        }
    }
}
