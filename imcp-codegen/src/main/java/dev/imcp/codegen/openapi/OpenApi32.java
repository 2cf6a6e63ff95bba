package dev.imcp.codegen.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imcp.codegen.diag.Diagnostic;
import dev.imcp.codegen.read.JsonLocator;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Reads OpenAPI 3.2 documents through swagger-parser's 3.1 path. OpenAPI 3.2.0 (September 2025) keeps 3.1's data
 * model and adds to it; what it adds for operations has no place in 3.1's model and is skipped, each with an
 * {@code OPENAPI_UNSUPPORTED_OPERATION} warning at its member:
 * <ul>
 *   <li>the {@code query} operation of a path item (the HTTP QUERY method, section 4.10.1);
 *   <li>{@code additionalOperations} (other HTTP methods by name, section 4.10.1);
 *   <li>an operation with an {@code in: querystring} parameter (the whole query string as one value,
 *       section 4.12.2.1), which the runtime does not send.
 * </ul>
 * The rest of what 3.2 adds (a tag's {@code parent} and {@code kind}, {@code $self}, a response's {@code summary},
 * {@code itemSchema} for streamed media, the OAuth 2.0 device flow) describes nothing a tool call needs; swagger-parser
 * notes each as unexpected ({@code OPENAPI_INVALID} warnings) and the operations are published.
 */
final class OpenApi32 {

    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "options", "head", "patch",
            "trace");

    private OpenApi32() {
    }

    /**
     * Returns the document {@code raw} as JSON text, its {@code openapi} member {@code 3.1.1}. (Lines do not matter:
     * swagger-parser's messages name members, which are located in the original text.)
     */
    static String as31(JsonNode raw) {
        com.fasterxml.jackson.databind.node.ObjectNode copy = raw.deepCopy();
        copy.put("openapi", "3.1.1");
        return copy.toString();
    }

    /** Returns a warning for each 3.2 operation that is skipped (see the class comment), in document order. */
    static List<Diagnostic> unsupported(JsonNode root, JsonLocator locator) {
        List<Diagnostic> found = new ArrayList<>();
        java.util.Set<String> skippedOperations = skippedOperations(root);
        Iterator<Map.Entry<String, JsonNode>> paths = root.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            String pointer = JsonLocator.pointer("/paths", path.getKey());
            if (path.getValue().path("query").isObject()) {
                found.add(skip(locator, JsonLocator.pointer(pointer, "query"), "operation QUERY " + path.getKey()
                        + " is skipped: the HTTP QUERY method of OpenAPI 3.2 is not supported"));
            }
            Iterator<String> others = path.getValue().path("additionalOperations").fieldNames();
            while (others.hasNext()) {
                String method = others.next();
                found.add(skip(locator, JsonLocator.pointer(pointer, "additionalOperations", method), "operation "
                        + method + " " + path.getKey() + " is skipped: OpenAPI 3.2's additionalOperations are not "
                        + "supported"));
            }
            for (String method : METHODS) {
                if (skippedOperations.contains(JsonLocator.pointer(pointer, method))) {
                    found.add(skip(locator, JsonLocator.pointer(pointer, method), "operation "
                            + method.toUpperCase(java.util.Locale.ROOT) + " " + path.getKey() + " is skipped: its 'in: "
                            + "querystring' parameter (OpenAPI 3.2: the whole query string as one value) is not "
                            + "supported"));
                }
            }
        }
        return found;
    }

    /**
     * Returns the JSON pointers ({@code /paths/~1search/get}) of the operations swagger-parser's 3.1 model keeps but
     * that are skipped: those with an {@code in: querystring} parameter, of their own or of their path item.
     */
    static java.util.Set<String> skippedOperations(JsonNode root) {
        java.util.Set<String> skipped = new java.util.HashSet<>();
        Iterator<Map.Entry<String, JsonNode>> paths = root.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            boolean pathQuerystring = querystring(path.getValue().path("parameters"));
            for (String method : METHODS) {
                JsonNode op = path.getValue().path(method);
                if (op.isObject() && (pathQuerystring || querystring(op.path("parameters")))) {
                    skipped.add(JsonLocator.pointer("/paths", path.getKey(), method));
                }
            }
        }
        return skipped;
    }

    private static boolean querystring(JsonNode parameters) {
        for (JsonNode p : parameters) {
            if ("querystring".equals(p.path("in").asText())) {
                return true;
            }
        }
        return false;
    }

    private static Diagnostic skip(JsonLocator locator, String pointer, String message) {
        return Diagnostic.skipped("OPENAPI_UNSUPPORTED_OPERATION", locator.locate(pointer), message, 1)
                .withFix("describe the operation with a method OpenAPI 3.1 has, or leave it out (x-mcp: false)");
    }
}
