package dev.imcp.runtime.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.imcp.runtime.mcp.RegisteredTool;
import dev.imcp.runtime.spi.HttpBody;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * Builds {@code CallToolResult} objects (MCP "Tools", "Tool Result"): {@code {content, structuredContent?,
 * isError}}.
 */
final class ToolResults {

    /** The {@code structuredContent} property of an error result that carries a SOAP fault. */
    static final String FAULT = "fault";

    private final ObjectMapper mapper;

    ToolResults(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * Returns the result of a successful call: {@code OK} text for no output; text, image or embedded resource
     * content for an {@link HttpBody}; else the output as {@code structuredContent} (an object, or
     * {@code {<resultProperty>: value}}, or {@code {"result": value}} for a stray scalar or array) and its compact
     * JSON as text content.
     */
    ObjectNode success(RegisteredTool tool, Object output) {
        ObjectNode result = mapper.createObjectNode();
        if (output == null) {
            result.putArray("content").addObject().put("type", "text").put("text", "OK");
            result.put("isError", false);
            return result;
        }
        if (output instanceof HttpBody body) {
            result.putArray("content").add(content(tool.descriptor().name(), body));
            result.put("isError", false);
            return result;
        }
        JsonNode value = mapper.valueToTree(output);
        String property = tool.descriptor().resultProperty();
        ObjectNode structured;
        if (property != null) {
            structured = mapper.createObjectNode().set(property, value);
        } else if (value instanceof ObjectNode o) {
            structured = o;
        } else {
            // structuredContent must be an object (MCP "Structured Content"); wrap stray scalars and arrays.
            structured = mapper.createObjectNode().set("result", value);
        }
        result.putArray("content").addObject().put("type", "text").put("text", structured.toString());
        result.set("structuredContent", structured);
        result.put("isError", false);
        return result;
    }

    /** Returns {@code {content: [{type: text, text}], isError: true}}. */
    ObjectNode error(String text) {
        ObjectNode result = mapper.createObjectNode();
        result.putArray("content").addObject().put("type", "text").put("text", text);
        result.put("isError", true);
        return result;
    }

    /**
     * Returns the content of a non-JSON response: text content for {@code text/*}, JSON and XML types (read as
     * UTF-8), image content for {@code image/*} (base64 {@code data} and {@code mimeType}), else an embedded
     * resource with a base64 {@code blob}, {@code mimeType} and the URI {@code urn:imcp:tool:<name>:response}.
     */
    private ObjectNode content(String toolName, HttpBody body) {
        String type = body.mediaType();
        int semicolon = type.indexOf(';');
        String bare = (semicolon < 0 ? type : type.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
        ObjectNode content = mapper.createObjectNode();
        if (bare.startsWith("text/") || bare.equals("application/json") || bare.endsWith("+json")
                || bare.equals("application/xml") || bare.endsWith("+xml")) {
            return content.put("type", "text").put("text", new String(body.bytes(), StandardCharsets.UTF_8));
        }
        String base64 = Base64.getEncoder().encodeToString(body.bytes());
        if (bare.startsWith("image/")) {
            return content.put("type", "image").put("data", base64).put("mimeType", bare);
        }
        content.put("type", "resource").putObject("resource").put("uri", "urn:imcp:tool:" + toolName + ":response")
                .put("mimeType", bare).put("blob", base64);
        return content;
    }
}
