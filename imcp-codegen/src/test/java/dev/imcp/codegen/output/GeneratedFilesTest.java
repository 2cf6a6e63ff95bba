package dev.imcp.codegen.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generated files are staged on disk as they are added (nothing held in memory), then moved into place by the
 * reconciler; the staging folder never outlives a generation, whether it ends in a reconciliation or a failure.
 */
class GeneratedFilesTest {

    @TempDir
    Path target;

    Path sources() {
        return target.resolve("generated-sources/imcp");
    }

    List<Path> stagingFolders() throws IOException {
        try (Stream<Path> s = Files.list(target)) {
            return s.filter(p -> p.getFileName().toString().startsWith(".imcp-staging-")).toList();
        }
    }

    @Test
    void filesAreStagedBesideTheOutputThenMovedIntoPlace() throws IOException {
        GeneratedFiles files = new GeneratedFiles(target);
        files.add(sources(), "com/example/A.java", "class A {\r\n}\r\n");
        files.add(sources(), "com/example/schemas.json", out -> out.write("{\"größe\":\n{}\n}\n"));

        List<Path> staging = stagingFolders();
        assertEquals(1, staging.size(), "one staging folder beside the output roots");
        try (Stream<Path> s = Files.list(staging.get(0))) {
            assertEquals(2, s.count(), "each file is on disk as soon as it is added");
        }
        assertFalse(Files.exists(sources()), "nothing is in the output before the reconciliation");

        OutputReconciler.Outcome outcome = OutputReconciler.reconcile(files, List.of(), List.of(sources()));

        assertEquals(new OutputReconciler.Outcome(2, 0, 0), outcome);
        assertEquals("class A {\n}\n", Files.readString(sources().resolve("com/example/A.java")));
        assertEquals("{\"größe\":\n{}\n}\n", Files.readString(sources().resolve("com/example/schemas.json"),
                StandardCharsets.UTF_8));
        assertEquals(List.of(), stagingFolders(), "the staging folder is gone");
        assertEquals(2, files.paths().size(), "the paths stay known for the build state");
    }

    @Test
    void anUnchangedFileIsLeftAsItWas() throws IOException {
        Path existing = sources().resolve("A.java");
        Files.createDirectories(existing.getParent());
        Files.writeString(existing, "class A {}\n");
        Files.setLastModifiedTime(existing, java.nio.file.attribute.FileTime.fromMillis(1_000_000L));
        GeneratedFiles files = new GeneratedFiles(target);
        files.add(sources(), "A.java", "class A {}\n");

        OutputReconciler.Outcome outcome = OutputReconciler.reconcile(files, List.of(), List.of(sources()));

        assertEquals(new OutputReconciler.Outcome(0, 1, 0), outcome);
        assertEquals(1_000_000L, Files.getLastModifiedTime(existing).toMillis());
        assertEquals(List.of(), stagingFolders());
    }

    @Test
    void theSamePathTwiceMustHaveTheSameBytes() throws IOException {
        try (GeneratedFiles files = new GeneratedFiles(target)) {
            files.add(sources(), "A.java", "class A {}\n");
            files.add(sources(), "A.java", "class A {}\r\n"); // the same after normalization
            assertEquals(1, files.size());

            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> files.add(sources(), "A.java", out -> out.write("class B {}\n")));
            assertTrue(e.getMessage().contains("two different generated files for"), e.getMessage());
            assertTrue(e.getMessage().endsWith("A.java"), e.getMessage());
        }
        assertEquals(List.of(), stagingFolders(), "close() removes what a failed generation staged");
    }

    @Test
    void aFailingWriterFailsTheAddAndCloseStillCleansUp() throws IOException {
        GeneratedFiles files = new GeneratedFiles(target);
        java.io.UncheckedIOException e = assertThrows(java.io.UncheckedIOException.class,
                () -> files.add(sources(), "x.json", out -> {
                    out.write("{");
                    throw new IOException("disk full");
                }));
        assertTrue(e.getMessage().contains("x.json") && e.getMessage().contains("disk full"), e.getMessage());
        files.close();
        assertEquals(List.of(), stagingFolders());
    }

    @Test
    void stagingFoldersAKilledGenerationLeftAreRemovedByTheNext() throws IOException {
        Path left = Files.createDirectories(target.resolve(".imcp-staging-12345"));
        Files.writeString(left.resolve("0"), "class Old {}\n");
        Path unrelated = Files.createDirectories(target.resolve("classes"));

        GeneratedFiles files = new GeneratedFiles(target);
        files.add(sources(), "A.java", "class A {}\n");

        assertEquals(1, stagingFolders().size(), "only this generation's folder: " + stagingFolders());
        assertFalse(Files.exists(left));
        assertTrue(Files.isDirectory(unrelated), "other folders are left alone");
        OutputReconciler.reconcile(files, List.of(), List.of(sources()));
        assertEquals(List.of(), stagingFolders());
    }

    @Test
    void nothingAddedStagesNothing() throws IOException {
        new GeneratedFiles(target.resolve("never")).close();
        assertFalse(Files.exists(target.resolve("never")));
    }
}
