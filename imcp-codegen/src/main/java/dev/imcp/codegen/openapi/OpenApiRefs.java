package dev.imcp.codegen.openapi;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import dev.imcp.codegen.diag.Diagnostic;
import dev.imcp.codegen.read.JsonLocator;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Finds local {@code $ref}s ({@code #/...}) that point at nothing, in the raw document, so each is
 * reported with its own line (swagger-parser reports them without a position, or not at all), and
 * {@code $ref}s to the network, which the build refuses to fetch.
 */
final class OpenApiRefs {

    private OpenApiRefs() {
    }

    /**
     * Returns one {@code OPENAPI_UNRESOLVED_REF} error per local {@code $ref} of {@code root} whose
     * target does not exist, in document order; located at the {@code $ref} member.
     */
    static List<Diagnostic> unresolved(JsonNode root, JsonLocator locator) {
        List<Diagnostic> found = new ArrayList<>();
        walk(root, root, "", locator, found);
        return found;
    }

    /** The HTTP methods of a path item (OpenAPI 3.1 section 4.8.9; Swagger 2.0 lacks trace). */
    static final List<String> METHODS = List.of("get", "put", "post", "delete", "options", "head", "patch",
            "trace");

    /**
     * A local {@code $ref} to nothing that an operation reaches.
     *
     * @param ref the reference, e.g. {@code #/components/schemas/Pet}
     * @param pointer the JSON pointer of the object holding it
     */
    record Dangling(String ref, String pointer) {
    }

    /**
     * Returns, for each operation under {@code paths} that reaches a local {@code $ref} to nothing (through its
     * path item's parameters, its own members, or what local references lead to), the first such reference found,
     * by the operation's JSON pointer ({@code /paths/~1pets/get}). Operations that reach none are not in the map.
     */
    static Map<String, Dangling> danglingByOperation(JsonNode root) {
        Map<String, Dangling> result = new java.util.LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> paths = root.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            String pathPointer = JsonLocator.pointer("/paths", path.getKey());
            for (String method : METHODS) {
                JsonNode op = path.getValue().get(method);
                if (op == null || !op.isObject()) {
                    continue;
                }
                java.util.Set<String> seen = new java.util.HashSet<>();
                Dangling found = dangling(root, path.getValue().path("parameters"),
                        JsonLocator.pointer(pathPointer, "parameters"), seen);
                if (found == null) {
                    found = dangling(root, op, JsonLocator.pointer(pathPointer, method), seen);
                }
                if (found != null) {
                    result.put(JsonLocator.pointer(pathPointer, method), found);
                }
            }
        }
        return result;
    }

    /** Returns how many operations {@code paths} holds (path items that are references are not counted). */
    static int operations(JsonNode root) {
        int count = 0;
        for (JsonNode item : root.path("paths")) {
            for (String method : METHODS) {
                if (item.path(method).isObject()) {
                    count++;
                }
            }
        }
        return count;
    }

    /** The first local reference to nothing under {@code node}, following local references once each. */
    private static Dangling dangling(JsonNode root, JsonNode node, String pointer, java.util.Set<String> seen) {
        // an explicit stack of [node, pointer]: references can lead a long way
        java.util.ArrayDeque<Object[]> stack = new java.util.ArrayDeque<>();
        stack.push(new Object[] {node, pointer});
        while (!stack.isEmpty()) {
            Object[] top = stack.pop();
            JsonNode n = (JsonNode) top[0];
            String at = (String) top[1];
            if (n.isObject()) {
                JsonNode ref = n.get("$ref");
                if (ref != null && ref.isTextual() && ref.asText().startsWith("#")) {
                    String target = ref.asText();
                    if (!exists(root, target)) {
                        return new Dangling(target, at);
                    }
                    if (seen.add(target)) {
                        stack.push(new Object[] {resolve(root, target), fragment(target)});
                    }
                }
                List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
                n.fields().forEachRemaining(fields::add);
                for (int i = fields.size() - 1; i >= 0; i--) {
                    stack.push(new Object[] {fields.get(i).getValue(), JsonLocator.pointer(at, fields.get(i).getKey())});
                }
            } else if (n.isArray()) {
                for (int i = n.size() - 1; i >= 0; i--) {
                    stack.push(new Object[] {n.get(i), JsonLocator.pointer(at, i)});
                }
            }
        }
        return null;
    }

    /**
     * Returns what a local reference ({@code #/components/parameters/Q}) names in {@code root}; a missing node when
     * it names nothing or is malformed.
     */
    static JsonNode follow(JsonNode root, String ref) {
        return exists(root, ref) ? resolve(root, ref) : com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    /** Resolves a local reference that {@link #exists} found. */
    private static JsonNode resolve(JsonNode root, String ref) {
        String fragment = fragment(ref);
        return fragment.isEmpty() ? root : root.at(JsonPointer.compile(fragment));
    }

    /**
     * The JSON pointer of a local reference: its fragment, percent-decoded (RFC 3986 section 2.1; a {@code +} is
     * a plus); {@code null} when the percent-encoding is malformed ({@code #/components/schemas/100%}).
     */
    private static String fragment(String ref) {
        try {
            return URLDecoder.decode(ref.substring(1).replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * Returns one {@code OPENAPI_REMOTE_REF} error per {@code $ref} of {@code root} to an {@code http:} or
     * {@code https:} URL (or a network-path reference, {@code //host/...}), in document order, located at the
     * {@code $ref} member: the build never fetches anything from the network, so the file must be vendored.
     */
    static List<Diagnostic> remote(JsonNode root, JsonLocator locator) {
        List<Diagnostic> found = new ArrayList<>();
        remote(root, "", locator, found);
        return found;
    }

    private static void remote(JsonNode node, String pointer, JsonLocator locator, List<Diagnostic> found) {
        if (node.isObject()) {
            JsonNode ref = node.get("$ref");
            if (ref != null && ref.isTextual() && isRemote(ref.asText())) {
                found.add(Diagnostic.error("OPENAPI_REMOTE_REF",
                                locator.locate(JsonLocator.pointer(pointer, "$ref")).withPointer(pointer),
                                "'" + ref.asText() + "' is on the network; references are never fetched at build time")
                        .withFix("download that document next to the contract (with the files it refers to) and "
                                + "refer to it by a relative path, e.g. '$ref: ./vendor/common.yaml#/components/...'"));
            }
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> e = fields.next();
                remote(e.getValue(), JsonLocator.pointer(pointer, e.getKey()), locator, found);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                remote(node.get(i), JsonLocator.pointer(pointer, i), locator, found);
            }
        }
    }

    /** Returns whether {@code root} has a {@code $ref} to another document (one that does not start with {@code #}). */
    static boolean external(JsonNode root) {
        if (root.isObject()) {
            JsonNode ref = root.get("$ref");
            if (ref != null && ref.isTextual() && !ref.asText().startsWith("#")) {
                return true;
            }
        }
        for (JsonNode child : root) {
            if (external(child)) {
                return true;
            }
        }
        return false;
    }

    /** Returns whether a path item under {@code paths} of {@code root} is a {@code $ref}. */
    static boolean pathItemReferences(JsonNode root) {
        for (JsonNode item : root.path("paths")) {
            if (item.has("$ref")) {
                return true;
            }
        }
        return false;
    }

    private static boolean isRemote(String ref) {
        String lower = ref.toLowerCase(java.util.Locale.ROOT);
        return lower.startsWith("http:") || lower.startsWith("https:") || lower.startsWith("//");
    }

    private static void walk(JsonNode root, JsonNode node, String pointer, JsonLocator locator, List<Diagnostic> found) {
        if (node.isObject()) {
            JsonNode ref = node.get("$ref");
            if (ref != null && ref.isTextual() && ref.asText().startsWith("#")) {
                String target = ref.asText();
                if (!exists(root, target)) {
                    String refPointer = JsonLocator.pointer(pointer, "$ref");
                    found.add(Diagnostic.error("OPENAPI_UNRESOLVED_REF",
                                    locator.locate(refPointer).withPointer(pointer),
                                    "'" + target + "' does not exist")
                            .withFix("define it or correct the reference"));
                }
            }
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> e = fields.next();
                walk(root, e.getValue(), JsonLocator.pointer(pointer, e.getKey()), locator, found);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(root, node.get(i), JsonLocator.pointer(pointer, i), locator, found);
            }
        }
    }

    private static boolean exists(JsonNode root, String ref) {
        String fragment = fragment(ref);
        if (fragment == null) {
            return false; // malformed percent-encoding: it names nothing
        }
        if (fragment.isEmpty()) {
            return true;
        }
        try {
            return !root.at(JsonPointer.compile(fragment)).isMissingNode();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
