package dev.imcp.codegen.model;

import java.util.List;
import java.util.Objects;

/**
 * An HTTP binding (OpenAPI "Operation Object"; MCP JSON {@code endpoint}).
 *
 * @param method the HTTP method, upper case
 * @param pathTemplate the path relative to the base URL, with {@code {name}} placeholders
 * @param parameters the path, query, header and cookie parameters, each mapped from one input property
 * @param bodyProperty the input property sent as the JSON request body, or {@code null} when none;
 *     {@code "*"} sends every input property that is not a parameter as one JSON object (MCP JSON)
 * @param bodyMediaType the request body's media type ({@code application/json}), or {@code null}
 */
public record HttpBinding(
        String method,
        String pathTemplate,
        List<HttpParameter> parameters,
        String bodyProperty,
        String bodyMediaType) implements Binding {

    /** Checks the required components and copies the parameters. */
    public HttpBinding {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(pathTemplate, "pathTemplate");
        parameters = List.copyOf(parameters);
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
     */
    public record HttpParameter(String name, String property, In in, boolean required) {
        /** Checks the components. */
        public HttpParameter {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(property, "property");
            Objects.requireNonNull(in, "in");
        }
    }
}
