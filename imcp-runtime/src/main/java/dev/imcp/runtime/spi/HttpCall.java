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
 * @param body the request body, or {@code null} for none; serialized as {@code bodyMediaType} says
 * @param params parameters serialized by their OpenAPI {@code style} and {@code explode} (OpenAPI 3.0.3
 *     section 4.7.12.4, "Style Values"), in addition to {@code pathParams}, {@code query} and {@code headers}
 * @param bodyMediaType the request body's media type; {@code null} means {@code application/json}. JSON types
 *     ({@code application/json}, {@code *+json}, {@code *}{@code /*}) send the body as JSON;
 *     {@code application/x-www-form-urlencoded} and {@code multipart/form-data} send the body object's
 *     properties as fields ({@code bodyFields} says how); {@code text/*} sends a string as UTF-8; any other type
 *     sends a base64 string's bytes
 * @param bodyFields form and multipart field name to its OpenAPI "Encoding Object" ({@link Field})
 */
public record HttpCall(
        String method,
        String pathTemplate,
        Map<String, String> pathParams,
        Map<String, List<String>> query,
        Map<String, String> headers,
        Object body,
        List<Param> params,
        String bodyMediaType,
        Map<String, Field> bodyFields) {

    /** Checks the required components and copies the maps. */
    public HttpCall {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(pathTemplate, "pathTemplate");
        pathParams = Collections.unmodifiableMap(new LinkedHashMap<>(pathParams));
        query = Collections.unmodifiableMap(new LinkedHashMap<>(query));
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        params = List.copyOf(params);
        bodyFields = Collections.unmodifiableMap(new LinkedHashMap<>(bodyFields));
    }

    /** A request with a JSON body and no styled parameters (the form stubs generated before styles existed use). */
    public HttpCall(String method, String pathTemplate, Map<String, String> pathParams, Map<String, List<String>> query,
            Map<String, String> headers, Object body) {
        this(method, pathTemplate, pathParams, query, headers, body, List.of(), null, Map.of());
    }

    /** Where a parameter goes (OpenAPI "Parameter Object" {@code in}). */
    public enum In {
        /** A {@code {name}} placeholder of the path template. */
        PATH,
        /** The query string. */
        QUERY,
        /** A request header. */
        HEADER,
        /** A cookie of the {@code Cookie} header. */
        COOKIE
    }

    /**
     * One parameter with its serialization.
     *
     * @param in where it goes
     * @param name the wire name
     * @param style the OpenAPI style: {@code simple}, {@code label}, {@code matrix}, {@code form},
     *     {@code spaceDelimited}, {@code pipeDelimited} or {@code deepObject}
     * @param explode whether arrays and objects are exploded
     * @param allowReserved whether RFC 3986 reserved characters of a query value are sent unencoded
     * @param value the argument (a string, number, boolean, list, map or record), never {@code null}
     */
    public record Param(In in, String name, String style, boolean explode, boolean allowReserved, Object value) {
        /** Checks the components. */
        public Param {
            Objects.requireNonNull(in, "in");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(style, "style");
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * How one form or multipart field is sent (OpenAPI 3 "Encoding Object").
     *
     * @param style the style of a form field ({@code form}, {@code spaceDelimited}, {@code pipeDelimited},
     *     {@code deepObject})
     * @param explode whether arrays and objects are exploded
     * @param contentType a multipart part's media type, or {@code null} for the default (text for primitives,
     *     {@code application/json} for objects, {@code application/octet-stream} for files)
     * @param file whether the field is binary ({@code format: binary}): its value is a base64 string or an object
     *     {@code {"filename", "contentType", "data"}} with base64 {@code data}
     */
    public record Field(String style, boolean explode, String contentType, boolean file) {
        /** Checks the components. */
        public Field {
            Objects.requireNonNull(style, "style");
        }
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
        private final List<Param> params = new ArrayList<>();
        private String bodyMediaType;
        private final Map<String, Field> bodyFields = new LinkedHashMap<>();

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

        /** Sets the request body and its media type (see {@link HttpCall#bodyMediaType()}). */
        public Builder body(Object value, String mediaType) {
            this.body = value;
            this.bodyMediaType = mediaType;
            return this;
        }

        /**
         * Adds a parameter serialized by {@code style} and {@code explode}; a {@code null} value is left out.
         *
         * @param in {@code path}, {@code query}, {@code header} or {@code cookie}
         * @throws IllegalArgumentException for another {@code in}
         */
        public Builder param(String in, String name, String style, boolean explode, boolean allowReserved,
                Object value) {
            if (value != null) {
                params.add(new Param(In.valueOf(in.toUpperCase(java.util.Locale.ROOT)), name, style, explode,
                        allowReserved, value));
            }
            return this;
        }

        /** Sets how form or multipart field {@code name} is sent ({@link Field}). */
        public Builder bodyField(String name, String style, boolean explode, String contentType, boolean file) {
            bodyFields.put(name, new Field(style, explode, contentType, file));
            return this;
        }

        /** Returns the request. */
        public HttpCall build() {
            return new HttpCall(method, pathTemplate, pathParams, query, headers, body, params, bodyMediaType,
                    bodyFields);
        }
    }
}
