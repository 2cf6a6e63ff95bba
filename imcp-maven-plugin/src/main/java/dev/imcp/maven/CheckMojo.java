package dev.imcp.maven;

import dev.imcp.codegen.lock.BuildSurface;
import dev.imcp.codegen.lock.Change;
import dev.imcp.codegen.lock.ChangeReport;
import dev.imcp.codegen.lock.Lockfile;
import dev.imcp.codegen.lock.LockfileException;
import dev.imcp.codegen.lock.SurfaceDiff;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Compares the tools this build publishes with the lockfile ({@code imcp:lock}) and classifies every difference as
 * breaking, compatible or cosmetic (the rules are {@link SurfaceDiff}'s: a removed or renamed tool, a new required
 * argument, a removed argument, a narrowed type or enum, tightened bounds, a removed output field or annotations that
 * let a tool do more are breaking). Bound to {@code verify}.
 *
 * <p>Every run writes {@code target/imcp/changes.md} ({@link ChangeReport}), a changelog to paste into a pull
 * request, and logs one line per change: {@code BREAKING <tool> <JSON pointer>: <what> [<rule>]}. Breaking changes
 * fail the build unless the project's major version is higher than the one the lock was taken at, or
 * {@code -Dimcp.acceptBreaking} is set; then {@code mvn imcp:lock} records the new surface. A project without a
 * lockfile passes, and the changelog says so. A lockfile that does not parse fails the build with
 * {@code file:line:col [LOCK_INVALID]}; one written by a newer iMCP with {@code [LOCK_VERSION]}, naming it.
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VERIFY, requiresDependencyResolution = ResolutionScope.NONE,
        threadSafe = true)
public final class CheckMojo extends AbstractLockMojo {

    /** How many compatible and cosmetic change lines the log shows at info level (all are in changes.md). */
    private static final int LINES_SHOWN = 30;
    private static final Pattern MAJOR = Pattern.compile("^(\\d+)");


    /** The changelog written on every run. */
    @Parameter(property = "imcp.changesFile", defaultValue = "${project.build.directory}/imcp/changes.md",
            required = true)
    private File changesFile;

    /** Lets breaking changes pass (they are still listed, as warnings); record them with {@code imcp:lock} after. */
    @Parameter(property = "imcp.acceptBreaking", defaultValue = "false")
    private boolean acceptBreaking;

    /** Skips the check (nothing is compared or written). */
    @Parameter(property = "imcp.check.skip", defaultValue = "false")
    private boolean skip;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("iMCP check skipped (imcp.check.skip)");
            return;
        }
        BuildSurface built = builtSurface("check");
        String shown = lockFileShown();
        Lockfile lock = null;
        if (lockFile.isFile()) {
            try {
                lock = parseLock(Files.readString(lockFile.toPath(), StandardCharsets.UTF_8));
            } catch (LockfileException e) {
                throw new MojoFailureException(e.getMessage());
            } catch (IOException e) {
                throw new MojoExecutionException("imcp:check could not read " + shown + ": " + e.getMessage(), e);
            }
        }
        List<Change> changes = lock == null ? List.of() : SurfaceDiff.compare(lock.surface(), built);
        List<Change> breaking = changes.stream().filter(c -> c.impact() == Change.Impact.BREAKING).toList();
        boolean newMajor = lock != null && major(project.getVersion()) > major(lock.projectVersion());
        boolean fails = !breaking.isEmpty() && !acceptBreaking && !newMajor;
        String verdict = verdict(lock, shown, changes, breaking, newMajor, fails);
        try {
            Files.createDirectories(changesFile.toPath().toAbsolutePath().getParent());
            Files.writeString(changesFile.toPath(), ChangeReport.markdown(changes, lock, shown, built, verdict),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MojoExecutionException("imcp:check could not write " + changesFile + ": " + e.getMessage(), e);
        }
        String report = Surfaces.display(project, changesFile);
        if (lock == null) {
            getLog().warn("iMCP: no lockfile (" + shown + "), so contract changes are not checked; run mvn imcp:lock and "
                    + "commit the file (" + report + ")");
            return;
        }
        getLog().info("iMCP: " + built.toolCount() + " tool(s) compared with " + shown + ": " + breaking.size()
                + " breaking, " + (changes.size() - breaking.size()) + " other change(s) (" + report + ")");
        for (Change c : breaking) {
            if (fails) {
                getLog().error(c.line());
            } else {
                getLog().warn(c.line());
            }
        }
        List<Change> others = changes.stream().filter(c -> c.impact() != Change.Impact.BREAKING).toList();
        others.stream().limit(LINES_SHOWN).forEach(c -> getLog().info(c.line()));
        if (others.size() > LINES_SHOWN) {
            getLog().info("... and " + (others.size() - LINES_SHOWN) + " more in " + report);
        }
        if (fails) {
            StringBuilder message = new StringBuilder(verdict);
            breaking.forEach(c -> message.append('\n').append(c.line()));
            throw new MojoFailureException(message.toString());
        }
        if (!breaking.isEmpty() || !others.isEmpty()) {
            getLog().info(verdict);
        }
    }

    private String verdict(Lockfile lock, String shown, List<Change> changes, List<Change> breaking, boolean newMajor,
            boolean fails) {
        if (lock == null) {
            return "Nothing to compare with: no lockfile.";
        }
        if (changes.isEmpty()) {
            return "The published tools match the lockfile.";
        }
        String record = "run mvn imcp:lock to record the new surface in " + shown + ".";
        if (breaking.isEmpty()) {
            return "No breaking change; " + record;
        }
        if (fails) {
            return breaking.size() + " breaking change(s) to the published tools fail the build: make them compatible, "
                    + "raise the project's major version (locked at " + lock.projectVersion() + "), or accept them with "
                    + "-Dimcp.acceptBreaking; then " + record;
        }
        return breaking.size() + " breaking change(s) accepted ("
                + (newMajor ? "major version " + lock.projectVersion() + " -> " + project.getVersion() : "-Dimcp.acceptBreaking")
                + "); " + record;
    }

    /** Returns a version's leading number ({@code 2} for {@code 2.0.1-SNAPSHOT}), or -1 when it has none. */
    static int major(String version) {
        Matcher m = MAJOR.matcher(version == null ? "" : version.trim());
        try {
            return m.find() ? Integer.parseInt(m.group(1)) : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
