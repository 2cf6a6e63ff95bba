package dev.imcp.runtime.spi;

import java.util.Objects;

/**
 * A WSDL message part that travels as a MIME attachment of a SOAP with Attachments message instead of inside
 * the SOAP body: a {@code mime:content} of a {@code mime:multipartRelated} binding (WSDL 1.1 section 5; SOAP
 * Messages with Attachments, W3C Note 2000; WS-I Attachments Profile 1.0). Passed by generated code to
 * {@link UpstreamContext#soapPort(Class, String, boolean, java.util.List)}.
 *
 * <p>On the wire the request or response is {@code multipart/related}: the SOAP envelope first, then one MIME
 * part per attachment whose {@code Content-ID} is {@code <part=unique@domain>} (the Attachments Profile 1.0
 * convention). In Java the part is the SEI parameter (or {@code Holder}) whose {@code @WebParam(partName)} is
 * {@link #part()}, of type {@code byte[]}; tools take and return its bytes as a base64 string.
 *
 * @param operation the WSDL operation's name ({@code wsdl:binding/wsdl:operation/@name})
 * @param output whether the part is in the operation's output message ({@code wsdl:output}); else in its input
 * @param part the part's name ({@code wsdl:part/@name})
 * @param contentType the media type the attachment is sent with, the {@code mime:content/@type} (WSDL 1.1
 *     section 5.4), or {@code null} to send {@code application/octet-stream} (the binding names a wildcard such as
 *     {@code image/*} or no type); for a received attachment it is informative only
 */
public record MimePart(String operation, boolean output, String part, String contentType) {

    /** Checks the required components. */
    public MimePart {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(part, "part");
    }

    /**
     * Returns a part of {@code operation}'s input message.
     *
     * @param operation the WSDL operation's name
     * @param part the part's name
     * @param contentType the media type it is sent with, or {@code null} for {@code application/octet-stream}
     * @return the part
     */
    public static MimePart input(String operation, String part, String contentType) {
        return new MimePart(operation, false, part, contentType);
    }

    /**
     * Returns a part of {@code operation}'s output message.
     *
     * @param operation the WSDL operation's name
     * @param part the part's name
     * @param contentType the media type the binding declares, or {@code null}
     * @return the part
     */
    public static MimePart output(String operation, String part, String contentType) {
        return new MimePart(operation, true, part, contentType);
    }
}
