package dev.imcp.runtime.security;

import io.helidon.security.AuthenticationResponse;
import io.helidon.security.Grant;
import io.helidon.security.Principal;
import io.helidon.security.ProviderRequest;
import io.helidon.security.Role;
import io.helidon.security.SecurityResponse.SecurityStatus;
import io.helidon.security.Subject;
import io.helidon.security.spi.AuthenticationProvider;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * iMCP's two helidon-security authentication providers, both reading {@code Authorization: Bearer <token>} (RFC 6750
 * section 2.1) from the security environment's headers: {@link #apiKeys} and {@link #jwt}. A success carries a user
 * {@link Subject} whose principal is the caller's name with the {@link Caller} as attribute {@link #CALLER}, and the
 * caller's roles ({@link Role}) and scopes (grants of type {@code scope}) as grants. A failure carries the HTTP status
 * (401, or 503 when the issuer's keys cannot be had), the {@code WWW-Authenticate} challenge as a response header and
 * what was wrong as the description (no secret in it).
 */
final class BearerProviders {

    /** The principal attribute holding the {@link Caller}. */
    static final String CALLER = "imcp.caller";

    private BearerProviders() {
    }

    /**
     * The API-key provider: a token that is a configured key succeeds. Any other token fails with
     * {@code invalid_token} when {@code last} (no other provider may accept it), else abstains for the next provider.
     *
     * @param keys the configured keys
     * @param challenge the challenge's first parameter ({@code realm="imcp"} or {@code resource_metadata="..."})
     * @param last whether no provider comes after this one
     */
    static AuthenticationProvider apiKeys(ApiKeyAuthenticator keys, String challenge, boolean last) {
        return request -> {
            Optional<String> token = token(request);
            if (token.isEmpty()) {
                return AuthenticationResponse.abstain();
            }
            Optional<Caller> caller = keys.find(token.get());
            if (caller.isPresent()) {
                return success(caller.get());
            }
            return last ? failure(401, challenge, ", error=\"invalid_token\"", "the API key is not valid")
                    : AuthenticationResponse.abstain();
        };
    }

    /**
     * The JWT provider ({@link JwtAuthenticator}: signature against the issuer's JWK Set, issuer, audience, expiry).
     *
     * @param jwt the token checker
     * @param challenge the challenge's first parameter
     */
    static AuthenticationProvider jwt(JwtAuthenticator jwt, String challenge) {
        return request -> {
            Optional<String> token = token(request);
            if (token.isEmpty()) {
                return AuthenticationResponse.abstain();
            }
            try {
                return success(jwt.authenticate(token.get()));
            } catch (JwtAuthenticator.InvalidToken e) {
                return failure(401, challenge, ", error=\"invalid_token\", error_description=\"" + e.getMessage() + "\"",
                        "the token is not valid (" + e.getMessage() + ")");
            } catch (IOException e) {
                return failure(503, null, null, "the token issuer's signing keys cannot be fetched");
            }
        };
    }

    private static Optional<String> token(ProviderRequest request) {
        List<String> values = request.env().headers().getOrDefault("Authorization", List.of());
        return values.size() == 1 ? ApiKeyAuthenticator.bearerToken(values.get(0)) : Optional.empty();
    }

    private static AuthenticationResponse success(Caller caller) {
        Subject.Builder subject = Subject.builder()
                .principal(Principal.builder().name(caller.name()).addAttribute(CALLER, caller).build());
        caller.roles().forEach(role -> subject.addGrant(Role.create(role)));
        caller.scopes().forEach(scope -> subject.addGrant(Grant.builder().type("scope").name(scope).build()));
        return AuthenticationResponse.builder().status(SecurityStatus.SUCCESS).user(subject.build()).build();
    }

    /** A refusal: {@code status}, and for 401 the challenge {@code Bearer <first><errorParameters>}. */
    private static AuthenticationResponse failure(int status, String first, String errorParameters, String detail) {
        AuthenticationResponse.Builder failed = AuthenticationResponse.builder();
        failed.status(SecurityStatus.FAILURE).statusCode(status).description(detail);
        if (first != null) {
            failed.responseHeader("WWW-Authenticate", "Bearer " + first + errorParameters);
        }
        return failed.build();
    }
}
