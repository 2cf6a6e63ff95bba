package dev.imcp.codegen.select;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A pattern that picks operations of the contracts: one or more terms separated by spaces, every one of
 * which must match.
 *
 * <ul>
 *   <li>{@code tag:<glob>}: one of the operation's OpenAPI {@code tags} (case-insensitive).</li>
 *   <li>{@code operationId:<glob>}: the OpenAPI {@code operationId}, the MCP JSON tool {@code name} or the WSDL
 *       operation name (case-sensitive). A bare term that is neither a method nor a path means the same:
 *       {@code findPets}.</li>
 *   <li>{@code method:<METHOD>}: the HTTP method (case-insensitive). A bare upper-case method means the
 *       same: {@code DELETE}.</li>
 *   <li>{@code path:<glob>}: the path template as written in the contract, e.g. {@code /pets/{petId}}. A bare
 *       term starting with {@code /} means the same, so {@code GET /pets/{petId}} names one operation.</li>
 *   <li>{@code service:<glob>}: the service id of the contract (its file name without extension, the Java
 *       package segment).</li>
 * </ul>
 * In a glob, {@code *} matches any run of characters and {@code ?} one character; in a path glob {@code *}
 * and {@code ?} stay within one segment, {@code **} crosses segments, and a trailing {@code /**} also matches
 * the path without it. A value holding spaces is written in double quotes: {@code tag:"Sign Requests"}.
 */
public final class OperationSelector {

    /** The HTTP methods a bare term can name (RFC 9110 section 9 and PATCH, RFC 5789). */
    public static final Set<String> METHODS = Set.of("GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE");
    private static final Map<String, Key> KEYS = Map.of("tag", Key.TAG, "operationid", Key.OPERATION_ID,
            "method", Key.METHOD, "path", Key.PATH, "service", Key.SERVICE);
    /** What a wrong selector's message lists. */
    private static final String FORMS = "write tag:<tag>, operationId:<id>, method:<METHOD>, path:</path/glob>, "
            + "service:<serviceId>, or a method and a path such as 'GET /pets/{petId}'; several terms must all match";

    private enum Key { TAG, OPERATION_ID, METHOD, PATH, SERVICE }

    private record Term(Key key, String value, Pattern glob) {
    }

    private final String text;
    private final List<Term> terms;

    private OperationSelector(String text, List<Term> terms) {
        this.text = text;
        this.terms = List.copyOf(terms);
    }

    /**
     * Parses a selector.
     *
     * @param text the selector as written, e.g. {@code tag:pets}, {@code GET /pets/**} or {@code "find pet by id"}
     * @return the selector
     * @throws IllegalArgumentException when {@code text} is blank, has an unknown key, an empty value, an
     *     unknown method or an unclosed quote; the message says which and lists the allowed forms
     */
    public static OperationSelector parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("an operation selector must not be empty; " + FORMS);
        }
        List<Term> terms = new ArrayList<>();
        for (String token : tokens(text.strip())) {
            terms.add(term(token));
        }
        return new OperationSelector(text.strip(), terms);
    }

    /**
     * Returns whether {@code op} matches every term.
     *
     * @param op the operation
     * @return {@code true} when it matches
     */
    public boolean matches(OperationFacts op) {
        for (Term t : terms) {
            boolean ok = switch (t.key()) {
                case TAG -> op.tags().stream().anyMatch(tag -> t.glob().matcher(tag).matches());
                case OPERATION_ID -> op.operationId() != null && t.glob().matcher(op.operationId()).matches();
                case METHOD -> t.value().equalsIgnoreCase(op.method());
                case PATH -> op.path() != null && t.glob().matcher(op.path()).matches();
                case SERVICE -> t.glob().matcher(op.serviceId()).matches();
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** Returns the selector as written, without surrounding spaces. */
    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OperationSelector other && other.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    /** Splits at spaces outside double quotes; the quotes stay on the token. */
    private static List<String> tokens(String text) {
        List<String> tokens = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            }
            if (Character.isWhitespace(c) && !quoted) {
                if (!current.isEmpty()) {
                    tokens.add(current.toString());
                    current.setLength(0);
                }
            } else {
                current.append(c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("'" + text + "' has an unclosed double quote; " + FORMS);
        }
        if (!current.isEmpty()) {
            tokens.add(current.toString());
        }
        return tokens;
    }

    private static Term term(String token) {
        int colon = token.indexOf(':');
        Key key = null;
        String value = token;
        if (colon > 0 && token.charAt(0) != '"') {
            key = KEYS.get(token.substring(0, colon).toLowerCase(Locale.ROOT));
            if (key == null) {
                throw new IllegalArgumentException("'" + token + "' has an unknown key '" + token.substring(0, colon)
                        + "' (an operationId with a colon is written operationId:\"" + token + "\"); " + FORMS);
            }
            value = token.substring(colon + 1);
        }
        value = unquote(value);
        if (value.isEmpty()) {
            throw new IllegalArgumentException("'" + token + "' has an empty value; " + FORMS);
        }
        if (key == null) {
            key = METHODS.contains(value) && !token.startsWith("\"") ? Key.METHOD
                    : value.startsWith("/") ? Key.PATH : Key.OPERATION_ID;
        }
        if (key == Key.METHOD) {
            value = value.toUpperCase(Locale.ROOT);
            if (!METHODS.contains(value)) {
                throw new IllegalArgumentException("'" + token + "' names no HTTP method; use one of "
                        + String.join(", ", new java.util.TreeSet<>(METHODS)));
            }
            return new Term(key, value, null);
        }
        int flags = key == Key.TAG ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0;
        return new Term(key, value, Pattern.compile(glob(value, key == Key.PATH), flags));
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1) : value;
    }

    /** Returns the regular expression of a glob; in a path, {@code *} and {@code ?} stop at {@code /}. */
    static String glob(String glob, boolean path) {
        String body = path && glob.endsWith("/**") && glob.length() > 3 ? glob.substring(0, glob.length() - 3) : glob;
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c != '*' && c != '?') {
                literal.append(c);
                continue;
            }
            if (!literal.isEmpty()) {
                regex.append(Pattern.quote(literal.toString()));
                literal.setLength(0);
            }
            if (c == '?') {
                regex.append(path ? "[^/]" : ".");
            } else if (i + 1 < body.length() && body.charAt(i + 1) == '*') {
                regex.append(".*");
                i++;
            } else {
                regex.append(path ? "[^/]*" : ".*");
            }
        }
        if (!literal.isEmpty()) {
            regex.append(Pattern.quote(literal.toString()));
        }
        if (body.length() < glob.length()) {
            regex.append("(/.*)?");
        }
        return regex.toString();
    }
}
