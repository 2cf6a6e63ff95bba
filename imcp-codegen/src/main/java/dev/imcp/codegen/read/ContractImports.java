package dev.imcp.codegen.read;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Finds the local files a contract file imports, so they are treated as parts of that contract rather
 * than as contracts of their own, and so a change in one of them makes the contract regenerate.
 *
 * <p>What counts as an import:
 * <ul>
 *   <li>XML (WSDL 1.1 and XSD): {@code wsdl:import/@location} (WSDL 1.1 section 2.1.1) and
 *       {@code xsd:import}, {@code xsd:include}, {@code xsd:redefine}, {@code xsd:override}
 *       {@code /@schemaLocation} (XML Schema 1.0 Part 1, section 4.2);</li>
 *   <li>JSON and YAML (OpenAPI): every {@code $ref} whose URI has a document part before the {@code #}
 *       (OpenAPI 3.x "Reference Object", Swagger 2.0 "Reference Object").</li>
 * </ul>
 * Only relative references and {@code file:} URIs count; {@code http(s):} and other remote references
 * are left to the contract's parser. Scanning never fails: a document that does not parse yields what
 * was found before the error, and its reader reports the error with its line.
 */
public final class ContractImports {

    private static final String WSDL_NS = "http://schemas.xmlsoap.org/wsdl/";
    private static final String XSD_NS = "http://www.w3.org/2001/XMLSchema";
    private static final Set<String> XSD_IMPORTS = Set.of("import", "include", "redefine", "override");
    /** A {@code $ref} whose value does not start with '#': the only ones that can name another document. */
    private static final Pattern EXTERNAL_REF = Pattern.compile("[\"']?\\$ref[\"']?\\s*:\\s*[\"']?[^\"'#\\s]");
    private static final XMLInputFactory XML = secureFactory();

    private ContractImports() {
    }

    /**
     * One reference of an XML contract file to another document.
     *
     * @param location the {@code location} or {@code schemaLocation} as written
     * @param namespace the imported namespace ({@code @namespace}), or {@code null}
     * @param line the 1-based line of the importing element
     */
    public record Reference(String location, String namespace, int line) {

        /** Returns whether the location is a URL with a scheme other than {@code file:} (a network fetch). */
        public boolean remote() {
            try {
                String scheme = new URI(location.strip().replace(" ", "%20")).getScheme();
                return scheme != null && !"file".equalsIgnoreCase(scheme) && scheme.length() > 1; // C: is a drive
            } catch (URISyntaxException e) {
                return false;
            }
        }
    }

    /**
     * Returns every import of an XML (WSDL or XSD) document, remote ones included, with its line.
     *
     * @param text the document
     * @return the references in document order; what was found before a syntax error when it is malformed
     */
    public static List<Reference> xmlImports(String text) {
        String t = text.startsWith("\uFEFF") ? text.substring(1) : text;
        List<Reference> found = new ArrayList<>();
        scanXml(t, found);
        return found;
    }

    /**
     * Returns the local files {@code text} (the content of {@code file}) imports directly, resolved against
     * {@code file}'s folder and normalized, in document order without duplicates. The files need not exist.
     *
     * @param file the contract file's absolute path
     * @param text its content
     * @return the imported files' absolute paths
     */
    public static List<Path> direct(Path file, String text) {
        String t = text.startsWith("\uFEFF") ? text.substring(1) : text;
        List<String> references = t.stripLeading().startsWith("<") ? xmlReferences(t) : jsonReferences(t);
        Set<Path> result = new LinkedHashSet<>();
        URI base = file.toAbsolutePath().toUri();
        for (String reference : references) {
            Path resolved = resolve(base, reference);
            if (resolved != null && !resolved.equals(file.toAbsolutePath().normalize())) {
                result.add(resolved);
            }
        }
        return List.copyOf(result);
    }

    private static List<String> xmlReferences(String text) {
        List<Reference> found = new ArrayList<>();
        scanXml(text, found);
        return found.stream().map(Reference::location).toList();
    }

    private static void scanXml(String text, List<Reference> found) {
        XMLStreamReader reader = null;
        try {
            reader = XML.createXMLStreamReader(new StringReader(text));
            while (reader.hasNext()) {
                if (reader.next() != XMLStreamConstants.START_ELEMENT) {
                    continue;
                }
                String ns = reader.getNamespaceURI();
                String name = reader.getLocalName();
                String location = null;
                if (WSDL_NS.equals(ns) && "import".equals(name)) {
                    location = reader.getAttributeValue(null, "location");
                } else if (XSD_NS.equals(ns) && XSD_IMPORTS.contains(name)) {
                    location = reader.getAttributeValue(null, "schemaLocation");
                }
                if (location != null && !location.isBlank()) {
                    found.add(new Reference(location.strip(), reader.getAttributeValue(null, "namespace"),
                            reader.getLocation().getLineNumber()));
                }
            }
        } catch (XMLStreamException e) {
            // Not well-formed: keep what was found; the reader reports the error with its line.
        } finally {
            if (reader != null) {
                try {
                    reader.close();
                } catch (XMLStreamException ignored) {
                    // nothing was opened that needs closing
                }
            }
        }
    }

    private static List<String> jsonReferences(String text) {
        Matcher candidate = EXTERNAL_REF.matcher(text);
        if (!candidate.find()) {
            return List.of(); // the common case: one self-contained document, no parse needed
        }
        List<String> found = new ArrayList<>();
        try (JsonParser parser = RawDocuments.factoryFor(text).createParser(text)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token == JsonToken.FIELD_NAME && "$ref".equals(parser.currentName())
                        && parser.nextToken() == JsonToken.VALUE_STRING) {
                    String value = parser.getText();
                    int hash = value.indexOf('#');
                    String document = hash < 0 ? value : value.substring(0, hash);
                    if (!document.isBlank()) {
                        found.add(document.strip());
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // Malformed: keep what was found; the reader reports the syntax error with its line.
        }
        return found;
    }

    private static Path resolve(URI base, String reference) {
        try {
            URI uri = new URI(reference.replace(" ", "%20").replace('\\', '/'));
            if (uri.getScheme() != null && !"file".equalsIgnoreCase(uri.getScheme())) {
                return null;
            }
            URI resolved = base.resolve(uri);
            return resolved.getScheme() == null ? null : Path.of(resolved).normalize();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null; // not a usable file reference; the contract's parser reports it
        }
    }

    private static XMLInputFactory secureFactory() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        return factory;
    }
}
