package dev.imcp.runtime.config;

import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Custom SOAP header blocks from configuration, {@code imcp.services.<id>.soap-headers}: a list of XML texts, each
 * one element that is sent as a child of the SOAP {@code Header} of every request to the service, e.g.
 * {@code <s:SessionHeader xmlns:s="urn:example"><s:sessionId>…</s:sessionId></s:SessionHeader>}.
 *
 * <p>Each text is parsed once at start-up by the JDK's parser with DTDs refused ({@code <!DOCTYPE} is an error, so
 * no entity is declared, expanded or fetched) and secure processing on. The element must be namespace-qualified
 * (SOAP 1.1 section 4.2, SOAP 1.2 Part 1 section 5.2.1: every header block is). A text that is not one well-formed,
 * namespace-qualified element fails start-up with the key, e.g. {@code imcp.services.crm.soap-headers.0}.
 */
public final class SoapHeaderXml {

    /** Attribute namespaces whose values are protocol words, not data: never treated as secrets. */
    private static final Set<String> PROTOCOL_NAMESPACES = Set.of(
            XMLConstants.XMLNS_ATTRIBUTE_NS_URI,
            XMLConstants.W3C_XML_SCHEMA_INSTANCE_NS_URI,
            "http://schemas.xmlsoap.org/soap/envelope/",
            "http://www.w3.org/2003/05/soap-envelope");

    /** Values shorter than this are not masked: masking "en" or "42" would mangle every audit line. */
    static final int MIN_SECRET_LENGTH = 4;

    private static final DocumentBuilderFactory PARSERS = parsers();

    private SoapHeaderXml() {
    }

    /**
     * Parses one configured header block.
     *
     * @param key the configuration key, for the error message
     * @param xml the block's XML text
     * @return the block's element, the document element of a fresh, fully expanded DOM
     * @throws IllegalArgumentException when {@code xml} is not one well-formed, namespace-qualified element, or
     *     carries a DTD (the message names the key, the line and column, never the text content)
     */
    public static Element parse(String key, String xml) {
        if (xml == null || xml.isBlank()) {
            throw new IllegalArgumentException(key + ": a SOAP header block must be one XML element, got nothing");
        }
        Document doc;
        try {
            DocumentBuilder builder;
            synchronized (PARSERS) { // a DocumentBuilderFactory is not thread-safe
                builder = PARSERS.newDocumentBuilder();
            }
            builder.setErrorHandler(null);
            builder.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("external entities are not allowed");
            });
            doc = builder.parse(new InputSource(new StringReader(xml)));
        } catch (SAXParseException e) {
            throw new IllegalArgumentException(key + ": not a well-formed XML element (line " + e.getLineNumber()
                    + ", column " + e.getColumnNumber() + "): " + e.getMessage());
        } catch (SAXException | IOException e) {
            throw new IllegalArgumentException(key + ": not a well-formed XML element: " + e.getMessage());
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
        Element root = doc.getDocumentElement();
        if (root.getNamespaceURI() == null || root.getNamespaceURI().isEmpty()) {
            throw new IllegalArgumentException(key + ": SOAP header block <" + root.getTagName()
                    + "> must be namespace-qualified (SOAP 1.1 section 4.2): declare its namespace, e.g. <"
                    + root.getLocalName() + " xmlns=\"urn:example\">");
        }
        return root;
    }

    /**
     * Returns the values of a header block that are treated as secrets, for redaction: every text value and every
     * attribute value, except namespace declarations, SOAP and {@code xsi} attributes ({@code mustUnderstand},
     * {@code xsi:type}), {@code true}, {@code false} and values shorter than four characters. Header blocks from
     * configuration carry session ids, tickets and keys; masking a harmless one as well costs less than leaking a
     * real one, but a masked {@code 1} would mangle every number in an audit line.
     *
     * @param block a parsed block
     * @return the values, in document order
     */
    public static List<String> secretValues(Element block) {
        List<String> out = new ArrayList<>();
        collect(block, out);
        return out;
    }

    private static void collect(Node node, List<String> out) {
        if (node instanceof Element e) {
            NamedNodeMap attributes = e.getAttributes();
            for (int i = 0; i < attributes.getLength(); i++) {
                Attr a = (Attr) attributes.item(i);
                if (a.getNamespaceURI() == null || !PROTOCOL_NAMESPACES.contains(a.getNamespaceURI())) {
                    add(a.getValue(), out);
                }
            }
        } else if (node.getNodeType() == Node.TEXT_NODE || node.getNodeType() == Node.CDATA_SECTION_NODE) {
            add(node.getNodeValue(), out);
        }
        for (Node child = node.getFirstChild(); child != null; child = child.getNextSibling()) {
            collect(child, out);
        }
    }

    private static void add(String value, List<String> out) {
        String v = value == null ? "" : value.strip();
        String lower = v.toLowerCase(Locale.ROOT);
        if (v.length() >= MIN_SECRET_LENGTH && !lower.equals("true") && !lower.equals("false")) {
            out.add(v);
        }
    }

    private static DocumentBuilderFactory parsers() {
        DocumentBuilderFactory f = dev.imcp.runtime.xml.SafeXml.documentBuilderFactory();
        f.setIgnoringComments(true);
        return f;
    }
}
