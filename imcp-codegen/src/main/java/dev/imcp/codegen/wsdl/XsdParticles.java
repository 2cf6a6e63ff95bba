package dev.imcp.codegen.wsdl;

import dev.imcp.codegen.model.SchemaModel;
import dev.imcp.codegen.model.SchemaModel.Kind;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.ws.commons.schema.XmlSchema;
import org.apache.ws.commons.schema.XmlSchemaAll;
import org.apache.ws.commons.schema.XmlSchemaAny;
import org.apache.ws.commons.schema.XmlSchemaChoice;
import org.apache.ws.commons.schema.XmlSchemaElement;
import org.apache.ws.commons.schema.XmlSchemaGroup;
import org.apache.ws.commons.schema.XmlSchemaGroupRef;
import org.apache.ws.commons.schema.XmlSchemaParticle;
import org.apache.ws.commons.schema.XmlSchemaSequence;

/**
 * Maps content models (XML Schema 1.0 Part 1, section 3.8: sequence, choice, all, group references,
 * wildcards) onto the properties of an object, as JAXB binds them: one property per child element.
 *
 * <ul>
 * <li>Occurrences multiply down the particles: an element is an array when its own {@code maxOccurs}
 *     times its enclosing particles' exceeds 1, with {@code minItems}/{@code maxItems} the products
 *     ({@code maxOccurs="4"} gives {@code "maxItems": 4}); it is required when every enclosing particle
 *     and the element have {@code minOccurs >= 1} and it is not a choice alternative.
 * <li>{@code xsd:sequence} and {@code xsd:all}: the members' properties in document order.
 * <li>{@code xsd:choice} (occurring at most once): every alternative's properties are listed, optional,
 *     and a {@code oneOf} lists the alternatives, each an object requiring its branch's required
 *     properties. When an alternative has more than one property or an optional one, each alternative
 *     also forbids the properties only other alternatives have ({@code not: {anyOf: [{required: [p]}]}}),
 *     since a JSON object has no order to tell branches apart. An optional choice adds the alternative
 *     "none of them". When two alternatives can both be empty, {@code anyOf} replaces {@code oneOf}
 *     (an empty object would match both, and XSD accepts it). A second choice in the same object goes
 *     under {@code allOf}.
 * <li>A sequence or choice that may repeat and has more than one element is bound by JAXB to a single
 *     general content list (Jakarta XML Binding 4.0, section 6.12.5.2), whose items keep their order and
 *     their element names: its elements are mapped here as arrays and reported to
 *     {@link Members#repeated}, which replaces them by that list ({@link XsdGeneralContent}); so is a second
 *     element of the same name ({@link Members#collision}), after which XJC keeps the content in one list too.
 * </ul>
 */
final class XsdParticles {

    /** The multiplied occurrence bounds of the particles enclosing a member. */
    record Occurs(long min, long max, boolean optional) {
        static final Occurs ONCE = new Occurs(1, 1, false);

        Occurs times(long pMin, long pMax) {
            long product = max == Long.MAX_VALUE || pMax == Long.MAX_VALUE ? Long.MAX_VALUE : max * pMax;
            return new Occurs(min * pMin, product, optional || pMin == 0);
        }
    }

    /** Maps one child element into an object: implemented by the element mapper. */
    interface Members {
        /** Adds the property for {@code element}, occurring as {@code occurs} says, to {@code object}. */
        void element(XmlSchemaElement element, SchemaModel.Builder object, Occurs occurs);

        /** Records that {@code object} admits elements a wildcard matches. */
        void any(XmlSchemaAny any, SchemaModel.Builder object, Occurs occurs);

        /**
         * Records that the elements named {@code elements} (local names, in schema order) repeat together, as one
         * sequence or choice, so JAXB holds them in one list.
         *
         * @param elements the elements' local names
         * @param required whether the group must occur at least once
         */
        void repeated(List<String> elements, boolean required);

        /** Records that a second property named {@code name} was added to the object being mapped. */
        void collision(String name);
    }

    private final XsdContext context;
    private final Members members;

    XsdParticles(XsdContext context, Members members) {
        this.context = context;
        this.members = members;
    }

    /** Adds the properties and constraints of {@code particle} to {@code object}. */
    void particle(XmlSchemaParticle particle, SchemaModel.Builder object, Occurs occurs) {
        switch (particle) {
            case null -> { }
            case XmlSchemaElement e -> members.element(e, object, occurs);
            case XmlSchemaAny any -> members.any(any, object, occurs);
            case XmlSchemaSequence seq -> group(seq.getItems(), seq, object, occurs.times(seq.getMinOccurs(),
                    seq.getMaxOccurs()));
            case XmlSchemaAll all -> group(all.getItems(), all, object, occurs.times(all.getMinOccurs(),
                    all.getMaxOccurs()));
            case XmlSchemaChoice choice -> choice(choice, object, occurs);
            case XmlSchemaGroupRef ref -> {
                XmlSchemaGroup group = group(ref.getRefName());
                XmlSchemaParticle content = ref.getParticle() != null ? ref.getParticle()
                        : group == null ? null : group.getParticle();
                if (content == null) {
                    context.warn("group " + ref.getRefName() + " cannot be resolved and is not published");
                    return;
                }
                context.global(group == null ? null : group.getParent(), "group", ref.getRefName().getLocalPart());
                try {
                    particle(content, object, occurs.times(ref.getMinOccurs(), ref.getMaxOccurs()));
                } finally {
                    context.leave();
                }
            }
            default -> context.warn("a " + particle.getClass().getSimpleName() + " particle is not published");
        }
    }

