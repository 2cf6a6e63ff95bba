package dev.imcp.runtime.upstream.encoded;

import dev.imcp.runtime.spi.EncodedOperation;
import dev.imcp.runtime.spi.EncodedTypes;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import javax.xml.namespace.QName;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes SOAP 1.1 encoded values (section 5) below a response's Body into JSON-shaped Java values.
 *
 * <ul>
 *   <li>An accessor with {@code href="#id"} stands for the element of the Body whose {@code id} is {@code id}
 *       (section 5.4.1, Axis 1's {@code multiRef} siblings of the wrapper). A reference back into an element being
 *       decoded (a cycle, which JSON cannot show) fails; shared references are decoded once per use, up to a
 *       budget of decoded values so that a chain of doubling references cannot explode.</li>
 *   <li>The type is the element's {@code xsi:type} when present (XML Schema 1999, 2000/10 and 2001 instance
 *       namespaces), else the descriptor's.</li>
 *   <li>{@code xsi:nil="true"} (and the 1999 {@code xsi:null="1"}) is {@code null}.</li>
 *   <li>An array ({@code soapenc:arrayType} attribute, {@code soapenc:Array} type or an array type of the table)
 *       is a list of its child elements, whatever their names; a struct is an object of its children by local
 *       name, in document order, repeated names becoming a list; an element of unknown type with element children
 *       is read as a struct, without children as its text.</li>
 * </ul>
 * Not thread-safe: one instance per response.
 */
final class ResponseReader {

    private static final List<String> XSI = List.of(EnvelopeWriter.XSI,
            "http://www.w3.org/2000/10/XMLSchema-instance", "http://www.w3.org/1999/XMLSchema-instance");
    private static final List<String> OLD_XSD = List.of("http://www.w3.org/2000/10/XMLSchema",
            "http://www.w3.org/1999/XMLSchema");

    private final EncodedTypes types;
    private final Map<String, Element> ids = new HashMap<>();
    private final Deque<String> resolving = new ArrayDeque<>();
    private final long budget;
    private long decoded;

    /**
     * @param types the service's type table
     * @param body the response's Body element; every element below it with an {@code id} can be referenced
     */
    ResponseReader(EncodedTypes types, Element body) {
        this.types = types;
        long elements = index(body);
        this.budget = Math.max(1_000_000L, 4 * elements);
    }

