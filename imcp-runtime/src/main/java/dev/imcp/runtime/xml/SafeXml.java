package dev.imcp.runtime.xml;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

/**
 * The one way the runtime parses XML it did not write (upstream responses, configured SOAP header blocks):
 * the JDK's built-in parser, whatever else is on the class path (its feature names are known), with DTDs refused
 * outright, no external entity, DTD or schema ever fetched, no XInclude, secure processing on, and nesting
 * limited to {@value #MAX_DEPTH} levels (JAXP property {@code jdk.xml.maxElementDepth}).
 */
public final class SafeXml {

    /** The deepest element nesting accepted, as CXF's default for the JAX-WS path. */
    public static final int MAX_DEPTH = 100;

    private SafeXml() {
    }

    /**
     * Returns a new namespace-aware factory configured as described above; documents it builds are fully expanded
     * (no deferred nodes), so they can be shared between threads for reading.
     *
     * @throws IllegalStateException when the JDK's parser lacks a hardening feature
     */
    public static DocumentBuilderFactory documentBuilderFactory() {
        DocumentBuilderFactory f = DocumentBuilderFactory.newDefaultInstance();
        f.setNamespaceAware(true);
        f.setXIncludeAware(false);
        f.setExpandEntityReferences(false);
        try {
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setFeature("http://apache.org/xml/features/dom/defer-node-expansion", false);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser lacks a hardening feature", e);
        }
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        f.setAttribute("jdk.xml.maxElementDepth", String.valueOf(MAX_DEPTH));
        return f;
    }
}