    private XmlSchemaGroup group(javax.xml.namespace.QName name) {
        if (name == null) {
            return null;
        }
        for (XmlSchema schema : context.schemas.getXmlSchemas()) {
            if (name.getNamespaceURI().equals(schema.getTargetNamespace() == null ? "" : schema.getTargetNamespace())
                    && schema.getGroupByName(name) != null) {
                return schema.getGroupByName(name);
            }
        }
        return null;
    }

    private void group(List<? extends Object> items, XmlSchemaParticle owner, SchemaModel.Builder object,
            Occurs occurs) {
        if (owner.getMaxOccurs() > 1 && items.size() > 1) {
            List<String> names = new ArrayList<>();
            items.forEach(i -> elements(i, names));
            members.repeated(names, occurs.min() > 0 && !occurs.optional());
        }
        for (Object item : items) {
            if (item instanceof XmlSchemaParticle p) {
                particle(p, object, occurs);
            }
        }
    }

    /** Adds the local names of the elements {@code item} holds, in schema order, to {@code names}. */
    private void elements(Object item, List<String> names) {
        switch (item) {
            case XmlSchemaElement e -> names.add(e.isRef() ? e.getRef().getTargetQName().getLocalPart() : e.getName());
            case XmlSchemaSequence seq -> seq.getItems().forEach(i -> elements(i, names));
            case XmlSchemaChoice c -> c.getItems().forEach(i -> elements(i, names));
            case XmlSchemaAll all -> all.getItems().forEach(i -> elements(i, names));
            case XmlSchemaGroupRef ref -> {
                XmlSchemaGroup group = group(ref.getRefName());
                XmlSchemaParticle content = ref.getParticle() != null ? ref.getParticle()
                        : group == null ? null : group.getParticle();
                if (content != null) {
                    elements(content, names);
                }
            }
            default -> { }
        }
    }

    private void choice(XmlSchemaChoice choice, SchemaModel.Builder object, Occurs outer) {
        Occurs occurs = outer.times(choice.getMinOccurs(), choice.getMaxOccurs());
        List<XmlSchemaParticle> items = new ArrayList<>();
        choice.getItems().forEach(i -> {
            if (i instanceof XmlSchemaParticle p) {
                items.add(p);
            }
        });
        if (occurs.max() > 1) {
            if (items.size() > 1) {
                List<String> names = new ArrayList<>();
                items.forEach(i -> elements(i, names));
                members.repeated(names, occurs.min() > 0 && !occurs.optional());
            }
            Occurs each = new Occurs(0, occurs.max(), true);
            items.forEach(p -> particle(p, object, each));
            return;
        }
        List<SchemaModel> branches = new ArrayList<>();
        for (XmlSchemaParticle item : items) {
            SchemaModel.Builder branch = SchemaModel.builder(Kind.OBJECT);
            particle(item, branch, Occurs.ONCE);
            SchemaModel b = branch.build();
            b.properties().forEach((name, schema) -> {
                if (object.hasProperty(name)) {
                    members.collision(name);
                }
                object.property(name, schema);
            });
            branches.add(b);
        }
        boolean exact = branches.stream().allMatch(b -> b.properties().size() == 1 && b.required().size() == 1);
        int empty = 0;
        Set<String> all = new LinkedHashSet<>();
        branches.forEach(b -> all.addAll(b.properties().keySet()));
        List<SchemaModel> alternatives = new ArrayList<>();
        for (SchemaModel b : branches) {
            SchemaModel.Builder alt = SchemaModel.builder(Kind.OBJECT);
            b.required().forEach(alt::required);
            b.oneOf().forEach(alt::oneOf);
            b.anyOf().forEach(alt::anyOf);
            b.allOf().forEach(alt::allOf);
            if (!exact) {
                List<String> others = all.stream().filter(p -> !b.properties().containsKey(p)).toList();
                if (!others.isEmpty()) {
                    alt.not(anyPresent(others));
                }
            }
            empty += b.required().isEmpty() ? 1 : 0;
            alternatives.add(alt.build());
        }
        if (occurs.optional() && empty == 0 && !all.isEmpty()) {
            alternatives.add(SchemaModel.builder(Kind.OBJECT).not(anyPresent(List.copyOf(all))).build());
        }
        if (alternatives.isEmpty()) {
            return;
        }
        if (empty < 2 && !object.hasOneOf()) {
            alternatives.forEach(object::oneOf);
            return;
        }
        SchemaModel.Builder composite = SchemaModel.builder(Kind.ANY);
        alternatives.forEach(empty < 2 ? composite::oneOf : composite::anyOf);
        object.allOf(composite.build());
    }

    /** Returns a schema that an object with any of {@code names} matches. */
    private static SchemaModel anyPresent(List<String> names) {
        if (names.size() == 1) {
            return SchemaModel.builder(Kind.OBJECT).required(names.getFirst()).build();
        }
        SchemaModel.Builder any = SchemaModel.builder(Kind.ANY);
        names.forEach(n -> any.anyOf(SchemaModel.builder(Kind.OBJECT).required(n).build()));
        return any.build();
    }
}
