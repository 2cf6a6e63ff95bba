package dev.imcp.codegen.model;

import java.util.Objects;

/**
 * A message part that a SOAP with Attachments binding carries as a MIME attachment rather than in the SOAP body:
 * a {@code mime:content} of a {@code mime:multipartRelated} (WSDL 1.1 section 5.3 and 5.4). Its tool property is a
 * base64 string ({@code contentEncoding: base64}) of the attachment's bytes.
 *
 * @param operation the operation's name ({@code wsdl:binding/wsdl:operation/@name})
 * @param output whether the part is in the output message, else in the input message
 * @param part the part's name ({@code wsdl:part/@name})
 * @param contentType the {@code mime:content/@type}, or {@code null} when the binding gives none or a wildcard
 *     ({@code image/*}): the attachment is then sent as {@code application/octet-stream}
 */
public record SoapAttachment(String operation, boolean output, String part, String contentType) {

    /** Checks the required components. */
    public SoapAttachment {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(part, "part");
    }
}
