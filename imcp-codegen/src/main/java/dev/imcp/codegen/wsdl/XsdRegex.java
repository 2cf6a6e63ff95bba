package dev.imcp.codegen.wsdl;

/**
 * Translates an XML Schema regular expression (XSD 1.0 Part 2, Appendix F) into an ECMA-262 one for the
 * JSON Schema {@code pattern} keyword (2020-12 Validation, section 6.3.3; Core, section 6.4).
 *
 * <p>The two dialects differ in ways that change what a pattern accepts, and each is handled:
 * <ul>
 * <li>An XSD pattern matches the whole value (F.1: "implicitly anchored"); a JSON Schema pattern matches
 *     anywhere. {@link #anchored} wraps the translation as {@code ^(?:...)$}.
 * <li>{@code ^} and {@code $} are ordinary characters in XSD; they become {@code \^} and {@code \$}.
 * <li>{@code \i}, {@code \I}, {@code \c}, {@code \C} (XML name characters, F.3.1) become the XML 1.0
 *     (fifth edition) NameStartChar and NameChar ranges of the Basic Multilingual Plane.
 * <li>{@code .} excludes only {@code \n} and {@code \r} in XSD (ECMA also excludes U+2028/U+2029), and
 *     {@code \s} is exactly {@code [ \t\n\r]}: both are written out as character classes.
 * <li>Character class subtraction {@code [a-z-[aeiou]]} becomes a negative lookahead,
 *     {@code (?:(?![aeiou])[a-z])}, which ECMA-262 and {@code java.util.regex} both read the same way.
 * </ul>
 * Kept as they are, knowingly: {@code \d} and {@code \w} (Unicode in XSD, ASCII in ECMA-262 without the
 * {@code u} flag), so a published pattern is at most narrower for non-ASCII digits and letters; Unicode
 * categories {@code \p{L}} (read by {@code java.util.regex} and by ECMA-262 with the {@code u} flag).
 * Untranslatable, so {@link #translate} returns a {@link Result} with a problem: Unicode block escapes
 * {@code \p{IsBasicLatin}} (ECMA-262 has no blocks) and the negated escapes {@code \I}, {@code \C},
 * {@code \S}, {@code \W}, {@code \D} inside a character class.
 */
final class XsdRegex {

    private static final String NAME_START = ":A-Z_a-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D"
            + "\\u037F-\\u1FFF\\u200C-\\u200D\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD";
    private static final String NAME = NAME_START + "\\-.0-9\\u00B7\\u0300-\\u036F\\u203F-\\u2040";
    private static final String SPACE = " \\t\\n\\r";

    /**
     * The outcome of a translation.
     *
     * @param pattern the ECMA-262 pattern (not anchored), or {@code null} when the XSD pattern cannot be
     *     translated
     * @param problem why it cannot, or {@code null}
     */
    record Result(String pattern, String problem) {
    }

    private final String xsd;
    private int pos;

    private XsdRegex(String xsd) {
        this.xsd = xsd;
    }

    /** Translates {@code xsd}; never throws. */
    static Result translate(String xsd) {
        XsdRegex r = new XsdRegex(xsd);
        try {
            return new Result(r.expression(), null);
        } catch (IllegalArgumentException e) {
            return new Result(null, e.getMessage());
        }
    }

    /** Returns {@code ecma} anchored to match the whole value: {@code ^(?:ecma)$}. */
    static String anchored(String ecma) {
        return "^(?:" + ecma + ")$";
    }

    /**
     * Returns a pattern matching exactly the values both anchored patterns match: a lookahead checks
     * {@code first} over the whole value, then {@code second} consumes it ({@code ^(?=(?:a)$)(?:b)$}).
     */
    static String both(String first, String second) {
        return "^(?=" + first.substring(1) + ")" + second.substring(1);
    }

    private String expression() {
        StringBuilder out = new StringBuilder();
        while (pos < xsd.length()) {
            char c = xsd.charAt(pos++);
            switch (c) {
                case '\\' -> out.append(escape(false));
                case '[' -> out.append(charClass());
                case '^' -> out.append("\\^");
                case '$' -> out.append("\\$");
                case '.' -> out.append("[^\\n\\r]");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** Translates the escape after a backslash; inside a class, returns class content without brackets. */
    private String escape(boolean inClass) {
        if (pos >= xsd.length()) {
            throw new IllegalArgumentException("the pattern ends with a lone backslash");
        }
        char c = xsd.charAt(pos++);
        return switch (c) {
            case 'i' -> inClass ? NAME_START : "[" + NAME_START + "]";
            case 'c' -> inClass ? NAME : "[" + NAME + "]";
            case 's' -> inClass ? SPACE : "[" + SPACE + "]";
            case 'I', 'C', 'S' -> {
                if (inClass) {
                    throw new IllegalArgumentException("\\" + c + " inside a character class has no ECMA-262 form");
                }
                yield "[^" + (c == 'I' ? NAME_START : c == 'C' ? NAME : SPACE) + "]";
            }
            case 'D', 'W' -> {
                if (inClass) {
                    throw new IllegalArgumentException("\\" + c + " inside a character class has no ECMA-262 form");
                }
                yield "\\" + c;
            }
            case 'p', 'P' -> {
                int end = xsd.indexOf('}', pos);
                if (pos >= xsd.length() || xsd.charAt(pos) != '{' || end < 0) {
                    throw new IllegalArgumentException("\\" + c + " is not followed by {name}");
                }
                String name = xsd.substring(pos + 1, end);
                pos = end + 1;
                if (name.startsWith("Is")) {
                    throw new IllegalArgumentException("the Unicode block escape \\" + c + "{" + name
                            + "} has no ECMA-262 form");
                }
                yield "\\" + c + "{" + name + "}";
            }
            case 'n', 'r', 't', 'd', 'w', '\\', '|', '.', '-', '^', '?', '*', '+', '{', '}', '(', ')', '[', ']' ->
                    "\\" + c;
            default -> throw new IllegalArgumentException("\\" + c + " is not an XML Schema escape");
        };
    }

    /** Translates a character class; {@code pos} is just after its {@code [}. */
    private String charClass() {
        StringBuilder body = new StringBuilder("[");
        if (pos < xsd.length() && xsd.charAt(pos) == '^') {
            body.append('^');
            pos++;
        }
        while (pos < xsd.length()) {
            char c = xsd.charAt(pos++);
            if (c == ']') {
                return body.append(']').toString();
            }
            if (c == '-' && pos < xsd.length() && xsd.charAt(pos) == '[') {
                pos++;
                String subtracted = charClass();
                if (pos >= xsd.length() || xsd.charAt(pos) != ']') {
                    throw new IllegalArgumentException("a subtracted class must end its character class");
                }
                pos++;
                return "(?:(?!" + subtracted + ")" + body.append(']') + ")";
            }
            if (c == '\\') {
                body.append(escape(true));
            } else if (c == '[') {
                throw new IllegalArgumentException("an unescaped [ inside a character class");
            } else {
                body.append(c);
            }
        }
        throw new IllegalArgumentException("a character class is not closed");
    }
}
