package dev.imcp.codegen.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The security schemes a REST contract declares that the runtime can send credentials for, and which of them
 * each operation requires (OpenAPI "Security Scheme Object" and "Security Requirement Object").
 *
 * @param schemes the schemes, by name, in contract order
 * @param requirements operation key ({@code "<METHOD> <pathTemplate>"}) to its alternatives, each a list of scheme
 *     names sent together; an empty alternative means no credentials are needed; an operation that is not listed
 *     needs none
 */
public record SecurityModel(Map<String, Scheme> schemes, Map<String, List<List<String>>> requirements) {

    /** No schemes. */
    public static final SecurityModel NONE = new SecurityModel(Map.of(), Map.of());

    /** Checks the components and copies the collections. */
    public SecurityModel {
        schemes = Collections.unmodifiableMap(new LinkedHashMap<>(schemes));
        Map<String, List<List<String>>> copy = new LinkedHashMap<>();
        requirements.forEach((k, v) -> copy.put(k, v.stream().map(List::copyOf).toList()));
        requirements = Collections.unmodifiableMap(copy);
    }

    /** The scheme types (the runtime's {@code SecurityScheme.Type}). */
    public enum Type {
        /** OpenAPI {@code type: apiKey}. */
        API_KEY,
        /** OpenAPI {@code type: http, scheme: basic}. */
        HTTP_BASIC,
        /** OpenAPI {@code type: http, scheme: bearer}. */
        HTTP_BEARER,
        /** OpenAPI {@code type: oauth2} with a {@code clientCredentials} flow (Swagger 2.0 {@code application}). */
        OAUTH2_CLIENT_CREDENTIALS
    }

    /**
     * One scheme.
     *
     * @param name its name under {@code components/securitySchemes}
     * @param type its type
     * @param in for {@link Type#API_KEY}: {@code header}, {@code query} or {@code cookie}; else {@code null}
     * @param parameterName for {@link Type#API_KEY}: the header, parameter or cookie name; else {@code null}
     * @param tokenUrl for {@link Type#OAUTH2_CLIENT_CREDENTIALS}: the flow's {@code tokenUrl}; else {@code null}
     * @param scopes for {@link Type#OAUTH2_CLIENT_CREDENTIALS}: the scopes the operations require, sorted
     */
    public record Scheme(String name, Type type, String in, String parameterName, String tokenUrl, List<String> scopes) {
        /** Checks the components and copies the scopes. */
        public Scheme {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
            scopes = List.copyOf(scopes);
        }
    }

    /** Returns the key of an operation, {@code "<METHOD> <pathTemplate>"}. */
    public static String key(String method, String pathTemplate) {
        return method + " " + pathTemplate;
    }
}
