package dev.imcp.runtime.config;

import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * How a service exchanges the caller's token for one of its own (OAuth 2.0 Token Exchange, RFC 8693), from
 * {@code imcp.services.<id>.auth} with {@code type: token-exchange}.
 *
 * @param tokenUrl {@code token-url}: the authorization server's token endpoint, absolute
 * @param clientId {@code client-id}: the adapter's client id, sent with {@code clientSecret} as HTTP basic
 *     credentials (RFC 6749 section 2.3.1); {@code null} to send no client authentication
 * @param clientSecret {@code client-secret} (or {@code client-secret-file}); {@code null} with {@code clientId}
 *     {@code null}
 * @param audience {@code audience}: the logical name of the upstream the token is for (section 2.1), or {@code null}
 * @param resource {@code resource}: the upstream's URI (section 2.1), or {@code null}
 * @param scopes {@code scope}: the scopes asked for (space-separated in the key); empty for none
 * @param subjectTokenType {@code subject-token-type} (default
 *     {@code urn:ietf:params:oauth:token-type:access_token}): the type of the caller's token (section 3)
 * @param requestedTokenType {@code requested-token-type}: the type of token asked for, or {@code null} to let the
 *     server choose
 */
public record TokenExchange(URI tokenUrl, String clientId, String clientSecret, String audience, String resource,
        List<String> scopes, String subjectTokenType, String requestedTokenType) {

    /** The default {@code subject_token_type}: an OAuth 2.0 access token (RFC 8693 section 3). */
    public static final String ACCESS_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:access_token";

    /** Checks the required values and copies the scopes. */
    public TokenExchange {
        Objects.requireNonNull(tokenUrl, "tokenUrl");
        Objects.requireNonNull(subjectTokenType, "subjectTokenType");
        scopes = List.copyOf(scopes);
    }

    /** Keeps the client secret out of logs. */
    @Override
    public String toString() {
        return "TokenExchange[" + tokenUrl + ", audience=" + audience + ", resource=" + resource + ", scopes="
                + scopes + "]";
    }
}
