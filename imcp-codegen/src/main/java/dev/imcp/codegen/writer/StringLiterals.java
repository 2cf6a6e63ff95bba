package dev.imcp.codegen.writer;

import com.palantir.javapoet.CodeBlock;
import java.util.ArrayList;
import java.util.List;

/**
 * Java string literals of any length. A class file stores a string constant as modified UTF-8 of at most
 * 65,535 bytes (JVM specification section 4.4.7), and javac folds {@code "a" + "b"} into one constant, so a
 * longer text is emitted as {@code String.join("", "...", "...")} of chunks that each fit.
 */
final class StringLiterals {

    /** Characters per chunk: at most 3 bytes each in modified UTF-8, so a chunk stays under the limit. */
    private static final int CHUNK = 20_000;

    private StringLiterals() {
    }

    /** Returns a Java expression of type {@code String} whose value is {@code text}. */
    static CodeBlock of(String text) {
        if (text.length() <= CHUNK) {
            return CodeBlock.of("$S", text);
        }
        List<CodeBlock> chunks = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int end = Math.min(text.length(), start + CHUNK);
            if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
                end--; // never split a surrogate pair
            }
            chunks.add(CodeBlock.of("$S", text.substring(start, end)));
            start = end;
        }
        return CodeBlock.of("$T.join(\"\", $L)", String.class, CodeBlock.join(chunks, ", "));
    }
}
