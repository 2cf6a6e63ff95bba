package dev.imcp.runtime.upstream;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Serializes parameter values by OpenAPI style and explode (OpenAPI 3.0.3 section 4.7.12.4, "Style Values", and
 * its "Style Examples" table). Values are JSON trees: a primitive, an array of primitives or an object of
 * primitives; nested objects are only allowed for {@code deepObject} ({@code a[b][c]=v}) and arrays inside a
 * {@code deepObject} are sent with indexes ({@code a[list][0]=v}, the form Stripe and Rails read).
 */
final class ParameterStyles {

    /**
     * RFC 3986 section 2.2 reserved characters, kept as they are when {@code allowReserved} is true; {@code #} is
     * still encoded, since it would end the query and start a fragment the server never sees.
     */
    private static final String RESERVED = ":/?[]@!$&'()*+,;=";

    private ParameterStyles() {
    }

    /**
     * Returns the expansion of a path placeholder: {@code simple} ({@code 3,4,5}), {@code label} ({@code .3.4.5})
     * or {@code matrix} ({@code ;id=3;id=4}); every value is encoded as part of one path segment.
     *
     * @throws IllegalArgumentException when the value is an empty string (it would address another resource)
     *     or the style is not a path style
     */
    static String path(String name, String style, boolean explode, JsonNode value) {
        if (value.isTextual() && value.asText().isEmpty() && !"matrix".equals(style)) {
            throw new IllegalArgumentException("path parameter '" + name + "' must not be empty");
        }
        return switch (style) {
            case "simple" -> simple(value, explode, UriEncoding::segment);
            case "label" -> label(value, explode);
            case "matrix" -> matrix(name, value, explode);
            default -> throw new IllegalArgumentException("style '" + style + "' is not allowed in a path");
        };
    }

    /** Returns a header value ({@code simple} style; header values are not percent-encoded). */
    static String header(JsonNode value, boolean explode) {
        return simple(value, explode, s -> s);
    }

    /**
     * Returns the encoded {@code name=value} pairs of one query parameter, or of one form field
     * ({@code form}, {@code spaceDelimited}, {@code pipeDelimited}, {@code deepObject}).
     */
    static List<String> query(String name, String style, boolean explode, boolean allowReserved, JsonNode value) {
        java.util.function.UnaryOperator<String> enc = allowReserved ? ParameterStyles::encodeAllowReserved
                : UriEncoding::encode;
        List<String> out = new ArrayList<>();
        if ("deepObject".equals(style)) {
            deep(UriEncoding.encode(name), value, out, enc);
            return out;
        }
        String separator = switch (style) {
            case "spaceDelimited" -> "%20";
            case "pipeDelimited" -> "%7C";
            default -> ",";
        };
        if (value.isArray()) {
            if (explode) {
                value.forEach(v -> out.add(UriEncoding.encode(name) + "=" + enc.apply(text(v))));
            } else {
                List<String> items = new ArrayList<>();
                value.forEach(v -> items.add(enc.apply(text(v))));
                out.add(UriEncoding.encode(name) + "=" + String.join(separator, items));
            }
        } else if (value.isObject()) {
            if (explode) {
                value.properties().forEach(e -> out.add(UriEncoding.encode(e.getKey()) + "=" + enc.apply(text(e.getValue()))));
            } else {
                List<String> items = new ArrayList<>();
                value.properties().forEach(e -> {
                    items.add(enc.apply(e.getKey()));
                    items.add(enc.apply(text(e.getValue())));
                });
                out.add(UriEncoding.encode(name) + "=" + String.join(separator, items));
            }
        } else {
            out.add(UriEncoding.encode(name) + "=" + enc.apply(text(value)));
        }
        return out;
    }

    /**
     * Returns the {@code name=value} pairs of one cookie parameter ({@code form} style); values are
     * percent-encoded, since a cookie value cannot hold spaces, {@code ;}, {@code "} or {@code \} (RFC 6265
     * section 4.1.1).
     */
    static List<String> cookie(String name, boolean explode, JsonNode value) {
        return query(name, "form", explode, false, value);
    }

