package dev.imcp.codegen.wsdl;

import dev.imcp.codegen.diag.Diagnostics;
import dev.imcp.codegen.model.SchemaModel;
import dev.imcp.codegen.model.SchemaModel.Kind;
import dev.imcp.codegen.model.SourceLocation;
import dev.imcp.codegen.wsdl.XsdParticles.Occurs;
import dev.imcp.codegen.model.SourceFile;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.namespace.QName;
import org.apache.cxf.common.xmlschema.SchemaCollection;
import org.apache.cxf.tools.wsdlto.core.DataBindingProfile;
import org.apache.ws.commons.schema.XmlSchema;
import org.apache.ws.commons.schema.XmlSchemaAny;
import org.apache.ws.commons.schema.XmlSchemaComplexType;
import org.apache.ws.commons.schema.XmlSchemaElement;
import org.apache.ws.commons.schema.XmlSchemaSequence;
import org.apache.ws.commons.schema.XmlSchemaSimpleType;
import org.apache.ws.commons.schema.XmlSchemaType;

/**
 * Maps XML Schema (as Apache XmlSchema read it for CXF) to {@link SchemaModel}s whose property names are
 * the XML local names, which is how the runtime's Jackson, with the Jakarta XML Binding introspector,
 * names the JAXB classes' properties.
 *
 * <p>Elements: a property per child element (content models: {@link XsdParticles}); complex types and
 * attributes: {@link XsdComplexTypes}; simple types: {@link XsdSimpleTypes}, {@link XsdFacets},
 * {@link XsdBuiltIns}. Per element: {@code nillable} gives {@code "type": [T, "null"]} (and {@code null}
 * in its {@code enum}); {@code default} gives {@code default} and {@code fixed} gives {@code const}, both
 * typed as the element's simple type ({@code default="3"} of an {@code xsd:int} is the number 3);
 * {@code xsd:documentation} of the element, else of its type, gives {@code description} (whitespace
 * collapsed; no {@code title}: XSD documentation has no short form to take one from). An element that
 * heads a substitution group (Part 1, 3.3.6) accepts any member, and which one it is matters (it is the XML
 * element's name): its value is {@code oneOf} one object per element it may be, the non-abstract head and
 * every member, each with that element's name as its only property ({@code {"circle": {"radius": 2}}}),
 * which is how the runtime reads and writes XJC's {@code JAXBElement<? extends T>}. Elements that XJC keeps in
 * one list (a repeated sequence or choice of several elements, or a type's content when element names collide)
 * are that list, under XJC's field name, one object per element ({@link XsdGeneralContent}).
 *
 * <p>Recursive types (JSON Schema 2020-12 Core, section 8.2.4 {@code $defs} and 8.2.3.1 {@code $ref}): a complex
 * type that contains itself, directly or through other types (an element of its type, a list of them, an
 * element reference, a substitution group member, a type derived from it, a base type that contains a type
 * derived from it), is published once as {@code $defs/<TypeName>} and every occurrence as
 * {@code {"$ref": "#/$defs/<TypeName>"}}, next to the element's own {@code description}; a nillable one is
 * {@code {"anyOf": [{"$ref": ...}, {"type": "null"}]}}. A global element's anonymous type that its content
 * refers back to ({@code <xsd:element ref>}) is named after the element. When a whole message part is such a
 * type, the schema's root is the definition's content (a tool's schema states {@code "type": "object"}) and
 * its nested occurrences refer to the definition. Each root schema declares the definitions it reaches
 * ({@link SchemaModel#definitions()}); the writer publishes them as the root's {@code $defs}. Types that do not
 * contain themselves stay inline, so a schema grows by one definition per recursive type it reaches; see
 * {@link XsdDefinitions} for how recursion is detected and names are chosen. A base type is always inlined
 * into the derived type (a derivation chain is finite), so recursion through a base is caught at the element
 * that closes the cycle.
 *
 * <p>Every warning ({@code WSDL_UNSUPPORTED_SCHEMA} for a construct published in part) is located at the XSD
 * construct's own document and line ({@link XsdLocator}).
 */
final class XsdSchemaMapper implements XsdParticles.Members {

