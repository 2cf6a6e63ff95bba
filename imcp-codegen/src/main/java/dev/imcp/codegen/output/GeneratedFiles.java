package dev.imcp.codegen.output;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The files one generation produces, held in memory until {@link OutputReconciler} puts them on disk.
 * Content is normalized to {@code \n} line ends and encoded as UTF-8, so the same model always gives
 * the same bytes. Not thread-safe.
 */
public final class GeneratedFiles {

    private final Map<Path, byte[]> files = new TreeMap<>();

    /** Creates an empty set. */
    public GeneratedFiles() {
    }

    /**
     * Adds a file.
     *
     * @param root the output root ({@code target/generated-sources/imcp} or the resources root)
     * @param relative the path under {@code root}, {@code /}-separated
     * @param content the text; {@code \r\n} becomes {@code \n}
     * @throws IllegalStateException when the same path was already added with other content (two
     *     generated types with one name: a bug of the generator, never of a contract)
     */
    public void add(Path root, String relative, String content) {
        Path file = root.toAbsolutePath().normalize().resolve(relative).normalize();
        byte[] bytes = content.replace("\r\n", "\n").getBytes(StandardCharsets.UTF_8);
        byte[] previous = files.putIfAbsent(file, bytes);
        if (previous != null && !Arrays.equals(previous, bytes)) {
            throw new IllegalStateException("two different generated files for " + file);
        }
    }

    /** Returns the files by absolute path, in path order. */
    public Map<Path, byte[]> files() {
        return Collections.unmodifiableMap(files);
    }

    /** Returns how many files there are. */
    public int size() {
        return files.size();
    }
}
