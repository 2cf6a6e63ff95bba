package dev.imcp.codegen.wsdl;

import dev.imcp.codegen.model.SoapAttachment;
import java.util.ArrayList;
import java.util.List;
import javax.wsdl.BindingOperation;
import javax.wsdl.Message;
import javax.wsdl.extensions.mime.MIMEContent;
import javax.wsdl.extensions.mime.MIMEMimeXml;
import javax.wsdl.extensions.mime.MIMEMultipartRelated;
import javax.wsdl.extensions.mime.MIMEPart;
import javax.wsdl.extensions.soap.SOAPHeader;
import javax.wsdl.extensions.soap12.SOAP12Header;

/**
 * Reads the MIME binding of one operation (WSDL 1.1 section 5): which message parts a {@code mime:multipartRelated}
 * input or output carries as attachments ({@code mime:content}, section 5.4), with their media types.
 *
 * <p>Supported: each {@code mime:part} holds either the {@code soap:body} (the root part, the envelope) or one
 * {@code mime:content} naming a part of the message. Not supported, and reported as the reason to skip the
 * operation: {@code mime:mimeXml} (section 5.6, an XML root part without an envelope), several {@code mime:content}
 * in one {@code mime:part} (alternative types, section 5.3: a tool could not say which one its bytes are),
 * a {@code soap:header} inside a {@code mime:part}, and a {@code mime:content} that names no part of the message.
 */
final class MimeBindings {

    /**
     * What the binding of one operation says.
     *
     * @param attachments the attachment parts, input first, each in {@code mime:part} order
     * @param unsupported why the operation cannot be called, or {@code null}
     */
    record Result(List<SoapAttachment> attachments, String unsupported) {

        /** Returns whether {@code part} of the output (or input) message is an attachment. */
        boolean isAttachment(boolean output, String part) {
            return find(output, part) != null;
        }

        /** Returns the attachment of {@code part}, or {@code null}. */
        SoapAttachment find(boolean output, String part) {
            for (SoapAttachment a : attachments) {
                if (a.output() == output && a.part().equals(part)) {
                    return a;
                }
            }
            return null;
        }
    }

    private MimeBindings() {
    }

    /** Reads {@code bop}'s input and output bindings. */
    static Result read(BindingOperation bop) {
        List<SoapAttachment> attachments = new ArrayList<>();
        String unsupported = null;
        if (bop.getBindingInput() != null) {
            unsupported = read(bop, false, bop.getBindingInput().getExtensibilityElements(),
                    bop.getOperation().getInput() == null ? null : bop.getOperation().getInput().getMessage(), attachments);
        }
        if (unsupported == null && bop.getBindingOutput() != null) {
            unsupported = read(bop, true, bop.getBindingOutput().getExtensibilityElements(),
                    bop.getOperation().getOutput() == null ? null : bop.getOperation().getOutput().getMessage(), attachments);
        }
        return new Result(List.copyOf(attachments), unsupported);
    }

    private static String read(BindingOperation bop, boolean output, List<?> extensions, Message message,
            List<SoapAttachment> attachments) {
        String which = output ? "output" : "input";
        for (Object e : extensions) {
            if (e instanceof MIMEMimeXml) {
                return "its " + which + " is bound with mime:mimeXml (WSDL 1.1 section 5.6), an XML document without "
                        + "a SOAP envelope";
            }
            if (!(e instanceof MIMEMultipartRelated related)) {
                continue;
            }
            for (Object p : related.getMIMEParts()) {
                List<MIMEContent> contents = new ArrayList<>();
                for (Object x : ((MIMEPart) p).getExtensibilityElements()) {
                    if (x instanceof MIMEContent content) {
                        contents.add(content);
                    } else if (x instanceof MIMEMimeXml) {
                        return "a MIME part of its " + which + " is bound with mime:mimeXml (WSDL 1.1 section 5.6), "
                                + "which the runtime cannot send";
                    } else if (x instanceof SOAPHeader || x instanceof SOAP12Header) {
                        return "a MIME part of its " + which + " holds a soap:header, which the SEI does not mark as a "
                                + "header";
                    }
                }
                if (contents.size() > 1) {
                    return "a MIME part of its " + which + " offers alternative types ("
                            + String.join(", ", contents.stream().map(c -> String.valueOf(c.getType())).toList())
                            + ", WSDL 1.1 section 5.3), and a tool cannot say which one its bytes are";
                }
                if (contents.size() == 1) {
                    MIMEContent content = contents.getFirst();
                    String part = content.getPart();
                    if (part == null || message == null || message.getPart(part) == null) {
                        return "a mime:content of its " + which + " names " + (part == null ? "no part"
                                : "part '" + part + "', which message " + (message == null ? "(none)"
                                : message.getQName().getLocalPart()) + " does not have");
                    }
                    attachments.add(new SoapAttachment(bop.getName(), output, part, concrete(content.getType())));
                }
            }
        }
        return null;
    }

    /**
     * Returns {@code type} when it names one media type, else {@code null}: a wildcard ({@code image/*},
     * {@code * / *}) or no type says nothing a sender could put in {@code Content-Type}.
     */
    static String concrete(String type) {
        if (type == null || type.isBlank() || type.contains("*")) {
            return null;
        }
        return type.strip();
    }
}
