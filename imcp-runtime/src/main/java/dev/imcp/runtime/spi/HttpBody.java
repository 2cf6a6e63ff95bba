package dev.imcp.runtime.spi;

import java.util.Objects;

/**
 * A response body kept as bytes, for operations whose success response is not JSON (OpenAPI "Response Object"
 * content such as {@code text/plain}, {@code image/png} or {@code application/pdf}). Ask
 * {@link HttpUpstream#exchange} for {@code HttpBody.class} to get one; the tool result then carries it as text
 * content ({@code text/*}, JSON), image content ({@code image/*}) or an embedded resource blob (anything else).
 *
 * @param bytes the body as received, not copied
 * @param mediaType the response's {@code Content-Type}, or {@code application/octet-stream} when absent
 */
public record HttpBody(byte[] bytes, String mediaType) {

    /** Checks the components. */
    public HttpBody {
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(mediaType, "mediaType");
    }
}
