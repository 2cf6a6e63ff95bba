package dev.imcp.runtime.upstream;

import dev.imcp.runtime.spi.UpstreamException;
import java.io.IOException;
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
     *     and message, never a stack trace), or when the calling thread is interrupted (its flag is kept)
     */
    public static <T> HttpResponse<T> send(HttpClient client, HttpRequest request, HttpResponse.BodyHandler<T> body)
            throws UpstreamException {
        try {
            return client.send(request, body);
        } catch (IOException e) {
            throw new UpstreamException(0, e.getClass().getSimpleName() + ": " + e.getMessage(), "");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UpstreamException(0, "interrupted", "");
        }
    }
}
