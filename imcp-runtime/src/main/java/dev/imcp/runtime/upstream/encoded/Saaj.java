package dev.imcp.runtime.upstream.encoded;

import jakarta.xml.soap.MessageFactory;
import jakarta.xml.soap.SOAPConstants;
import jakarta.xml.soap.SOAPException;
import jakarta.xml.soap.SOAPMessage;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.SAXException;

import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.dom.DOMSource;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * SAAJ for SOAP 1.1 messages, with response parsing hardened against hostile XML: the bytes are parsed by the
 * JDK's own parser with DTDs refused outright ({@code <!DOCTYPE} is an error, so no entity is declared, expanded or
 * fetched: no "billion laughs", no external entity), secure processing on, no XInclude, and only then handed to
 * SAAJ as a DOM.
 */
final class Saaj {

    private static final DocumentBuilderFactory PARSERS = parsers();
    private static volatile MessageFactory factory;

    private Saaj() {
    }

    /** Returns the SAAJ SOAP 1.1 message factory. */
    static MessageFactory messageFactory() throws SOAPException {
        MessageFactory f = factory;
        if (f == null) {
            f = MessageFactory.newInstance(SOAPConstants.SOAP_1_1_PROTOCOL);
            factory = f;
        }
        return f;
    }

    /**
     * Parses a response body as a SOAP 1.1 message.
     *
     * @param body the bytes; their encoding comes from the XML declaration or byte order mark
     * @return the message
     * @throws SAXException when the bytes are not well-formed XML or carry a DTD
     * @throws SOAPException when the XML is not a SOAP 1.1 envelope
     */
    static SOAPMessage parse(byte[] body) throws SAXException, SOAPException, IOException {
        DocumentBuilder builder;
        try {
            synchronized (PARSERS) { // a DocumentBuilderFactory is not thread-safe
                builder = PARSERS.newDocumentBuilder();
            }
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
        builder.setErrorHandler(null);
        builder.setEntityResolver((publicId, systemId) -> {
            throw new SAXException("external entities are not allowed: " + systemId);
        });
        Document doc = builder.parse(new ByteArrayInputStream(body));
        Element root = doc.getDocumentElement();
        if (!SOAPConstants.URI_NS_SOAP_1_1_ENVELOPE.equals(root.getNamespaceURI()) || !"Envelope".equals(root.getLocalName())) {
            // checked here: SAAJ would log its own failure at SEVERE for every HTML error page
            throw new SOAPException("the root element is {" + (root.getNamespaceURI() == null ? "" : root.getNamespaceURI())
                    + "}" + root.getLocalName() + ", not a SOAP 1.1 Envelope");
        }
        SOAPMessage message = messageFactory().createMessage();
        message.getSOAPPart().setContent(new DOMSource(doc));
        message.getSOAPPart().getEnvelope(); // fails here, not later, when it is no SOAP 1.1 envelope
        return message;
    }

    private static DocumentBuilderFactory parsers() {
        return dev.imcp.runtime.xml.SafeXml.documentBuilderFactory();
    }
}
