package dev.imcp.codegen.wsdl;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.imcp.codegen.model.SchemaModel;
import dev.imcp.codegen.model.SchemaModel.Kind;
import dev.imcp.codegen.model.SourceLocation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.wsdl.Definition;
import javax.wsdl.extensions.schema.Schema;
import javax.xml.XMLConstants;
import javax.xml.namespace.QName;
import org.apache.ws.commons.schema.XmlSchemaAll;
import org.apache.ws.commons.schema.XmlSchemaAttribute;
import org.apache.ws.commons.schema.XmlSchemaAttributeOrGroupRef;
import org.apache.ws.commons.schema.XmlSchemaCollection;
import org.apache.ws.commons.schema.XmlSchemaComplexContentRestriction;
import org.apache.ws.commons.schema.XmlSchemaComplexType;
import org.apache.ws.commons.schema.XmlSchemaElement;
import org.apache.ws.commons.schema.XmlSchemaParticle;
import org.apache.ws.commons.schema.XmlSchemaSequence;
import org.apache.ws.commons.schema.XmlSchemaSequenceMember;
import org.apache.ws.commons.schema.XmlSchemaSimpleType;
import org.apache.ws.commons.schema.XmlSchemaSimpleTypeRestriction;
import org.apache.ws.commons.schema.XmlSchemaType;
import org.w3c.dom.Attr;

/**
 * Reads the types of a SOAP-encoded WSDL (SOAP 1.1 section 5) with Apache XmlSchema: structs (a
 * {@code sequence} or {@code all} of elements), arrays ({@code complexContent} restricting {@code soapenc:Array}
 * with {@code wsdl:arrayType="ns:T[]"}, WSDL 1.1 section 2.2), and simple types, which go on the wire as
 * their built-in base type. Gives each type its JSON Schema and its entry in the runtime descriptor's type table.
 *
 * <p>A struct or array type that contains itself (a struct with an array of itself, say) is a definition that
 * {@code $ref}s stand for, declared on the part's schema, as for literal XSD ({@link XsdDefinitions}); every
 * occurrence is still walked, since each operation's type table lists every type its values can reach.
 */
final class EncodedSchemas {

    static final String SOAP_ENCODING = "http://schemas.xmlsoap.org/soap/encoding/";
    private static final String WSDL = "http://schemas.xmlsoap.org/wsdl/";
    private static final String XSD = XMLConstants.W3C_XML_SCHEMA_NS_URI;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final XmlSchemaCollection schemas = new XmlSchemaCollection();
    private final XsdDefinitions definitions = new XsdDefinitions();
    private final List<CxfCodegen.Problem> problems = new ArrayList<>();

    /**
     * Reads every {@code xsd:schema} of {@code definition}'s {@code wsdl:types}, and of the WSDLs it imports. A
     * schema XmlSchema refuses (an {@code xsd:import} whose document has another target namespace than it
     * announces, an unbound prefix, two schemas of one namespace that collide) is left out and recorded in
     * {@link #problems()}; the others are still read.
     */
    EncodedSchemas(Definition definition) {
        for (Definition d : WsdlImports.closure(definition)) {
            if (d.getTypes() != null) {
                int n = 0;
                for (Object e : d.getTypes().getExtensibilityElements()) {
                    if (e instanceof Schema schema) {
                        // a system id of its own per inline schema (as CXF does): XmlSchema keys schemas by namespace
                        // and system id, and a WSDL may hold several schemas of one namespace
                        String systemId = d.getDocumentBaseURI() + "#types" + ++n;
                        try {
                            schemas.read(schema.getElement(), systemId);
                        } catch (RuntimeException refused) { // XmlSchemaException, IllegalStateException
                            problems.add(problem(d.getDocumentBaseURI(), refused));
                        }
                    }
                }
            }
        }
    }

    private static CxfCodegen.Problem problem(String document, RuntimeException refused) {
        String message = refused.getMessage() == null ? refused.getClass().getSimpleName() : refused.getMessage();
        if (refused instanceof org.apache.ws.commons.schema.XmlSchemaException x && x.getSourceUri() != null
                && x.getLineNumer() > 0) {
            return new CxfCodegen.Problem(x.getSourceUri().replaceFirst("#types\\d+$", ""), x.getLineNumer(),
                    x.getLinePosition(), message);
        }
        return new CxfCodegen.Problem(document, 0, 0, message);
    }

    /** Returns the target namespaces of the schemas read (the no-namespace schema as the empty string), sorted. */
    java.util.SortedSet<String> namespaces() {
        java.util.SortedSet<String> result = new java.util.TreeSet<>();
        for (org.apache.ws.commons.schema.XmlSchema schema : schemas.getXmlSchemas()) {
            String ns = schema.getTargetNamespace();
            if (!XSD.equals(ns)) {
                result.add(ns == null ? "" : ns);
            }
        }
        return result;
    }

