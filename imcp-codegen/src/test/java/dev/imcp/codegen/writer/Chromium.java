package dev.imcp.codegen.writer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Headless Chromium (Debian's {@code chromium}) run as a command: {@code --dump-dom} prints the page's DOM after its
 * scripts ran at load, {@code --screenshot} saves a PNG. Each run has its own profile folder and a deadline, after
 * which the browser is killed and the test fails.
 *
 * <p>The binary is {@code $IMCP_CHROMIUM}, else the first of {@code chromium}, {@code chromium-browser},
 * {@code google-chrome} on the {@code PATH}. Without one the test is skipped with a message, unless
 * {@code IMCP_REQUIRE_CHROMIUM=1}, when it fails (CI sets it, so the browser tests cannot silently drop out).
 */
final class Chromium {

    private static final long DEADLINE_SECONDS = 120;

    private final Path binary;
    private final Path work;

    private Chromium(Path binary, Path work) {
        this.binary = binary;
        this.work = work;
    }

    /** Returns a browser keeping its profiles under {@code work}, or skips (or fails) the test when there is none. */
    static Chromium require(Path work) {
        Path binary = find();
        if (binary == null) {
            String message = "no Chromium found (set IMCP_CHROMIUM or install Debian's 'chromium' package: "
                    + "apt-get install chromium)";
            if ("1".equals(System.getenv("IMCP_REQUIRE_CHROMIUM"))) {
                fail(message + "; IMCP_REQUIRE_CHROMIUM=1 requires the browser tests to run");
            }
            Assumptions.abort("browser test skipped: " + message);
        }
        return new Chromium(binary, work);
    }

    private static Path find() {
        String explicit = System.getenv("IMCP_CHROMIUM");
        if (explicit != null && !explicit.isBlank()) {
            return Files.isExecutable(Path.of(explicit)) ? Path.of(explicit) : null;
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
                Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
                if (Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        return null;
    }

    /** Returns the DOM of {@code page} (with {@code fragment} as its location hash) after its load-time scripts. */
    String dumpDom(Path page, String fragment) throws IOException, InterruptedException {
        Path out = Files.createTempFile(work, "dom", ".html");
        run(out, "--dump-dom", url(page, fragment));
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    /** Saves a {@code width} x {@code height} screenshot of {@code page} at {@code fragment} to {@code png}. */
    void screenshot(Path page, String fragment, Path png, int width, int height) throws IOException, InterruptedException {
        Files.createDirectories(png.toAbsolutePath().getParent());
        Files.deleteIfExists(png);
        run(null, "--window-size=" + width + "," + height, "--hide-scrollbars",
                "--screenshot=" + png.toAbsolutePath(), url(page, fragment));
        if (!Files.isRegularFile(png) || Files.size(png) == 0) {
            fail("Chromium wrote no screenshot to " + png);
        }
    }

    private static String url(Path page, String fragment) {
        URI uri = page.toAbsolutePath().toUri();
        return fragment == null || fragment.isEmpty() ? uri.toString() : uri + "#" + fragment;
    }

    private void run(Path stdout, String... args) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(work, "profile");
        Path log = Files.createTempFile(work, "chromium", ".log");
        List<String> command = new ArrayList<>(List.of(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--no-first-run", "--no-default-browser-check", "--disable-extensions",
                "--disable-background-networking", "--user-data-dir=" + profile));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(log.toFile());
        builder.redirectOutput(stdout == null ? ProcessBuilder.Redirect.appendTo(log.toFile()) : ProcessBuilder.Redirect.to(stdout.toFile()));
        Process process = builder.start();
        if (!process.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            fail("Chromium did not finish in " + DEADLINE_SECONDS + " s: " + command + "\n" + tail(log));
        }
        assertEquals(0, process.exitValue(), () -> "Chromium failed: " + command + "\n" + tail(log));
    }

    private static String tail(Path log) {
        try {
            String text = Files.readString(log, StandardCharsets.UTF_8);
            return text.length() > 4000 ? text.substring(text.length() - 4000) : text;
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
