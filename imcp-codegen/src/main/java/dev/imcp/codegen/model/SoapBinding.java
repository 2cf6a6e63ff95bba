package dev.imcp.codegen.model;

import java.util.List;
import java.util.Objects;

/**
 * A SOAP binding of a WSDL operation, called through the SEI that CXF's wsdl2java generated (with wrapper
 * style off, so every SEI method takes the message parts as they are: one parameter per part, header parts
 * included, and a {@code jakarta.xml.ws.Holder} for each output part beyond the return value).
 *
 * <p>How the tool's input and output map to the SEI method: when the method takes exactly one parameter and
 * the tool's input schema is bound to that parameter's class, the whole input is passed; otherwise each
 * {@link SoapParameter.Mode#IN} and {@link SoapParameter.Mode#INOUT} parameter takes the input property
 * named {@link SoapParameter#property()}. When no parameter is a holder, the output is the method's return
 * value; otherwise the output is a record whose properties are {@link #returnProperty()} (the return value)
 * and the holders' values.
 *
 * @param soapVersion {@code "1.1"} or {@code "1.2"}
 * @param soapAction the {@code soap:operation/@soapAction}, or {@code ""}
 * @param style {@code "document"} or {@code "rpc"} (WSDL 1.1 section 3.4)
 * @param wrapped whether the operation follows the document/literal wrapped convention
 * @param portName the {@code wsdl:port/@name} whose address the call goes to
 * @param seiClass the fully qualified name of the generated SEI
 * @param seiMethod the SEI method's name
 * @param parameters the SEI method's parameters in signature order
 * @param returnType the fully qualified (boxed) Java type the SEI method returns, or {@code null} for {@code void}
 * @param returnProperty the output property holding the return value when the output is a record of several
 *     values, or {@code null}
 * @param faults the names of the operation's {@code wsdl:fault}s (WSDL 1.1 section 2.4.5), sorted; empty when it
 *     declares none
 * @param attachments the parts its binding carries as MIME attachments (SOAP with Attachments, WSDL 1.1 section
 *     5), input parts first, each in {@code mime:part} order; empty for a plain SOAP binding. Such a part is an SEI
 *     parameter (or holder, or the return value) of type {@code byte[]} like any other; the runtime must be told
 *     to move it into a MIME part
 */
public record SoapBinding(
        String soapVersion,
        String soapAction,
        String style,
        boolean wrapped,
        String portName,
        String seiClass,
        String seiMethod,
        List<SoapParameter> parameters,
        String returnType,
        String returnProperty,
        List<String> faults,
        List<SoapAttachment> attachments) implements Binding {

    /** Checks the required components and copies the parameter list. */
    public SoapBinding {
        Objects.requireNonNull(soapVersion, "soapVersion");
        Objects.requireNonNull(portName, "portName");
        Objects.requireNonNull(seiClass, "seiClass");
        Objects.requireNonNull(seiMethod, "seiMethod");
        soapAction = soapAction == null ? "" : soapAction;
        parameters = List.copyOf(parameters);
        faults = faults == null ? List.of() : List.copyOf(faults);
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }

    /** A binding without MIME attachments. */
    public SoapBinding(String soapVersion, String soapAction, String style, boolean wrapped, String portName,
            String seiClass, String seiMethod, List<SoapParameter> parameters, String returnType, String returnProperty,
            List<String> faults) {
        this(soapVersion, soapAction, style, wrapped, portName, seiClass, seiMethod, parameters, returnType,
                returnProperty, faults, List.of());
    }

    /** A binding whose operation declares no {@code wsdl:fault} and has no MIME attachments. */
    public SoapBinding(String soapVersion, String soapAction, String style, boolean wrapped, String portName,
            String seiClass, String seiMethod, List<SoapParameter> parameters, String returnType, String returnProperty) {
        this(soapVersion, soapAction, style, wrapped, portName, seiClass, seiMethod, parameters, returnType,
                returnProperty, List.of());
    }

    /** Returns whether any parameter is a holder, so the output is a record of several values. */
    public boolean hasHolders() {
        return parameters.stream().anyMatch(p -> p.mode() != SoapParameter.Mode.IN);
    }

    /** Returns the Java type of the single parameter, when the method takes exactly one input-only one; else {@code null}. */
    public String singleInputType() {
        return parameters.size() == 1 && parameters.getFirst().mode() == SoapParameter.Mode.IN
                ? parameters.getFirst().javaType() : null;
    }
}
