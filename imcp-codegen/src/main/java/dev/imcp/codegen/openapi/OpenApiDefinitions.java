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

    /**
     * The most definitions one published schema carries before alternatives that name objects are published as
     * plain objects: beyond it, a tool's schema would carry a large share of the API.
     */
    static final int MAX_DEFINITIONS = 150;

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
        SchemaModel published = publish(root, bodies, true);
        if (published.definitions().size() <= MAX_DEFINITIONS) {
            return published;
        }
        // Alternatives that name whole objects (Stripe's "the id, or the expanded object") would otherwise pull most
        // of an API's components into every tool: past the budget they are published as any value.
        Map<String, SchemaModel> cut = new HashMap<>();
        for (String name : reach(root.references(), bodies, true).keySet()) {
            cut.put(name, cutAlternatives(bodies.get(name)));
        }
        return publish(cutAlternatives(root), cut, false);
    }

    private SchemaModel publish(SchemaModel root, Map<String, SchemaModel> graph, boolean memo) {
        Map<String, SchemaModel> reached = reach(root.references(), graph, memo);
        if (reached.isEmpty()) {
            return root;
        }
        Map<String, Integer> uses = new HashMap<>();
        count(root, uses);
        reached.values().forEach(body -> count(body, uses));
        Set<String> inline = new HashSet<>();
        for (String name : reached.keySet()) {
            boolean recursive = memo
                    ? this.recursive.computeIfAbsent(name, n -> reach(references(n, graph, true), graph, true).containsKey(n))
                    : reach(references(name, graph, false), graph, false).containsKey(name);
            if (uses.getOrDefault(name, 0) == 1 && !recursive) {
                inline.add(name);
            }
        }
        Map<String, SchemaModel> kept = new TreeMap<>();
        Map<String, SchemaModel> done = new HashMap<>();
        SchemaModel published = rewrite(root, inline, graph, done);
        for (Map.Entry<String, SchemaModel> e : reach(published.references(), graph, memo).entrySet()) {
            kept.put(e.getKey(), rewrite(e.getValue(), inline, graph, done));
        }
        return kept.isEmpty() ? published : published.toBuilder().definitions(kept).build();
    }

    /** Returns the components that {@code names} reach in {@code graph}, transitively (including themselves). */
    private Map<String, SchemaModel> reach(Set<String> names, Map<String, SchemaModel> graph, boolean memo) {
        Map<String, SchemaModel> reached = new TreeMap<>();
        Deque<String> todo = new ArrayDeque<>(names);
        while (!todo.isEmpty()) {
            String name = todo.pop();
            SchemaModel body = graph.get(name);
            if (body != null && reached.putIfAbsent(name, body) == null) {
                todo.addAll(references(name, graph, memo));
            }
        }
        return reached;
    }

    /** Returns the components the body of {@code name} names directly (memoized for the contract's own bodies). */
    private Set<String> references(String name, Map<String, SchemaModel> graph, boolean memo) {
        Set<String> known = memo ? references.get(name) : null;
        if (known == null) {
            SchemaModel body = graph.get(name);
            if (body == null) {
                return Set.of();
            }
            known = body.references();
            if (memo) {
                references.put(name, known);
            }
        }
        return known;
    }

    /** Returns {@code s} with every {@code anyOf}/{@code oneOf} alternative that is a reference replaced by any value. */
    private static SchemaModel cutAlternatives(SchemaModel s) {
        if (s == null || s.kind() == Kind.REF) {
            return s;
        }
        Map<String, SchemaModel> properties = new LinkedHashMap<>();
        s.properties().forEach((k, v) -> properties.put(k, cutAlternatives(v)));
        List<SchemaModel> allOf = s.allOf().stream().map(OpenApiDefinitions::cutAlternatives).toList();
        List<SchemaModel> anyOf = s.anyOf().stream().map(OpenApiDefinitions::cutAlternative).toList();
        List<SchemaModel> oneOf = s.oneOf().stream().map(OpenApiDefinitions::cutAlternative).toList();
        return new SchemaModel(s.kind(), s.ref(), s.typeName(), s.javaType(), s.title(), s.description(), s.format(),
                s.contentEncoding(), s.contentMediaType(), properties, s.required(), cutAlternatives(s.items()),
                cutAlternatives(s.additionalProperties()), allOf, anyOf, oneOf, cutAlternatives(s.not()),
                s.discriminator(), s.enumValues(), s.constraints(), s.defaultValue(), s.constValue(), s.nullable(), s.definitions(),
                s.location());
    }

    private static SchemaModel cutAlternative(SchemaModel s) {
        if (s.kind() != Kind.REF) {
            return cutAlternatives(s);
        }
        return SchemaModel.builder(Kind.OBJECT).description(s.description() != null ? s.description()
                : "A " + s.ref() + " object (its schema is left out here to keep this tool's schema small).")
                .location(s.location()).build();
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
                oneOf, not, s.discriminator(), s.enumValues(), s.constraints(), s.defaultValue(), s.constValue(), s.nullable(),
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
