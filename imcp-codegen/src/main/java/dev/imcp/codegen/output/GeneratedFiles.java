package dev.imcp.codegen.output;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The files one generation produces, staged on disk until {@link OutputReconciler} puts them in place.
 *
 * <p>Each file's bytes go to a staging folder as soon as they are added, so a generation holds no file's content in
 * memory after adding it: Microsoft Graph's beta document (22,361 operations) produces over a gigabyte of sources and
 * schemas, more than the default heap of many build machines. The staging folder is created, on the first
 * {@code add}, inside the folder given to the constructor (a sibling of the output roots, so the files are later
 * moved, not copied, where both are on one file system); {@link OutputReconciler#reconcile} empties and removes it,
 * and {@link #close()} removes it when a generation stops before that. Staging folders a killed generation left are
 * removed by the next one.
 *
 * <p>Text is encoded as UTF-8, and {@link #add(Path, String, String)} normalizes {@code \r\n} to {@code \n}, so the
 * same model always gives the same bytes. Not thread-safe.
 */
public final class GeneratedFiles implements AutoCloseable {

    /** Writes a file's text; see {@link #add(Path, String, Content)}. */
    @FunctionalInterface
    public interface Content {
        /**
         * Writes the text to {@code out}.
         *
         * @param out the file's writer (UTF-8, buffered); not to be closed here
         * @throws IOException when writing fails
         */
        void write(Writer out) throws IOException;
    }

    /** How a staging folder's name starts. */
    static final String STAGING_PREFIX = ".imcp-staging-";

    private final Path stagingParent;
    private final Map<Path, Path> files = new TreeMap<>();
    private Path staging;

    /**
     * Creates an empty set.
     *
     * @param stagingParent the folder to stage files in (created when missing), on the same file system as the
     *     output roots: {@code target/generated-sources} for the Maven plugin
     */
    public GeneratedFiles(Path stagingParent) {
        this.stagingParent = stagingParent.toAbsolutePath().normalize();
    }

    /**
     * Adds a file.
     *
     * @param root the output root ({@code target/generated-sources/imcp} or the resources root)
     * @param relative the path under {@code root}, {@code /}-separated
     * @param content the text; {@code \r\n} becomes {@code \n}
     * @throws IllegalStateException when the same path was already added with other content (two
     *     generated types with one name: a bug of the generator, never of a contract)
     * @throws UncheckedIOException when the staging folder cannot be written
     */
    public void add(Path root, String relative, String content) {
        byte[] bytes = content.replace("\r\n", "\n").getBytes(StandardCharsets.UTF_8);
        stage(root, relative, staged -> Files.write(staged, bytes));
    }

    /**
     * Adds a file whose text is written straight to its staged copy, for files too large to hold as one string
     * (a service's {@code tool-schemas.json}, {@code tools.json}). The text is written as given: line ends are not
     * normalized.
     *
     * @param root the output root
     * @param relative the path under {@code root}, {@code /}-separated
     * @param content writes the text
     * @throws IllegalStateException when the same path was already added with other content
     * @throws UncheckedIOException when the staging folder cannot be written, or {@code content} fails
     */
    public void add(Path root, String relative, Content content) {
        stage(root, relative, staged -> {
            try (Writer out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(staged),
                    StandardCharsets.UTF_8), 1 << 16)) {
                content.write(out);
            }
        });
    }

    /** Writes one file's staged copy. */
    private interface Staging {
        void write(Path staged) throws IOException;
    }

    private void stage(Path root, String relative, Staging write) {
        Path file = root.toAbsolutePath().normalize().resolve(relative).normalize();
        try {
            if (staging == null) {
                Files.createDirectories(stagingParent);
                removeLeftovers(stagingParent);
                staging = Files.createTempDirectory(stagingParent, STAGING_PREFIX);
            }
            Path staged = staging.resolve(Integer.toString(files.size()));
            write.write(staged);
            Path previous = files.putIfAbsent(file, staged);
            if (previous != null) {
                boolean same = Files.mismatch(previous, staged) == -1L;
                Files.delete(staged);
                if (!same) {
                    throw new IllegalStateException("two different generated files for " + file);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stage generated file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Returns the files' absolute paths, in path order. */
    public Set<Path> paths() {
        return Collections.unmodifiableSet(files.keySet());
    }

    /**
     * Returns each file's staged copy by its absolute path, in path order; after {@link OutputReconciler#reconcile}
     * the copies are gone (moved into place, or deleted where the output already held the same bytes).
     */
    Map<Path, Path> staged() {
        return files;
    }

    /** Returns how many files there are. */
    public int size() {
        return files.size();
    }

    /**
     * Removes the staging folder and whatever is left in it (nothing, after {@link OutputReconciler#reconcile}), as
     * far as it can: a folder that cannot be removed now (a virus scanner holding a file) is removed by the next
     * generation into the same place, as is one left by a generation that was killed.
     */
    @Override
    public void close() {
        if (staging != null) {
            removeQuietly(staging);
        }
    }

    /** Removes the staging folders an earlier generation into {@code parent} left behind. */
    private static void removeLeftovers(Path parent) throws IOException {
        try (DirectoryStream<Path> old = Files.newDirectoryStream(parent, STAGING_PREFIX + "*")) {
            for (Path folder : old) {
                removeQuietly(folder);
            }
        }
    }

    /** Deletes the files of {@code folder} (staging folders hold no sub-folders), then the folder; errors ignored. */
    private static void removeQuietly(Path folder) {
        try {
            if (Files.isDirectory(folder)) {
                try (DirectoryStream<Path> left = Files.newDirectoryStream(folder)) {
                    for (Path p : left) {
                        Files.deleteIfExists(p);
                    }
                }
                Files.deleteIfExists(folder);
            }
        } catch (IOException | java.nio.file.DirectoryIteratorException e) {
            // left for the next generation's removeLeftovers
        }
    }
}
