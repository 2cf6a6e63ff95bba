package dev.imcp.runtime.spi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One HTTP request to a REST upstream, as a generated stub describes it (OpenAPI "Operation Object"
 * and "Parameter Object"; MCP JSON {@code endpoint}).
 *
 * @param method the HTTP method, upper case
 * @param pathTemplate the path relative to the service base URL, with {@code {name}} placeholders
 * @param pathParams placeholder name to value; values are percent-encoded as one path segment
 * @param query query parameter name to values; a list value is sent as repeated parameters
 *     ({@code style: form, explode: true}); {@code null} values are left out
 * @param headers header name to value; {@code null} values are left out
 * @param body the request body serialized as JSON, or {@code null} for none
 */
public record HttpCall(
        String method,
        String pathTemplate,
        Map<String, String> pathParams,
        Map<String, List<String>> query,
        Map<String, String> headers,
        Object body) {

    /** Checks the required components and copies the maps. */
    public HttpCall {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(pathTemplate, "pathTemplate");
        pathParams = Collections.unmodifiableMap(new LinkedHashMap<>(pathParams));
        query = Collections.unmodifiableMap(new LinkedHashMap<>(query));
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    /** Starts a request to {@code pathTemplate} with {@code method}. */
    public static Builder builder(String method, String pathTemplate) {
        return new Builder(method, pathTemplate);
    }

    /** Builds an {@link HttpCall}; each setter ignores {@code null} values, so optional arguments stay out. */
    public static final class Builder {
        private final String method;
        private final String pathTemplate;
        private final Map<String, String> pathParams = new LinkedHashMap<>();
        private final Map<String, List<String>> query = new LinkedHashMap<>();
        private final Map<String, String> headers = new LinkedHashMap<>();
        private Object body;

        private Builder(String method, String pathTemplate) {
            this.method = method;
            this.pathTemplate = pathTemplate;
        }

        /** Sets the value of path placeholder {@code name}. */
        public Builder pathParam(String name, Object value) {
            if (value != null) {
                pathParams.put(name, String.valueOf(value));
            }
            return this;
        }

        /** Adds query parameter {@code name}; a {@link Iterable} value adds one parameter per element. */
        public Builder query(String name, Object value) {
            if (value instanceof Iterable<?> values) {
                List<String> all = new ArrayList<>();
                values.forEach(v -> {
                    if (v != null) {
                        all.add(String.valueOf(v));
                    }
                });
                if (!all.isEmpty()) {
                    query.computeIfAbsent(name, k -> new ArrayList<>()).addAll(all);
                }
            } else if (value != null) {
                query.computeIfAbsent(name, k -> new ArrayList<>()).add(String.valueOf(value));
            }
            return this;
        }

        /** Sets header {@code name}. */
        public Builder header(String name, Object value) {
            if (value != null) {
                headers.put(name, String.valueOf(value));
            }
            return this;
        }

        /** Sets the JSON request body. */
        public Builder body(Object value) {
            this.body = value;
            return this;
        }

        /** Returns the request. */
        public HttpCall build() {
            return new HttpCall(method, pathTemplate, pathParams, query, headers, body);
        }
    }
}
