package dev.imcp.codegen.model;

import java.util.Objects;

/**
 * One parameter of a generated SEI method: one part of the WSDL operation's messages.
 *
 * @param part the {@code wsdl:part/@name}
 * @param property the tool input (and, for holders, output) property it is read from and written to
 * @param javaType the fully qualified Java type of the value (boxed for primitives, {@code byte[]} for
 *     base64Binary); for holders, the type held
 * @param mode whether the part is sent, received, or both (JAX-WS 2.3 section 2.3.3: parameter modes)
 * @param header whether the part is bound to a {@code soap:header} rather than the body
 */
public record SoapParameter(String part, String property, String javaType, Mode mode, boolean header) {

    /** JAX-WS parameter modes. */
    public enum Mode {
        /** Sent only: a plain parameter. */
        IN,
        /** Received only: a {@code Holder} the call fills. */
        OUT,
        /** Sent and received: a {@code Holder} holding the input value, which the call replaces. */
        INOUT
    }

    /** Checks the components. */
    public SoapParameter {
        Objects.requireNonNull(part, "part");
        Objects.requireNonNull(property, "property");
        Objects.requireNonNull(javaType, "javaType");
        Objects.requireNonNull(mode, "mode");
    }
}
