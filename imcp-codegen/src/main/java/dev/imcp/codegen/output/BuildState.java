package dev.imcp.codegen.output;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the last successful generation read and wrote, kept between builds (by the Maven plugin in
 * {@code target/imcp/generate-state.json}) so an unchanged build writes nothing and a changed one can
 * delete what is no longer generated.
 *
 * @param fingerprint SHA-256 of the configuration and of the generator itself (lower-case hex)
 * @param inputs every input file (absolute path) to the SHA-256 of its bytes, or {@link #MISSING}
 * @param outputs every file written (absolute path) to its {@link FileStamp}
 */
public record BuildState(String fingerprint, Map<String, String> inputs, Map<String, FileStamp> outputs) {

    /** The hash recorded for an input that does not exist (an import whose target is missing). */
    public static final String MISSING = "missing";

    private static final int FORMAT = 1;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

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
            JsonNode root = JSON.readTree(file.toFile());
            if (root == null || root.path("format").asInt() != FORMAT) {
                return Optional.empty();
            }
            Map<String, String> inputs = JSON.convertValue(root.path("inputs"), new TypeReference<>() { });
            Map<String, FileStamp> outputs = JSON.convertValue(root.path("outputs"), new TypeReference<>() { });
            return Optional.of(new BuildState(root.path("fingerprint").asText(), inputs, outputs));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * Writes this state to {@code file} (through a temporary file, so a crash never leaves half a state).
     *
     * @param file the state file; its folder is created when missing
     * @throws IOException when it cannot be written
     */
    public void save(Path file) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("fingerprint", fingerprint);
        root.set("inputs", JSON.valueToTree(new TreeMap<>(inputs)));
        root.set("outputs", JSON.valueToTree(new TreeMap<>(outputs)));
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), file.getFileName().toString(), ".tmp");
        try {
            JSON.writeValue(temp.toFile(), root);
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
