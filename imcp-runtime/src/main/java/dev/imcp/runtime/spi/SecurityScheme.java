package dev.imcp.runtime.spi;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One way a REST upstream authenticates its callers, as the contract declares it (OpenAPI 3 "Security Scheme
 * Object" under {@code components/securitySchemes}; Swagger 2.0 {@code securityDefinitions}). The contract
 * gives the shape only; the secrets come from {@code imcp.services.<id>.security.<name>.*}.
 *
 * @param name the scheme's name in the contract, which is also its configuration key
 * @param type the scheme's type
 * @param in for {@link Type#API_KEY}: where the key goes, {@code header}, {@code query} or {@code cookie};
 *     {@code null} otherwise
 * @param parameterName for {@link Type#API_KEY}: the header, query parameter or cookie name; {@code null} otherwise
 * @param tokenUrl for {@link Type#OAUTH2_CLIENT_CREDENTIALS}: the token endpoint (the client credentials flow's
 *     {@code tokenUrl}); {@code null} otherwise
 * @param scopes for {@link Type#OAUTH2_CLIENT_CREDENTIALS}: the scopes to ask for (the flow's scopes that the
 *     operations require), in order; empty otherwise
 */
public record SecurityScheme(String name, Type type, String in, String parameterName, String tokenUrl,
        List<String> scopes) {

    /** The scheme types the runtime sends credentials for. */
    public enum Type {
        /** An API key in a header, query parameter or cookie (OpenAPI {@code type: apiKey}). */
        API_KEY,
        /** {@code Authorization: Basic} (OpenAPI {@code type: http, scheme: basic}; RFC 7617). */
        HTTP_BASIC,
        /** {@code Authorization: Bearer} (OpenAPI {@code type: http, scheme: bearer}; RFC 6750). */
        HTTP_BEARER,
        /** A bearer token from an OAuth 2.0 client credentials grant (RFC 6749 section 4.4). */
        OAUTH2_CLIENT_CREDENTIALS
    }

    /** Checks the components the type needs and copies the scopes. */
    public SecurityScheme {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        scopes = scopes == null ? List.of() : List.copyOf(scopes);
        if (type == Type.API_KEY) {
            Objects.requireNonNull(parameterName, "parameterName");
            in = Objects.requireNonNull(in, "in").toLowerCase(Locale.ROOT);
            if (!List.of("header", "query", "cookie").contains(in)) {
                throw new IllegalArgumentException("in must be header, query or cookie, got " + in);
            }
        }
        if (type == Type.OAUTH2_CLIENT_CREDENTIALS) {
            Objects.requireNonNull(tokenUrl, "tokenUrl");
        }
    }

    /** An API key scheme. */
    public static SecurityScheme apiKey(String name, String in, String parameterName) {
        return new SecurityScheme(name, Type.API_KEY, in, parameterName, null, List.of());
    }

    /** An HTTP basic scheme. */
    public static SecurityScheme basic(String name) {
        return new SecurityScheme(name, Type.HTTP_BASIC, null, null, null, List.of());
    }

    /** An HTTP bearer scheme. */
    public static SecurityScheme bearer(String name) {
        return new SecurityScheme(name, Type.HTTP_BEARER, null, null, null, List.of());
    }

    /** An OAuth 2.0 client credentials scheme. */
    public static SecurityScheme oauth2ClientCredentials(String name, String tokenUrl, List<String> scopes) {
        return new SecurityScheme(name, Type.OAUTH2_CLIENT_CREDENTIALS, null, null, tokenUrl, scopes);
    }
}
