package dev.imcp.runtime.upstream.encoded;

import dev.imcp.runtime.spi.EncodedOperation;
import dev.imcp.runtime.spi.EncodedTypes;
import jakarta.xml.soap.MessageFactory;
import jakarta.xml.soap.SOAPConstants;
import jakarta.xml.soap.SOAPElement;
import jakarta.xml.soap.SOAPEnvelope;
import jakarta.xml.soap.SOAPException;
import jakarta.xml.soap.SOAPMessage;

import javax.xml.namespace.QName;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the SOAP 1.1 rpc/encoded request envelope of one call with SAAJ (SOAP 1.1 sections 5 and 7.1):
 * <pre>{@code
 * <SOAP-ENV:Envelope xmlns:SOAP-ENV=".." xmlns:xsd=".." xmlns:xsi=".." xmlns:soapenc=".." xmlns:ns1="<namespace>">
 *   <SOAP-ENV:Body>
 *     <ns1:<name> SOAP-ENV:encodingStyle="<encodingStyle>">
 *       <part xsi:type="xsd:int">42</part>
 *       <list xsi:type="soapenc:Array" soapenc:arrayType="ns1:Foo[2]"><item xsi:type="ns1:Foo">..</item>..</list>
 *       <missing xsi:nil="true"/>
 * }</pre>
 * Every namespace a type name needs is declared once, on the envelope, with prefixes {@code ns1}, {@code ns2}..
 * in order of first use by the wrapper, the parts and the type table. Not thread-safe: one instance per call.
 */
final class EnvelopeWriter {

    static final String ENV = SOAPConstants.URI_NS_SOAP_1_1_ENVELOPE;
    static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";
    private static final String SOAPENC = EncodedOperation.SOAP_ENCODING;
    private static final QName XSI_TYPE = new QName(XSI, "type", "xsi");
    private static final QName XSI_NIL = new QName(XSI, "nil", "xsi");
    private static final QName ARRAY_TYPE = new QName(SOAPENC, "arrayType", "soapenc");

    private final EncodedOperation op;
    private final EncodedTypes types;
    private final Map<String, String> prefixes = new LinkedHashMap<>();

    EnvelopeWriter(EncodedOperation op) {
        this.op = op;
        this.types = op.types();
        prefixes.put(EncodedOperation.XSD, "xsd");
        prefixes.put(XSI, "xsi");
        prefixes.put(SOAPENC, "soapenc");
        declare(op.namespace());
        op.input().forEach(p -> declare(p.type()));
        for (EncodedTypes.Type t : types.all()) {
            declare(t.name());
            if (t instanceof EncodedTypes.Struct s) {
                s.fields().forEach(f -> declare(f.type()));
            } else if (t instanceof EncodedTypes.ArrayOf a) {
                declare(a.itemType());
            }
        }
    }

    /**
     * Returns the request envelope's bytes, UTF-8.
     *
     * @param arguments part name to JSON-shaped value
     * @param headers writes the header blocks; with {@link SoapHeaderWriter#NONE} the envelope has no {@code Header}
     * @throws IllegalArgumentException when an argument names no input part or does not fit its type
     * @throws SOAPException when SAAJ cannot build the message or {@code headers} fails
     */
    byte[] write(Map<String, ?> arguments, SoapHeaderWriter headers) throws SOAPException, IOException {
        for (String key : arguments.keySet()) {
            if (op.input().stream().noneMatch(p -> p.name().equals(key))) {
                throw new IllegalArgumentException(key + ": operation " + op.name() + " has no input part of that name; "
                        + "parts: " + op.input().stream().map(EncodedOperation.Part::name).toList());
            }
        }
        SOAPMessage message = Saaj.messageFactory().createMessage();
        SOAPEnvelope envelope = message.getSOAPPart().getEnvelope();
        message.getSOAPHeader().detachNode();
        prefixes.forEach((uri, prefix) -> {
            try {
                envelope.addNamespaceDeclaration(prefix, uri);
            } catch (SOAPException e) {
                throw new IllegalStateException(e);
            }
        });
        SOAPElement wrapper = op.namespace().isEmpty()
                ? envelope.getBody().addChildElement(new QName("", op.name()))
                : envelope.getBody().addChildElement(op.name(), prefixes.get(op.namespace()), op.namespace());
        wrapper.setEncodingStyle(op.encodingStyle());
        for (EncodedOperation.Part part : op.input()) {
            value(wrapper, part.name(), arguments.get(part.name()), Shape.of(part.type()), part.name());
        }
        if (headers != SoapHeaderWriter.NONE) {
            headers.write(envelope.addHeader());
        }
        message.saveChanges();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toByteArray();
    }

