package dev.imcp.codegen.wsdl;

import dev.imcp.codegen.model.SchemaModel;
import dev.imcp.codegen.model.SchemaModel.Kind;
import dev.imcp.codegen.wsdl.XsdBuiltIns.Family;
import dev.imcp.codegen.wsdl.XsdParticles.Occurs;
import java.util.List;
import org.apache.ws.commons.schema.XmlSchemaAnyAttribute;
import org.apache.ws.commons.schema.XmlSchemaAttribute;
import org.apache.ws.commons.schema.XmlSchemaAttributeGroup;
import org.apache.ws.commons.schema.XmlSchemaAttributeGroupRef;
import org.apache.ws.commons.schema.XmlSchemaComplexContentExtension;
import org.apache.ws.commons.schema.XmlSchemaComplexContentRestriction;
import org.apache.ws.commons.schema.XmlSchemaComplexType;
import org.apache.ws.commons.schema.XmlSchemaSimpleContentExtension;
import org.apache.ws.commons.schema.XmlSchemaSimpleContentRestriction;
import org.apache.ws.commons.schema.XmlSchemaType;
import org.apache.ws.commons.schema.XmlSchemaUse;

/**
 * Maps the content and attributes of complex types (XML Schema 1.0 Part 1, section 3.4) onto an object.
 *
 * <ul>
 * <li>complexContent extension: the base type's properties, then the extension's (3.4.2: "the content
 *     of the base followed by" the extension's particle); restriction: the restriction's own particle,
 *     which XSD requires to restate what it keeps, with the base's attributes unless prohibited.
 * <li>simpleContent: the text content is the property {@value #VALUE}, required, typed as the simple
 *     type (with a restriction's facets), next to the attributes. That is the name XJC gives the
 *     {@code @XmlValue} field and the one Jackson's Jakarta XML Binding introspector reads it under.
 * <li>attributes (and attribute groups): properties named after the attribute's local name; required
 *     when {@code use="required"}, dropped when {@code use="prohibited"}; {@code default} and
 *     {@code fixed} (as {@code const}) typed as the attribute's simple type.
 * <li>{@code xsd:anyAttribute}: XJC keeps the attributes in a {@code Map<QName, String>} field,
 *     {@value #OTHER_ATTRIBUTES}, which Jackson writes as an object of strings keyed by
 *     {@code {namespace}local}; that property is published, optional.
 * <li>{@code xsd:any}: XJC keeps the elements as DOM nodes, which JSON does not reach by name, so
 *     nothing is published for them and the object stays open: no schema published here says
 *     {@code additionalProperties: false}, and the runtime ignores what the JAXB class has no property for.
 * </ul>
 */
final class XsdComplexTypes {

    /** The property name of a simple-content type's text. */
    static final String VALUE = "value";

    /** The property name of the attributes an {@code xsd:anyAttribute} admits. */
    static final String OTHER_ATTRIBUTES = "otherAttributes";

    private final XsdContext context;
    private final XsdSimpleTypes simpleTypes;
    private final XsdParticles particles;
    private final XsdSchemaMapper types;

    XsdComplexTypes(XsdContext context, XsdSimpleTypes simpleTypes, XsdParticles particles, XsdSchemaMapper types) {
        this.context = context;
        this.simpleTypes = simpleTypes;
        this.particles = particles;
        this.types = types;
    }

