package dev.imcp.codegen.wsdl;

import dev.imcp.codegen.diag.Diagnostic;
import dev.imcp.codegen.diag.Diagnostics;
import dev.imcp.codegen.model.SchemaModel;
import dev.imcp.codegen.model.SchemaModel.Kind;
import dev.imcp.codegen.model.SourceLocation;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.namespace.QName;
import org.apache.cxf.common.xmlschema.SchemaCollection;
import org.apache.cxf.tools.wsdlto.core.DataBindingProfile;
import org.apache.ws.commons.schema.XmlSchemaAll;
import org.apache.ws.commons.schema.XmlSchemaAny;
import org.apache.ws.commons.schema.XmlSchemaAttribute;
import org.apache.ws.commons.schema.XmlSchemaAttributeOrGroupRef;
import org.apache.ws.commons.schema.XmlSchemaChoice;
import org.apache.ws.commons.schema.XmlSchemaComplexContentExtension;
import org.apache.ws.commons.schema.XmlSchemaComplexType;
import org.apache.ws.commons.schema.XmlSchemaElement;
import org.apache.ws.commons.schema.XmlSchemaEnumerationFacet;
import org.apache.ws.commons.schema.XmlSchemaFacet;
import org.apache.ws.commons.schema.XmlSchemaGroupRef;
import org.apache.ws.commons.schema.XmlSchemaMaxExclusiveFacet;
import org.apache.ws.commons.schema.XmlSchemaMaxInclusiveFacet;
import org.apache.ws.commons.schema.XmlSchemaMaxLengthFacet;
import org.apache.ws.commons.schema.XmlSchemaMinExclusiveFacet;
import org.apache.ws.commons.schema.XmlSchemaMinInclusiveFacet;
import org.apache.ws.commons.schema.XmlSchemaMinLengthFacet;

import org.apache.ws.commons.schema.XmlSchemaParticle;
import org.apache.ws.commons.schema.XmlSchemaPatternFacet;
import org.apache.ws.commons.schema.XmlSchemaSequence;
import org.apache.ws.commons.schema.XmlSchemaSimpleContentExtension;
import org.apache.ws.commons.schema.XmlSchemaSimpleType;
import org.apache.ws.commons.schema.XmlSchemaSimpleTypeRestriction;
import org.apache.ws.commons.schema.XmlSchemaType;
import org.apache.ws.commons.schema.XmlSchemaUse;

/**
 * Maps XML Schema (as Apache XmlSchema read it for CXF) to {@link SchemaModel}s whose property names are
 * the XML local names, which is how the runtime's Jackson, with the Jakarta XML Binding introspector,
 * names the JAXB classes' properties.
 *
 * <p>Rules: child elements and attributes become properties; {@code minOccurs="0"}, choice members and
 * optional attributes are not required; {@code maxOccurs > 1} gives an array; {@code nillable} gives
 * nullable; enumeration facets give enum values; built-in types map as in {@link #builtIn}. An unknown
 * construct becomes a string or any value with a {@code WSDL_UNSUPPORTED_SCHEMA} warning, and a type
 * that contains itself is cut with an {@link Kind#ANY} node and a {@code WSDL_SCHEMA_RECURSION} warning.
 */
final class XsdSchemaMapper {

    private static final String XSD = XMLConstants.W3C_XML_SCHEMA_NS_URI;

    private final SchemaCollection schemas;
    private final DataBindingProfile dataBinding;
    private final Diagnostics diagnostics;
    private final Set<QName> inProgress = new HashSet<>();

    XsdSchemaMapper(SchemaCollection schemas, DataBindingProfile dataBinding, Diagnostics diagnostics) {
        this.schemas = schemas;
        this.dataBinding = dataBinding;
        this.diagnostics = diagnostics;
    }

    /** Returns the global element {@code name}, or {@code null} when the schemas do not declare it. */
    XmlSchemaElement element(QName name) {
        return schemas.getElementByQName(name);
    }

    /** Returns the type of {@code element}, or {@code null} when it has none that can be resolved. */
    XmlSchemaType typeOf(XmlSchemaElement element) {
        XmlSchemaElement target = element.isRef() ? element.getRef().getTarget() : element;
        if (target == null) {
            return null;
        }
        if (target.getSchemaType() != null) {
            return target.getSchemaType();
        }
        return target.getSchemaTypeName() == null ? null : schemas.getTypeByQName(target.getSchemaTypeName());
    }

