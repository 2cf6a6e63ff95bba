package dev.imcp.codegen.wsdl;

import dev.imcp.codegen.model.SourceLocation;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Line and column of every element of one XML file, keyed by a simple XPath.
 *
 * <p>wsdl4j and XmlSchema keep no positions, so one SAX pass with a {@link Locator} records them. The
 * XPath of an element is its local names from the root, each step carrying {@code [@name='v']} when the
 * element has a {@code name} attribute: {@code /definitions/binding[@name='Greeter_SOAPBinding']}. The
 * first element with a given XPath wins; the position is where its start tag ends (what SAX reports).
 */
final class XmlLocations {

    private final String file;
    private final Map<String, int[]> positions;
    private final List<String[]> servicePorts;

    private XmlLocations(String file, Map<String, int[]> positions, List<String[]> servicePorts) {
        this.file = file;
        this.positions = positions;
        this.servicePorts = servicePorts;
    }

    /**
     * Parses {@code text} and records every element's position.
     *
     * @param file the file name shown in locations
     * @param text the XML document
     * @return the positions
     * @throws SAXParseException when the document is not well-formed XML; it carries the line and column
     */
    static XmlLocations scan(String file, String text) throws SAXParseException {
        return scan(file, text, false);
    }

    /**
     * Parses {@code text} and records every element's position; with {@code ordinals}, also by its path of
     * positions among same-named siblings, which only wsdl4j's errors need ({@link #atWsdl4jPath}).
     */
    private static XmlLocations scan(String file, String text, boolean ordinals) throws SAXParseException {
        Map<String, int[]> positions = new HashMap<>();
        List<String[]> servicePorts = new ArrayList<>();
        DefaultHandler handler = new DefaultHandler() {
            private final Deque<String> path = new ArrayDeque<>();
            private final Deque<String> names = new ArrayDeque<>();
            private final Deque<String> ordinalPath = new ArrayDeque<>();
            private final Deque<Map<String, Integer>> siblings = new ArrayDeque<>(List.of(new HashMap<>()));
            private Locator locator;

            @Override
            public void setDocumentLocator(Locator value) {
                this.locator = value;
            }

            @Override
            public void startElement(String uri, String localName, String qName, Attributes attributes) {
                String name = attributes.getValue("name");
                String parent = path.isEmpty() ? "" : path.peek();
                String step = name == null ? localName : localName + "[@name='" + name + "']";
                String xpath = parent + "/" + step;
                path.push(xpath);
                positions.putIfAbsent(xpath, new int[] {locator.getLineNumber(), locator.getColumnNumber()});
                if (ordinals) {
                    // by position among same-named siblings, as wsdl4j names an element in its errors: it counts and
                    // names siblings by their qualified name, prefix and all
                    int index = siblings.peek().merge(qName, 1, Integer::sum);
                    String ordinal = (ordinalPath.isEmpty() ? "" : ordinalPath.peek()) + "/" + qName + "[" + index
                            + "]";
                    ordinalPath.push(ordinal);
                    siblings.push(new HashMap<>());
                    positions.putIfAbsent(ORDINAL + ordinal,
                            new int[] {locator.getLineNumber(), locator.getColumnNumber()});
                }
                // wsdl:service/wsdl:port in document order: wsdl4j keeps services in a hash map
                if ("port".equals(localName) && name != null && names.size() == 2 && "service".equals(stepName(parent))) {
                    servicePorts.add(new String[] {names.peek(), name});
                }
                names.push(name == null ? "" : name);
            }

            @Override
            public void endElement(String uri, String localName, String qName) {
                path.pop();
                names.pop();
                if (ordinals) {
                    ordinalPath.pop();
                    siblings.pop();
                }
            }

            @Override
            public InputSource resolveEntity(String publicId, String systemId) {
                // never fetch DTDs or external entities
                return new InputSource(new StringReader(""));
            }
        };
        try {
            SAXParserFactory factory = SAXParserFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.newSAXParser().parse(new InputSource(new StringReader(text)), handler);
        } catch (SAXParseException e) {
            throw e;
        } catch (SAXException | ParserConfigurationException | IOException e) {
            throw new SAXParseException(e.getMessage(), null, null, 0, 0);
        }
        return new XmlLocations(file, positions, servicePorts);
    }

    private static String stepName(String xpath) {
        String last = xpath.substring(xpath.lastIndexOf('/') + 1);
        int bracket = last.indexOf('[');
        return bracket < 0 ? last : last.substring(0, bracket);
    }

    /** Marks the keys of {@link #positions} that are ordinal paths ({@code /wsdl:definitions[1]/wsdl:message[2]}). */
    private static final String ORDINAL = "#";

    /**
     * Returns the location of the element that wsdl4j names in an error, a path of qualified names with positions
     * among same-named siblings where there are several ({@code /wsdl:definitions/wsdl:message[2]/wsdl:part}); when
     * this document has no such element (the path leads through a {@code wsdl:import} into the imported document),
     * of its nearest ancestor here. {@code null} when the path is not one. Parses {@code text} once more: only a
     * document wsdl4j refused needs these positions.
     */
    static SourceLocation atWsdl4jPath(String file, String text, String path) {
        if (path == null || !path.startsWith("/")) {
            return null;
        }
        Map<String, int[]> positions;
        try {
            positions = scan(file, text, true).positions;
        } catch (SAXParseException e) {
            return null; // not reached: the text was scanned before
        }
        List<String> ordinals = new ArrayList<>();
        StringBuilder ordinal = new StringBuilder();
        for (String step : path.substring(1).split("/")) {
            java.util.regex.Matcher m = WSDL4J_STEP.matcher(step);
            if (!m.matches()) {
                return null;
            }
            ordinal.append('/').append(m.group(1)).append('[').append(m.group(2) == null ? "1" : m.group(2)).append(']');
            ordinals.add(ordinal.toString());
        }
        for (int i = ordinals.size() - 1; i >= 0; i--) {
            int[] p = positions.get(ORDINAL + ordinals.get(i));
            if (p != null) {
                return new SourceLocation(file, p[0], p[1], path);
            }
        }
        return null;
    }

    /** One step of a wsdl4j error path: the qualified name, an optional position. */
    private static final java.util.regex.Pattern WSDL4J_STEP =
            java.util.regex.Pattern.compile("([^\\[]+)(?:\\[(\\d+)])?");

    /** Returns the location of the element at {@code xpath}, or of the file with that pointer when unknown. */
    SourceLocation at(String xpath) {
        int[] p = positions.get(xpath);
        return p == null ? SourceLocation.of(file, xpath) : new SourceLocation(file, p[0], p[1], xpath);
    }

    /** Returns the {@code [service name, port name]} pairs of this file in document order. */
    List<String[]> servicePorts() {
        return servicePorts;
    }

    /** Returns the XPath step for an element with a name: {@code local[@name='name']}. */
    static String step(String local, String name) {
        return "/" + local + "[@name='" + name + "']";
    }
}
