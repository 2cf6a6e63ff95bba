package dev.imcp.codegen.wsdl;

import dev.imcp.codegen.model.SchemaModel;
import dev.imcp.codegen.model.SchemaModel.Kind;
import dev.imcp.codegen.wsdl.XsdBuiltIns.Family;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.namespace.QName;
import org.apache.ws.commons.schema.XmlSchemaSimpleType;
import org.apache.ws.commons.schema.XmlSchemaSimpleTypeList;
import org.apache.ws.commons.schema.XmlSchemaSimpleTypeRestriction;
import org.apache.ws.commons.schema.XmlSchemaSimpleTypeUnion;
import org.apache.ws.commons.schema.XmlSchemaType;

/**
 * Maps simple types (XML Schema 1.0 Part 2, section 2.5 and 4.1) to JSON Schema.
 *
 * <ul>
 * <li>a built-in type: as {@link XsdBuiltIns} says;
 * <li>a restriction: its base type's schema narrowed by the step's facets ({@link XsdFacets});
 * <li>a list: an array of the item type. On the wire it is one element or attribute whose text is the
 *     items separated by spaces ({@code <sizes>S M L</sizes>}); JAXB binds it to a {@code List}, so the
 *     JSON is {@code ["S", "M", "L"]};
 * <li>a union: {@code anyOf} its member types, in declaration order ({@code memberTypes} first, then the
 *     anonymous members). JAXB binds most unions to {@code String}, so each member's value travels as
 *     text either way.
 * <li>{@code wsi:swaRef} (WS-I Attachments Profile 1.0, the type {@code swaRef} of namespace
 *     {@code http://ws-i.org/profiles/basic/1.1/xsd}): on the wire a {@code cid:} URI naming a MIME attachment of
 *     the message, but JAXB binds it to a {@code DataHandler} holding the attachment itself, so the JSON is the
 *     attachment's bytes as base64, not the URI.
 * </ul>
 * A named simple type's {@code xsd:documentation} becomes the schema's description.
 */
final class XsdSimpleTypes {

    private static final String XSD = XMLConstants.W3C_XML_SCHEMA_NS_URI;
    /** The WS-I Attachments Profile 1.0 reference to a MIME attachment. */
    private static final QName SWA_REF = new QName("http://ws-i.org/profiles/basic/1.1/xsd", "swaRef");

    private final XsdContext context;

    XsdSimpleTypes(XsdContext context) {
        this.context = context;
    }

    /** Returns whether {@code name} is in the XML Schema namespace. */
    static boolean isBuiltIn(QName name) {
        return name != null && XSD.equals(name.getNamespaceURI());
    }

    /** Maps the built-in type {@code name}; an unknown one becomes a string with a warning. */
    SchemaModel.Builder builtIn(QName name) {
        SchemaModel.Builder b = XsdBuiltIns.schema(name.getLocalPart());
        if (b == null) {
            context.warn("xsd:" + name.getLocalPart() + " is published as a string");
            return SchemaModel.builder(Kind.STRING);
        }
        return b;
    }

    /** Maps the simple type {@code name} (built-in or declared); {@code null} when it is not a simple type. */
    SchemaModel.Builder byName(QName name) {
        if (isBuiltIn(name)) {
            return builtIn(name);
        }
        XmlSchemaType type = context.schemas.getTypeByQName(name);
        return type instanceof XmlSchemaSimpleType st ? simple(st) : null;
    }

    /** Maps {@code type}, named or anonymous. */
    SchemaModel.Builder simple(XmlSchemaSimpleType type) {
        if (type.getQName() != null && isBuiltIn(type.getQName())) {
            return builtIn(type.getQName());
        }
        if (SWA_REF.equals(type.getQName())) {
            return SchemaModel.builder(Kind.STRING).contentEncoding("base64");
        }
        boolean named = type.getQName() != null;
        if (named) {
            context.global(type.getParent(), "simpleType", type.getName());
        }
        try {
            SchemaModel.Builder b = switch (type.getContent()) {
                case XmlSchemaSimpleTypeRestriction r -> restriction(r);
                case XmlSchemaSimpleTypeList l -> SchemaModel.builder(Kind.ARRAY).items(
                        (l.getItemType() != null ? simple(l.getItemType()) : member(l.getItemTypeName())).build());
                case XmlSchemaSimpleTypeUnion u -> union(u);
                case null, default -> {
                    context.warn("a simple type without content is published as a string");
                    yield SchemaModel.builder(Kind.STRING);
                }
            };
            String doc = XsdValues.documentation(type);
            if (doc != null) {
                b.description(doc);
            }
            if (named && !b.enumValues().isEmpty() && b.kind() == Kind.STRING) {
                b.javaType(context.javaType(type.getQName(), false));
            }
            return b;
        } finally {
            if (named) {
                context.leave();
            }
        }
    }

    /** Returns the facet family of {@code type}: its primitive built-in's, or list for a list type. */
    Family family(XmlSchemaSimpleType type) {
        for (int depth = 0; type != null && depth < 64; depth++) {
            if (type.getQName() != null && isBuiltIn(type.getQName())) {
                return XsdBuiltIns.family(type.getQName().getLocalPart());
            }
            if (type.getContent() instanceof XmlSchemaSimpleTypeList) {
                return Family.LIST;
            }
            if (!(type.getContent() instanceof XmlSchemaSimpleTypeRestriction r)) {
                return Family.OTHER;
            }
            if (r.getBaseType() != null) {
                type = r.getBaseType();
            } else if (isBuiltIn(r.getBaseTypeName())) {
                return XsdBuiltIns.family(r.getBaseTypeName().getLocalPart());
            } else {
                type = context.schemas.getTypeByQName(r.getBaseTypeName()) instanceof XmlSchemaSimpleType st ? st : null;
            }
        }
        return Family.OTHER;
    }

    private SchemaModel.Builder restriction(XmlSchemaSimpleTypeRestriction r) {
        SchemaModel.Builder base = r.getBaseType() != null ? simple(r.getBaseType()) : member(r.getBaseTypeName());
        Family family = r.getBaseType() != null ? family(r.getBaseType())
                : isBuiltIn(r.getBaseTypeName()) ? XsdBuiltIns.family(r.getBaseTypeName().getLocalPart())
                : context.schemas.getTypeByQName(r.getBaseTypeName()) instanceof XmlSchemaSimpleType st ? family(st)
                : Family.OTHER;
        // the base's description is the base's; the derived type has its own or none
        base.description(null);
        XsdFacets.apply(base, family, r.getFacets(), context::warn);
        return base;
    }

    private SchemaModel.Builder union(XmlSchemaSimpleTypeUnion u) {
        List<SchemaModel> members = new ArrayList<>();
        if (u.getMemberTypesQNames() != null) {
            for (QName name : u.getMemberTypesQNames()) {
                members.add(member(name).build());
            }
        }
        for (XmlSchemaSimpleType anonymous : u.getBaseTypes()) {
            members.add(simple(anonymous).build());
        }
        SchemaModel.Builder b = SchemaModel.builder(Kind.ANY);
        members.forEach(b::anyOf);
        return b;
    }

    private SchemaModel.Builder member(QName name) {
        if (name == null) {
            return SchemaModel.builder(Kind.STRING);
        }
        SchemaModel.Builder b = byName(name);
        if (b == null) {
            context.warn("type " + name.getLocalPart() + " is not a simple type here and is published as a string");
            return SchemaModel.builder(Kind.STRING);
        }
        return b;
    }
}
