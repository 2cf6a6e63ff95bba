package dev.imcp.codegen.output;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the last successful generation read and wrote, kept between builds (by the Maven plugin in
 * {@code target/imcp/generate-state.txt}) so an unchanged build writes nothing and a changed one can
 * delete what is no longer generated.
 *
 * <p>The file is plain text, one record per line, fields separated by tabs, the path always last:
 * {@code format 1}, {@code fingerprint <hex>}, {@code in <sha256> <path>}, {@code out <size> <millis> <path>}.
 * It is read on every build, including no-op ones, so it avoids anything slow to load.
 *
 * @param fingerprint SHA-256 of the configuration and of the generator itself (lower-case hex)
 * @param inputs every input file (absolute path) to the SHA-256 of its bytes, or {@link #MISSING}
 * @param outputs every file written (absolute path) to its {@link FileStamp}
 */
public record BuildState(String fingerprint, Map<String, String> inputs, Map<String, FileStamp> outputs) {

    /** The hash recorded for an input that does not exist (an import whose target is missing). */
    public static final String MISSING = "missing";

    private static final String FORMAT = "1";

    /**
     * Size and modification time of an output file: cheap to compare, and a hand edit changes them.
     *
     * @param size the size in bytes
     * @param modified the last-modified time in milliseconds since the epoch
     */
    public record FileStamp(long size, long modified) {

        /** Returns the stamp of {@code file} as it is now, or empty when it is not a regular file. */
        public static Optional<FileStamp> of(Path file) {
            try {
                return Files.isRegularFile(file)
                        ? Optional.of(new FileStamp(Files.size(file), Files.getLastModifiedTime(file).toMillis()))
                        : Optional.empty();
            } catch (IOException e) {
                return Optional.empty();
            }
        }
    }

    /** Copies the maps, sorted by path. */
    public BuildState {
        inputs = Map.copyOf(new TreeMap<>(inputs));
        outputs = Map.copyOf(new TreeMap<>(outputs));
    }

    /**
     * Reads a state file.
     *
     * @param file the state file
     * @return the state, or empty when the file is missing, unreadable or of another format (the next
     *     generation then runs in full)
     */
    public static Optional<BuildState> load(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            if (lines.isEmpty() || !lines.getFirst().equals("format\t" + FORMAT)) {
                return Optional.empty();
            }
            String fingerprint = null;
            Map<String, String> inputs = new HashMap<>();
            Map<String, FileStamp> outputs = new HashMap<>();
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split("\t", 4);
                switch (f[0]) {
                    case "fingerprint" -> fingerprint = f[1];
                    case "in" -> inputs.put(f[2], f[1]);
                    case "out" -> outputs.put(f[3], new FileStamp(Long.parseLong(f[1]), Long.parseLong(f[2])));
                    default -> {
                        return Optional.empty();
                    }
                }
            }
            return fingerprint == null ? Optional.empty() : Optional.of(new BuildState(fingerprint, inputs, outputs));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // unreadable or damaged: regenerate in full
        }
    }

    /**
     * Writes this state to {@code file} (through a temporary file, so a crash never leaves half a state).
     *
     * @param file the state file; its folder is created when missing
     * @throws IOException when it cannot be written
     */
    public void save(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try {
            try (BufferedWriter out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
                out.write("format\t" + FORMAT + "\n");
                out.write("fingerprint\t" + fingerprint + "\n");
                for (var e : new TreeMap<>(inputs).entrySet()) {
                    out.write("in\t" + e.getValue() + "\t" + e.getKey() + "\n");
                }
                for (var e : new TreeMap<>(outputs).entrySet()) {
                    out.write("out\t" + e.getValue().size() + "\t" + e.getValue().modified() + "\t" + e.getKey() + "\n");
                }
            }
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Returns whether every recorded output is still on disk with the recorded size and time. */
    public boolean outputsIntact() {
        for (var e : outputs.entrySet()) {
            Optional<FileStamp> now = FileStamp.of(Path.of(e.getKey()));
            if (now.isEmpty() || !now.get().equals(e.getValue())) {
                return false;
            }
        }
        return true;
    }
}
