package dev.imcp.runtime.security;

import java.util.Objects;

/**
 * The authenticated caller of one request.
 *
 * @param name the API key's configured name, or {@link #ANONYMOUS_NAME} when authentication is off
 */
public record Caller(String name) {

    /** The actor name used when authentication is disabled. */
    public static final String ANONYMOUS_NAME = "anonymous";

    /** The caller when authentication is disabled. */
    public static final Caller ANONYMOUS = new Caller(ANONYMOUS_NAME);

    /** Checks that the name is present. */
    public Caller {
        Objects.requireNonNull(name, "name");
    }
}
