package dev.imcp.runtime.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.Collection;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Removes secrets from text and JSON before it reaches a client, a log or an audit event. Thread-safe.
 */
public final class Redactor {

    /** What a secret is replaced with. */
    public static final String MASK = "***";

    private static final Pattern SECRET_KEY =
            Pattern.compile("pass(word)?|secret|token|api[-_]?key|authorization|credential", Pattern.CASE_INSENSITIVE);

    private final List<String> secrets;

    /**
     * @param secrets the configured secret values (outbound tokens, passwords, header values); blank ones are ignored
     */
    public Redactor(Collection<String> secrets) {
        // Longest first, so a secret that contains another is masked whole.
        this.secrets = secrets.stream()
                .filter(s -> s != null && !s.isBlank())
                .distinct()
                .sorted(Comparator.comparingInt(String::length).reversed())
                .toList();
    }

    /** Returns whether a property named {@code name} holds a secret and must be masked. */
    public static boolean isSecretKey(String name) {
        return SECRET_KEY.matcher(name).find();
    }

    /**
     * Replaces every configured secret in {@code text} by {@link #MASK}.
     *
     * @param text any text, or {@code null}
     * @return the redacted text ({@code null} stays {@code null})
     */
    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String s : secrets) {
            out = out.replace(s, MASK);
        }
        return out;
    }

    /**
     * Returns a redacted deep copy of {@code node}: values under secret-looking property names become
     * {@link #MASK} and configured secrets are masked inside every string.
     *
     * @param node a JSON value, or {@code null}
     * @return the redacted copy
     */
    public JsonNode redact(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node instanceof ObjectNode object) {
            ObjectNode copy = object.objectNode();
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> e = fields.next();
                copy.set(e.getKey(), isSecretKey(e.getKey()) ? TextNode.valueOf(MASK) : redact(e.getValue()));
            }
            return copy;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode copy = array.arrayNode();
            array.forEach(v -> copy.add(redact(v)));
            return copy;
        }
        if (node.isTextual()) {
            return TextNode.valueOf(redact(node.textValue()));
        }
        return node.deepCopy();
    }
}