    /**
     * Returns the schemas that could not be read: the file (a URI) and, when XmlSchema knows it, the line of each,
     * with XmlSchema's message. Empty when every schema was read.
     */
    List<CxfCodegen.Problem> problems() {
        return List.copyOf(problems);
    }

    /** Returns whether a schema of the WSDL declares the global element {@code name}. */
    boolean declaresElement(QName name) {
        return schemas.getElementByQName(name) != null;
    }

    /** Returns whether a schema of the WSDL declares the type {@code name}. */
    boolean declaresType(QName name) {
        return schemas.getTypeByQName(name) != null;
    }

    /**
     * Returns the JSON Schema of {@code type}, adding to {@code table} the descriptor entry of every struct and
     * array type it reaches.
     *
     * @return the schema, or {@code null} when a type it reaches is not declared or not supported
     */
    SchemaModel schema(QName type, Map<QName, ObjectNode> table, SourceLocation at) {
        SchemaModel schema = value(type, table, at);
        if (schema == null) {
            return null;
        }
        SchemaModel.Builder root = schema.kind() == Kind.REF
                ? definitions.body(schema.ref()).toBuilder().location(at) : schema.toBuilder();
        return root.definitions(definitions.reachable(schema)).build();
    }

    private SchemaModel value(QName type, Map<QName, ObjectNode> table, SourceLocation at) {
        if (XSD.equals(type.getNamespaceURI()) || SOAP_ENCODING.equals(type.getNamespaceURI())) {
            return builtIn(type.getLocalPart(), at);
        }
        XmlSchemaType declared = schemas.getTypeByQName(type);
        if (declared instanceof XmlSchemaSimpleType simple) {
            QName base = builtInBase(simple, new HashSet<>());
            SchemaModel.Builder b = base == null ? null : builtIn(base.getLocalPart(), at).toBuilder();
            if (b != null && simple.getContent() instanceof XmlSchemaSimpleTypeRestriction r) {
                r.getFacets().stream().filter(f -> f instanceof org.apache.ws.commons.schema.XmlSchemaEnumerationFacet)
                        .forEach(f -> b.enumValue(String.valueOf(f.getValue())));
            }
            return b == null ? null : b.location(at).build();
        }
        if (!(declared instanceof XmlSchemaComplexType complex)) {
            return null;
        }
        String cut = definitions.cut(type, type.getLocalPart());
        if (cut != null) {
            return SchemaModel.reference(cut).location(at).build();
        }
        definitions.enter(type);
        SchemaModel body = null;
        try {
            body = struct(type, complex, table, at);
        } finally {
            String name = definitions.leave(type, body);
            if (name == null && body != null) {
                name = definitions.defined(type);
            }
            if (name != null) {
                body = SchemaModel.reference(name).location(at).build();
            }
        }
        return body;
    }

    /** Returns the schema of a struct or array type, or {@code null} when a type it reaches is not supported. */
    private SchemaModel struct(QName type, XmlSchemaComplexType complex, Map<QName, ObjectNode> table,
            SourceLocation at) {
        QName item = arrayItem(complex);
        if (item != null) {
            SchemaModel items = value(item, table, at);
            if (items == null) {
                return null;
            }
            table.putIfAbsent(type, JSON.createObjectNode().put("name", type.toString())
                    .put("arrayOf", wireType(item).toString()));
            return SchemaModel.builder(Kind.ARRAY).items(items).location(at).build();
        }
        List<XmlSchemaElement> fields = fields(complex);
        if (fields == null) {
            return null;
        }
        ObjectNode entry = JSON.createObjectNode().put("name", type.toString());
        var fieldList = entry.putArray("fields");
        SchemaModel.Builder object = SchemaModel.builder(Kind.OBJECT).location(at);
        for (XmlSchemaElement field : fields) {
            QName fieldType = field.getSchemaTypeName();
            SchemaModel fieldSchema = fieldType == null ? null : value(fieldType, table, at);
            if (fieldSchema == null) {
                return null;
            }
            boolean repeated = field.getMaxOccurs() > 1;
            if (field.isNillable()) {
                fieldSchema = fieldSchema.toBuilder().nullable(true).build();
            }
            object.property(field.getName(), repeated
                    ? SchemaModel.builder(Kind.ARRAY).items(fieldSchema).location(at).build() : fieldSchema);
            if (field.getMinOccurs() > 0 && !field.isNillable()) {
                object.required(field.getName());
            }
            ObjectNode f = fieldList.addObject().put("name", field.getName()).put("type", wireType(fieldType).toString());
            if (field.getMinOccurs() != 1) {
                f.put("minOccurs", (int) Math.min(field.getMinOccurs(), Integer.MAX_VALUE));
            }
            if (field.isNillable()) {
                f.put("nillable", true);
            }
            if (repeated) {
                f.put("repeated", true);
            }
        }
        table.putIfAbsent(type, entry);
        return object.build();
    }

