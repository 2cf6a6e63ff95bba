package dev.imcp.codegen.read;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * MCP tool annotation hints implied by an HTTP method (RFC 9110 section 9.2: safe and idempotent methods),
 * shared by the OpenAPI and MCP JSON readers.
 */
public final class HttpToolHints {

    private HttpToolHints() {
    }

    /**
     * Returns the hints for {@code method}: GET and HEAD are {@code readOnlyHint}, DELETE is
     * {@code destructiveHint}, PUT and DELETE are {@code idempotentHint}, and every HTTP upstream is
     * {@code openWorldHint}.
     *
     * @param method the HTTP method, upper case
     * @return a new mutable map, so a contract's own annotations can override entries
     */
    public static Map<String, Boolean> forMethod(String method) {
        Map<String, Boolean> hints = new LinkedHashMap<>();
        if (method.equals("GET") || method.equals("HEAD")) {
            hints.put("readOnlyHint", true);
        }
        if (method.equals("DELETE")) {
            hints.put("destructiveHint", true);
        }
        if (method.equals("PUT") || method.equals("DELETE")) {
            hints.put("idempotentHint", true);
        }
        hints.put("openWorldHint", true);
        return hints;
    }
}
