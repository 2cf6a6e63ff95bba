package dev.imcp.runtime.upstream;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Percent-encoding of path segments and query components (RFC 3986 section 2.1, UTF-8). */
final class UriEncoding {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}/]+)}");

    private UriEncoding() {
    }

    /** Encodes every byte that is not unreserved ({@code A-Z a-z 0-9 - . _ ~}); so {@code /} becomes {@code %2F}. */
    static String encode(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    /**
     * Encodes one path segment; {@code .} and {@code ..} are encoded too ({@code %2E}), so an argument can
     * never become a dot-segment that walks out of the operation's path (RFC 3986 section 5.2.4).
     */
    static String segment(String value) {
        String encoded = encode(value);
        return encoded.equals(".") || encoded.equals("..") ? encoded.replace(".", "%2E") : encoded;
    }

    /**
     * Replaces each {@code {name}} in {@code template} by its encoded value.
     *
     * @throws IllegalArgumentException when a placeholder has no value
     */
    static String expand(String template, Map<String, String> params) {
        return expand(template, params, Map.of());
    }

    /**
     * Replaces each {@code {name}} in {@code template} by its encoded value from {@code params}, or by its
     * already serialized and encoded expansion from {@code expanded} (styled parameters).
     *
     * @throws IllegalArgumentException when a placeholder has no value, or its value is empty
     */
    static String expand(String template, Map<String, String> params, Map<String, String> expanded) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String done = expanded.get(m.group(1));
            if (done != null) {
                m.appendReplacement(out, Matcher.quoteReplacement(done));
                continue;
            }
            String value = params.get(m.group(1));
            if (value == null) {
                throw new IllegalArgumentException("missing path parameter '" + m.group(1) + "'");
            }
            if (value.isEmpty()) {
                throw new IllegalArgumentException("path parameter '" + m.group(1) + "' must not be empty");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(segment(value)));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Returns {@code a=1&a=2&b=x} for the query map, or {@code ""}. */
    static String query(Map<String, List<String>> query) {
        StringBuilder out = new StringBuilder();
        query.forEach((name, values) -> values.forEach(v -> {
            if (!out.isEmpty()) {
                out.append('&');
            }
            out.append(encode(name)).append('=').append(encode(v));
        }));
        return out.toString();
    }
}
