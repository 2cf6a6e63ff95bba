package dev.imcp.runtime.spi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The security schemes of a REST service and which of them each operation requires (OpenAPI "Security
 * Requirement Object": an operation's {@code security}, else the document's).
 *
 * <p>An operation's requirement is a list of alternatives; each alternative is a list of scheme names that are
 * all sent together. An empty alternative ({@code {}} in the contract) means the operation may be called
 * without credentials. An operation that is not listed requires nothing.
 *
 * @param schemes scheme name to scheme
 * @param requirements operation key ({@link #key(String, String)}) to its alternatives
 */
public record RestSecurity(Map<String, SecurityScheme> schemes, Map<String, List<List<String>>> requirements) {

    /** No schemes, no requirements. */
    public static final RestSecurity NONE = new RestSecurity(Map.of(), Map.of());

    /** Checks the components and copies the collections. */
    public RestSecurity {
        schemes = Collections.unmodifiableMap(new LinkedHashMap<>(schemes));
        Map<String, List<List<String>>> copy = new LinkedHashMap<>();
        requirements.forEach((k, v) -> copy.put(k, v.stream().map(List::copyOf).toList()));
        requirements = Collections.unmodifiableMap(copy);
    }

    /**
     * Returns the key of one operation.
     *
     * @param method the HTTP method, upper case
     * @param pathTemplate the path template, as in {@link HttpCall#pathTemplate()}
     * @return {@code "<method> <pathTemplate>"}
     */
    public static String key(String method, String pathTemplate) {
        return method + " " + pathTemplate;
    }

    /** Returns the alternatives of {@code call}'s operation; empty when it requires nothing. */
    public List<List<String>> requirement(HttpCall call) {
        return requirements.getOrDefault(key(call.method(), call.pathTemplate()), List.of());
    }

    /** Starts an empty description; generated providers fill it one operation at a time. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link RestSecurity}. */
    public static final class Builder {
        private final Map<String, SecurityScheme> schemes = new LinkedHashMap<>();
        private final Map<String, List<List<String>>> requirements = new LinkedHashMap<>();

        private Builder() {
        }

        /** Adds a scheme. */
        public Builder scheme(SecurityScheme scheme) {
            schemes.put(scheme.name(), scheme);
            return this;
        }

        /**
         * Adds one alternative to an operation's requirement.
         *
         * @param method the HTTP method, upper case
         * @param pathTemplate the path template
         * @param schemeNames the schemes sent together; none means the operation may go without credentials
         * @return this builder
         */
        public Builder require(String method, String pathTemplate, String... schemeNames) {
            Objects.requireNonNull(method, "method");
            requirements.computeIfAbsent(key(method, pathTemplate), k -> new ArrayList<>()).add(List.of(schemeNames));
            return this;
        }

        /** Returns the description. */
        public RestSecurity build() {
            return new RestSecurity(schemes, requirements);
        }
    }
}
