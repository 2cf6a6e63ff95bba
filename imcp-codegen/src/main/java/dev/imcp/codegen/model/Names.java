package dev.imcp.codegen.model;

import java.util.Locale;
import java.util.Set;

/**
 * Java names derived from contract names, shared by readers (type and class stems) and writers
 * (record components, enum constants). Every method is deterministic and total.
 */
public final class Names {

    /**
     * The no-argument methods of {@code java.lang.Object}: a record component may not be named after them
     * (JLS section 8.10.1), so names that would be are suffixed with {@code _} like keywords.
     */
    private static final Set<String> OBJECT_METHODS = Set.of(
            "clone", "finalize", "getClass", "hashCode", "notify", "notifyAll", "toString", "wait");
    private static final Set<String> KEYWORDS = Set.of(
            "abstract", "assert", "boolean", "break", "byte", "case", "catch", "char", "class", "const",
            "continue", "default", "do", "double", "else", "enum", "extends", "final", "finally", "float",
            "for", "goto", "if", "implements", "import", "instanceof", "int", "interface", "long", "native",
            "new", "package", "private", "protected", "public", "return", "short", "static", "strictfp",
            "super", "switch", "synchronized", "this", "throw", "throws", "transient", "try", "void",
            "volatile", "while", "true", "false", "null", "_", "record", "yield", "var", "sealed",
            "permits", "non-sealed");

    private Names() {
    }

    /** Returns {@code name} as UpperCamelCase ({@code list-pets} to {@code ListPets}); never empty. */
    public static String upperCamel(String name) {
        String lower = camel(name);
        String result = Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
        return result.startsWith("_") ? "T" + result : result;
    }

    /**
     * Returns {@code name} as a lowerCamelCase Java identifier: separators dropped, the next letter
     * upper-cased, a leading digit prefixed with {@code _}, keywords suffixed with {@code _}.
     */
    public static String lowerCamel(String name) {
        String s = camel(name);
        return KEYWORDS.contains(s) || OBJECT_METHODS.contains(s) ? s + "_" : s;
    }

    private static String camel(String name) {
        StringBuilder b = new StringBuilder();
        boolean upperNext = false;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isLetterOrDigit(c) && c < 128) {
                if (b.isEmpty()) {
                    b.append(Character.toLowerCase(c));
                } else {
                    b.append(upperNext ? Character.toUpperCase(c) : c);
                }
                upperNext = false;
            } else {
                upperNext = !b.isEmpty();
            }
        }
        if (b.isEmpty()) {
            b.append("value");
        }
        // A name that is all capitals (ID, URL) reads better lower-cased.
        String s = b.toString();
        if (s.length() > 1 && s.substring(1).equals(s.substring(1).toUpperCase(Locale.ROOT))
                && s.chars().anyMatch(Character::isLetter)) {
            s = s.toLowerCase(Locale.ROOT);
        }
        if (Character.isDigit(s.charAt(0))) {
            s = "_" + s;
        }
        return s;
    }

    /** Returns {@code value} as an UPPER_SNAKE enum constant name ({@code in-stock} to {@code IN_STOCK}). */
    public static String constant(String value) {
        StringBuilder b = new StringBuilder();
        char prev = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isLetterOrDigit(c) && c < 128) {
                if (Character.isUpperCase(c) && Character.isLowerCase(prev)) {
                    b.append('_');
                }
                b.append(Character.toUpperCase(c));
            } else if (!b.isEmpty() && b.charAt(b.length() - 1) != '_') {
                b.append('_');
            }
            prev = c;
        }
        while (!b.isEmpty() && b.charAt(b.length() - 1) == '_') {
            b.setLength(b.length() - 1);
        }
        String s = b.isEmpty() ? "EMPTY" : b.toString();
        return Character.isDigit(s.charAt(0)) ? "V_" + s : s;
    }

    /** Returns whether {@code name} is a Java keyword or literal. */
    public static boolean isKeyword(String name) {
        return KEYWORDS.contains(name);
    }
}
