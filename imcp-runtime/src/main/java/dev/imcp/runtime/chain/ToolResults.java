package dev.imcp.runtime.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import dev.imcp.runtime.audit.Redactor;
import dev.imcp.runtime.mcp.RegisteredTool;
import dev.imcp.runtime.spi.HttpBody;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Builds {@code CallToolResult} objects (MCP "Tools", "Tool Result"): {@code {content, structuredContent?,
 * isError}}.
 */
final class ToolResults {

    /** The {@code structuredContent} property of an error result that carries a SOAP fault. */
    static final String FAULT = "fault";

    /** The text of a binary content item that was left out because it held a secret. */
    static final String WITHHELD = "binary content withheld: it contained a credential of the adapter";

    /** How deep multipart bodies nested in multipart bodies are split into content items. */
    static final int MAX_MULTIPART_DEPTH = 4;

    private final ObjectMapper mapper;

    ToolResults(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * Returns the result of a successful call: {@code OK} text for no output; the content items of an
     * {@link HttpBody} (see {@link #contents}); else the output as {@code structuredContent} (an object, or
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
            ArrayNode content = result.putArray("content");
            contents(tool.descriptor().name(), body.bytes(), body.mediaType(), body.contentLocation(), 0, content);
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

    /**
     * Returns {@code result} with every secret the adapter holds masked ({@link Redactor#redactValues}) in its text
     * content, embedded resources and {@code structuredContent}. A binary item (image, audio, resource {@code blob})
     * whose Base64 holds a secret becomes a text item saying {@value #WITHHELD}, since masked Base64 is no longer the
     * data. A {@code structuredContent} that masking changed and that no longer validates against the tool's output
     * schema (a masked string under a {@code minLength}, {@code pattern} or {@code format}, a masked property name)
     * is left out: the client keeps the redacted text content, which holds the same JSON, rather than the secret
     * or an object its schema check would refuse (MCP "Structured Content").
     *
     * @param tool the tool that answered
     * @param result a {@code CallToolResult}
     * @param redactor the adapter's redactor
     * @return {@code result} itself when nothing was masked, else a redacted copy
     */
    ObjectNode redacted(RegisteredTool tool, ObjectNode result, Redactor redactor) {
        JsonNode masked = redactor.redactValues(result);
        if (masked == result) { // copied on write: the same node when nothing was masked
            return result;
        }
        ObjectNode out = (ObjectNode) masked;
        if (out.get("content") instanceof ArrayNode items) {
            for (int i = 0; i < items.size(); i++) {
                JsonNode before = result.path("content").path(i);
                JsonNode item = items.get(i);
                if (!before.path("data").equals(item.path("data"))
                        || !before.path("resource").path("blob").equals(item.path("resource").path("blob"))) {
                    items.set(i, mapper.createObjectNode().put("type", "text").put("text", WITHHELD));
                }
            }
        }
        JsonNode structured = out.get("structuredContent");
        if (structured != null && !structured.equals(result.get("structuredContent"))) {
            Schema schema = tool.outputValidator();
            if (schema != null && !schema.validate(structured).isEmpty()) {
                out.remove("structuredContent");
            }
        }
        return out;
    }

    /** Returns {@code {content: [{type: text, text}], isError: true}}. */
    ObjectNode error(String text) {
        ObjectNode result = mapper.createObjectNode();
        result.putArray("content").addObject().put("type", "text").put("text", text);
        result.put("isError", true);
        return result;
    }

    /**
     * Adds the MCP content items of a non-JSON response (or of one part of a multipart one) to {@code out}:
     * <ul>
     * <li>{@code multipart/*}: one item per part, by these same rules (RFC 2046, section 5.1; nested multiparts up
     * to {@value #MAX_MULTIPART_DEPTH} levels); a body that does not parse as multipart is one embedded resource;
     * <li>with a {@code Content-Location}: an embedded resource of that URI ({@code text} for textual types, else a
     * base64 {@code blob}), since the upstream named the resource it sent (RFC 9110, section 8.7);
     * <li>{@code text/*}, JSON and XML types: text content (read as UTF-8);
     * <li>{@code image/*}: image content, {@code audio/*}: audio content (base64 {@code data}, {@code mimeType});
     * <li>anything else: an embedded resource with a base64 {@code blob} and the URI
     * {@code urn:imcp:tool:<name>:response}.
     * </ul>
     */
    private void contents(String toolName, byte[] bytes, String mediaType, String location, int depth, ArrayNode out) {
        String bare = HttpBody.bare(mediaType);
        if (bare.startsWith("multipart/") && depth < MAX_MULTIPART_DEPTH && parts(toolName, bytes, mediaType, depth, out)) {
            return;
        }
        boolean textual = bare.startsWith("text/") || bare.equals("application/json") || bare.endsWith("+json")
                || bare.equals("application/xml") || bare.endsWith("+xml");
        ObjectNode content = out.addObject();
        if (location != null) {
            ObjectNode resource = content.put("type", "resource").putObject("resource").put("uri", location)
                    .put("mimeType", bare);
            if (textual) {
                resource.put("text", new String(bytes, StandardCharsets.UTF_8));
            } else {
                resource.put("blob", Base64.getEncoder().encodeToString(bytes));
            }
            return;
        }
        if (textual) {
            content.put("type", "text").put("text", new String(bytes, StandardCharsets.UTF_8));
            return;
        }
        String base64 = Base64.getEncoder().encodeToString(bytes);
        if (bare.startsWith("image/") || bare.startsWith("audio/")) {
            content.put("type", bare.startsWith("image/") ? "image" : "audio").put("data", base64).put("mimeType", bare);
            return;
        }
        content.put("type", "resource").putObject("resource").put("uri", "urn:imcp:tool:" + toolName + ":response")
                .put("mimeType", bare).put("blob", base64);
    }

    /** Adds one content item per part of a multipart body; {@code false} (nothing added) when it does not parse. */
    private boolean parts(String toolName, byte[] bytes, String mediaType, int depth, ArrayNode out) {
        ArrayNode items = mapper.createArrayNode();
        try {
            MimeMultipart multipart = new MimeMultipart(new ByteArrayDataSource(bytes, mediaType));
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart part = multipart.getBodyPart(i);
                String type = part.getContentType() == null ? "text/plain" : part.getContentType();
                String[] location = part.getHeader("Content-Location");
                byte[] content;
                try (InputStream in = part.getInputStream()) {
                    content = in.readAllBytes();
                }
                contents(toolName, content, type, location == null ? null : location[0].strip(), depth + 1, items);
            }
        } catch (MessagingException | IOException e) {
            return false;
        }
        out.addAll(items);
        return true;
    }
}
