package dev.imcp.runtime.upstream;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.AnnotatedField;
import com.fasterxml.jackson.databind.introspect.NopAnnotationIntrospector;
import com.fasterxml.jackson.databind.jsontype.TypeDeserializer;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import jakarta.xml.bind.JAXBElement;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlElementDecl;
import jakarta.xml.bind.annotation.XmlElementRef;
import jakarta.xml.bind.annotation.XmlElementRefs;
import jakarta.xml.bind.annotation.XmlElements;
import jakarta.xml.bind.annotation.XmlMixed;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlSeeAlso;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.namespace.QName;

/**
 * JSON for the JAXB properties whose XML element name is part of the value, which JSON has no other place for:
 * each element is an object with one property, named after the element's local name, whose value is the
 * element's content ({@code {"circle": {"radius": 2}}}); a list of them is an array of such objects.
 *
 * <p>The properties (as XJC generates them from XML Schema, Jakarta XML Binding 4.0 section 6.12):
 * <ul>
 *   <li>{@code @XmlElementRefs} or {@code @XmlElements} lists: a repeated sequence or choice of several
 *       elements, and XJC's general content property ({@code content}, {@code rest}); the items keep their
 *       document order.</li>
 *   <li>{@code @XmlElementRef} to a substitution group head, typed {@code JAXBElement<? extends T>} or a list of
 *       them: the item is named after the member element it is (section 6.7.4), the head's own name included
 *       when it is not abstract.</li>
 * </ul>
 * Which names a property accepts comes from its annotations and from the {@code @XmlElementDecl}s of the
 * {@code ObjectFactory} classes in reach (of the declaring class's package, the referenced types' packages
 * and the packages of their {@code @XmlSeeAlso} classes): a decl scoped to the declaring class, else a
 * global one, and every decl whose substitution head is one of them, transitively. A JSON {@code null} for an
 * element is {@code xsi:nil}. Text of mixed content ({@code @XmlMixed}) is a bare JSON string; elements a
 * wildcard kept as DOM nodes are not written (they have no JSON form), and an unknown name is a mapping error
 * that lists the names the property accepts.
 *
 * <p>Optional nillable elements ({@code JAXBElement<T>} with a fixed {@code T}) are not handled here but by
 * {@link JaxbValues}: their name is the property's own.
 */
final class JaxbElementGroups extends NopAnnotationIntrospector {

    private static final long serialVersionUID = 1L;

    /** One element a property may hold: its name, the Java type of its content, and whether it is a JAXBElement. */
    private record Target(QName name, Class<?> type, boolean element) {
    }

    @Override
    public Object findSerializer(Annotated a) {
        Field field = groupField(a);
        return field == null ? null : new Writer(field, targets(field));
    }

    @Override
    public Object findDeserializer(Annotated a) {
        Field field = groupField(a);
        return field == null ? null : new Reader(field, targets(field));
    }

    /** Returns the field behind {@code a} when it holds named elements, else {@code null}. */
    private static Field groupField(Annotated a) {
        if (!(a instanceof AnnotatedField f)) {
            return null;
        }
        Field field = f.getAnnotated();
        if (field.isAnnotationPresent(XmlElementRefs.class) || field.isAnnotationPresent(XmlElements.class)) {
            return field;
        }
        if (field.isAnnotationPresent(XmlElementRef.class)) {
            Type content = Collection.class.isAssignableFrom(field.getType()) ? typeArgument(field.getGenericType())
                    : field.getGenericType();
            // a list of elements, or a substitution group head: JAXBElement<? extends T>
            return Collection.class.isAssignableFrom(field.getType()) || wildcard(content) ? field : null;
        }
        return null;
    }

