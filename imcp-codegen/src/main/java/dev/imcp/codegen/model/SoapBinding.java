package dev.imcp.codegen.model;

import java.util.Objects;

/**
 * A SOAP binding of a WSDL operation, called through the SEI that CXF's wsdl2java generated
 * (generated with wrapper style off, so every SEI method takes and returns the message part's type).
 *
 * @param soapVersion {@code "1.1"} or {@code "1.2"}
 * @param soapAction the {@code soap:operation/@soapAction}, or {@code ""}
 * @param style {@code "document"} or {@code "rpc"}
 * @param wrapped whether the operation follows the document/literal wrapped convention
 * @param portName the {@code wsdl:port/@name} whose address the call goes to
 * @param seiClass the fully qualified name of the generated SEI
 * @param seiMethod the SEI method's name
 * @param inputClass the fully qualified Java type of the SEI method's parameter, or {@code null} when it takes none
 * @param outputClass the fully qualified Java type the SEI method returns, or {@code null} for one-way operations
 */
public record SoapBinding(
        String soapVersion,
        String soapAction,
        String style,
        boolean wrapped,
        String portName,
        String seiClass,
        String seiMethod,
        String inputClass,
        String outputClass) implements Binding {

    /** Checks the required components. */
    public SoapBinding {
        Objects.requireNonNull(soapVersion, "soapVersion");
        Objects.requireNonNull(portName, "portName");
        Objects.requireNonNull(seiClass, "seiClass");
        Objects.requireNonNull(seiMethod, "seiMethod");
        soapAction = soapAction == null ? "" : soapAction;
    }
}