    /** Returns whether {@code element} has a complex type whose content is a sequence (or empty). */
    boolean isSequenceWrapper(XmlSchemaElement element) {
        return typeOf(element) instanceof XmlSchemaComplexType ct
                && ct.getContentModel() == null
                && (ct.getParticle() == null || ct.getParticle() instanceof XmlSchemaSequence);
    }

    /** Returns whether {@code element} has a complex type. */
    boolean isComplex(XmlSchemaElement element) {
        return typeOf(element) instanceof XmlSchemaComplexType;
    }

    /**
     * Maps the content of a global element.
     *
     * @param element the element
     * @param javaType the Java class CXF generated or uses for it, or {@code null}
     * @param location where the element is declared
     * @return an object for a complex type, else a scalar
     */
    SchemaModel map(XmlSchemaElement element, String javaType, SourceLocation location) {
        XmlSchemaType type = typeOf(element);
        QName typeName = element.getSchemaTypeName();
        SchemaModel.Builder b = type == null && typeName != null && XSD.equals(typeName.getNamespaceURI())
                ? builtIn(typeName, location)
                : type(type, location);
        return b.javaType(javaType).location(location).build();
    }

    /**
     * Maps a named type, for message parts that name a {@code type} rather than an {@code element} (rpc style,
     * WSDL 1.1 section 2.3.1).
     *
     * @param typeName the part's type
     * @param javaType the Java class CXF uses for it, or {@code null}
     * @param location where the part's operation is declared
     * @return the schema, or {@code null} when the schemas do not declare the type
     */
    SchemaModel mapType(QName typeName, String javaType, SourceLocation location) {
        SchemaModel.Builder b;
        if (XSD.equals(typeName.getNamespaceURI())) {
            b = builtIn(typeName, location);
        } else {
            XmlSchemaType type = schemas.getTypeByQName(typeName);
            if (type == null) {
                return null;
            }
            b = type(type, location);
        }
        return b.javaType(javaType).location(location).build();
    }

    private SchemaModel.Builder type(XmlSchemaType type, SourceLocation location) {
        if (type == null) {
            return unsupported(Kind.ANY, "an element without a type", location);
        }
        if (type.getQName() != null && XSD.equals(type.getQName().getNamespaceURI())) {
            return builtIn(type.getQName(), location);
        }
        if (type instanceof XmlSchemaSimpleType st) {
            return simple(st, location);
        }
        XmlSchemaComplexType ct = (XmlSchemaComplexType) type;
        QName name = ct.getQName();
        if (name != null && !inProgress.add(name)) {
            diagnostics.add(Diagnostic.warning("WSDL_SCHEMA_RECURSION", location,
                    "type " + name.getLocalPart() + " contains itself; the nested occurrence is published as any value"));
            return SchemaModel.builder(Kind.ANY);
        }
        try {
            SchemaModel.Builder object = SchemaModel.builder(Kind.OBJECT);
            if (name != null && dataBinding != null) {
                object.javaType(javaTypeOf(name, false));
            }
            complexContent(ct, object, location);
            return object;
        } finally {
            if (name != null) {
                inProgress.remove(name);
            }
        }
    }

    private void complexContent(XmlSchemaComplexType ct, SchemaModel.Builder object, SourceLocation location) {
        if (ct.getContentModel() != null) {
            Object content = ct.getContentModel().getContent();
            if (content instanceof XmlSchemaComplexContentExtension ext) {
                XmlSchemaType base = schemas.getTypeByQName(ext.getBaseTypeName());
                if (base instanceof XmlSchemaComplexType baseType) {
                    complexContent(baseType, object, location);
                }
                particle(ext.getParticle(), object, false, location);
                attributes(ext.getAttributes(), object, location);
            } else if (content instanceof XmlSchemaSimpleContentExtension ext) {
                // JAXB names the text content "value"
                object.property("value", typeByName(ext.getBaseTypeName(), location).build()).required("value");
                attributes(ext.getAttributes(), object, location);
            } else {
                diagnostics.add(Diagnostic.warning("WSDL_UNSUPPORTED_SCHEMA", location,
                        "a complex type derived by restriction is published without its properties"));
            }
            return;
        }
        particle(ct.getParticle(), object, false, location);
        attributes(ct.getAttributes(), object, location);
    }

