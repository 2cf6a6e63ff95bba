package dev.imcp.runtime.mcp;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * The standard headers of a Streamable HTTP request that mirror its body (MCP 2026-07-28 "Transports", "Streamable
 * HTTP", "Standard Headers"), as the transport received them: {@code MCP-Protocol-Version} (the body's
 * {@code _meta} protocol version), {@code Mcp-Method} (the JSON-RPC method) and {@code Mcp-Name}
 * ({@code params.name} or {@code params.uri}). A transport without headers (stdio) passes none, and the checks
 * that compare them with the body are skipped.
 *
 * @param protocolVersion {@code MCP-Protocol-Version}, empty when absent
 * @param method {@code Mcp-Method}, empty when absent
 * @param name {@code Mcp-Name}, empty when absent
 */
public record StandardHeaders(Optional<String> protocolVersion, Optional<String> method, Optional<String> name) {

    private static final String BASE64_PREFIX = "=?base64?";
    private static final String BASE64_SUFFIX = "?=";

    /** Checks the required components. */
    public StandardHeaders {
        Objects.requireNonNull(protocolVersion, "protocolVersion");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(name, "name");
    }

    /**
     * Returns a header value as the body would hold it: without leading and trailing optional whitespace (spaces and
     * tabs, RFC 9110 section 5.5) and, when sent as {@code =?base64?<UTF-8 bytes in base64>?=} (MCP 2026-07-28
     * "Standard Headers", the encoding of values that are not safe ASCII), decoded.
     *
     * @param raw the received value
     * @return the value to compare with the body
     * @throws IllegalArgumentException when the base64 form is not valid base64 of UTF-8 text (the message says so)
     */
    public static String decode(String raw) {
        String value = strip(raw);
        if (value.length() >= BASE64_PREFIX.length() + BASE64_SUFFIX.length()
                && value.regionMatches(true, 0, BASE64_PREFIX, 0, BASE64_PREFIX.length())
                && value.endsWith(BASE64_SUFFIX)) {
            String encoded = value.substring(BASE64_PREFIX.length(), value.length() - BASE64_SUFFIX.length());
            try {
                byte[] bytes = Base64.getDecoder().decode(encoded);
                return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            } catch (IllegalArgumentException | CharacterCodingException e) {
                throw new IllegalArgumentException("not valid base64 of UTF-8 text");
            }
        }
        return value;
    }

    private static String strip(String value) {
        int start = 0;
        int end = value.length();
        while (start < end && (value.charAt(start) == ' ' || value.charAt(start) == '\t')) {
            start++;
        }
        while (end > start && (value.charAt(end - 1) == ' ' || value.charAt(end - 1) == '\t')) {
            end--;
        }
        return value.substring(start, end);
    }
}
