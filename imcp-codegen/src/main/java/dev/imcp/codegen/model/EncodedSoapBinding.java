package dev.imcp.codegen.model;

import java.util.List;
import java.util.Objects;

/**
 * A SOAP 1.1 rpc/encoded binding of a WSDL operation (WSDL 1.1 section 3.5, {@code use="encoded"}), which
 * JAX-WS cannot call: the generated stub hands the runtime's SAAJ-based client
 * ({@code dev.imcp.runtime.spi.EncodedSoapPort}) an operation descriptor and the arguments as JSON-shaped values.
 *
 * @param portName the {@code wsdl:port/@name} whose address the call goes to
 * @param inputParts the input message's part names, in order; each is also the tool input property
 * @param descriptorJson the operation descriptor in the runtime's JSON form
 *     ({@code dev.imcp.runtime.spi.EncodedOperation#fromJson}): wrapper name and namespace, SOAPAction,
 *     encoding style, typed parts, and the struct and array types they reach
 */
public record EncodedSoapBinding(String portName, List<String> inputParts, String descriptorJson) implements Binding {

    /** Checks the components and copies the part list. */
    public EncodedSoapBinding {
        Objects.requireNonNull(portName, "portName");
        Objects.requireNonNull(descriptorJson, "descriptorJson");
        inputParts = List.copyOf(inputParts);
    }
}