    private void particle(XmlSchemaParticle particle, SchemaModel.Builder object, boolean optional,
            SourceLocation location) {
        if (particle == null) {
            return;
        }
        boolean opt = optional || particle.getMinOccurs() == 0;
        if (particle instanceof XmlSchemaElement e) {
            property(e, object, opt, location);
        } else if (particle instanceof XmlSchemaSequence seq) {
            members(seq.getItems(), object, opt, location);
        } else if (particle instanceof XmlSchemaAll all) {
            members(all.getItems(), object, opt, location);
        } else if (particle instanceof XmlSchemaChoice choice) {
            members(choice.getItems(), object, true, location);
        } else if (particle instanceof XmlSchemaGroupRef group && group.getParticle() != null) {
            particle(group.getParticle(), object, opt, location);
        } else if (particle instanceof XmlSchemaAny) {
            diagnostics.add(Diagnostic.warning("WSDL_UNSUPPORTED_SCHEMA", location,
                    "xsd:any content is not published in the schema"));
        }
    }

    private void members(List<?> items, SchemaModel.Builder object, boolean optional,
            SourceLocation location) {
        for (Object item : items) {
            if (item instanceof XmlSchemaParticle p) {
                particle(p, object, optional, location);
            }
        }
    }

    private void property(XmlSchemaElement element, SchemaModel.Builder object, boolean optional,
            SourceLocation location) {
        XmlSchemaElement target = element.isRef() ? element.getRef().getTarget() : element;
        String name = target == null ? element.getTargetQName().getLocalPart() : target.getName();
        SchemaModel.Builder value = target == null ? unsupported(Kind.ANY, "an unresolved element reference", location)
                : target.getSchemaType() == null && target.getSchemaTypeName() != null
                        && XSD.equals(target.getSchemaTypeName().getNamespaceURI())
                        ? builtIn(target.getSchemaTypeName(), location)
                        : type(typeOf(target), location);
        if (target != null && target.isNillable()) {
            value.nullable(true);
        }
        SchemaModel schema = value.location(location).build();
        if (element.getMaxOccurs() > 1) {
            schema = SchemaModel.builder(Kind.ARRAY).items(schema).location(location).build();
        }
        object.property(name, schema);
        if (!optional && element.getMinOccurs() > 0) {
            object.required(name);
        }
    }

    private void attributes(List<XmlSchemaAttributeOrGroupRef> attributes, SchemaModel.Builder object,
            SourceLocation location) {
        for (XmlSchemaAttributeOrGroupRef a : attributes) {
            if (!(a instanceof XmlSchemaAttribute attribute)) {
                diagnostics.add(Diagnostic.warning("WSDL_UNSUPPORTED_SCHEMA", location,
                        "attribute groups are not published in the schema"));
                continue;
            }
            XmlSchemaAttribute target = attribute.isRef() ? attribute.getRef().getTarget() : attribute;
            if (target == null) {
                continue;
            }
            SchemaModel.Builder value = target.getSchemaType() != null && target.getSchemaType().getQName() == null
                    ? simple(target.getSchemaType(), location)
                    : typeByName(target.getSchemaTypeName(), location);
            object.property(target.getName(), value.location(location).build());
            if (attribute.getUse() == XmlSchemaUse.REQUIRED) {
                object.required(target.getName());
            }
        }
    }

    private SchemaModel.Builder typeByName(QName name, SourceLocation location) {
        if (name == null) {
            return SchemaModel.builder(Kind.STRING);
        }
        if (XSD.equals(name.getNamespaceURI())) {
            return builtIn(name, location);
        }
        return type(schemas.getTypeByQName(name), location);
    }

    private SchemaModel.Builder simple(XmlSchemaSimpleType st, SourceLocation location) {
        if (!(st.getContent() instanceof XmlSchemaSimpleTypeRestriction r)) {
            return unsupported(Kind.STRING, "xsd:list and xsd:union", location);
        }
        SchemaModel.Builder b = r.getBaseType() != null && r.getBaseType().getQName() == null
                ? simple(r.getBaseType(), location)
                : typeByName(r.getBaseTypeName(), location);
        boolean isEnum = false;
        for (XmlSchemaFacet facet : r.getFacets()) {
            Object v = facet.getValue();
            switch (facet) {
                case XmlSchemaEnumerationFacet f -> {
                    b.enumValue(String.valueOf(v));
                    isEnum = true;
                }
                case XmlSchemaMinLengthFacet f -> b.constraint("minLength", integer(v));
                case XmlSchemaMaxLengthFacet f -> b.constraint("maxLength", integer(v));
                case XmlSchemaPatternFacet f -> b.constraint("pattern", String.valueOf(v));
                case XmlSchemaMinInclusiveFacet f -> b.constraint("minimum", number(v));
                case XmlSchemaMaxInclusiveFacet f -> b.constraint("maximum", number(v));
                case XmlSchemaMinExclusiveFacet f -> b.constraint("exclusiveMinimum", number(v));
                case XmlSchemaMaxExclusiveFacet f -> b.constraint("exclusiveMaximum", number(v));
                default -> { }
            }
        }
        if (isEnum && st.getQName() != null && dataBinding != null) {
            b.javaType(javaTypeOf(st.getQName(), false));
        }
        return b;
    }