    /** Returns the elements {@code field} may hold, by local name, in annotation order. */
    private static Map<String, Target> targets(Field field) {
        Class<?> owner = field.getDeclaringClass();
        Map<String, Target> targets = new LinkedHashMap<>();
        Set<Class<?>> reach = new LinkedHashSet<>(List.of(owner));
        List<XmlElementRef> refs = new ArrayList<>();
        if (field.getAnnotation(XmlElementRefs.class) != null) {
            refs.addAll(List.of(field.getAnnotation(XmlElementRefs.class).value()));
        }
        if (field.getAnnotation(XmlElementRef.class) != null) {
            refs.add(field.getAnnotation(XmlElementRef.class));
            Type content = Collection.class.isAssignableFrom(field.getType()) ? typeArgument(field.getGenericType())
                    : field.getGenericType();
            Class<?> bound = raw(typeArgument(content));
            if (bound != null) {
                reach.add(bound);
            }
        }
        if (field.getAnnotation(XmlElements.class) != null) {
            for (XmlElement e : field.getAnnotation(XmlElements.class).value()) {
                Class<?> type = e.type() == XmlElement.DEFAULT.class ? Object.class : e.type();
                targets.putIfAbsent(e.name(), new Target(new QName(namespace(e.namespace()), e.name()), type, false));
            }
        }
        for (XmlElementRef ref : refs) {
            if (ref.type() != JAXBElement.class && ref.type() != XmlElementRef.DEFAULT.class) {
                XmlRootElement root = ref.type().getAnnotation(XmlRootElement.class);
                String name = !"##default".equals(ref.name()) ? ref.name()
                        : root != null && !"##default".equals(root.name()) ? root.name()
                        : java.beans.Introspector.decapitalize(ref.type().getSimpleName());
                targets.putIfAbsent(name, new Target(new QName(namespace(ref.namespace()), name), ref.type(), false));
                reach.add(ref.type());
            }
        }
        List<Decl> decls = decls(reach);
        for (XmlElementRef ref : refs) {
            if (ref.type() == JAXBElement.class || ref.type() == XmlElementRef.DEFAULT.class) {
                Decl decl = find(decls, ref.namespace(), ref.name(), owner);
                if (decl != null) {
                    targets.putIfAbsent(decl.name.getLocalPart(), new Target(decl.name, decl.type, true));
                    members(decls, decl.name, targets);
                }
            }
        }
        return targets;
    }

    /** An {@code @XmlElementDecl} factory method: the element, its content type, scope and substitution head. */
    private record Decl(QName name, Class<?> type, Class<?> scope, QName head) {
    }

