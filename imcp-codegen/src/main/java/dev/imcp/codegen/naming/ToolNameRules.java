package dev.imcp.codegen.naming;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The character and length rules of tool names, as pure functions.
 *
 * <p>A valid tool name is {@code [A-Za-z0-9_-]{1,max}}: the characters MCP recommends (specification, "Tools",
 * tool names) without the dot, which widely used model APIs refuse in a function name, and at most {@code max}
 * characters (64 by default, what those APIs accept).
 */
public final class ToolNameRules {

    /** The length of the suffix {@link #suffixed} appends: {@code _} and 8 hexadecimal digits. */
    public static final int SUFFIX_LENGTH = 9;
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_-]+");
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");

    private ToolNameRules() {
    }

    /**
     * Returns whether {@code name} is a valid tool name of at most {@code max} characters.
     *
     * @param name the name
     * @param max the longest name allowed
     * @return {@code true} when valid
     */
    public static boolean valid(String name, int max) {
        return name.length() <= max && VALID.matcher(name).matches();
    }

    /**
     * Returns {@code name} with only {@code [A-Za-z0-9_-]}: accents are dropped (Unicode NFKD, combining marks
     * removed, so {@code café} gives {@code cafe}), then every run of other characters becomes one {@code _},
     * except at the start and the end where it is dropped. {@code find pet by id} gives {@code find_pet_by_id},
     * {@code meta/root} gives {@code meta_root}, {@code get_info.0.json} gives {@code get_info_0_json}.
     *
     * @param name any text
     * @return the sanitized name; empty when {@code name} has no letter, digit, {@code _} or {@code -}
     */
    public static String sanitize(String name) {
        String plain = MARKS.matcher(Normalizer.normalize(name, Normalizer.Form.NFKD)).replaceAll("");
        StringBuilder b = new StringBuilder(plain.length());
        boolean gap = false;
        for (int i = 0; i < plain.length(); i++) {
            char c = plain.charAt(i);
            if (isNameChar(c)) {
                if (gap && !b.isEmpty()) {
                    b.append('_');
                }
                b.append(c);
                gap = false;
            } else {
                gap = true;
            }
        }
        return b.toString();
    }

    /**
     * Returns {@code name} cut to {@code max} characters with a stable suffix: its first {@code max - 9} characters
     * (trailing {@code _} and {@code -} removed), {@code _}, and the first 8 hexadecimal digits of the SHA-256 of
     * {@code key} (UTF-8). A name short enough is kept whole before the suffix.
     *
     * @param name a valid name
     * @param key what identifies the operation (the requested name when shortening, service and location when
     *     resolving a collision), so the suffix does not depend on the order of operations
     * @param max the longest name allowed, at least 16
     * @return the name with its suffix, at most {@code max} characters
     */
    public static String suffixed(String name, String key, int max) {
        int keep = Math.min(name.length(), max - SUFFIX_LENGTH);
        String prefix = name.substring(0, keep);
        int end = prefix.length();
        while (end > 0 && (prefix.charAt(end - 1) == '_' || prefix.charAt(end - 1) == '-')) {
            end--;
        }
        return (end == 0 ? "tool" : prefix.substring(0, end)) + "_" + hash8(key);
    }

    /** Returns the first 8 lower-case hexadecimal digits of the SHA-256 of {@code text} in UTF-8. */
    static String hash8(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private static boolean isNameChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    }
}