    private final XsdContext context;
    private final XsdSimpleTypes simpleTypes;
    private final XsdParticles particles;
    private final XsdComplexTypes complexTypes;
    private final XsdDefinitions definitions = new XsdDefinitions();
    private final XsdGeneralContent generalContent;
    private final Deque<Inlining> inlining = new ArrayDeque<>();

    /**
     * What inlining one complex type's content notes for {@link XsdGeneralContent}: the repeated groups of
     * several elements, the properties its base gave it, and whether an element name came twice.
     */
    private static final class Inlining {
        final List<XsdGeneralContent.Group> repeated = new ArrayList<>();
        final SchemaModel.Builder inherited = SchemaModel.builder(Kind.OBJECT);
        boolean collided;
    }
    private Map<QName, List<XmlSchemaElement>> substitutes;

    /**
     * Creates a mapper for one contract.
     *
     * @param schemas the contract's schemas, as CXF read them
     * @param dataBinding CXF's JAXB binding, which names the Java class of a type or element
     * @param sources the Java sources CXF generated, whose general content fields name some properties
     * @param diagnostics where warnings go
     */
    XsdSchemaMapper(SchemaCollection schemas, DataBindingProfile dataBinding, List<SourceFile> sources,
            Diagnostics diagnostics) {
        this.context = new XsdContext(schemas, dataBinding, diagnostics);
        this.generalContent = new XsdGeneralContent(new JaxbFields(sources), context);
        this.simpleTypes = new XsdSimpleTypes(context);
        this.particles = new XsdParticles(context, this);
        this.complexTypes = new XsdComplexTypes(context, simpleTypes, particles, this);
    }

