package dev.imcp.runtime.upstream;

import dev.imcp.runtime.config.SoapHeaderXml;
import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.binding.soap.interceptor.AbstractSoapInterceptor;
import org.apache.cxf.headers.Header;
import org.apache.cxf.phase.Phase;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import javax.xml.namespace.QName;
import java.util.ArrayList;
import java.util.List;

/**
 * The custom SOAP header blocks of one service ({@code imcp.services.<id>.soap-headers}), parsed once; each request
 * gets its own copies, since a DOM is not safe to read from several threads at once. Thread-safe.
 */
final class SoapHeaderBlocks {

    private final List<Element> templates;

    /**
     * @param serviceId the service id, for error messages
     * @param blocks the configured XML texts
     * @throws IllegalArgumentException when a text is not one namespace-qualified element (see {@link SoapHeaderXml})
     */
    SoapHeaderBlocks(String serviceId, List<String> blocks) {
        List<Element> parsed = new ArrayList<>();
        for (int i = 0; i < blocks.size(); i++) {
            parsed.add(SoapHeaderXml.parse("imcp.services." + serviceId + ".soap-headers." + i, blocks.get(i)));
        }
        this.templates = List.copyOf(parsed);
    }

    /** Returns whether no block is configured. */
    boolean isEmpty() {
        return templates.isEmpty();
    }

    /** Returns fresh copies of the blocks, each in its own document, in configuration order. */
    List<Element> copies() {
        List<Element> out = new ArrayList<>(templates.size());
        for (Element template : templates) {
            synchronized (template) {
                Document own = template.getOwnerDocument().getImplementation().createDocument(null, null, null);
                Element copy = (Element) own.importNode(template, true);
                own.appendChild(copy);
                out.add(copy);
            }
        }
        return out;
    }

    /** Returns copies of the blocks owned by {@code document}, in configuration order, ready to be appended. */
    List<Element> importInto(Document document) {
        List<Element> out = new ArrayList<>(templates.size());
        for (Element template : templates) {
            synchronized (template) {
                out.add((Element) document.importNode(template, true));
            }
        }
        return out;
    }

    /** Returns a CXF interceptor that adds copies of the blocks to every outbound SOAP message's headers. */
    AbstractSoapInterceptor interceptor() {
        return new Out();
    }

    /** Adds the blocks as {@link Header}s, which CXF's {@code SoapOutInterceptor} writes into {@code soap:Header}. */
    private final class Out extends AbstractSoapInterceptor {

        Out() {
            // before the WRITE phase, where SoapOutInterceptor writes the envelope start and the headers
            super(SoapHeaderBlocks.class.getName(), Phase.PRE_PROTOCOL);
        }

        @Override
        public void handleMessage(SoapMessage message) {
            for (Element block : copies()) {
                message.getHeaders().add(new Header(new QName(block.getNamespaceURI(), block.getLocalName()), block));
            }
        }
    }
}