    private static void deep(String prefix, JsonNode value, List<String> out,
            java.util.function.UnaryOperator<String> enc) {
        if (value.isObject()) {
            for (Map.Entry<String, JsonNode> e : value.properties()) {
                deep(prefix + "%5B" + UriEncoding.encode(e.getKey()) + "%5D", e.getValue(), out, enc);
            }
        } else if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                deep(prefix + "%5B" + i + "%5D", value.get(i), out, enc);
            }
        } else if (!value.isNull()) {
            out.add(prefix + "=" + enc.apply(text(value)));
        }
    }

    private static String simple(JsonNode value, boolean explode, java.util.function.UnaryOperator<String> enc) {
        if (value.isArray()) {
            List<String> items = new ArrayList<>();
            value.forEach(v -> items.add(enc.apply(text(v))));
            return String.join(",", items);
        }
        if (value.isObject()) {
            List<String> items = new ArrayList<>();
            value.properties().forEach(e -> items.add(explode
                    ? enc.apply(e.getKey()) + "=" + enc.apply(text(e.getValue()))
                    : enc.apply(e.getKey()) + "," + enc.apply(text(e.getValue()))));
            return String.join(",", items);
        }
        return enc.apply(text(value));
    }

    private static String label(JsonNode value, boolean explode) {
        if (value.isArray()) {
            List<String> items = new ArrayList<>();
            value.forEach(v -> items.add(UriEncoding.segment(text(v))));
            return "." + String.join(explode ? "." : ",", items);
        }
        if (value.isObject()) {
            List<String> items = new ArrayList<>();
            value.properties().forEach(e -> items.add(UriEncoding.encode(e.getKey())
                    + (explode ? "=" : ",") + UriEncoding.encode(text(e.getValue()))));
            return "." + String.join(explode ? "." : ",", items);
        }
        return "." + UriEncoding.encode(text(value));
    }

    private static String matrix(String name, JsonNode value, boolean explode) {
        String n = UriEncoding.encode(name);
        if (value.isArray()) {
            List<String> items = new ArrayList<>();
            value.forEach(v -> items.add(UriEncoding.encode(text(v))));
            if (explode) {
                StringBuilder out = new StringBuilder();
                items.forEach(i -> out.append(';').append(n).append('=').append(i));
                return out.toString();
            }
            return ";" + n + "=" + String.join(",", items);
        }
        if (value.isObject()) {
            StringBuilder out = new StringBuilder();
            List<String> items = new ArrayList<>();
            value.properties().forEach(e -> {
                if (explode) {
                    out.append(';').append(UriEncoding.encode(e.getKey())).append('=')
                            .append(UriEncoding.encode(text(e.getValue())));
                } else {
                    items.add(UriEncoding.encode(e.getKey()));
                    items.add(UriEncoding.encode(text(e.getValue())));
                }
            });
            return explode ? out.toString() : ";" + n + "=" + String.join(",", items);
        }
        String text = text(value);
        return text.isEmpty() ? ";" + n : ";" + n + "=" + UriEncoding.encode(text);
    }

    /** Returns a primitive's text; an object or array nested where the style has no form for it is sent as JSON. */
    static String text(JsonNode value) {
        return value.isValueNode() ? value.asText() : value.toString();
    }

    private static String encodeAllowReserved(String value) {
        String encoded = UriEncoding.encode(value);
        StringBuilder out = new StringBuilder(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '%' && i + 2 < encoded.length()) {
                char decoded = (char) Integer.parseInt(encoded.substring(i + 1, i + 3), 16);
                if (RESERVED.indexOf(decoded) >= 0) {
                    out.append(decoded);
                    i += 2;
                    continue;
                }
            }
            out.append(c);
        }
        return out.toString();
    }
}
