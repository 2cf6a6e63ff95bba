package dev.imcp.runtime.upstream;

import dev.imcp.runtime.spi.UpstreamException;

/**
 * A token request ({@link OAuth2Tokens}: client credentials, RFC 6749 section 4.4, or token exchange, RFC 8693) that
 * failed at the token endpoint: its status and body, but not the upstream service's. {@link UpstreamFaults} says
 * {@code The token endpoint of service <id> answered HTTP <status> (<message>): <body>}, so the error does not
 * blame the upstream.
 */
final class TokenEndpointException extends UpstreamException {

    private static final long serialVersionUID = 1L;

    /**
     * @param status the token endpoint's HTTP status, or 0 when its answer was unusable
     * @param message which request failed and why, e.g. {@code the token exchange (RFC 8693) failed}
     * @param body the token endpoint's response body, or {@code ""}
     */
    TokenEndpointException(int status, String message, String body) {
        super(status, message, body);
    }

    /** @param failure why the token request got no answer (connection refused, timeout, ...) */
    TokenEndpointException(UpstreamException failure) {
        super(0, failure.getMessage(), "", failure);
    }
}