    private String javaTypeOf(QName name, boolean element) {
        try {
            return dataBinding.getType(name, element);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static Object integer(Object v) {
        try {
            return Long.valueOf(String.valueOf(v).strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Object number(Object v) {
        try {
            return new java.math.BigDecimal(String.valueOf(v).strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static final Map<String, String[]> BUILT_IN = Map.ofEntries(
            Map.entry("string", new String[] {"STRING", null}),
            Map.entry("normalizedString", new String[] {"STRING", null}),
            Map.entry("token", new String[] {"STRING", null}),
            Map.entry("language", new String[] {"STRING", null}),
            Map.entry("Name", new String[] {"STRING", null}),
            Map.entry("NCName", new String[] {"STRING", null}),
            Map.entry("NMTOKEN", new String[] {"STRING", null}),
            Map.entry("ID", new String[] {"STRING", null}),
            Map.entry("IDREF", new String[] {"STRING", null}),
            Map.entry("anyURI", new String[] {"STRING", "uri"}),
            Map.entry("QName", new String[] {"STRING", null}),
            Map.entry("hexBinary", new String[] {"STRING", null}),
            Map.entry("base64Binary", new String[] {"STRING", "byte"}),
            Map.entry("dateTime", new String[] {"STRING", "date-time"}),
            Map.entry("date", new String[] {"STRING", "date"}),
            Map.entry("time", new String[] {"STRING", "time"}),
            Map.entry("duration", new String[] {"STRING", "duration"}),
            Map.entry("int", new String[] {"INTEGER", "int32"}),
            Map.entry("short", new String[] {"INTEGER", "int32"}),
            Map.entry("byte", new String[] {"INTEGER", "int32"}),
            Map.entry("unsignedShort", new String[] {"INTEGER", "int32"}),
            Map.entry("unsignedByte", new String[] {"INTEGER", "int32"}),
            Map.entry("long", new String[] {"INTEGER", "int64"}),
            Map.entry("unsignedInt", new String[] {"INTEGER", "int64"}),
            Map.entry("integer", new String[] {"INTEGER", null}),
            Map.entry("nonNegativeInteger", new String[] {"INTEGER", null}),
            Map.entry("positiveInteger", new String[] {"INTEGER", null}),
            Map.entry("nonPositiveInteger", new String[] {"INTEGER", null}),
            Map.entry("negativeInteger", new String[] {"INTEGER", null}),
            Map.entry("unsignedLong", new String[] {"INTEGER", null}),
            Map.entry("decimal", new String[] {"NUMBER", null}),
            Map.entry("float", new String[] {"NUMBER", "float"}),
            Map.entry("double", new String[] {"NUMBER", "double"}),
            Map.entry("boolean", new String[] {"BOOLEAN", null}));

    /**
     * Maps a built-in XML Schema type: string types to string (dateTime, date, time, duration,
     * base64Binary and anyURI with a format), int/short/byte to integer int32, long to int64, the
     * unbounded integer types to integer, decimal/float/double to number, boolean to boolean;
     * anything else to string (any for anyType) with a warning.
     */
    private SchemaModel.Builder builtIn(QName name, SourceLocation location) {
        String[] mapping = BUILT_IN.get(name.getLocalPart());
        if (mapping == null) {
            Kind kind = "anyType".equals(name.getLocalPart()) ? Kind.ANY : Kind.STRING;
            return unsupported(kind, "xsd:" + name.getLocalPart(), location);
        }
        SchemaModel.Builder b = SchemaModel.builder(Kind.valueOf(mapping[0]));
        return mapping[1] == null ? b : b.format(mapping[1]);
    }

    private SchemaModel.Builder unsupported(Kind kind, String what, SourceLocation location) {
        diagnostics.add(Diagnostic.warning("WSDL_UNSUPPORTED_SCHEMA", location,
                what + " is published as " + (kind == Kind.ANY ? "any value" : "a string")));
        return SchemaModel.builder(kind);
    }
}
