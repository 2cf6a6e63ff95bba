package dev.imcp.codegen.wsdl;

import dev.imcp.codegen.model.SourceLocation;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.wsdl.Binding;
import javax.wsdl.BindingOperation;
import javax.wsdl.Definition;
import javax.wsdl.Fault;
import javax.wsdl.Message;
import javax.wsdl.Operation;
import javax.wsdl.OperationType;
import javax.wsdl.Part;
import javax.wsdl.PortType;
import javax.wsdl.extensions.soap.SOAPHeader;
import javax.wsdl.extensions.soap12.SOAP12Header;
import javax.xml.XMLConstants;
import javax.xml.namespace.QName;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Takes the operations CXF's wsdl2java cannot generate out of a copy of the main WSDL, so that one such operation
 * is skipped with a located warning instead of failing the whole contract.
 *
 * <p>wsdl2java refuses a whole WSDL when any one operation of it is, for JAX-WS, unusable: a notification or
 * solicit-response operation (WSDL 1.1 section 2.4: JAX-WS 2.3 section 2.3 maps only one-way and request-response
 * operations), an input, output or fault naming a message no document defines (section 2.4), a binding operation
 * without an operation of that name in its port type (section 2.5), a {@code soap:header} naming an undefined
 * message (section 3.7), or a message part whose element or type no schema declares (section 2.3.1). Vendors'
 * WSDLs carry such leftovers in an operation or two, which a user cannot edit away, and which
 * {@code <excludeOperations>} alone would not get past wsdl2java. {@link #find} names them; {@link #copyWithout}
 * writes the main document again without them (and without the operations the configuration excludes), its
 * relative imports made absolute, for wsdl2java to read instead.
 */
final class WsdlPruning {

    private static final String WSDL_NS = "http://schemas.xmlsoap.org/wsdl/";

    /**
     * One operation wsdl2java would refuse.
     *
     * @param portType the local name of its port type
     * @param operation the operation name
     * @param why what is wrong with it, for the warning
     * @param binding the binding whose operation is wrong, or {@code null} when the port type's is
     * @param detail the XPath, below the definitions element, of the element that is wrong when it is not the
     *     operation itself (a message part), or {@code null}
     */
    record Broken(String portType, String operation, String why, String binding, String detail) {

        /** The key {@link WsdlReader} keeps operations by: port type, a space, operation. */
        String key() {
            return portType + " " + operation;
        }
    }

    private WsdlPruning() {
    }

    /**
     * Returns the operations of the main document's port types and bindings that wsdl2java would refuse (see the
     * class comment), each once, in wsdl4j's order of the port types and bindings (stable from run to run). Operations whose port type is defined in an
     * imported WSDL cannot be taken out of the copy and are not returned.
     */
    static List<Broken> find(Definition main, EncodedSchemas schemas) {
        Set<QName> messages = new HashSet<>();
        for (Definition d : WsdlImports.closure(main)) {
            for (Object m : d.getMessages().values()) {
                if (!((Message) m).isUndefined()) {
                    messages.add(((Message) m).getQName());
                }
            }
        }
        Map<String, Broken> found = new LinkedHashMap<>();
        for (Object o : main.getPortTypes().values()) {
            PortType portType = (PortType) o;
            if (portType.isUndefined()) {
                continue;
            }
            String pt = portType.getQName().getLocalPart();
            for (Object op : portType.getOperations()) {
                Operation operation = (Operation) op;
                String[] why = whyBroken(operation, schemas);
                if (why != null) {
                    found.putIfAbsent(pt + " " + operation.getName(),
                            new Broken(pt, operation.getName(), why[0], null, why[1]));
                }
            }
        }
        for (Object o : main.getBindings().values()) {
            Binding binding = (Binding) o;
            if (binding.getPortType() == null || binding.getQName() == null) {
                continue;
            }
            String pt = binding.getPortType().getQName().getLocalPart();
            for (Object b : binding.getBindingOperations()) {
                BindingOperation bop = (BindingOperation) b;
                String why = null;
                if (bop.getOperation() == null || bop.getOperation().isUndefined()) {
                    why = "binding " + binding.getQName().getLocalPart() + " has it, but its port type " + pt
                            + " has no operation of that name";
                } else {
                    QName header = undefinedHeader(bop, messages);
                    String fault = undeclaredFault(bop);
                    if (header != null) {
                        why = "a soap:header of its binding names message " + header.getLocalPart()
                                + ", which no document of the WSDL defines";
                    } else if (fault != null) {
                        why = "its binding has a wsdl:fault named " + fault + ", which the port type's operation does "
                                + "not declare";
                    }
                }
                if (why != null) {
                    found.putIfAbsent(pt + " " + bop.getName(),
                            new Broken(pt, bop.getName(), why, binding.getQName().getLocalPart(), null));
                }
            }
        }
        return List.copyOf(found.values());
    }

    /** Returns what is wrong with {@code op} and the XPath of the part at fault (or {@code null}), or {@code null}. */
    private static String[] whyBroken(Operation op, EncodedSchemas schemas) {
        OperationType style = op.getStyle();
        if (op.getInput() == null || OperationType.NOTIFICATION.equals(style)
                || OperationType.SOLICIT_RESPONSE.equals(style)) {
            return new String[] {"it is a "
                    + (op.getOutput() != null && op.getInput() != null ? "solicit-response" : "notification")
                    + " operation (the service sends first), which a client cannot call: JAX-WS maps only one-way "
                    + "and request-response operations", null};
        }
        List<Message> messages = new ArrayList<>();
        messages.add(op.getInput().getMessage());
        if (op.getOutput() != null) {
            messages.add(op.getOutput().getMessage());
        }
        for (Object f : op.getFaults().values()) {
            messages.add(((Fault) f).getMessage());
        }
        for (Message m : messages) {
            if (m == null) {
                continue;
            }
            if (m.isUndefined()) {
                return new String[] {"it names message " + m.getQName().getLocalPart()
                        + ", which no document of the WSDL defines", null};
            }
            for (Object p : m.getOrderedParts(null)) {
                Part part = (Part) p;
                if (part.getElementName() != null && !schemas.declaresElement(part.getElementName())) {
                    return new String[] {"part " + part.getName() + " of its message " + m.getQName().getLocalPart()
                            + " names element " + part.getElementName() + ", which no schema of the WSDL declares",
                        partPath(m, part)};
                }
                QName type = part.getTypeName();
                if (type != null && !XMLConstants.W3C_XML_SCHEMA_NS_URI.equals(type.getNamespaceURI())
                        && !EncodedSchemas.SOAP_ENCODING.equals(type.getNamespaceURI())
                        && !schemas.declaresType(type)) {
                    return new String[] {"part " + part.getName() + " of its message " + m.getQName().getLocalPart()
                            + " names type " + type + ", which no schema of the WSDL declares", partPath(m, part)};
                }
            }
        }
        return null;
    }

    private static String partPath(Message message, Part part) {
        return XmlLocations.step("message", message.getQName().getLocalPart()) + XmlLocations.step("part", part.getName());
    }

    /** The name of a {@code wsdl:fault} of the binding operation its port type's operation lacks, or {@code null}. */
    private static String undeclaredFault(BindingOperation bop) {
        for (Object name : bop.getBindingFaults().keySet()) {
            if (bop.getOperation().getFault((String) name) == null) {
                return (String) name;
            }
        }
        return null;
    }

    private static QName undefinedHeader(BindingOperation bop, Set<QName> messages) {
        List<Object> elements = new ArrayList<>();
        if (bop.getBindingInput() != null) {
            elements.addAll(bop.getBindingInput().getExtensibilityElements());
        }
        if (bop.getBindingOutput() != null) {
            elements.addAll(bop.getBindingOutput().getExtensibilityElements());
        }
        for (Object e : elements) {
            QName message = e instanceof SOAPHeader h ? h.getMessage()
                    : e instanceof SOAP12Header h ? h.getMessage() : null;
            if (message != null && !messages.contains(message)) {
                return message;
            }
        }
        return null;
    }

    /**
     * Writes {@code wsdl} again, as {@code dir/<its file name>}, without the operations {@code keys} names
     * ({@code "portType operation"}): each leaves its port type and the bindings of that port type; and without the
     * {@code wsdl:port}s named in {@code ports} (those naming a binding no document defines), and a service left
     * without a port. Every relative
     * {@code location} of a {@code wsdl:import} and {@code schemaLocation} of an {@code xsd:import},
     * {@code xsd:include}, {@code xsd:redefine} or {@code xsd:override} is made absolute against {@code wsdl}'s own location, so the copy
     * reads the same imported files.
     *
     * @return the copy
     * @throws IOException when {@code wsdl} cannot be read again or the copy cannot be written
     */
    static Path copyWithout(Path wsdl, Set<String> keys, Set<String> ports, Path dir) throws IOException {
        Document doc = parse(wsdl);
        Element definitions = doc.getDocumentElement();
        for (Element child : children(definitions)) {
            if (!WSDL_NS.equals(child.getNamespaceURI())) {
                continue;
            }
            if ("service".equals(child.getLocalName())) {
                for (Element port : children(child)) {
                    if (WSDL_NS.equals(port.getNamespaceURI()) && "port".equals(port.getLocalName())
                            && ports.contains(port.getAttribute("name"))) {
                        child.removeChild(port);
                    }
                }
                if (children(child).stream().noneMatch(e -> "port".equals(e.getLocalName()))) {
                    definitions.removeChild(child); // wsdl2java refuses a service without a usable port
                }
                continue;
            }
            String portType = switch (child.getLocalName()) {
                case "portType" -> child.getAttribute("name");
                case "binding" -> localPart(child.getAttribute("type"));
                default -> null;
            };
            if (portType == null) {
                continue;
            }
            for (Element op : children(child)) {
                if (WSDL_NS.equals(op.getNamespaceURI()) && "operation".equals(op.getLocalName())
                        && keys.contains(portType + " " + op.getAttribute("name"))) {
                    child.removeChild(op);
                }
            }
        }
        schemaRefsToAny(definitions);
        absolutize(definitions, wsdl.toUri());
        Path copy = dir.resolve(wsdl.getFileName().toString());
        try {
            var transformer = TransformerFactory.newInstance().newTransformer();
            transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            try (var out = Files.newOutputStream(copy)) {
                transformer.transform(new DOMSource(doc), new StreamResult(out));
            }
        } catch (TransformerException e) {
            throw new IOException("cannot write the WSDL without its unusable operations: " + e.getMessage(), e);
        }
        return copy;
    }

    private static Document parse(Path wsdl) throws IOException {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            factory.setExpandEntityReferences(false);
            return factory.newDocumentBuilder().parse(wsdl.toFile());
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException("cannot read " + wsdl.getFileName() + " again: " + e.getMessage(), e);
        }
    }

    /**
     * Returns how many {@code element ref}s of the main document name XML Schema's own {@code schema} element, as
     * .NET publishes a {@code DataSet} ({@code <s:element ref="s:schema"/><s:any/>}, the data's schema followed by
     * the data): XJC has no declaration of that element, so wsdl2java fails with "undefined element declaration".
     * {@link #copyWithout} replaces each.
     *
     * @throws IOException when the document cannot be read again
     */
    static int schemaElementRefs(Path wsdl) throws IOException {
        return countSchemaRefs(parse(wsdl).getDocumentElement());
    }

    private static int countSchemaRefs(Element element) {
        int count = XMLConstants.W3C_XML_SCHEMA_NS_URI.equals(element.getNamespaceURI())
                && "element".equals(element.getLocalName()) && refersToXsdSchema(element) ? 1 : 0;
        for (Element child : children(element)) {
            count += countSchemaRefs(child);
        }
        return count;
    }

    /**
     * Replaces each {@code <xs:element ref="xs:schema"/>} by lax wildcard content: when an {@code xs:any} follows
     * it (the DataSet pattern) the element goes and that wildcard takes any number of elements (schema and data
     * alike, as DOM elements), else a lax {@code xs:any} takes its place.
     */
    private static void schemaRefsToAny(Element element) {
        for (Element child : children(element)) {
            if (XMLConstants.W3C_XML_SCHEMA_NS_URI.equals(child.getNamespaceURI()) && "element".equals(child.getLocalName())
                    && refersToXsdSchema(child)) {
                Element next = nextElement(child);
                if (next != null && XMLConstants.W3C_XML_SCHEMA_NS_URI.equals(next.getNamespaceURI())
                        && "any".equals(next.getLocalName())) {
                    next.setAttribute("maxOccurs", "unbounded");
                    next.setAttribute("processContents", "lax");
                    element.removeChild(child);
                } else {
                    Element any = child.getOwnerDocument().createElementNS(XMLConstants.W3C_XML_SCHEMA_NS_URI,
                            child.getPrefix() == null ? "any" : child.getPrefix() + ":any");
                    any.setAttribute("processContents", "lax");
                    for (String occurs : List.of("minOccurs", "maxOccurs")) {
                        if (child.hasAttribute(occurs)) {
                            any.setAttribute(occurs, child.getAttribute(occurs));
                        }
                    }
                    element.replaceChild(any, child);
                }
            } else {
                schemaRefsToAny(child);
            }
        }
    }

    private static boolean refersToXsdSchema(Element element) {
        String ref = element.getAttribute("ref");
        if (ref.isEmpty()) {
            return false;
        }
        int colon = ref.indexOf(':');
        String prefix = colon < 0 ? null : ref.substring(0, colon);
        return "schema".equals(ref.substring(colon + 1))
                && XMLConstants.W3C_XML_SCHEMA_NS_URI.equals(element.lookupNamespaceURI(prefix));
    }

    private static Element nextElement(Element element) {
        for (Node n = element.getNextSibling(); n != null; n = n.getNextSibling()) {
            if (n.getNodeType() == Node.ELEMENT_NODE) {
                return (Element) n;
            }
        }
        return null;
    }

    private static void absolutize(Element element, URI base) {
        String ns = element.getNamespaceURI();
        String name = element.getLocalName();
        if (WSDL_NS.equals(ns) && "import".equals(name)) {
            absolutize(element, "location", base);
        } else if (XMLConstants.W3C_XML_SCHEMA_NS_URI.equals(ns)
                && ("import".equals(name) || "include".equals(name) || "redefine".equals(name)
                        || "override".equals(name))) {
            absolutize(element, "schemaLocation", base);
        }
        for (Element child : children(element)) {
            absolutize(child, base);
        }
    }

    private static void absolutize(Element element, String attribute, URI base) {
        String value = element.getAttribute(attribute);
        if (value.isEmpty()) {
            return;
        }
        try {
            // as the import check read it: Windows separators are path separators
            element.setAttribute(attribute, base.resolve(value.replace('\\', '/').replace(" ", "%20")).toString());
        } catch (IllegalArgumentException e) {
            // not a URI reference: left as it was, and wsdl2java reports it as it would have
        }
    }

    private static List<Element> children(Element parent) {
        List<Element> result = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i).getNodeType() == Node.ELEMENT_NODE) {
                result.add((Element) nodes.item(i));
            }
        }
        return result;
    }

    private static String localPart(String qname) {
        int colon = qname.indexOf(':');
        return colon < 0 ? qname : qname.substring(colon + 1);
    }

    /**
     * Where a warning about {@code broken} points: its operation in the main document's binding when the binding's
     * is wrong, else in the port type.
     */
    static SourceLocation at(Broken broken, XmlLocations locations, String root) {
        String parent = broken.binding() != null ? XmlLocations.step("binding", broken.binding())
                : XmlLocations.step("portType", broken.portType());
        return locations.at(root + parent + XmlLocations.step("operation", broken.operation()));
    }
}
