package dev.imcp.codegen.wsdl;

import dev.imcp.codegen.model.SchemaModel;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.xml.namespace.QName;
import org.apache.ws.commons.schema.XmlSchemaComplexType;

/**
 * The complex types of one contract that contain themselves, kept as named definitions ({@code $defs}, JSON
 * Schema 2020-12 Core, section 8.2.4) that {@link SchemaModel.Kind#REF} nodes stand for.
 *
 * <p>How a type becomes one: while a complex type is mapped it is "in progress"; meeting it again before it is
 * done (through an element, an element reference, a substitution group member or an array, directly or through
 * other types) means it contains itself ({@link #cut}), so that occurrence becomes a reference and, once the
 * outer occurrence is done ({@link #leave}), its content is kept as the definition and that occurrence becomes
 * a reference too. From then on every occurrence in the contract is a reference to the same definition
 * ({@link #defined}), so a name always means one schema. A type that never meets itself stays inline, as
 * before: only recursion costs a {@code $defs} entry. A definition's content may refer to other definitions (the
 * types it was mapped inside of, when they contain it and it contains them), which {@link #reachable} follows.
 *
 * <p>A type is known by its QName; an anonymous type (which only a global element's declaration can bring
 * back, through {@code <xsd:element ref>}) by its identity, named after that element. Names are the XSD local
 * names, characters outside {@code [A-Za-z0-9._-]} replaced by {@code _}, made unique with a number in the
 * order types are met, which is the contract's order.
 */
final class XsdDefinitions {

    /** Tells an anonymous type apart from an equal-looking one: XmlSchema's types compare by content. */
    private record Anonymous(XmlSchemaComplexType type) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Anonymous a && a.type == type;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(type);
        }
    }

    private final Set<Object> inProgress = new HashSet<>();
    private final Set<Object> recursive = new HashSet<>();
    private final Map<Object, String> names = new HashMap<>();
    private final Set<String> taken = new HashSet<>();
    private final Map<String, SchemaModel> bodies = new HashMap<>();

    /** Returns the key {@code type} is known by. */
    static Object key(XmlSchemaComplexType type) {
        QName name = type.getQName();
        return name != null ? name : new Anonymous(type);
    }

    /**
     * Returns the definition name of {@code key} when it is being mapped: it contains itself, so this occurrence
     * is a reference, and the type becomes a definition once its outer occurrence is done ({@link #leave}).
     *
     * @param key the type's {@link #key}
     * @param hint the name to derive the definition's name from (XSD local name)
     * @return the definition's name, or {@code null} when {@code key} is not being mapped
     */
    String cut(Object key, String hint) {
        if (!inProgress.contains(key)) {
            return null;
        }
        recursive.add(key);
        return name(key, hint);
    }

    /** Returns the definition name of {@code key} when it already is a definition, else {@code null}. */
    String defined(Object key) {
        String name = names.get(key);
        return name != null && bodies.containsKey(name) ? name : null;
    }

    /** Marks {@code key} as being mapped; pair with {@link #leave}. */
    void enter(Object key) {
        inProgress.add(key);
    }

    /**
     * Marks {@code key} as mapped.
     *
     * @param key the type's key
     * @param body the type's content, mapped; {@code null} when it could not be
     * @return the definition's name when the type met itself while mapped, else {@code null}; its definition is
     *     {@code body} unless it already had one (the first mapping of a type is the one kept, so a name always
     *     means one schema)
     */
    String leave(Object key, SchemaModel body) {
        inProgress.remove(key);
        if (!recursive.remove(key) || body == null) {
            return null;
        }
        String name = names.get(key);
        bodies.putIfAbsent(name, body);
        return name;
    }

    /** Returns the definition named {@code name}. */
    SchemaModel body(String name) {
        SchemaModel body = bodies.get(name);
        if (body == null) {
            throw new IllegalStateException("definition " + name + " is referenced before it is mapped");
        }
        return body;
    }

    /** Returns the definitions {@code schema} reaches, transitively, by name. */
    Map<String, SchemaModel> reachable(SchemaModel schema) {
        Map<String, SchemaModel> reached = new TreeMap<>();
        Deque<String> todo = new ArrayDeque<>(schema.references());
        while (!todo.isEmpty()) {
            String name = todo.pop();
            if (!reached.containsKey(name)) {
                SchemaModel body = body(name);
                reached.put(name, body);
                todo.addAll(body.references());
            }
        }
        return reached;
    }

    private String name(Object key, String hint) {
        return names.computeIfAbsent(key, k -> {
            String base = (hint == null || hint.isEmpty() ? "Type" : hint).replaceAll("[^A-Za-z0-9._-]", "_");
            String candidate = base;
            for (int i = 2; !taken.add(candidate); i++) {
                candidate = base + i;
            }
            return candidate;
        });
    }
}