    /** The type a value goes on the wire as: a simple type's built-in base, else the type itself. */
    QName wireType(QName type) {
        if (XSD.equals(type.getNamespaceURI()) || SOAP_ENCODING.equals(type.getNamespaceURI())) {
            return type; // a built-in goes as itself: XmlSchema knows it too, and would answer its base (int as long)
        }
        if (schemas.getTypeByQName(type) instanceof XmlSchemaSimpleType simple) {
            QName base = builtInBase(simple, new HashSet<>());
            return base == null ? type : base;
        }
        return type;
    }

    private QName builtInBase(XmlSchemaSimpleType simple, Set<QName> seen) {
        if (!(simple.getContent() instanceof XmlSchemaSimpleTypeRestriction r) || r.getBaseTypeName() == null) {
            return null; // lists and unions have no single base
        }
        QName base = r.getBaseTypeName();
        if (XSD.equals(base.getNamespaceURI()) || SOAP_ENCODING.equals(base.getNamespaceURI())) {
            return new QName(XSD, base.getLocalPart());
        }
        return seen.add(base) && schemas.getTypeByQName(base) instanceof XmlSchemaSimpleType next
                ? builtInBase(next, seen) : null;
    }

    /** The item type of a SOAP-encoded array type, or {@code null} when {@code complex} is not one. */
    private static QName arrayItem(XmlSchemaComplexType complex) {
        if (complex.getContentModel() == null
                || !(complex.getContentModel().getContent() instanceof XmlSchemaComplexContentRestriction r)
                || r.getBaseTypeName() == null || !"Array".equals(r.getBaseTypeName().getLocalPart())) {
            return null;
        }
        for (XmlSchemaAttributeOrGroupRef a : r.getAttributes()) {
            if (a instanceof XmlSchemaAttribute attribute && attribute.getUnhandledAttributes() != null) {
                for (Attr attr : attribute.getUnhandledAttributes()) {
                    if (WSDL.equals(attr.getNamespaceURI()) && "arrayType".equals(attr.getLocalName())) {
                        return qname(attr);
                    }
                }
            }
        }
        if (r.getParticle() instanceof XmlSchemaSequence s && s.getItems().size() == 1
                && s.getItems().getFirst() instanceof XmlSchemaElement e) {
            return e.getSchemaTypeName();
        }
        return null;
    }

    /** Resolves {@code prefix:local[]} (one dimension) against the attribute's in-scope namespaces. */
    private static QName qname(Attr attr) {
        String value = attr.getValue().strip();
        if (!value.endsWith("[]") || value.indexOf('[') != value.length() - 2) {
            return null; // multi-dimensional and sized arrays are not supported
        }
        String name = value.substring(0, value.length() - 2);
        int colon = name.indexOf(':');
        String prefix = colon < 0 ? null : name.substring(0, colon);
        String ns = attr.getOwnerElement().lookupNamespaceURI(prefix);
        return ns == null ? null : new QName(ns, name.substring(colon + 1));
    }

    private static List<XmlSchemaElement> fields(XmlSchemaComplexType complex) {
        if (complex.getContentModel() != null) {
            return null;
        }
        XmlSchemaParticle particle = complex.getParticle();
        List<XmlSchemaElement> fields = new ArrayList<>();
        if (particle == null) {
            return fields;
        }
        List<?> items;
        if (particle instanceof XmlSchemaSequence s) {
            items = s.getItems();
        } else if (particle instanceof XmlSchemaAll all) {
            items = all.getItems();
        } else {
            return null;
        }
        for (Object item : items) {
            if (!(item instanceof XmlSchemaElement e) || e.isRef()) {
                return null;
            }
            fields.add(e);
        }
        return fields;
    }

    /**
     * The schema of a built-in type, XML Schema's or its SOAP-encoding twin (SOAP 1.1 section 5.2.1; {@code base64}
     * is {@code base64Binary}): the same mapping literal bindings publish ({@link XsdBuiltIns}); an unknown name
     * (e.g. {@code ur-type}) is any value.
     */
    private static SchemaModel builtIn(String local, SourceLocation at) {
        SchemaModel.Builder b = XsdBuiltIns.schema("base64".equals(local) ? "base64Binary" : local);
        return (b == null ? SchemaModel.builder(Kind.ANY) : b).location(at).build();
    }
}