    /** Adds the properties of {@code ct}'s content and attributes to {@code object}. */
    void content(XmlSchemaComplexType ct, SchemaModel.Builder object) {
        if (ct.getContentModel() == null) {
            particles.particle(ct.getParticle(), object, Occurs.ONCE);
            attributes(ct.getAttributes(), object);
            anyAttribute(ct.getAnyAttribute(), object);
            return;
        }
        switch (ct.getContentModel().getContent()) {
            case XmlSchemaComplexContentExtension ext -> {
                base(ext.getBaseTypeName(), object);
                particles.particle(ext.getParticle(), object, Occurs.ONCE);
                attributes(ext.getAttributes(), object);
                anyAttribute(ext.getAnyAttribute(), object);
            }
            case XmlSchemaComplexContentRestriction r -> {
                if (context.schemas.getTypeByQName(r.getBaseTypeName()) instanceof XmlSchemaComplexType base) {
                    inheritedAttributes(base, object);
                }
                particles.particle(r.getParticle(), object, Occurs.ONCE);
                attributes(r.getAttributes(), object);
                anyAttribute(r.getAnyAttribute(), object);
            }
            case XmlSchemaSimpleContentExtension ext -> {
                if (!base(ext.getBaseTypeName(), object)) {
                    object.property(VALUE, types.typeByName(ext.getBaseTypeName()).build()).required(VALUE);
                }
                attributes(ext.getAttributes(), object);
                anyAttribute(ext.getAnyAttribute(), object);
            }
            case XmlSchemaSimpleContentRestriction r -> {
                if (!base(r.getBaseTypeName(), object)) {
                    object.property(VALUE, types.typeByName(r.getBaseTypeName()).build()).required(VALUE);
                }
                SchemaModel.Builder value = r.getBaseType() != null ? simpleTypes.simple(r.getBaseType())
                        : object.build().properties().getOrDefault(VALUE, SchemaModel.builder(Kind.STRING).build())
                                .toBuilder();
                Family family = value.kind() == Kind.INTEGER || value.kind() == Kind.NUMBER ? Family.NUMERIC
                        : value.kind() == Kind.BOOLEAN ? Family.BOOLEAN : Family.TEXT;
                XsdFacets.apply(value, family, r.getFacets(), context::warn);
                object.property(VALUE, value.build()).required(VALUE);
                attributes(r.getAttributes(), object);
                anyAttribute(r.getAnyAttribute(), object);
            }
            case null, default -> context.warn("this complex type's content model is not published");
        }
    }

    /** Adds a complex base type's properties; returns {@code false} when the base is a simple type. */
    private boolean base(javax.xml.namespace.QName name, SchemaModel.Builder object) {
        XmlSchemaType base = name == null || XsdSimpleTypes.isBuiltIn(name) ? null : context.schemas.getTypeByQName(name);
        if (!(base instanceof XmlSchemaComplexType ct)) {
            return false;
        }
        if (derivesFromItself(ct)) {
            context.warn("type " + name.getLocalPart() + " derives from itself; its base's content is not published");
            return true;
        }
        SchemaModel mapped = types.inline(ct, null).build();
        types.inherit(mapped);
        mapped.properties().forEach(object::property);
        mapped.required().forEach(object::required);
        mapped.oneOf().forEach(object::oneOf);
        mapped.anyOf().forEach(object::anyOf);
        mapped.allOf().forEach(object::allOf);
        if (object.build().description() == null) {
            object.description(mapped.description());
        }
        return true;
    }

    /** Returns whether following {@code type}'s base types leads back to a type already met (a broken schema). */
    private boolean derivesFromItself(XmlSchemaComplexType type) {
        java.util.Set<Object> seen = new java.util.HashSet<>();
        XmlSchemaType t = type;
        while (t instanceof XmlSchemaComplexType ct && ct.getContentModel() != null) {
            if (!seen.add(XsdDefinitions.key(ct))) {
                return true;
            }
            javax.xml.namespace.QName base = switch (ct.getContentModel().getContent()) {
                case XmlSchemaComplexContentExtension e -> e.getBaseTypeName();
                case XmlSchemaComplexContentRestriction r -> r.getBaseTypeName();
                case XmlSchemaSimpleContentExtension e -> e.getBaseTypeName();
                case XmlSchemaSimpleContentRestriction r -> r.getBaseTypeName();
                case null, default -> null;
            };
            t = base == null ? null : context.schemas.getTypeByQName(base);
        }
        return false;
    }

