package dev.imcp.codegen.wsdl;

import dev.imcp.codegen.model.SourceLocation;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.SAXParserFactory;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.Locator;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Finds the file, line and column of an XSD construct, in the WSDL or in an imported or included XSD.
 *
 * <p>Apache XmlSchema records each schema document's URI ({@code XmlSchema.getSourceURI()}) but no line
 * numbers, so each document is read once more with SAX. A construct is found by its <em>named path</em>:
 * the {@code element}, {@code attribute}, {@code complexType}, {@code simpleType}, {@code group} and
 * {@code attributeGroup} declarations on the way from the schema to it, each as {@code kind:name}
 * ({@code kind:ref} for a reference), e.g. {@code complexType:Order/element:line/attribute:sku}.
 * Unnamed steps (sequence, an anonymous type) are skipped, which is unambiguous because XSD forbids two
 * declarations of one name and kind in one content model. The first declaration with a path wins.
 *
 * <p>A location's file is shown relative to the contract as the user named it: the WSDL's display name,
 * and for another document the WSDL's display directory joined with the document's path relative to the
 * WSDL. The pointer is the construct's XPath from its document's root ({@code /schema/complexType[@name='Order']}).
 */
final class XsdLocator {

    private static final Set<String> COMPONENTS =
            Set.of("element", "attribute", "complexType", "simpleType", "group", "attributeGroup");

    private final Map<String, Map<String, SourceLocation>> documents = new HashMap<>();
    private URI wsdl;
    private String wsdlDisplay;

    /**
     * Anchors display names at the WSDL, once: {@code display} is how diagnostics name it, and the WSDL's
     * URI is taken from {@code candidates} (the schema documents' URIs; an inline schema's is the WSDL's,
     * possibly with a fragment) as the one whose file name {@code display} ends with.
     */
    void anchor(String display, List<String> candidates) {
        if (wsdlDisplay != null || display == null) {
            return;
        }
        wsdlDisplay = display;
        String name = display.substring(display.lastIndexOf('/') + 1);
        for (String candidate : candidates) {
            URI uri = document(candidate);
            if (uri != null && uri.getPath() != null && uri.getPath().endsWith("/" + name)) {
                wsdl = uri;
                return;
            }
        }
    }

    /**
     * Returns where the construct at {@code steps} of the document {@code sourceUri} is, or
     * {@code fallback} when the document cannot be read or has no such path.
     */
    SourceLocation locate(String sourceUri, List<String> steps, SourceLocation fallback) {
        URI uri = document(sourceUri);
        // only local documents are read again: no network at build time
        if (uri == null || steps.isEmpty() || !"file".equals(uri.getScheme())) {
            return fallback;
        }
        Map<String, SourceLocation> positions = documents.computeIfAbsent(uri.toString(), k -> scan(uri));
        SourceLocation at = positions.get(String.join("/", steps));
        return at == null ? fallback : at;
    }

    private static URI document(String sourceUri) {
        if (sourceUri == null) {
            return null;
        }
        try {
            URI uri = URI.create(sourceUri.replace(" ", "%20"));
            return new URI(uri.getScheme(), uri.getSchemeSpecificPart(), null);
        } catch (IllegalArgumentException | java.net.URISyntaxException e) {
            return null;
        }
    }

    private String display(URI uri) {
        if (uri.equals(wsdl)) {
            return wsdlDisplay;
        }
        if (wsdl != null && "file".equals(uri.getScheme()) && "file".equals(wsdl.getScheme())) {
            Path relative = Path.of(wsdl).getParent().relativize(Path.of(uri));
            int slash = wsdlDisplay.lastIndexOf('/');
            String dir = slash < 0 ? "" : wsdlDisplay.substring(0, slash + 1);
            return Path.of(dir + relative.toString().replace('\\', '/')).normalize().toString().replace('\\', '/');
        }
        return uri.toString();
    }

    private Map<String, SourceLocation> scan(URI uri) {
        Map<String, SourceLocation> positions = new HashMap<>();
        String file = display(uri);
        DefaultHandler handler = new DefaultHandler() {
            private final Deque<String> keys = new ArrayDeque<>();
            private final Deque<String> xpaths = new ArrayDeque<>();
            private Locator locator;

            @Override
            public void setDocumentLocator(Locator value) {
                this.locator = value;
            }

            @Override
            public void startElement(String ns, String local, String qName, Attributes attributes) {
                String name = attributes.getValue("name");
                String ref = attributes.getValue("ref");
                String parentKey = keys.isEmpty() ? "" : keys.peek();
                String xpath = (xpaths.isEmpty() ? "" : xpaths.peek()) + "/" + local
                        + (name == null ? "" : "[@name='" + name + "']");
                String key = parentKey;
                if (XMLConstants.W3C_XML_SCHEMA_NS_URI.equals(ns) && COMPONENTS.contains(local)
                        && (name != null || ref != null)) {
                    String id = name != null ? name : ref.substring(ref.indexOf(':') + 1);
                    key = (parentKey.isEmpty() ? "" : parentKey + "/") + local + ":" + id;
                    positions.putIfAbsent(key,
                            new SourceLocation(file, locator.getLineNumber(), locator.getColumnNumber(), xpath));
                }
                keys.push(key);
                xpaths.push(xpath);
            }

            @Override
            public void endElement(String ns, String local, String qName) {
                keys.pop();
                xpaths.pop();
            }

            @Override
            public InputSource resolveEntity(String publicId, String systemId) {
                return new InputSource(new StringReader(""));
            }
        };
        try (InputStream in = uri.toURL().openStream()) {
            SAXParserFactory factory = SAXParserFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.newSAXParser().parse(new InputSource(in), handler);
        } catch (Exception e) {
            // an unreadable document only costs precision: its constructs are located at the operation
            return positions;
        }
        return positions;
    }
}
