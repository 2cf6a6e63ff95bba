package dev.imcp.codegen.writer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** Writes generated files as UTF-8 with {@code \n} line ends, only when their bytes change, and counts them. */
final class OutputFiles {

    private int written;
    private int unchanged;

    /** Writes {@code content} to {@code root/relative} unless the file already holds exactly these bytes. */
    void write(Path root, String relative, String content) throws IOException {
        Path file = root.resolve(relative);
        byte[] bytes = content.replace("\r\n", "\n").getBytes(StandardCharsets.UTF_8);
        if (Files.isRegularFile(file) && Arrays.equals(Files.readAllBytes(file), bytes)) {
            unchanged++;
            return;
        }
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
        written++;
    }

    int written() {
        return written;
    }

    int unchanged() {
        return unchanged;
    }
}
