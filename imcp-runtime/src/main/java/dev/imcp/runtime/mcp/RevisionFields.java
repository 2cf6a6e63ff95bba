package dev.imcp.runtime.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;
import java.util.Set;

/**
 * What each revision's schema defines for a tool and a tool result, so that a client gets exactly the members of the
 * revision it speaks: the {@code Tool} of {@code tools/list} and the {@code CallToolResult} of {@code tools/call}
 * (MCP "Server Features", "Tools", "Data Types", and {@code schema.ts}, of each revision). Everything else in the
 * runtime builds the newest shape; this class takes away what an older revision lacks.
 *
 * <ul>
 *   <li>{@code Tool}: 2024-11-05 has {@code name}, {@code description}, {@code inputSchema}; 2025-03-26 adds
 *       {@code annotations}; 2025-06-18 adds {@code title}, {@code outputSchema} and {@code _meta}; 2025-11-25 adds
 *       {@code icons} and {@code execution}; 2026-07-28 removes {@code execution} (tasks became an extension).</li>
 *   <li>{@code CallToolResult}: {@code content}, {@code isError} and {@code _meta} throughout;
 *       {@code structuredContent} from 2025-06-18 (the same data is in the text content, so nothing is lost).</li>
 *   <li>Content blocks: {@code text}, {@code image} and embedded {@code resource} throughout; {@code audio} from
 *       2025-03-26 (before, it is sent as an embedded resource with the same {@code blob} and {@code mimeType});
 *       {@code resource_link} from 2025-06-18 (before, a text block naming the URI); a block's {@code _meta} from
 *       2025-06-18.</li>
 * </ul>
 * Revision names are ISO dates, so lexical order is chronological order.
 */
public final class RevisionFields {

    private static final Map<String, Set<String>> TOOL = Map.of(
            "2024-11-05", Set.of("name", "description", "inputSchema"),
            "2025-03-26", Set.of("name", "description", "inputSchema", "annotations"),
            "2025-06-18", Set.of("name", "title", "description", "inputSchema", "outputSchema", "annotations", "_meta"),
            "2025-11-25", Set.of("name", "title", "description", "inputSchema", "outputSchema", "annotations", "_meta",
                    "icons", "execution"),
            "2026-07-28", Set.of("name", "title", "description", "inputSchema", "outputSchema", "annotations", "_meta",
                    "icons"));

    private RevisionFields() {
    }

    /**
     * Returns the members of a {@code tools/list} entry that {@code version} defines (the newest revision's for an
     * unknown one).
     *
     * @param version the request's revision
     * @return the member names
     */
    public static Set<String> toolMembers(String version) {
        return TOOL.getOrDefault(version, TOOL.get(ProtocolVersions.LATEST));
    }

    /**
     * Shapes a {@code CallToolResult} for {@code version}, in place.
     *
     * @param result a result built for the newest revision (owned by the caller)
     * @param version the request's revision
     * @return {@code result}
     */
    public static ObjectNode callResult(ObjectNode result, String version) {
        if (version.compareTo("2025-06-18") < 0) {
            result.remove("structuredContent");
        }
        if (!ProtocolVersions.modern(version)) {
            result.remove("resultType");
        }
        if (result.get("content") instanceof ArrayNode content && version.compareTo("2025-06-18") < 0) {
            for (int i = 0; i < content.size(); i++) {
                if (content.get(i) instanceof ObjectNode block) {
                    content.set(i, contentBlock(block, version));
                }
            }
        }
        return result;
    }

    private static JsonNode contentBlock(ObjectNode block, String version) {
        block.remove("_meta");
        String type = block.path("type").asText();
        if ("audio".equals(type) && version.compareTo("2025-03-26") < 0) {
            ObjectNode resource = block.objectNode();
            resource.put("type", "resource").putObject("resource")
                    .put("uri", "urn:imcp:content:audio")
                    .put("mimeType", block.path("mimeType").asText("application/octet-stream"))
                    .put("blob", block.path("data").asText());
            return resource;
        }
        if ("resource_link".equals(type)) {
            ObjectNode text = block.objectNode();
            text.put("type", "text").put("text", "Resource: " + block.path("uri").asText()
                    + (block.hasNonNull("mimeType") ? " (" + block.get("mimeType").asText() + ")" : ""));
            return text;
        }
        return block;
    }
}