    private void inheritedAttributes(XmlSchemaComplexType base, SchemaModel.Builder object) {
        if (base.getContentModel() != null) {
            switch (base.getContentModel().getContent()) {
                case XmlSchemaComplexContentExtension ext -> {
                    if (context.schemas.getTypeByQName(ext.getBaseTypeName()) instanceof XmlSchemaComplexType b) {
                        inheritedAttributes(b, object);
                    }
                    attributes(ext.getAttributes(), object);
                }
                case XmlSchemaComplexContentRestriction r -> attributes(r.getAttributes(), object);
                default -> { }
            }
        }
        attributes(base.getAttributes(), object);
    }

    private void attributes(List<?> attributes, SchemaModel.Builder object) {
        for (Object member : attributes) {
            switch (member) {
                case XmlSchemaAttribute a -> attribute(a, object);
                case XmlSchemaAttributeGroupRef ref -> {
                    XmlSchemaAttributeGroup group = ref.getRef() == null ? null : ref.getRef().getTarget();
                    if (group == null) {
                        context.warn("attribute group " + ref.getRef().getTargetQName() + " cannot be resolved and is not published");
                        continue;
                    }
                    context.global(group.getParent(), "attributeGroup", group.getName());
                    try {
                        attributes(group.getAttributes(), object);
                    } finally {
                        context.leave();
                    }
                }
                case XmlSchemaAttributeGroup group -> attributes(group.getAttributes(), object);
                case XmlSchemaAnyAttribute any -> anyAttribute(any, object);
                default -> { }
            }
        }
    }

    private void attribute(XmlSchemaAttribute attribute, SchemaModel.Builder object) {
        XmlSchemaAttribute target = attribute.isRef() ? attribute.getRef().getTarget() : attribute;
        String name = target != null ? target.getName() : attribute.getTargetQName().getLocalPart();
        if (attribute.getUse() == XmlSchemaUse.PROHIBITED) {
            object.removeProperty(name);
            return;
        }
        context.local("attribute", name);
        try {
            if (target == null) {
                context.warn("an unresolved attribute reference is published as a string");
            }
            SchemaModel.Builder value = target == null ? SchemaModel.builder(Kind.STRING)
                    : target.getSchemaType() != null && target.getSchemaType().getQName() == null
                    ? simpleTypes.simple(target.getSchemaType())
                    : types.typeByName(target.getSchemaTypeName());
            String doc = XsdValues.documentation(attribute);
            if (doc == null) {
                doc = XsdValues.documentation(target);
            }
            if (doc != null) {
                value.description(doc);
            }
            defaults(value, first(attribute.getDefaultValue(), target == null ? null : target.getDefaultValue()),
                    first(attribute.getFixedValue(), target == null ? null : target.getFixedValue()));
            object.property(name, value.location(context.here()).build());
            if (attribute.getUse() == XmlSchemaUse.REQUIRED) {
                object.required(name);
            }
        } finally {
            context.leave();
        }
    }

    /** Sets {@code default} and {@code const} from an element's or attribute's literals, typed as {@code value}. */
    void defaults(SchemaModel.Builder value, String defaultValue, String fixedValue) {
        if (defaultValue != null) {
            Object typed = XsdValues.typed(value.kind(), defaultValue);
            if (typed == null) {
                context.warn("default '" + defaultValue + "' is not a JSON " + value.kind().jsonType() + " and is not published");
            }
            value.defaultValue(typed);
        }
        if (fixedValue != null) {
            Object typed = XsdValues.typed(value.kind(), fixedValue);
            if (typed == null) {
                context.warn("fixed value '" + fixedValue + "' is not a JSON " + value.kind().jsonType() + " and is not published");
            }
            value.constValue(typed);
        }
    }

    /** Records an {@code xsd:any}: the object stays open; see the class comment. */
    void wildcard(SchemaModel.Builder object) {
        // nothing to add: every object published is open, and XJC's DOM fields have no JSON name
    }

    private void anyAttribute(XmlSchemaAnyAttribute any, SchemaModel.Builder object) {
        if (any != null) {
            object.property(OTHER_ATTRIBUTES, SchemaModel.builder(Kind.OBJECT)
                    .additionalProperties(SchemaModel.builder(Kind.STRING).build()).build());
        }
    }

    private static String first(String a, String b) {
        return a != null ? a : b;
    }
}
