package dev.imcp.codegen.wsdl;

import dev.imcp.codegen.model.SchemaModel;
import dev.imcp.codegen.model.SchemaModel.Kind;
import dev.imcp.codegen.model.SourceLocation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Publishes the elements JAXB keeps in one list (a general content property, Jakarta XML Binding 4.0, section
 * 6.12.5.2) the way the runtime reads and writes that list: one array property named after XJC's field
 * ({@link JaxbFields}), whose items are objects of one property named after their element
 * ({@code "keyAndValue": [{"key": "a"}, {"value": 1}]}), in document order. Such a list is what XJC makes of a
 * sequence or choice that repeats and holds several elements, and, when element names collide, of a type's whole
 * content ({@code content}) or an extension's ({@code rest}).
 *
 * <p>The elements, first mapped one property each, are replaced by the list: an item is {@code oneOf} an object
 * per element (a substitution group head's members each count as one), the element's schema as its only
 * property's; text of mixed content is a bare string. The list is required, with {@code minItems: 1}, when one
 * of the elements was or the repeated group must occur. A repeated group whose list cannot be found in the generated classes (no Java compiler
 * to read them with, or an anonymous local type whose field name is ambiguous) is not published, with a
 * {@code WSDL_UNSUPPORTED_SCHEMA} warning at the group: the separate arrays it would otherwise be are names the
 * runtime does not read.
 */
final class XsdGeneralContent {

    /** A repeated group of several elements met while a type was mapped, whether it must occur, and where. */
    record Group(List<String> elements, boolean required, SourceLocation at) {
    }

    private final JaxbFields jaxb;
    private final XsdContext context;

    XsdGeneralContent(JaxbFields jaxb, XsdContext context) {
        this.jaxb = jaxb;
        this.context = context;
    }

    /**
     * Replaces the elements of {@code object} that the JAXB class {@code javaClass} holds in general content
     * lists by those lists.
     *
     * @param javaClass the qualified name of the type's class, or {@code null} when unknown (anonymous local type)
     * @param repeated the repeated groups met while the type was mapped
     * @param inherited the properties its base type contributed (an object), which stay what they are: XJC's
     *     {@code rest} holds only the extension's elements, also those named like a base's
     * @param object the type's object, its elements mapped one property each
     */
    void apply(String javaClass, List<Group> repeated, SchemaModel inherited, SchemaModel.Builder object) {
        List<JaxbFields.Field> fields = new ArrayList<>(jaxb.fields(javaClass));
        for (Group g : repeated) {
            if (fields.stream().noneMatch(f -> names(f).containsAll(g.elements()))) {
                JaxbFields.Field found = javaClass == null ? unique(g) : null;
                if (found != null) {
                    fields.add(found);
                } else {
                    drop(g, object);
                }
            }
        }
        for (JaxbFields.Field f : fields) {
            replace(f, repeated.stream().anyMatch(g -> g.required() && names(f).containsAll(g.elements())), inherited,
                    object);
        }
    }

    /** The one general content field of any class that holds exactly {@code g}'s elements, or {@code null}. */
    private JaxbFields.Field unique(Group g) {
        Set<String> names = new HashSet<>();
        JaxbFields.Field found = null;
        for (List<JaxbFields.Field> fields : jaxb.all().values()) {
            for (JaxbFields.Field f : fields) {
                if (names(f).equals(new LinkedHashSet<>(g.elements())) && names.add(f.name())) {
                    found = f;
                }
            }
        }
        return names.size() == 1 ? found : null;
    }

    private void drop(Group g, SchemaModel.Builder object) {
        g.elements().forEach(object::removeProperty);
        context.warnAt(g.at(), "a repeated sequence or choice of " + String.join(", ", g.elements())
                + " is one list in JAXB, whose Java field could not be found in the generated classes; "
                + "it is not published");
    }

    private static void replace(JaxbFields.Field field, boolean groupRequired, SchemaModel inherited,
            SchemaModel.Builder object) {
        SchemaModel current = object.build();
        List<SchemaModel> alternatives = new ArrayList<>();
        boolean required = groupRequired;
        String first = null;
        for (String name : names(field)) {
            SchemaModel p = current.properties().get(name);
            if (p == null) {
                continue; // not published (an unresolved reference)
            }
            if (first == null && !inherited.properties().containsKey(name)) {
                first = name;
            }
            required |= current.required().contains(name) && !inherited.required().contains(name);
            SchemaModel item = p.kind() == Kind.ARRAY && p.items() != null ? p.items() : p;
            if (named(item)) {
                alternatives.addAll(item.oneOf());
            } else {
                alternatives.add(XsdSchemaMapper.named(name, item));
            }
        }
        if (alternatives.isEmpty()) {
            return;
        }
        if (field.mixed()) {
            alternatives.add(SchemaModel.builder(Kind.STRING).build());
        }
        SchemaModel.Builder items = SchemaModel.builder(Kind.ANY);
        alternatives.forEach(items::oneOf);
        SchemaModel.Builder list = SchemaModel.builder(Kind.ARRAY)
                .items(alternatives.size() == 1 ? alternatives.getFirst() : items.build());
        if (required) {
            list.constraint("minItems", 1L);
        }
        // the list takes the place of its first element; the others are removed, but a base type's property
        // of the same name stays the base's
        Map<String, SchemaModel> properties = new LinkedHashMap<>(current.properties());
        Set<String> held = names(field);
        properties.keySet().forEach(object::removeProperty);
        for (Map.Entry<String, SchemaModel> e : properties.entrySet()) {
            String name = e.getKey();
            if (name.equals(first)) {
                object.property(field.name(), list.location(e.getValue().location()).build());
                if (required) {
                    object.required(field.name());
                }
            } else if (!held.contains(name) || inherited.properties().containsKey(name)) {
                boolean base = held.contains(name);
                object.property(name, base ? inherited.properties().get(name) : e.getValue());
                if (base ? inherited.required().contains(name) : current.required().contains(name)) {
                    object.required(name);
                }
            }
        }
        if (first == null) {
            object.property(field.name(), list.build());
            if (required) {
                object.required(field.name());
            }
        }
    }

    /** Whether {@code item} already names its element: a substitution group head's {@code oneOf} of members. */
    private static boolean named(SchemaModel item) {
        return item.kind() == Kind.ANY && !item.oneOf().isEmpty() && item.oneOf().stream().allMatch(a ->
                a.kind() == Kind.OBJECT && a.properties().size() == 1 && Long.valueOf(1).equals(a.constraints().get("maxProperties")));
    }

    private static Set<String> names(JaxbFields.Field f) {
        Set<String> names = new LinkedHashSet<>();
        f.elements().forEach(e -> names.add(e.getLocalPart()));
        names.remove("");
        return names;
    }
}
