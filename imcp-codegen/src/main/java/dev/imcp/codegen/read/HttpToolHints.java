package dev.imcp.codegen.read;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * MCP tool annotation hints implied by an HTTP method, shared by the OpenAPI and MCP JSON readers.
 *
 * <p>HTTP's method semantics (RFC 9110 section 9.2) say which methods are safe (GET, HEAD, OPTIONS, TRACE) and
 * which are idempotent (PUT, DELETE and the safe ones); MCP's hints (specification, "Tools", {@code ToolAnnotations})
 * say whether a tool modifies its environment ({@code readOnlyHint}, default false), whether a modification may
 * destroy or overwrite data rather than only add ({@code destructiveHint}, default true), whether repeating a call
 * has no further effect ({@code idempotentHint}, default false) and whether it reaches outside the server
 * ({@code openWorldHint}, default true). The mapping:
 * <ul>
 *   <li>GET, HEAD, OPTIONS, TRACE: {@code readOnlyHint: true} (the other hints only mean something when a tool is
 *       not read-only, so they are left out).</li>
 *   <li>PUT, DELETE: {@code destructiveHint: true} (a PUT replaces what is there, a DELETE removes it),
 *       {@code idempotentHint: true}.</li>
 *   <li>POST, PATCH: {@code destructiveHint: true}, {@code idempotentHint: false}. HTTP promises nothing about
 *       them: a POST may only add, or may delete; MCP's default, destructive, is the safe reading. A contract
 *       ({@code x-mcp-annotations}, MCP JSON {@code annotations}) or the configuration says otherwise.</li>
 *   <li>Always {@code openWorldHint: true}: the tool calls an upstream service.</li>
 * </ul>
 */
public final class HttpToolHints {

    private HttpToolHints() {
    }

    /**
     * Returns the hints for {@code method}, as above; an unknown method gets only {@code openWorldHint}.
     *
     * @param method the HTTP method, upper case
     * @return a new mutable map, so the contract's and the configuration's hints can replace entries
     */
    public static Map<String, Boolean> forMethod(String method) {
        Map<String, Boolean> hints = new LinkedHashMap<>();
        switch (method) {
            case "GET", "HEAD", "OPTIONS", "TRACE" -> hints.put("readOnlyHint", true);
            case "PUT", "DELETE" -> {
                hints.put("destructiveHint", true);
                hints.put("idempotentHint", true);
            }
            case "POST", "PATCH" -> {
                hints.put("destructiveHint", true);
                hints.put("idempotentHint", false);
            }
            default -> {
            }
        }
        hints.put("openWorldHint", true);
        return hints;
    }
}