    /**
     * Decodes the wrapper's accessors as the operation's output parts: each part is the child of its name; the
     * parts no child is named after take the children named after no part, in order (PHP and Axis services often
     * name the single result {@code return} or {@code <operation>Return}).
     *
     * @return {@code null} without output parts, the only part's value, or part name to value ({@code null} for a
     *     part the response lacks)
     * @throws DecodeException when a value cannot be decoded
     */
    Object output(EncodedOperation op, Element wrapper) {
        List<Element> unnamed = new ArrayList<>();
        Map<String, Element> named = new HashMap<>();
        for (Element c : children(wrapper)) {
            boolean isPart = op.output().stream().anyMatch(p -> p.name().equals(c.getLocalName()));
            if (!isPart) {
                unnamed.add(c);
            } else {
                named.putIfAbsent(c.getLocalName(), c);
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        int next = 0;
        for (EncodedOperation.Part part : op.output()) {
            Element e = named.get(part.name());
            if (e == null && next < unnamed.size()) {
                e = unnamed.get(next++);
            }
            out.put(part.name(), e == null ? null : value(e, Shape.of(part.type())));
        }
        return switch (op.output().size()) {
            case 0 -> null;
            case 1 -> out.values().iterator().next();
            default -> out;
        };
    }

    /**
     * Decodes one element.
     *
     * @param element the accessor, possibly an {@code href} to the value
     * @param expected its declared shape, {@link Shape#ANY} when unknown
     * @return the JSON-shaped value
     * @throws DecodeException when a reference is cyclic or dangling, a text is not of its type, or the budget is spent
     */
    Object value(Element element, Shape expected) {
        if (++decoded > budget) {
            throw new DecodeException("the response expands to more than " + budget + " values");
        }
        String href = element.getAttributeNS(null, "href");
        if (href.startsWith("#")) {
            String id = href.substring(1);
            Element target = ids.get(id);
            if (target == null) {
                throw new DecodeException("href=\"" + href + "\" names no element of the Body");
            }
            if (resolving.contains(id)) {
                throw new DecodeException("href=\"" + href + "\" refers to an element that contains it (a cycle)");
            }
            resolving.push(id);
            try {
                return value(target, expected);
            } finally {
                resolving.pop();
            }
        }
        if (nil(element)) {
            return null;
        }
        QName xsiType = xsiType(element);
        // xsi:type="soapenc:Array" says less than a declared array type does about the items.
        Shape shape = xsiType != null && !(Shape.SOAPENC_ARRAY.equals(xsiType) && expected.isArray(types))
                ? Shape.of(xsiType) : expected;
        String arrayType = element.getAttributeNS(EncodedOperation.SOAP_ENCODING, "arrayType");
        if (!arrayType.isEmpty()) {
            return array(element, itemShape(element, arrayType));
        }
        if (shape.isArray(types)) {
            return array(element, shape.item(types));
        }
        if (types.get(shape.type()) instanceof EncodedTypes.Struct s) {
            return struct(element, s);
        }
        if (shape.type() != null && EncodedOperation.isBuiltIn(shape.type())) {
            try {
                return XsdValues.decode(shape.type(), element.getTextContent());
            } catch (IllegalArgumentException e) {
                throw new DecodeException("<" + element.getLocalName() + ">: '" + element.getTextContent()
                        + "' is not a " + shape.type().getLocalPart() + " (" + e.getMessage() + ")");
            }
        }
        return children(element).isEmpty() ? element.getTextContent() : struct(element, null);
    }

    private List<Object> array(Element element, Shape item) {
        List<Object> out = new ArrayList<>();
        for (Element c : children(element)) {
            out.add(value(c, item));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> struct(Element element, EncodedTypes.Struct struct) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Element c : children(element)) {
            String name = c.getLocalName();
            EncodedTypes.Field f = struct == null ? null : struct.field(name);
            Object v = value(c, f == null ? Shape.ANY : Shape.of(f.type()));
            if (f != null && f.repeated()) {
                ((List<Object>) out.computeIfAbsent(name, k -> new ArrayList<>())).add(v);
            } else if (out.containsKey(name)) {
                Object prev = out.get(name);
                if (prev instanceof Repeated r) {
                    r.add(v);
                } else {
                    Repeated r = new Repeated();
                    r.add(prev);
                    r.add(v);
                    out.put(name, r);
                }
            } else {
                out.put(name, v);
            }
        }
        return out;
    }

    /** A list made of repeated accessors, told apart from a decoded array value that is itself a list. */
    private static final class Repeated extends ArrayList<Object> {
        private static final long serialVersionUID = 1L;
    }

    /** Returns the shape of the items of an array whose {@code soapenc:arrayType} is {@code arrayType}. */
    private Shape itemShape(Element element, String arrayType) {
        String t = arrayType.trim();
        int open = t.lastIndexOf('[');
        if (open < 0) {
            throw new DecodeException("soapenc:arrayType=\"" + arrayType + "\" has no [size] (SOAP 1.1 section 5.4.2)");
        }
        String itemText = t.substring(0, open);
        int depth = 0;
        while (itemText.endsWith("]")) {
            int o = itemText.lastIndexOf('[');
            if (o < 0) {
                break;
            }
            itemText = itemText.substring(0, o);
            depth++;
        }
        QName item = resolve(element, itemText);
        return item == null ? Shape.ANY : new Shape(item, depth);
    }

    private static boolean nil(Element e) {
        for (String ns : XSI) {
            String nil = e.getAttributeNS(ns, "nil");
            String old = e.getAttributeNS(ns, "null");
            if ("true".equals(nil) || "1".equals(nil) || "true".equals(old) || "1".equals(old)) {
                return true;
            }
        }
        return false;
    }

    private static QName xsiType(Element e) {
        for (String ns : XSI) {
            String t = e.getAttributeNS(ns, "type");
            if (!t.isEmpty()) {
                return resolve(e, t);
            }
        }
        return null;
    }

    /** Resolves a {@code prefix:local} attribute value in the element's scope (Namespaces in XML, section 6). */
    private static QName resolve(Element scope, String prefixed) {
        String s = prefixed.trim();
        int colon = s.indexOf(':');
        String prefix = colon < 0 ? null : s.substring(0, colon);
        String local = s.substring(colon + 1);
        String ns = scope.lookupNamespaceURI(prefix);
        if (ns == null) {
            if (prefix != null) {
                throw new DecodeException("prefix '" + prefix + "' of type '" + s + "' is not declared");
            }
            ns = "";
        }
        if (OLD_XSD.contains(ns)) {
            ns = EncodedOperation.XSD;
        }
        return new QName(ns, local);
    }

    private long index(Element root) {
        long count = 0;
        Deque<Element> todo = new ArrayDeque<>();
        todo.push(root);
        while (!todo.isEmpty()) {
            Element e = todo.pop();
            count++;
            String id = e.getAttributeNS(null, "id");
            if (!id.isEmpty()) {
                ids.putIfAbsent(id, e);
            }
            children(e).forEach(todo::push);
        }
        return count;
    }

    /** Returns the element children of {@code e}, in document order. */
    static List<Element> children(Element e) {
        List<Element> out = new ArrayList<>();
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c) {
                out.add(c);
            }
        }
        return out;
    }

    /** The response does not decode; the message says where and why. */
    static final class DecodeException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        DecodeException(String message) {
            super(message);
        }
    }
}