    /** Returns the global element {@code name}, or {@code null} when the schemas do not declare it. */
    XmlSchemaElement element(QName name) {
        return context.schemas.getElementByQName(name);
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
        return target.getSchemaTypeName() == null ? null : context.schemas.getTypeByQName(target.getSchemaTypeName());
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
     * @param location where the operation using it is declared; warnings that cannot be located in the
     *     XSD go there
     * @return an object for a complex type, else a scalar
     */
    SchemaModel map(XmlSchemaElement element, String javaType, SourceLocation location) {
        context.begin(location);
        context.global(element.getParent(), "element", element.getName());
        try {
            return root(value(element), javaType, location);
        } finally {
            context.leave();
        }
    }

    /**
     * Maps a named type, for message parts that name a {@code type} rather than an {@code element} (rpc style,
     * WSDL 1.1 section 2.3.1).
     *
     * @param typeName the part's type
     * @param javaType the Java class CXF uses for it, or {@code null}
     * @param location where the part's operation is declared; warnings that cannot be located in the XSD go there
     * @return the schema, or {@code null} when the schemas do not declare the type
     */
    SchemaModel mapType(QName typeName, String javaType, SourceLocation location) {
        if (!XsdSimpleTypes.isBuiltIn(typeName) && context.schemas.getTypeByQName(typeName) == null) {
            return null;
        }
        context.begin(location);
        return root(typeByName(typeName), javaType, location);
    }

    /**
     * Returns a root schema: a reference is replaced by its definition's content (a tool's schema states its
     * type at the root), and the definitions the schema reaches are declared on it.
     */
    private SchemaModel root(SchemaModel.Builder value, String javaType, SourceLocation location) {
        SchemaModel mapped = value.build();
        SchemaModel.Builder root = value;
        if (mapped.kind() == Kind.REF) {
            root = definitions.body(mapped.ref()).toBuilder();
            if (mapped.description() != null) {
                root.description(mapped.description());
            }
        }
        root.javaType(javaType).location(location);
        return root.definitions(definitions.reachable(root.build())).build();
    }

    /** Returns the schema of a declared type: built-in, simple or complex. */
    SchemaModel.Builder type(XmlSchemaType type) {
        return type(type, null);
    }

    /**
     * Returns the schema of a declared type: built-in, simple or complex; a complex type that contains itself
     * is a reference to its definition ({@link XsdDefinitions}).
     *
     * @param type the type
     * @param element the global element declaring {@code type} anonymously, which names its definition and
     *     Java class; {@code null} otherwise
     */
    private SchemaModel.Builder type(XmlSchemaType type, XmlSchemaElement element) {
        if (type == null) {
            context.warn("an element without a resolvable type is published as any value");
            return SchemaModel.builder(Kind.ANY);
        }
        if (type instanceof XmlSchemaSimpleType st) {
            return simpleTypes.simple(st);
        }
        XmlSchemaComplexType ct = (XmlSchemaComplexType) type;
        QName name = ct.getQName();
        String javaType = name == null ? null : context.javaType(name, false);
        Object key = XsdDefinitions.key(ct);
        String reference = definitions.cut(key, name != null ? name.getLocalPart()
                : element != null ? element.getName() : null);
        if (reference == null) {
            reference = definitions.defined(key);
        }
        if (reference != null) {
            return SchemaModel.reference(reference).javaType(javaType);
        }
        definitions.enter(key);
        SchemaModel.Builder object = null;
        try {
            object = inline(ct, element).javaType(javaType);
        } finally {
            reference = definitions.leave(key, object == null ? null : object.build());
        }
        return reference == null ? object : SchemaModel.reference(reference).javaType(javaType);
    }

    /**
     * Returns the content of {@code ct} (its particle, attributes and base type's content) and its
     * documentation, inline: a derived type's base is always inlined, which ends since a derivation chain
     * does (XML Schema Part 1, 3.4.6, "no circular definitions"). Elements JAXB keeps in one list are that
     * list ({@link XsdGeneralContent}).
     *
     * @param ct the type
     * @param element the global element declaring {@code ct} anonymously, {@code null} otherwise
     */
    SchemaModel.Builder inline(XmlSchemaComplexType ct, XmlSchemaElement element) {
        QName name = ct.getQName();
        if (name != null) {
            context.global(ct.getParent(), "complexType", name.getLocalPart());
        }
        Inlining notes = new Inlining();
        inlining.push(notes);
        try {
            SchemaModel.Builder object = SchemaModel.builder(Kind.OBJECT);
            object.description(XsdValues.documentation(ct));
            complexTypes.content(ct, object);
            if (!notes.repeated.isEmpty() || notes.collided || ct.isMixed()) {
                // only then may XJC have made a general content list (JAXB 4.0, 6.12.5.2)
                String javaClass = name != null ? context.javaType(name, false)
                        : element != null ? context.javaType(element.getQName(), true) : null;
                generalContent.apply(javaClass, notes.repeated, notes.inherited.build(), object);
            }
            return object;
        } finally {
            inlining.pop();
            if (name != null) {
                context.leave();
            }
        }
    }

    /** Returns the schema of the type named {@code name}, built-in or declared. */
    SchemaModel.Builder typeByName(QName name) {
        if (name == null) {
            return SchemaModel.builder(Kind.STRING);
        }
        if (XsdSimpleTypes.isBuiltIn(name) && !"anyType".equals(name.getLocalPart())) {
            return simpleTypes.builtIn(name);
        }
        if ("anyType".equals(name.getLocalPart()) && XsdSimpleTypes.isBuiltIn(name)) {
            return SchemaModel.builder(Kind.ANY);
        }
        return type(context.schemas.getTypeByQName(name));
    }

    @Override
    public void element(XmlSchemaElement element, SchemaModel.Builder object, Occurs occurs) {
        XmlSchemaElement target = element.isRef() ? element.getRef().getTarget() : element;
        String name = target == null ? element.getTargetQName().getLocalPart() : target.getName();
        context.local("element", name);
        try {
            SchemaModel.Builder value;
            if (target == null) {
                context.warn("an unresolved element reference is published as any value");
                value = SchemaModel.builder(Kind.ANY);
            } else {
                List<XmlSchemaElement> members = substitutes().getOrDefault(target.getQName(), List.of());
                value = members.isEmpty() ? value(target) : substitutionGroup(target, members);
            }
            String doc = XsdValues.documentation(element);
            if (doc != null) {
                value.description(doc);
            }
            Occurs total = occurs.times(element.getMinOccurs(), element.getMaxOccurs());
            SchemaModel schema = value.location(context.here()).build();
            if (total.max() > 1) {
                SchemaModel.Builder array = SchemaModel.builder(Kind.ARRAY).items(schema).location(schema.location())
                        .description(schema.description());
                if (total.min() > 0 && !total.optional()) {
                    array.constraint("minItems", total.min());
                }
                if (total.max() < Long.MAX_VALUE) {
                    array.constraint("maxItems", total.max());
                }
                schema = array.build();
            }
            if (object.hasProperty(name)) {
                collision(name);
            }
            object.property(name, schema);
            if (!total.optional() && total.min() > 0) {
                object.required(name);
            }
        } finally {
            context.leave();
        }
    }

    @Override
    public void any(XmlSchemaAny any, SchemaModel.Builder object, Occurs occurs) {
        complexTypes.wildcard(object);
    }

    /** Records the properties a base type gave the type being inlined; see {@link XsdGeneralContent#apply}. */
    void inherit(SchemaModel base) {
        if (!inlining.isEmpty()) {
            base.properties().forEach(inlining.peek().inherited::property);
            base.required().forEach(inlining.peek().inherited::required);
        }
    }

    @Override
    public void repeated(List<String> elements, boolean required) {
        if (!inlining.isEmpty()) {
            inlining.peek().repeated.add(new XsdGeneralContent.Group(List.copyOf(elements), required, context.here()));
        }
    }

    @Override
    public void collision(String name) {
        if (!inlining.isEmpty()) {
            inlining.peek().collided = true;
        }
    }

    /** Maps a declared element's value: its type, nillable, default, fixed and documentation. */
    private SchemaModel.Builder value(XmlSchemaElement target) {
        SchemaModel.Builder value = target.getSchemaType() == null && target.getSchemaTypeName() != null
                ? typeByName(target.getSchemaTypeName())
                : type(typeOf(target), target.isTopLevel() ? target : null);
        String doc = XsdValues.documentation(target);
        if (doc != null) {
            value.description(doc);
        }
        complexTypes.defaults(value, target.getDefaultValue(), target.getFixedValue());
        if (target.isNillable()) {
            value.nullable(true);
            if (!value.enumValues().isEmpty()) {
                value.enumValue(null);
            }
        }
        return value;
    }

    /**
     * Returns the value of a reference to a substitution group head: {@code oneOf} one object per element it
     * may be (the head unless abstract, and every member, transitively), named after that element, as the
     * runtime reads and writes them; JSON has no other place for the element's name, which XML keeps.
     */
    private SchemaModel.Builder substitutionGroup(XmlSchemaElement head, List<XmlSchemaElement> members) {
        List<XmlSchemaElement> candidates = new ArrayList<>();
        if (!head.isAbstract()) {
            candidates.add(head);
        }
        candidates.addAll(members);
        SchemaModel.Builder b = SchemaModel.builder(Kind.ANY);
        for (XmlSchemaElement member : candidates) {
            context.global(member.getParent(), "element", member.getName());
            try {
                b.oneOf(named(member.getName(), value(member).location(context.here()).build()));
            } finally {
                context.leave();
            }
        }
        return b;
    }

    /** Returns the object holding one element: {@code {"<name>": value}}, nothing else. */
    static SchemaModel named(String name, SchemaModel value) {
        return SchemaModel.builder(Kind.OBJECT).property(name, value).required(name).constraint("maxProperties", 1L)
                .location(value.location()).build();
    }

    /** Returns each substitution group head's members, transitively, in document order (schemas in collection order). */
    private Map<QName, List<XmlSchemaElement>> substitutes() {
        if (substitutes == null) {
            Map<QName, List<XmlSchemaElement>> direct = new HashMap<>();
            for (XmlSchema schema : context.schemas.getXmlSchemas()) {
                for (Object item : schema.getItems()) { // document order
                    if (item instanceof XmlSchemaElement e && e.getSubstitutionGroup() != null) {
                        direct.computeIfAbsent(e.getSubstitutionGroup(), k -> new ArrayList<>()).add(e);
                    }
                }
            }
            substitutes = new HashMap<>();
            for (QName head : direct.keySet()) {
                List<XmlSchemaElement> all = new ArrayList<>();
                collect(head, direct, all, new HashSet<>());
                substitutes.put(head, all);
            }
        }
        return substitutes;
    }

    private static void collect(QName head, Map<QName, List<XmlSchemaElement>> direct, List<XmlSchemaElement> into,
            Set<QName> seen) {
        for (XmlSchemaElement e : direct.getOrDefault(head, List.of())) {
            if (seen.add(e.getQName())) {
                into.add(e);
                collect(e.getQName(), direct, into, seen);
            }
        }
    }
}
