package dev.imcp.runtime.upstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imcp.runtime.spi.HttpBody;
import dev.imcp.runtime.spi.HttpCall;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Encodes a request body by its media type (OpenAPI 3.0.3 section 4.7.13, "Request Body Object", and 4.7.15,
 * "Encoding Object"):
 * <ul>
 * <li>{@code application/json}, {@code *+json} and {@code *}{@code /*}: the value as JSON;
 * <li>{@code application/x-www-form-urlencoded}: the object's properties as {@code name=value} pairs joined by
 *     {@code &}, each by its field's style (default {@code form}, exploded);
 * <li>{@code multipart/form-data} (RFC 7578): one part per property; a primitive is a text part, an array of
 *     primitives repeats the part, a file field ({@code format: binary}) is a base64 string or an object
 *     {@code {"filename", "contentType", "data"}} whose base64 {@code data} is sent as bytes; other objects are
 *     {@code application/json} parts;
 * <li>{@code text/*}: a string as UTF-8; any other type: a base64 string's bytes.
 * </ul>
 */
final class BodyEncoders {

    /** An encoded body with the {@code Content-Type} to send it with. */
    record Encoded(byte[] bytes, String contentType) {
    }

    private BodyEncoders() {
    }

    /**
     * Encodes {@code body}.
     *
     * @param mediaType the contract's media type; {@code null} means {@code application/json}
     * @throws IllegalArgumentException when the value does not fit the media type (a form body that is not an
     *     object, binary data that is not base64)
     */
    static Encoded encode(ObjectMapper mapper, Object body, String mediaType, Map<String, HttpCall.Field> fields) {
        String type = mediaType == null ? "application/json" : mediaType;
        String bare = bare(type);
        JsonNode node = mapper.valueToTree(body);
        if (isJson(bare)) {
            return new Encoded(node.toString().getBytes(StandardCharsets.UTF_8),
                    bare.equals("*/*") ? "application/json" : type);
        }
        if (bare.equals("application/x-www-form-urlencoded")) {
            return new Encoded(form(object(node), fields).getBytes(StandardCharsets.UTF_8), type);
        }
        if (bare.equals("multipart/form-data")) {
            String boundary = "imcp-" + UUID.randomUUID();
            return new Encoded(multipart(object(node), fields, boundary), "multipart/form-data; boundary=" + boundary);
        }
        if (!node.isTextual()) {
            throw new IllegalArgumentException("a " + bare + " body must be a string");
        }
        if (bare.startsWith("text/")) {
            return new Encoded(node.asText().getBytes(StandardCharsets.UTF_8), type);
        }
        return new Encoded(base64(node.asText(), "body"), type);
    }

    /** Whether a bare media type is sent as JSON. */
    static boolean isJson(String bare) {
        return bare.equals("application/json") || bare.endsWith("+json") || bare.equals("*/*");
    }

    /** Returns the media type without parameters, lower case ({@link HttpBody#bare}). */
    static String bare(String mediaType) {
        return HttpBody.bare(mediaType);
    }

    private static JsonNode object(JsonNode node) {
        if (!node.isObject()) {
            throw new IllegalArgumentException("a form body must be an object");
        }
        return node;
    }

    private static String form(JsonNode node, Map<String, HttpCall.Field> fields) {
        List<String> pairs = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            if (e.getValue().isNull()) {
                continue;
            }
            HttpCall.Field field = fields.getOrDefault(e.getKey(), new HttpCall.Field("form", true, null, false));
            // form cannot carry nested objects; those go as deepObject, the only style that can
            String style = field.style().equals("form") && e.getValue().isObject() && hasContainer(e.getValue())
                    ? "deepObject" : field.style();
            pairs.addAll(ParameterStyles.query(e.getKey(), style, field.explode(), false, e.getValue()));
        }
        return String.join("&", pairs);
    }

    private static boolean hasContainer(JsonNode object) {
        for (Map.Entry<String, JsonNode> e : object.properties()) {
            if (e.getValue().isContainerNode()) {
                return true;
            }
        }
        return false;
    }

    private static byte[] multipart(JsonNode node, Map<String, HttpCall.Field> fields, String boundary) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            HttpCall.Field field = fields.get(e.getKey());
            JsonNode value = e.getValue();
            if (value.isNull()) {
                continue;
            }
            if (value.isArray() && !(field != null && field.contentType() != null
                    && isJson(bare(field.contentType())))) {
                for (JsonNode item : value) {
                    part(out, boundary, e.getKey(), item, field);
                }
            } else {
                part(out, boundary, e.getKey(), value, field);
            }
        }
        write(out, "--" + boundary + "--\r\n");
        return out.toByteArray();
    }

    private static void part(ByteArrayOutputStream out, String boundary, String name, JsonNode value,
            HttpCall.Field field) {
        String contentType = field == null ? null : field.contentType();
        String filename = null;
        byte[] bytes;
        boolean file = field != null && field.file() || value.isObject() && value.has("data")
                && value.size() <= 3 && (value.size() == 1 || value.has("filename") || value.has("contentType"));
        if (file && value.isObject()) {
            filename = value.path("filename").asText(name);
            contentType = value.hasNonNull("contentType") ? value.get("contentType").asText()
                    : contentType == null ? "application/octet-stream" : contentType;
            bytes = base64(value.path("data").asText(), name);
        } else if (file && value.isTextual()) {
            filename = name;
            contentType = contentType == null ? "application/octet-stream" : contentType;
            bytes = base64(value.asText(), name);
        } else if (value.isContainerNode()) {
            contentType = contentType == null ? "application/json" : contentType;
            bytes = value.toString().getBytes(StandardCharsets.UTF_8);
        } else {
            bytes = value.asText().getBytes(StandardCharsets.UTF_8);
        }
        write(out, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + quote(name) + "\""
                + (filename == null ? "" : "; filename=\"" + quote(filename) + "\"") + "\r\n"
                + (contentType == null ? "" : "Content-Type: " + contentType + "\r\n") + "\r\n");
        out.writeBytes(bytes);
        write(out, "\r\n");
    }

    /** Escapes a quoted-string of a Content-Disposition parameter (RFC 7578 section 4.2: percent-encode {@code "}). */
    private static String quote(String value) {
        return value.replace("\"", "%22").replace("\r", "%0D").replace("\n", "%0A");
    }

    private static byte[] base64(String value, String what) {
        try {
            return Base64.getMimeDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + what + "' must be base64: " + e.getMessage());
        }
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