    /** Returns the element decls of the {@code ObjectFactory} classes of every package {@code reach} leads to. */
    private static List<Decl> decls(Set<Class<?>> reach) {
        Set<Class<?>> seen = new LinkedHashSet<>();
        Deque<Class<?>> todo = new ArrayDeque<>(reach);
        Set<String> packages = new LinkedHashSet<>();
        ClassLoader loader = reach.iterator().next().getClassLoader();
        while (!todo.isEmpty()) {
            Class<?> c = todo.pop();
            if (c == null || c == Object.class || !seen.add(c)) {
                continue;
            }
            packages.add(c.getPackageName());
            XmlSeeAlso also = c.getAnnotation(XmlSeeAlso.class);
            if (also != null) {
                todo.addAll(List.of(also.value()));
            }
            todo.push(c.getSuperclass());
        }
        List<Decl> decls = new ArrayList<>();
        for (String p : packages) {
            Class<?> factory;
            try {
                factory = Class.forName(p.isEmpty() ? "ObjectFactory" : p + ".ObjectFactory", false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                continue;
            }
            // getMethods() has no defined order; by name, the elements a caller is told about come in a stable order
            Method[] methods = factory.getMethods();
            java.util.Arrays.sort(methods, java.util.Comparator.comparing(Method::getName));
            for (Method m : methods) {
                XmlElementDecl d = m.getAnnotation(XmlElementDecl.class);
                if (d != null && m.getParameterCount() == 1) {
                    QName head = "".equals(d.substitutionHeadName()) ? null
                            : new QName(namespace(d.substitutionHeadNamespace()), d.substitutionHeadName());
                    decls.add(new Decl(new QName(namespace(d.namespace()), d.name()), m.getParameterTypes()[0],
                            d.scope(), head));
                }
            }
        }
        return decls;
    }

    /** The decl of element {@code ns:name} as seen from {@code owner}: scoped to it or a superclass, else global. */
    private static Decl find(List<Decl> decls, String ns, String name, Class<?> owner) {
        Decl global = null;
        for (Decl d : decls) {
            if (d.name.getLocalPart().equals(name) && ("##default".equals(ns) || d.name.getNamespaceURI().equals(ns))) {
                if (d.scope == XmlElementDecl.GLOBAL.class) {
                    global = global == null ? d : global;
                } else if (d.scope.isAssignableFrom(owner)) {
                    return d;
                }
            }
        }
        return global;
    }

    /** Adds every global decl that substitutes for {@code head}, transitively. */
    private static void members(List<Decl> decls, QName head, Map<String, Target> targets) {
        for (Decl d : decls) {
            if (head.equals(d.head) && d.scope == XmlElementDecl.GLOBAL.class
                    && targets.putIfAbsent(d.name.getLocalPart(), new Target(d.name, d.type, true)) == null) {
                members(decls, d.name, targets);
            }
        }
    }

    /** Writes the property: one single-key object per element, in an array when the field is a list. */
    private static final class Writer extends JsonSerializer<Object> {
        private final Field field;
        private final Map<String, Target> targets;

        Writer(Field field, Map<String, Target> targets) {
            this.field = field;
            this.targets = targets;
        }

        @Override
        public void serialize(Object value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            if (value instanceof Collection<?> items) {
                gen.writeStartArray();
                for (Object item : items) {
                    item(item, gen, provider, true);
                }
                gen.writeEndArray();
            } else {
                item(value, gen, provider, false);
            }
        }

        @Override
        public void serializeWithType(Object value, JsonGenerator gen, SerializerProvider provider,
                TypeSerializer typeSer) throws IOException {
            serialize(value, gen, provider); // the element name is the type information
        }

        private void item(Object item, JsonGenerator gen, SerializerProvider provider, boolean inList)
                throws IOException {
            if (item instanceof String text && field.isAnnotationPresent(XmlMixed.class)) {
                gen.writeString(text);
                return;
            }
            String name;
            Object content = item;
            if (item instanceof JAXBElement<?> e) {
                name = e.getName().getLocalPart();
                content = e.isNil() ? null : e.getValue();
            } else {
                name = nameOf(item);
                if (name == null) {
                    if (inList) {
                        return; // a wildcard's DOM node: no JSON form
                    }
                    provider.reportMappingProblem("%s.%s holds a %s, which no element of it declares",
                            field.getDeclaringClass().getName(), field.getName(), item.getClass().getName());
                }
            }
            gen.writeStartObject();
            gen.writeFieldName(name);
            if (content == null) {
                gen.writeNull();
            } else {
                provider.defaultSerializeValue(content, gen);
            }
            gen.writeEndObject();
        }

        private String nameOf(Object item) {
            for (Target t : targets.values()) {
                if (!t.element && t.type.isInstance(item)) {
                    return t.name.getLocalPart();
                }
            }
            return null;
        }
    }

    /** Reads the property from the form {@link Writer} writes. */
    private static final class Reader extends JsonDeserializer<Object> {
        private final Field field;
        private final Map<String, Target> targets;

        Reader(Field field, Map<String, Target> targets) {
            this.field = field;
            this.targets = targets;
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (!Collection.class.isAssignableFrom(field.getType())) {
                return item(p, ctxt);
            }
            if (!p.isExpectedStartArrayToken()) {
                return ctxt.handleUnexpectedToken(field.getType(), p);
            }
            List<Object> items = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) {
                items.add(item(p, ctxt));
            }
            return items;
        }

        @Override
        public Object deserializeWithType(JsonParser p, DeserializationContext ctxt, TypeDeserializer typeDeserializer)
                throws IOException {
            return deserialize(p, ctxt); // the element name is the type information
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        private Object item(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() == JsonToken.VALUE_STRING && field.isAnnotationPresent(XmlMixed.class)) {
                return p.getText();
            }
            if (p.currentToken() != JsonToken.START_OBJECT || p.nextToken() != JsonToken.FIELD_NAME) {
                throw JsonMappingException.from(p, "expected an object with one property, named after its element,"
                        + " one of " + targets.keySet());
            }
            String name = p.currentName();
            Target target = targets.get(name);
            if (target == null) {
                throw JsonMappingException.from(p, "'" + name + "' is not an element here; expected one of "
                        + targets.keySet());
            }
            p.nextToken();
            Object content = p.currentToken() == JsonToken.VALUE_NULL ? null : ctxt.readValue(p, target.type);
            if (p.nextToken() != JsonToken.END_OBJECT) {
                throw JsonMappingException.from(p, "an element object has exactly one property; '" + name
                        + "' has more");
            }
            if (!target.element) {
                return content;
            }
            JAXBElement element = new JAXBElement(target.name, target.type, content);
            element.setNil(content == null);
            return element;
        }

        @Override
        public Object getNullValue(DeserializationContext ctxt) {
            return null;
        }
    }

    private static Type typeArgument(Type type) {
        return type instanceof ParameterizedType p && p.getActualTypeArguments().length == 1
                ? p.getActualTypeArguments()[0] : null;
    }

    private static boolean wildcard(Type jaxbElement) {
        return typeArgument(jaxbElement) instanceof WildcardType;
    }

    private static Class<?> raw(Type type) {
        return switch (type) {
            case Class<?> c -> c;
            case ParameterizedType p -> raw(p.getRawType());
            case WildcardType w -> w.getUpperBounds().length == 1 ? raw(w.getUpperBounds()[0]) : null;
            case null, default -> null;
        };
    }

    private static String namespace(String ns) {
        return "##default".equals(ns) ? "" : ns;
    }
}
