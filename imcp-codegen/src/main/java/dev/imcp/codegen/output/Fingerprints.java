package dev.imcp.codegen.output;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/** SHA-256 fingerprints of files, of configuration values and of the generator's own code. */
public final class Fingerprints {

    private static volatile String generator;

    private Fingerprints() {
    }

    /** Returns the SHA-256 of {@code bytes}, lower-case hex. */
    public static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    /** Returns the SHA-256 of the file's bytes, or {@link BuildState#MISSING} when it is not a readable regular file. */
    public static String ofFile(Path file) {
        try {
            return Files.isRegularFile(file) ? sha256(Files.readAllBytes(file)) : BuildState.MISSING;
        } catch (IOException e) {
            return BuildState.MISSING;
        }
    }

    /**
     * Returns the SHA-256 of {@code values} (each followed by a separator, {@code null} written as such), e.g.
     * of a generation's configuration.
     */
    public static String ofValues(List<String> values) {
        MessageDigest md = digest();
        for (String v : values) {
            md.update((v == null ? "\u0000null" : v).getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0x1f);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /**
     * Identifies the generator's code: the SHA-256 of the jar it was loaded from, or of the sizes and times of
     * its class files when it runs from a folder (a development build). A new iMCP build therefore regenerates
     * even when the contracts did not change.
     *
     * @return a fingerprint, computed once per class loader
     */
    public static String generator() {
        String g = generator;
        if (g == null) {
            g = computeGenerator();
            generator = g;
        }
        return g;
    }

    private static String computeGenerator() {
        try {
            CodeSource source = Fingerprints.class.getProtectionDomain().getCodeSource();
            Path location = source == null ? null : Path.of(source.getLocation().toURI());
            if (location == null) {
                return "unknown";
            }
            if (Files.isRegularFile(location)) {
                return ofFile(location);
            }
            try (Stream<Path> files = Files.walk(location)) {
                MessageDigest md = digest();
                for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                    md.update((location.relativize(f) + ":" + Files.size(f) + ":" + Files.getLastModifiedTime(f).toMillis())
                            .getBytes(StandardCharsets.UTF_8));
                }
                return HexFormat.of().formatHex(md.digest());
            }
        } catch (IOException | URISyntaxException | RuntimeException e) {
            return "unknown-" + System.nanoTime(); // cannot tell: never consider a build up to date
        }
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
