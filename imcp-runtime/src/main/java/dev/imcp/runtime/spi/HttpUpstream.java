package dev.imcp.runtime.spi;

import java.lang.reflect.Type;

/**
 * Performs HTTP calls to one REST upstream: expands the path template, encodes query parameters,
 * adds the configured outbound credentials and maps the JSON response to a Java type.
 */
public interface HttpUpstream {

    /**
     * Sends one request and reads the JSON response.
     *
     * @param call what to send
     * @param responseType the Java type of the response body ({@link Void} to ignore it); build
     *     parameterized types with {@link Types}
     * @param <T> the response type
     * @return the response body mapped to {@code responseType}, or {@code null} for an empty body
     * @throws UpstreamException when the upstream answers with a status outside 2xx, or cannot be reached
     */
    <T> T exchange(HttpCall call, Type responseType) throws UpstreamException;
}
