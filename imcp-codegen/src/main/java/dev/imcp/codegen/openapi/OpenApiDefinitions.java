package dev.imcp.codegen.openapi;

import dev.imcp.codegen.model.SchemaModel;
import dev.imcp.codegen.model.SchemaModel.Kind;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Decides which component schemas one published schema (a tool's input or output) keeps as {@code $defs}: the
 * ones it uses more than once, or that contain themselves (JSON Schema 2020-12 Core, sections 8.2.3.1 and 8.2.4).
 * A component used once is written in place, so small tools read as before, while a large API publishes each
 * shared schema once per tool instead of once per use.
 */
final class OpenApiDefinitions {

    private final Map<String, SchemaModel> bodies;
    private final Map<String, Set<String>> references = new HashMap<>();
    private final Map<String, Boolean> recursive = new HashMap<>();

    /** @param bodies every component converted so far, by name (read as it grows) */
    OpenApiDefinitions(Map<String, SchemaModel> bodies) {
        this.bodies = bodies;
    }

    /**
     * Returns {@code root} with the components used once written in place and the others declared as its
     * definitions.
     *
     * @param root the schema whose {@link Kind#REF} nodes name components
     */
    SchemaModel publish(SchemaModel root) {
        Map<String, SchemaModel> reached = reach(root.references());
        if (reached.isEmpty()) {
            return root;
        }
        Map<String, Integer> uses = new HashMap<>();
        count(root, uses);
        reached.values().forEach(body -> count(body, uses));
        Set<String> inline = new HashSet<>();
        for (String name : reached.keySet()) {
            if (uses.getOrDefault(name, 0) == 1 && !recursive(name)) {
                inline.add(name);
            }
        }
        Map<String, SchemaModel> kept = new TreeMap<>();
        Map<String, SchemaModel> done = new HashMap<>();
        SchemaModel published = rewrite(root, inline, bodies, done);
        for (Map.Entry<String, SchemaModel> e : reach(published.references()).entrySet()) {
            kept.put(e.getKey(), rewrite(e.getValue(), inline, bodies, done));
        }
        return kept.isEmpty() ? published : published.toBuilder().definitions(kept).build();
    }

    /** Returns whether the component {@code name} reaches itself. */
    private boolean recursive(String name) {
        return recursive.computeIfAbsent(name, n -> reach(references(n)).containsKey(n));
    }

    /** Returns the components that {@code names} reach, transitively (including themselves), by name. */
    private Map<String, SchemaModel> reach(Set<String> names) {
        Map<String, SchemaModel> reached = new TreeMap<>();
        Deque<String> todo = new ArrayDeque<>(names);
        while (!todo.isEmpty()) {
            String name = todo.pop();
            SchemaModel body = bodies.get(name);
            if (body != null && reached.putIfAbsent(name, body) == null) {
                todo.addAll(references(name));
            }
        }
        return reached;
    }

    /** Returns the components the body of {@code name} names directly (memoized: bodies never change). */
    private Set<String> references(String name) {
        Set<String> known = references.get(name);
        if (known == null) {
            SchemaModel body = bodies.get(name);
            if (body == null) {
                return Set.of();
            }
            known = body.references();
            references.put(name, known);
        }
        return known;
    }

    private static void count(SchemaModel s, Map<String, Integer> uses) {
        if (s.kind() == Kind.REF) {
            uses.merge(s.ref(), 1, Integer::sum);
        }
        children(s).forEach(c -> count(c, uses));
    }

    /** Returns {@code s} with every reference to a component of {@code inline} replaced by its (rewritten) body. */
    private static SchemaModel rewrite(SchemaModel s, Set<String> inline, Map<String, SchemaModel> bodies,
            Map<String, SchemaModel> done) {
        if (s == null) {
            return null;
        }
        if (s.kind() == Kind.REF) {
            if (!inline.contains(s.ref())) {
                return s;
            }
            SchemaModel body = done.get(s.ref());
            if (body == null) {
                body = rewrite(bodies.get(s.ref()), inline, bodies, done);
                done.put(s.ref(), body);
            }
            if (s.description() == null && (!s.nullable() || body.nullable())) {
                return body;
            }
            // the use's own keywords, never written into the shared component
            SchemaModel.Builder use = body.toBuilder().nullable(body.nullable() || s.nullable());
            if (s.description() != null) {
                use.description(s.description());
            }
            return use.build();
        }
        Map<String, SchemaModel> properties = new LinkedHashMap<>();
        boolean changed = false;
        for (Map.Entry<String, SchemaModel> e : s.properties().entrySet()) {
            SchemaModel p = rewrite(e.getValue(), inline, bodies, done);
            changed |= p != e.getValue();
            properties.put(e.getKey(), p);
        }
        SchemaModel items = rewrite(s.items(), inline, bodies, done);
        SchemaModel additional = rewrite(s.additionalProperties(), inline, bodies, done);
        SchemaModel not = rewrite(s.not(), inline, bodies, done);
        List<SchemaModel> allOf = rewrite(s.allOf(), inline, bodies, done);
        List<SchemaModel> anyOf = rewrite(s.anyOf(), inline, bodies, done);
        List<SchemaModel> oneOf = rewrite(s.oneOf(), inline, bodies, done);
        changed |= items != s.items() || additional != s.additionalProperties() || not != s.not()
                || allOf != s.allOf() || anyOf != s.anyOf() || oneOf != s.oneOf();
        if (!changed) {
            return s;
        }
        return new SchemaModel(s.kind(), s.ref(), s.typeName(), s.javaType(), s.title(), s.description(), s.format(),
                s.contentEncoding(), s.contentMediaType(), properties, s.required(), items, additional, allOf, anyOf,
                oneOf, not, s.enumValues(), s.constraints(), s.defaultValue(), s.constValue(), s.nullable(),
                s.definitions(), s.location());
    }

    private static List<SchemaModel> rewrite(List<SchemaModel> list, Set<String> inline, Map<String, SchemaModel> bodies,
            Map<String, SchemaModel> done) {
        List<SchemaModel> out = new ArrayList<>(list.size());
        boolean changed = false;
        for (SchemaModel s : list) {
            SchemaModel r = rewrite(s, inline, bodies, done);
            changed |= r != s;
            out.add(r);
        }
        return changed ? out : list;
    }

    private static List<SchemaModel> children(SchemaModel s) {
        List<SchemaModel> children = new ArrayList<>(s.properties().values());
        if (s.items() != null) {
            children.add(s.items());
        }
        if (s.additionalProperties() != null) {
            children.add(s.additionalProperties());
        }
        children.addAll(s.allOf());
        children.addAll(s.anyOf());
        children.addAll(s.oneOf());
        if (s.not() != null) {
            children.add(s.not());
        }
        return children;
    }
}
