package dev.imcp.codegen.lock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.imcp.codegen.lock.Change.Impact;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares a recorded surface (the lockfile) with the build's and classifies every difference by what it does to a
 * client built against the recorded one. Tools are matched by name across services (a tool's service is invisible to
 * MCP clients).
 *
 * <p>Whole tools and contracts: {@code tool-added} (compatible), {@code tool-removed} (breaking; a renamed tool is a
 * removed one plus an added one, and the detail says so when an added tool has the same input schema),
 * {@code contract-removed} (breaking, listing its tools), {@code contract-added} (compatible), {@code contract-changed}
 * (cosmetic: the file's SHA-256 changed), {@code tool-moved} (cosmetic: another contract publishes it),
 * {@code title-changed} and {@code description-changed} (cosmetic), {@code output-schema-added} (compatible),
 * {@code output-schema-removed} (breaking). Annotations (MCP {@code ToolAnnotations}, missing hints taking the spec's
 * defaults: {@code readOnlyHint} false, {@code destructiveHint} true, {@code idempotentHint} false,
 * {@code openWorldHint} true): {@code annotation-widened} (breaking: the tool may now do more, e.g. no longer
 * read-only, now destructive, no longer idempotent, now open-world) or {@code annotation-narrowed} (compatible).
 *
 * <p>Schemas are compared in two directions. In {@code inputSchema} (what clients send) accepting more is compatible
 * and accepting less breaking; in {@code outputSchema} (what clients read) the reverse: a client may not handle a new
 * type or enum value in a result, but it reads a narrower one fine. Rules: {@code argument-added} (an optional
 * property), {@code required-argument-added}, {@code argument-removed}, {@code argument-now-required},
 * {@code argument-now-optional}; {@code output-field-added}, {@code output-field-removed},
 * {@code output-field-now-optional}, {@code output-field-now-required}; {@code type-widened},
 * {@code type-narrowed}, {@code type-changed} ({@code integer} is part of {@code number}; no {@code type} is every
 * type); {@code enum-widened}, {@code enum-narrowed}, {@code enum-changed} ({@code const} is a one-value enum);
 * {@code bounds-tightened}, {@code bounds-loosened} ({@code minimum}, {@code exclusiveMinimum}, {@code maximum},
 * {@code exclusiveMaximum}, {@code minLength}, {@code maxLength}, {@code minItems}, {@code maxItems},
 * {@code minProperties}, {@code maxProperties}, {@code multipleOf}, {@code uniqueItems}); {@code pattern-changed},
 * {@code format-changed} (added or changed: narrower; removed: wider); {@code additional-properties-closed},
 * {@code additional-properties-opened}; {@code alternatives-added}, {@code alternatives-removed} (branches of
 * {@code anyOf}/{@code oneOf}); {@code default-changed} (compatible: a client that leaves the argument out gets the
 * new default); {@code schema-text-changed} (cosmetic: {@code title}, {@code description}, {@code examples},
 * {@code $comment}, {@code deprecated}); anything else is {@code keyword-changed}, breaking, so that nothing slips
 * through unclassified. {@code $ref}s to {@code #/$defs/...} are followed on both sides (each pair of definitions
 * once, so recursive schemas end).
 */
public final class SurfaceDiff {

    private static final Set<String> TEXT = Set.of("title", "description", "examples", "example", "$comment",
            "deprecated");
    /** Keywords compared by their own rules, or through {@code $ref}. */
    private static final Set<String> HANDLED = Set.of("type", "enum", "const", "properties", "required",
            "additionalProperties", "items", "prefixItems", "anyOf", "oneOf", "pattern", "format", "default", "$defs",
            "$ref", "minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum", "minLength", "maxLength", "minItems",
            "maxItems", "minProperties", "maxProperties", "multipleOf", "uniqueItems");
    /** Lower bounds: a higher value accepts less. */
    private static final List<String> LOWER = List.of("minimum", "exclusiveMinimum", "minLength", "minItems",
            "minProperties");
    /** Upper bounds: a lower value accepts less. */
    private static final List<String> UPPER = List.of("maximum", "exclusiveMaximum", "maxLength", "maxItems",
            "maxProperties");
    /** Each hint's default (MCP ToolAnnotations) and whether {@code true} permits more. */
    private static final Map<String, boolean[]> HINTS = Map.of(
            "readOnlyHint", new boolean[] {false, false},
            "destructiveHint", new boolean[] {true, true},
            "idempotentHint", new boolean[] {false, false},
            "openWorldHint", new boolean[] {true, true});

    private final List<Change> changes = new ArrayList<>();

    private SurfaceDiff() {
    }

    /**
     * Compares two surfaces.
     *
     * @param locked the surface in the lockfile
     * @param built the build's surface
     * @return every difference, contracts first, then tools in name order
     */
    public static List<Change> compare(BuildSurface locked, BuildSurface built) {
        SurfaceDiff diff = new SurfaceDiff();
        diff.contracts(locked, built);
        diff.tools(locked, built);
        return List.copyOf(diff.changes);
    }

    private void contracts(BuildSurface locked, BuildSurface built) {
        locked.services().forEach((id, before) -> {
            BuildSurface.Service after = built.services().get(id);
            if (after == null) {
                add(Impact.BREAKING, id, null, "", "contract-removed", "contract " + before.contract()
                        + " is no longer in the project; its " + before.tools().size() + " tool(s) are gone: "
                        + String.join(", ", before.tools().keySet()));
            } else if (!after.sha256().equals(before.sha256())) {
                add(Impact.COSMETIC, id, null, "", "contract-changed", "contract " + after.contract()
                        + " changed (sha256 " + shortHash(before.sha256()) + " -> " + shortHash(after.sha256()) + ")");
            }
        });
        built.services().forEach((id, after) -> {
            if (!locked.services().containsKey(id)) {
                add(Impact.COMPATIBLE, id, null, "", "contract-added", "contract " + after.contract() + " added with "
                        + after.tools().size() + " tool(s)");
            }
        });
    }

    private void tools(BuildSurface locked, BuildSurface built) {
        Map<String, String> before = locked.serviceOfTool();
        Map<String, String> after = built.serviceOfTool();
        Set<String> names = new TreeSet<>(before.keySet());
        names.addAll(after.keySet());
        for (String name : names) {
            String was = before.get(name);
            String is = after.get(name);
            if (is == null) {
                ObjectNode old = locked.services().get(was).tools().get(name);
                String renamed = after.keySet().stream().filter(n -> !before.containsKey(n))
                        .filter(n -> built.services().get(after.get(n)).tools().get(n).path("inputSchema")
                                .equals(old.path("inputSchema")))
                        .findFirst().map(n -> " (renamed to " + n + "? it takes the same arguments)").orElse("");
                add(Impact.BREAKING, was, name, "", "tool-removed", "tool removed" + renamed);
            } else if (was == null) {
                add(Impact.COMPATIBLE, is, name, "", "tool-added", "tool added");
            } else {
                if (!was.equals(is)) {
                    add(Impact.COSMETIC, is, name, "", "tool-moved", "now published by service " + is + ", was " + was);
                }
                tool(is, name, locked.services().get(was).tools().get(name), built.services().get(is).tools().get(name));
            }
        }
    }

    private void tool(String service, String name, ObjectNode before, ObjectNode after) {
        if (before.equals(after)) {
            return;
        }
        for (String text : List.of("title", "description")) {
            if (!before.path(text).equals(after.path(text))) {
                add(Impact.COSMETIC, service, name, "/" + text, text + "-changed", text + " changed");
            }
        }
        new Schemas(service, name, before.path("inputSchema"), after.path("inputSchema"), true)
                .compare(before.path("inputSchema"), after.path("inputSchema"), "/inputSchema");
        JsonNode outBefore = before.path("outputSchema");
        JsonNode outAfter = after.path("outputSchema");
        if (outBefore.isMissingNode() && !outAfter.isMissingNode()) {
            add(Impact.COMPATIBLE, service, name, "/outputSchema", "output-schema-added", "the tool now declares its output");
        } else if (!outBefore.isMissingNode() && outAfter.isMissingNode()) {
            add(Impact.BREAKING, service, name, "/outputSchema", "output-schema-removed",
                    "the tool no longer declares its output (no structuredContent a client can rely on)");
        } else if (!outBefore.isMissingNode()) {
            new Schemas(service, name, outBefore, outAfter, false).compare(outBefore, outAfter, "/outputSchema");
        }
        annotations(service, name, before.path("annotations"), after.path("annotations"));
    }

    private void annotations(String service, String name, JsonNode before, JsonNode after) {
        for (Map.Entry<String, boolean[]> hint : new java.util.TreeMap<>(HINTS).entrySet()) {
            boolean dflt = hint.getValue()[0];
            boolean was = before.path(hint.getKey()).asBoolean(dflt);
            boolean is = after.path(hint.getKey()).asBoolean(dflt);
            if (was != is) {
                boolean widens = is == hint.getValue()[1];
                add(widens ? Impact.BREAKING : Impact.COMPATIBLE, service, name, "/annotations/" + hint.getKey(),
                        widens ? "annotation-widened" : "annotation-narrowed",
                        hint.getKey() + " " + was + " -> " + is + (widens ? ": the tool may now do more than clients were told"
                                : ": the tool now promises more"));
            }
        }
        Set<String> others = new TreeSet<>();
        before.fieldNames().forEachRemaining(others::add);
        after.fieldNames().forEachRemaining(others::add);
        others.removeAll(HINTS.keySet());
        for (String other : others) {
            if (!before.path(other).equals(after.path(other))) {
                add(Impact.COSMETIC, service, name, "/annotations/" + other, "annotation-changed",
                        other + " " + text(before.path(other)) + " -> " + text(after.path(other)));
            }
        }
    }

    /** One schema pair's comparison, with its roots for {@code $ref}s and its direction. */
    private final class Schemas {
        private final String service;
        private final String tool;
        private final JsonNode rootBefore;
        private final JsonNode rootAfter;
        private final boolean input;
        /** Whether both sides' definitions are equal: then equal subtrees mean equal schemas, refs included. */
        private final boolean sameDefinitions;
        private final Set<String> followed = new HashSet<>();

        Schemas(String service, String tool, JsonNode rootBefore, JsonNode rootAfter, boolean input) {
            this.service = service;
            this.tool = tool;
            this.rootBefore = rootBefore;
            this.rootAfter = rootAfter;
            this.input = input;
            this.sameDefinitions = rootBefore.path("$defs").equals(rootAfter.path("$defs"))
                    && rootBefore.path("definitions").equals(rootAfter.path("definitions"));
        }

        /** Adds a change that widens ({@code wider}) or narrows what the schema allows. */
        private void widening(boolean wider, String at, String widerRule, String narrowerRule, String detail) {
            boolean breaking = input != wider;
            add(breaking ? Impact.BREAKING : Impact.COMPATIBLE, service, tool, at, wider ? widerRule : narrowerRule,
                    detail);
        }

        void compare(JsonNode before, JsonNode after, String at) {
            String refBefore = before.path("$ref").asText(null);
            String refAfter = after.path("$ref").asText(null);
            if (refBefore != null || refAfter != null) {
                if (!followed.add(refBefore + "|" + refAfter)) {
                    return; // this pair of definitions is compared already (recursion)
                }
                before = resolve(rootBefore, before);
                after = resolve(rootAfter, after);
            }
            if (before.equals(after) && (sameDefinitions || !mentionsRef(before))) {
                return;
            }
            if (before.isBoolean() || after.isBoolean() || !before.isObject() || !after.isObject()) {
                boolean wider = after.isBoolean() && after.asBoolean();
                boolean narrower = after.isBoolean() && !after.asBoolean();
                if (wider || narrower) {
                    widening(wider, at, "type-widened", "type-narrowed",
                            wider ? "now accepts any value" : "now accepts no value");
                } else {
                    add(Impact.BREAKING, service, tool, at, "keyword-changed", "schema replaced");
                }
                return;
            }
            types(before, after, at);
            enums(before, after, at);
            properties(before, after, at);
            additionalProperties(before, after, at);
            if (before.has("items") || after.has("items")) {
                if (before.has("items") && after.has("items")) {
                    compare(before.get("items"), after.get("items"), at + "/items");
                } else {
                    widening(!after.has("items"), at + "/items", "type-widened", "type-narrowed",
                            after.has("items") ? "array items now constrained" : "array items no longer constrained");
                }
            }
            indexed(before, after, at, "prefixItems");
            alternatives(before, after, at, "anyOf");
            alternatives(before, after, at, "oneOf");
            bounds(before, after, at);
            textual(before, after, at, "pattern");
            textual(before, after, at, "format");
            if (!before.path("default").equals(after.path("default"))) {
                add(Impact.COMPATIBLE, service, tool, at + "/default", "default-changed",
                        "default " + text(before.path("default")) + " -> " + text(after.path("default")));
            }
            Set<String> keys = new TreeSet<>();
            before.fieldNames().forEachRemaining(keys::add);
            after.fieldNames().forEachRemaining(keys::add);
            for (String key : keys) {
                if (HANDLED.contains(key) || before.path(key).equals(after.path(key))) {
                    continue;
                }
                if (TEXT.contains(key)) {
                    add(Impact.COSMETIC, service, tool, at + "/" + escape(key), "schema-text-changed", key + " changed");
                } else {
                    add(Impact.BREAKING, service, tool, at + "/" + escape(key), "keyword-changed",
                            key + " " + text(before.path(key)) + " -> " + text(after.path(key)));
                }
            }
        }

        private void types(JsonNode before, JsonNode after, String at) {
            Set<String> was = typeSet(before);
            Set<String> is = typeSet(after);
            if (was.equals(is)) {
                return;
            }
            boolean wider = covers(is, was);
            boolean narrower = covers(was, is);
            if (wider || narrower) {
                widening(wider, at + "/type", "type-widened", "type-narrowed", "type " + show(was) + " -> " + show(is));
            } else {
                add(Impact.BREAKING, service, tool, at + "/type", "type-changed", "type " + show(was) + " -> " + show(is));
            }
        }

        private void enums(JsonNode before, JsonNode after, String at) {
            Set<JsonNode> was = values(before);
            Set<JsonNode> is = values(after);
            if (java.util.Objects.equals(was, is)) {
                return;
            }
            String where = at + (before.has("enum") || after.has("enum") ? "/enum" : "/const");
            if (was == null || is == null) {
                widening(is == null, where, "enum-widened", "enum-narrowed",
                        is == null ? "no longer limited to " + values(was) : "now limited to " + values(is));
                return;
            }
            Set<JsonNode> added = new LinkedHashSet<>(is);
            added.removeAll(was);
            Set<JsonNode> removed = new LinkedHashSet<>(was);
            removed.removeAll(is);
            if (removed.isEmpty()) {
                widening(true, where, "enum-widened", "enum-narrowed", "values added: " + values(added));
            } else if (added.isEmpty()) {
                widening(false, where, "enum-widened", "enum-narrowed", "values removed: " + values(removed));
            } else {
                add(Impact.BREAKING, service, tool, where, "enum-changed",
                        "values removed: " + values(removed) + "; added: " + values(added));
            }
        }

        private void properties(JsonNode before, JsonNode after, String at) {
            JsonNode was = before.path("properties");
            JsonNode is = after.path("properties");
            Set<String> requiredBefore = strings(before.path("required"));
            Set<String> requiredAfter = strings(after.path("required"));
            Set<String> names = new TreeSet<>();
            was.fieldNames().forEachRemaining(names::add);
            is.fieldNames().forEachRemaining(names::add);
            names.addAll(requiredBefore);
            names.addAll(requiredAfter);
            for (String name : names) {
                String where = at + "/properties/" + escape(name);
                boolean existed = was.has(name);
                boolean exists = is.has(name);
                boolean reqBefore = requiredBefore.contains(name);
                boolean reqAfter = requiredAfter.contains(name);
                if (existed && !exists) {
                    add(Impact.BREAKING, service, tool, where, input ? "argument-removed" : "output-field-removed",
                            (input ? "argument " : "field ") + name + " removed");
                } else if (!existed && exists) {
                    if (input) {
                        add(reqAfter ? Impact.BREAKING : Impact.COMPATIBLE, service, tool, where,
                                reqAfter ? "required-argument-added" : "argument-added",
                                (reqAfter ? "new required argument " : "new optional argument ") + name);
                    } else {
                        add(Impact.COMPATIBLE, service, tool, where, "output-field-added", "field " + name + " added");
                    }
                } else {
                    if (existed) {
                        compare(was.get(name), is.get(name), where);
                    }
                    if (reqBefore != reqAfter) {
                        if (input) {
                            add(reqAfter ? Impact.BREAKING : Impact.COMPATIBLE, service, tool, at + "/required",
                                    reqAfter ? "argument-now-required" : "argument-now-optional",
                                    "argument " + name + (reqAfter ? " is now required" : " is now optional"));
                        } else {
                            add(reqAfter ? Impact.COMPATIBLE : Impact.BREAKING, service, tool, at + "/required",
                                    reqAfter ? "output-field-now-required" : "output-field-now-optional",
                                    "field " + name + (reqAfter ? " is now always present" : " may now be absent"));
                        }
                    }
                }
            }
        }

        private void additionalProperties(JsonNode before, JsonNode after, String at) {
            JsonNode was = before.path("additionalProperties");
            JsonNode is = after.path("additionalProperties");
            if (was.equals(is)) {
                return;
            }
            if (was.isObject() && is.isObject()) {
                compare(was, is, at + "/additionalProperties");
                return;
            }
            int before2 = openness(was);
            int after2 = openness(is);
            if (before2 != after2) {
                widening(after2 > before2, at + "/additionalProperties", "additional-properties-opened",
                        "additional-properties-closed", "additionalProperties " + text(was) + " -> " + text(is));
            }
        }

        private void indexed(JsonNode before, JsonNode after, String at, String keyword) {
            JsonNode was = before.path(keyword);
            JsonNode is = after.path(keyword);
            if (was.equals(is)) {
                return;
            }
            if (!pairwise(was, is, at + "/" + keyword)) {
                add(Impact.BREAKING, service, tool, at + "/" + keyword, "keyword-changed", keyword + " changed");
            }
        }

        /** Compares two arrays of schemas item by item when they have the same length; returns whether it did. */
        private boolean pairwise(JsonNode was, JsonNode is, String at) {
            if (!was.isArray() || !is.isArray() || was.size() != is.size()) {
                return false;
            }
            for (int i = 0; i < was.size(); i++) {
                compare(was.get(i), is.get(i), at + "/" + i);
            }
            return true;
        }

        private void alternatives(JsonNode before, JsonNode after, String at, String keyword) {
            JsonNode was = before.path(keyword);
            JsonNode is = after.path(keyword);
            if (was.equals(is)) {
                return;
            }
            if (pairwise(was, is, at + "/" + keyword)) {
                return;
            }
            Set<JsonNode> a = new HashSet<>();
            was.forEach(a::add);
            Set<JsonNode> b = new HashSet<>();
            is.forEach(b::add);
            if (b.containsAll(a) && was.isArray()) {
                widening(true, at + "/" + keyword, "alternatives-added", "alternatives-removed",
                        (b.size() - a.size()) + " alternative(s) added");
            } else if (a.containsAll(b) && is.isArray()) {
                widening(false, at + "/" + keyword, "alternatives-added", "alternatives-removed",
                        (a.size() - b.size()) + " alternative(s) removed");
            } else {
                add(Impact.BREAKING, service, tool, at + "/" + keyword, "keyword-changed", keyword + " changed");
            }
        }

        private void bounds(JsonNode before, JsonNode after, String at) {
            for (String key : LOWER) {
                bound(before.path(key), after.path(key), at + "/" + key, key, true);
            }
            for (String key : UPPER) {
                bound(before.path(key), after.path(key), at + "/" + key, key, false);
            }
            JsonNode multipleBefore = before.path("multipleOf");
            JsonNode multipleAfter = after.path("multipleOf");
            if (!multipleBefore.equals(multipleAfter)) {
                boolean wider = multipleAfter.isMissingNode() || multipleBefore.isNumber() && multipleAfter.isNumber()
                        && multipleBefore.decimalValue().remainder(multipleAfter.decimalValue()).signum() == 0;
                widening(wider, at + "/multipleOf", "bounds-loosened", "bounds-tightened",
                        "multipleOf " + text(multipleBefore) + " -> " + text(multipleAfter));
            }
            boolean uniqueBefore = before.path("uniqueItems").asBoolean(false);
            boolean uniqueAfter = after.path("uniqueItems").asBoolean(false);
            if (uniqueBefore != uniqueAfter) {
                widening(!uniqueAfter, at + "/uniqueItems", "bounds-loosened", "bounds-tightened",
                        "uniqueItems " + uniqueBefore + " -> " + uniqueAfter);
            }
        }

        private void bound(JsonNode was, JsonNode is, String at, String key, boolean lower) {
            if (was.equals(is) || was.isNumber() && is.isNumber() && was.decimalValue().compareTo(is.decimalValue()) == 0) {
                return;
            }
            boolean wider;
            if (!is.isNumber()) {
                wider = true; // bound removed
            } else if (!was.isNumber()) {
                wider = false; // bound added
            } else {
                int c = is.decimalValue().compareTo(was.decimalValue());
                wider = lower ? c < 0 : c > 0;
            }
            widening(wider, at, "bounds-loosened", "bounds-tightened", key + " " + text(was) + " -> " + text(is));
        }

        private void textual(JsonNode before, JsonNode after, String at, String key) {
            JsonNode was = before.path(key);
            JsonNode is = after.path(key);
            if (was.equals(is)) {
                return;
            }
            String rule = key + "-changed";
            String detail = key + " " + text(was) + " -> " + text(is);
            if (is.isMissingNode()) {
                widening(true, at + "/" + key, rule, rule, detail);
            } else if (was.isMissingNode()) {
                widening(false, at + "/" + key, rule, rule, detail);
            } else {
                add(Impact.BREAKING, service, tool, at + "/" + key, rule, detail);
            }
        }
    }

    /** Returns whether {@code schema} holds a {@code $ref} anywhere (then an equal text may still mean another schema). */
    private static boolean mentionsRef(JsonNode schema) {
        if (schema.has("$ref")) {
            return true;
        }
        for (JsonNode child : schema) {
            if (child.isContainerNode() && mentionsRef(child)) {
                return true;
            }
        }
        return false;
    }

    /** Follows a local {@code $ref} ({@code #/$defs/name} or any JSON pointer into the same schema). */
    private static JsonNode resolve(JsonNode root, JsonNode schema) {
        String ref = schema.path("$ref").asText(null);
        if (ref == null || !ref.startsWith("#")) {
            return schema;
        }
        JsonNode target = root.at(ref.substring(1));
        return target.isMissingNode() ? schema : target;
    }

    /** Ranks {@code additionalProperties}: 2 any member (absent or {@code true}), 1 a schema, 0 none ({@code false}). */
    private static int openness(JsonNode additional) {
        if (additional.isMissingNode() || additional.isBoolean() && additional.asBoolean()) {
            return 2;
        }
        return additional.isBoolean() ? 0 : 1;
    }

    private static Set<String> typeSet(JsonNode schema) {
        JsonNode type = schema.path("type");
        Set<String> out = new TreeSet<>();
        if (type.isTextual()) {
            out.add(type.asText());
        } else if (type.isArray()) {
            type.forEach(t -> out.add(t.asText()));
        }
        return out; // empty: any type
    }

    /** Returns whether every value of the types {@code narrow} allows is allowed by {@code wide}. */
    private static boolean covers(Set<String> wide, Set<String> narrow) {
        if (wide.isEmpty()) {
            return true;
        }
        if (narrow.isEmpty()) {
            return false;
        }
        for (String t : narrow) {
            if (!wide.contains(t) && !("integer".equals(t) && wide.contains("number"))) {
                return false;
            }
        }
        return true;
    }

    /** Returns the allowed values ({@code enum}, or {@code const} as one), or {@code null} when not limited. */
    private static Set<JsonNode> values(JsonNode schema) {
        if (schema.has("const")) {
            return new LinkedHashSet<>(List.of(schema.get("const")));
        }
        if (schema.path("enum").isArray()) {
            Set<JsonNode> out = new LinkedHashSet<>();
            schema.get("enum").forEach(out::add);
            return out;
        }
        return null;
    }

    private static String values(Set<JsonNode> values) {
        StringBuilder out = new StringBuilder();
        Iterator<JsonNode> it = values.iterator();
        for (int i = 0; it.hasNext(); i++) {
            if (i == 8) {
                out.append(", ... (").append(values.size() - 8).append(" more)");
                break;
            }
            out.append(i == 0 ? "" : ", ").append(it.next());
        }
        return out.toString();
    }

    private static Set<String> strings(JsonNode array) {
        Set<String> out = new TreeSet<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static String show(Set<String> types) {
        return types.isEmpty() ? "(any)" : types.size() == 1 ? types.iterator().next() : types.toString();
    }

    private static String text(JsonNode value) {
        if (value.isMissingNode()) {
            return "(none)";
        }
        String s = value.toString();
        return s.length() > 80 ? s.substring(0, 77) + "..." : s;
    }

    private static String shortHash(String sha256) {
        return sha256.length() > 12 ? sha256.substring(0, 12) : sha256.isEmpty() ? "(none)" : sha256;
    }

    /** Escapes a member name for a JSON pointer (RFC 6901, section 3). */
    private static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }

    private void add(Impact impact, String service, String tool, String pointer, String rule, String detail) {
        changes.add(new Change(impact, service, tool, pointer, rule, detail));
    }
}
