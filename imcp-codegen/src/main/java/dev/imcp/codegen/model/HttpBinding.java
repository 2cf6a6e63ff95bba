package dev.imcp.codegen.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An HTTP binding (OpenAPI "Operation Object"; MCP JSON {@code endpoint}).
 *
 * @param method the HTTP method, upper case
 * @param pathTemplate the path relative to the base URL, with {@code {name}} placeholders
 * @param parameters the path, query, header and cookie parameters, each mapped from one input property
 * @param bodyProperty the input property sent as the JSON request body, or {@code null} when none;
 *     {@code "*"} sends every input property that is not a parameter as one JSON object (MCP JSON)
 * @param bodyMediaType the request body's media type as the contract lists it ({@code application/json},
 *     {@code application/merge-patch+json}, {@code application/x-www-form-urlencoded}, {@code multipart/form-data},
 *     {@code application/octet-stream}, ...), or {@code null}
 * @param bodyFields form or multipart field name to how it is encoded (OpenAPI 3 "Encoding Object"); only fields
 *     whose encoding differs from the default ({@code form}, exploded, no content type, not a file)
 */
public record HttpBinding(
        String method,
        String pathTemplate,
        List<HttpParameter> parameters,
        String bodyProperty,
        String bodyMediaType,
        Map<String, BodyField> bodyFields) implements Binding {

    /** Checks the required components and copies the parameters. */
    public HttpBinding {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(pathTemplate, "pathTemplate");
        parameters = List.copyOf(parameters);
        bodyFields = Collections.unmodifiableMap(new LinkedHashMap<>(bodyFields));
    }

    /** A binding whose body, if any, has no field encodings. */
    public HttpBinding(String method, String pathTemplate, List<HttpParameter> parameters, String bodyProperty,
            String bodyMediaType) {
        this(method, pathTemplate, parameters, bodyProperty, bodyMediaType, Map.of());
    }

    /**
     * How one form or multipart field is sent (OpenAPI 3 "Encoding Object").
     *
     * @param style {@code form}, {@code spaceDelimited}, {@code pipeDelimited} or {@code deepObject}
     * @param explode whether arrays and objects are exploded
     * @param contentType the multipart part's media type, or {@code null} for the default
     * @param file whether the field is binary ({@code format: binary}, Swagger 2.0 {@code type: file})
     */
    public record BodyField(String style, boolean explode, String contentType, boolean file) {
        /** Checks the components. */
        public BodyField {
            Objects.requireNonNull(style, "style");
        }
    }

    /** Where a parameter goes (OpenAPI {@code in}). */
    public enum In {
        /** A {@code {name}} placeholder of the path. */
        PATH,
        /** A query string parameter. */
        QUERY,
        /** A request header. */
        HEADER,
        /** A cookie. */
        COOKIE
    }

    /**
     * One parameter.
     *
     * @param name the wire name (OpenAPI {@code name})
     * @param property the input property (and record component) that carries its value
     * @param in where it goes
     * @param required whether the contract requires it
     * @param style the OpenAPI style ({@code simple}, {@code label}, {@code matrix}, {@code form},
     *     {@code spaceDelimited}, {@code pipeDelimited}, {@code deepObject}), or {@code null} for the plain
     *     encoding of MCP JSON (one path segment; repeated query parameters; a header's text)
     * @param explode whether arrays and objects are exploded (ignored without a style)
     * @param allowReserved whether reserved characters of a query value stay unencoded
     */
    public record HttpParameter(String name, String property, In in, boolean required, String style, boolean explode,
            boolean allowReserved) {
        /** Checks the components. */
        public HttpParameter {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(property, "property");
            Objects.requireNonNull(in, "in");
        }

        /** A parameter with the plain encoding (no style). */
        public HttpParameter(String name, String property, In in, boolean required) {
            this(name, property, in, required, null, false, false);
        }
    }
}