    private void value(SOAPElement parent, String name, Object value, Shape shape, String path) throws SOAPException {
        SOAPElement e = parent.addChildElement(new QName("", name));
        if (value == null) {
            e.addAttribute(XSI_NIL, "true");
        } else if (shape.isArray(types)) {
            if (!(value instanceof List<?> list)) {
                throw new IllegalArgumentException(path + ": expected a JSON array, got " + kind(value));
            }
            Shape item = shape.item(types);
            e.addAttribute(XSI_TYPE, "soapenc:Array");
            e.addAttribute(ARRAY_TYPE, arrayType(item) + "[" + list.size() + "]");
            for (int i = 0; i < list.size(); i++) {
                value(e, "item", list.get(i), item, path + "[" + i + "]");
            }
        } else if (types.get(shape.type()) instanceof EncodedTypes.Struct s) {
            if (!(value instanceof Map<?, ?> map)) {
                throw new IllegalArgumentException(path + ": expected a JSON object, got " + kind(value));
            }
            e.addAttribute(XSI_TYPE, prefixed(s.name()));
            struct(e, s, map, path);
        } else {
            if (value instanceof Map || value instanceof List) {
                throw new IllegalArgumentException(path + ": expected a " + (shape.type() == null ? "simple value"
                        : prefixed(shape.type())) + ", got " + kind(value));
            }
            QName type = shape.type() == null
                    ? EncodedOperation.xsd(XsdValues.inferredType(value)) : shape.type();
            e.addAttribute(XSI_TYPE, prefixed(type));
            e.addTextNode(XsdValues.encode(type, value, path));
        }
    }

    private void struct(SOAPElement e, EncodedTypes.Struct s, Map<?, ?> map, String path) throws SOAPException {
        for (Object key : map.keySet()) {
            if (s.field(String.valueOf(key)) == null) {
                throw new IllegalArgumentException(path + "." + key + ": " + prefixed(s.name()) + " has no field of that name");
            }
        }
        for (EncodedTypes.Field f : s.fields()) {
            String at = path + "." + f.name();
            if (!map.containsKey(f.name())) {
                if (f.minOccurs() > 0) {
                    value(e, f.name(), null, Shape.of(f.type()), at);
                }
                continue;
            }
            Object v = map.get(f.name());
            if (f.repeated() && v instanceof List<?> items) {
                for (int i = 0; i < items.size(); i++) {
                    value(e, f.name(), items.get(i), Shape.of(f.type()), at + "[" + i + "]");
                }
            } else {
                value(e, f.name(), v, Shape.of(f.type()), at);
            }
        }
    }

    /** Returns the {@code soapenc:arrayType} text of an array of {@code item}s, without the size group. */
    private String arrayType(Shape item) {
        if (!item.isArray(types)) {
            return item.type() == null ? "xsd:anyType" : prefixed(item.type());
        }
        return arrayType(item.item(types)) + "[]";
    }

    private String prefixed(QName type) {
        if (type.getNamespaceURI().isEmpty()) {
            return type.getLocalPart();
        }
        return prefixes.get(type.getNamespaceURI()) + ":" + type.getLocalPart();
    }

    private void declare(QName type) {
        if (type != null) {
            declare(type.getNamespaceURI());
        }
    }

    private void declare(String namespace) {
        if (!namespace.isEmpty() && !prefixes.containsKey(namespace)) {
            prefixes.put(namespace, "ns" + (prefixes.size() - 2));
        }
    }

    private static String kind(Object value) {
        return value instanceof Map ? "a JSON object" : value instanceof List ? "a JSON array"
                : value instanceof String ? "a string" : value instanceof Boolean ? "a boolean" : "a number";
    }
}
