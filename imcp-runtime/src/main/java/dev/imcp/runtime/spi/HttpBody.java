package dev.imcp.runtime.spi;

import java.util.Locale;
import java.util.Objects;

/**
 * A response body kept as bytes, for operations whose success response is not JSON (OpenAPI "Response Object"
 * content such as {@code text/plain}, {@code image/png}, {@code audio/wav}, {@code multipart/mixed} or
 * {@code application/pdf}). Ask {@link HttpUpstream#exchange} for {@code HttpBody.class} to get one; the tool result
 * then carries it as MCP content: text ({@code text/*}, JSON, XML), image ({@code image/*}), audio
 * ({@code audio/*}), an embedded resource (anything else, or any body with a {@code Content-Location}: that URI
 * names the resource), and one content item per part of a {@code multipart/*} body.
 *
 * @param bytes the body as received, not copied
 * @param mediaType the response's {@code Content-Type}, or {@code application/octet-stream} when absent
 * @param contentLocation the response's {@code Content-Location} (RFC 9110, section 8.7) resolved against the
 *     request URI, or {@code null} when absent
 */
public record HttpBody(byte[] bytes, String mediaType, String contentLocation) {

    /** Checks the components. */
    public HttpBody {
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(mediaType, "mediaType");
    }

    /** A body without {@code Content-Location}. */
    public HttpBody(byte[] bytes, String mediaType) {
        this(bytes, mediaType, null);
    }

    /**
     * Returns a media type without its parameters, lower case: {@code "Text/Plain; charset=utf-8"} is
     * {@code "text/plain"} (RFC 9110, section 8.3.1: type and subtype are case-insensitive).
     */
    public static String bare(String mediaType) {
        int semicolon = mediaType.indexOf(';');
        return (semicolon < 0 ? mediaType : mediaType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }
}
