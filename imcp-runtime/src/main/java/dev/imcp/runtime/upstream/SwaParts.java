package dev.imcp.runtime.upstream;

import dev.imcp.runtime.spi.MimePart;
import jakarta.activation.DataHandler;
import org.apache.cxf.binding.soap.model.SoapBodyInfo;
import org.apache.cxf.endpoint.Client;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.jaxws.interceptors.HolderInInterceptor;
import org.apache.cxf.jaxws.interceptors.SwAInInterceptor;
import org.apache.cxf.message.Attachment;
import org.apache.cxf.message.Message;
import org.apache.cxf.message.MessageContentsList;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;
import org.apache.cxf.service.model.BindingInfo;
import org.apache.cxf.service.model.BindingMessageInfo;
import org.apache.cxf.service.model.BindingOperationInfo;
import org.apache.cxf.service.model.MessagePartInfo;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Makes a CXF JAX-WS client that was built from its SEI alone send and receive the MIME parts of SOAP with
 * Attachments operations ({@code mime:multipartRelated}, WSDL 1.1 section 5) as attachments rather than as
 * elements of the SOAP body.
 *
 * <p>CXF decides what travels as an attachment from its service model: the {@link SoapBodyInfo} of each binding
 * message lists the body parts and the attachment parts, and its {@code SwAOutInterceptor} and
 * {@code SwAInInterceptor} (on every JAX-WS endpoint) move the attachment parts' values into and out of MIME parts
 * whose {@code Content-ID} is {@code <part=unique@domain>} (the WS-I Attachments Profile 1.0 convention). CXF fills
 * that model only when it reads a WSDL's binding; a proxy made from the SEI alone has none, and would send the
 * parts inline. {@link #install} writes it from the {@link MimePart}s the generator took from the binding: for each
 * binding message with attachments, the body keeps the other parts and a {@code SoapBodyInfo} names the attachment
 * parts, each with its {@code mime:content/@type} as content type.
 *
 * <p>Why not give CXF the WSDL instead ({@code JaxWsProxyFactoryBean.setWsdlURL}): CXF would parse each SwA
 * contract and its schemas again at start-up, work the build has already done (the design rule: nothing parses a
 * contract at run time); the contract and its local imports would have to be shipped in the jar; and the runtime's
 * view of the binding could differ from the one the tools were generated from. What is written here is the part of
 * the model that CXF's own {@code SoapBindingFactory} writes from a {@code mime:multipartRelated}, through the public
 * service-model classes ({@code BindingMessageInfo}, {@code MessagePartInfo}, {@code SoapBodyInfo}) its interceptors
 * read; it costs a few object updates per port, and a name that does not match the SEI fails the port's creation, at
 * start-up, not a call.
 *
 * <p>Two adjustments beyond what a WSDL-built client does:
 * <ul>
 *   <li>a request with attachments is never an MTOM/XOP package, whatever the service's {@code mtom} setting: the
 *       binding declares a SOAP with Attachments message, whose root part is the plain envelope ({@code text/xml}
 *       for SOAP 1.1, SOAP Messages with Attachments, W3C Note 2000);</li>
 *   <li>a response attachment whose {@code Content-ID} does not follow the Attachments Profile (services that
 *       predate it label parts freely) is still taken when it is unambiguous: one part
 *       of the binding unmatched, one attachment of the response unclaimed, and the response not an XOP
 *       package.</li>
 * </ul>
 */
final class SwaParts {

    private SwaParts() {
    }

    /**
     * Marks {@code attachments} on {@code client}'s binding and adds the interceptors; does nothing when the list
     * is empty. Call once, before the first call through the client.
     *
     * @param client the CXF client of a proxy created from an SEI
     * @param attachments the binding's MIME parts
     * @throws IllegalStateException when an attachment names an operation, message or part the SEI does not have
     */
    static void install(Client client, List<MimePart> attachments) {
        if (attachments.isEmpty()) {
            return;
        }
        BindingInfo binding = client.getEndpoint().getEndpointInfo().getBinding();
        Map<BindingMessageInfo, List<MessagePartInfo>> byMessage = new LinkedHashMap<>();
        for (MimePart a : attachments) {
            BindingOperationInfo operation = operation(binding, a.operation());
            BindingMessageInfo message = a.output() ? operation.getOutput() : operation.getInput();
            if (message == null) {
                throw new IllegalStateException("SOAP operation " + a.operation() + " has no "
                        + (a.output() ? "output" : "input") + " message for attachment part " + a.part());
            }
            MessagePartInfo part = part(message, a);
            if (a.contentType() != null) {
                part.setProperty(Message.CONTENT_TYPE, a.contentType());
            }
            byMessage.computeIfAbsent(message, m -> new ArrayList<>()).add(part);
        }
        boolean sends = false;
        for (Map.Entry<BindingMessageInfo, List<MessagePartInfo>> e : byMessage.entrySet()) {
            BindingMessageInfo message = e.getKey();
            List<MessagePartInfo> body = new ArrayList<>(message.getMessageParts());
            body.removeAll(e.getValue());
            SoapBodyInfo info = new SoapBodyInfo();
            info.setUse("literal");
            info.setParts(body);
            info.setAttachments(List.copyOf(e.getValue()));
            message.setMessageParts(body); // what the body writers and readers see
            message.addExtensor(info);
            sends |= message == message.getBindingOperation().getInput();
        }
        if (sends) {
            client.getOutInterceptors().add(new PlainRoot());
        }
        client.getInInterceptors().add(new UnlabelledAttachment());
    }

    private static BindingOperationInfo operation(BindingInfo binding, String name) {
        for (BindingOperationInfo operation : binding.getOperations()) {
            if (operation.getName().getLocalPart().equals(name)) {
                return operation;
            }
        }
        throw new IllegalStateException("SOAP operation " + name + " of attachment parts is not on the SEI of binding "
                + binding.getName());
    }

    private static MessagePartInfo part(BindingMessageInfo message, MimePart a) {
        for (MessagePartInfo part : message.getMessageInfo().getMessageParts()) {
            if (part.getName().getLocalPart().equals(a.part())) {
                return part;
            }
        }
        throw new IllegalStateException("SOAP operation " + a.operation() + " has no " + (a.output() ? "output" : "input")
                + " part " + a.part() + " to send as an attachment");
    }

    /** Returns the attachment parts of {@code message}, or an empty list. */
    private static List<MessagePartInfo> attachmentParts(BindingMessageInfo message) {
        SoapBodyInfo info = message == null ? null : message.getExtensor(SoapBodyInfo.class);
        return info == null || info.getAttachments() == null ? List.of() : info.getAttachments();
    }

    /** Turns MTOM off for a request that has attachment parts, so its root part is the plain envelope. */
    private static final class PlainRoot extends AbstractPhaseInterceptor<Message> {

        PlainRoot() {
            super(Phase.SETUP);
        }

        @Override
        public void handleMessage(Message message) {
            BindingOperationInfo operation = message.getExchange().getBindingOperationInfo();
            if (operation != null && !attachmentParts(operation.getInput()).isEmpty()) {
                message.put(Message.MTOM_ENABLED, Boolean.FALSE); // the message's own entry wins over the binding's
            }
        }
    }

    /**
     * Gives the one attachment part that CXF found no {@code <part=...>} attachment for the one attachment of the
     * response that no part claims.
     */
    private static final class UnlabelledAttachment extends AbstractPhaseInterceptor<Message> {

        UnlabelledAttachment() {
            super(Phase.PRE_INVOKE);
            addAfter(SwAInInterceptor.class.getName());
            addBefore(HolderInInterceptor.class.getName());
        }

        @Override
        public void handleMessage(Message message) {
            BindingOperationInfo operation = message.getExchange().getBindingOperationInfo();
            List<MessagePartInfo> parts = operation == null ? List.of() : attachmentParts(operation.getOutput());
            Collection<Attachment> received = message.getAttachments();
            MessageContentsList values = MessageContentsList.getContentsList(message);
            if (parts.isEmpty() || received == null || received.isEmpty() || values == null || xop(message)) {
                return;
            }
            List<MessagePartInfo> unmatched = new ArrayList<>();
            for (MessagePartInfo part : parts) {
                if (!values.hasValue(part) || values.get(part) == null) {
                    unmatched.add(part);
                }
            }
            List<Attachment> unclaimed = new ArrayList<>();
            for (Attachment a : received) {
                if (parts.stream().noneMatch(p -> a.getId() != null
                        && a.getId().startsWith(p.getConcreteName().getLocalPart() + "="))) {
                    unclaimed.add(a);
                }
            }
            if (unmatched.size() != 1 || unclaimed.size() != 1) {
                return;
            }
            MessagePartInfo part = unmatched.getFirst();
            DataHandler content = unclaimed.getFirst().getDataHandler();
            if (part.getTypeClass() == byte[].class) {
                try {
                    values.put(part, content.getInputStream().readAllBytes());
                } catch (IOException e) {
                    throw new Fault(e);
                }
            } else if (part.getTypeClass() != null && part.getTypeClass().isAssignableFrom(DataHandler.class)) {
                values.put(part, content);
            }
        }

        /** Whether the response is an MTOM/XOP package, whose attachments the body references itself. */
        private static boolean xop(Message message) {
            Object type = message.get(Message.CONTENT_TYPE);
            return type != null && type.toString().toLowerCase(Locale.ROOT).contains("application/xop+xml");
        }
    }
}
