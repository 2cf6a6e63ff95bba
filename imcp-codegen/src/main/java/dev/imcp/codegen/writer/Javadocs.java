package dev.imcp.codegen.writer;

/** Escapes contract text for Javadoc, where it is passed as a {@code $L} argument. */
final class Javadocs {

    private Javadocs() {
    }

    /**
     * Returns {@code text} safe inside a Javadoc comment: {@code &}, {@code <}, {@code >} and {@code @}
     * as HTML entities and {@code *}{@code /} broken up, blank lines kept, trailing space trimmed.
     */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        String s = text.strip()
                .replace("\r\n", "\n")
                .replace('\r', '\n')
                .replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("@", "&#64;")
                .replace("*/", "*&#47;")
                .replace("\\u", "&#92;u");
        return s.lines().map(String::stripTrailing).reduce((a, b) -> a + "\n" + b).orElse("");
    }

    /** Returns the first non-blank of {@code candidates}, escaped, or {@code fallback} (already safe). */
    static String firstOf(String fallback, String... candidates) {
        for (String c : candidates) {
            if (c != null && !c.isBlank()) {
                return escape(c);
            }
        }
        return fallback;
    }
}
