package dev.imcp.maven;

import dev.imcp.codegen.lock.BuildSurface;
import dev.imcp.codegen.lock.Change;
import dev.imcp.codegen.lock.Lockfile;
import dev.imcp.codegen.lock.LockfileException;
import dev.imcp.codegen.lock.SurfaceDiff;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Execute;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Records the adapter's published surface in the lockfile ({@code src/main/contracts/imcp.lock.json}, commit it):
 * per service the contract file and its SHA-256, and each tool exactly as {@code tools/list} publishes it (name,
 * title, description, inputSchema, outputSchema, annotations), as {@code imcp:generate} wrote it in
 * {@code tools.json}. Runs the build up to {@code generate-resources} first, so {@code mvn imcp:lock} is enough.
 * {@code imcp:check} compares every later build with it. The layout is {@link Lockfile}'s; the same surface always
 * gives the same bytes, so an unchanged surface leaves the file untouched.
 */
@Mojo(name = "lock", requiresDependencyResolution = ResolutionScope.NONE, threadSafe = true)
@Execute(phase = LifecyclePhase.GENERATE_RESOURCES)
public final class LockMojo extends AbstractLockMojo {


    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        BuildSurface surface = builtSurface("lock");
        String shown = lockFileShown();
        String text = new Lockfile(Lockfile.VERSION, Surfaces.generatedBy(plugin), project.getVersion(), surface).text();
        try {
            String previous = lockFile.isFile() ? Files.readString(lockFile.toPath(), StandardCharsets.UTF_8) : null;
            if (text.equals(previous)) {
                getLog().info("iMCP: " + shown + " is up to date (" + surface.toolCount() + " tool(s), "
                        + surface.services().size() + " contract(s))");
                return;
            }
            String changed = "";
            if (previous != null) {
                try {
                    List<Change> changes = SurfaceDiff.compare(
                            parseLock(previous).surface(), surface);
                    changed = " replacing the previous lock: " + changes.stream()
                            .filter(c -> c.impact() == Change.Impact.BREAKING).count() + " breaking, " + changes.stream()
                            .filter(c -> c.impact() != Change.Impact.BREAKING).count() + " other change(s)";
                } catch (LockfileException e) {
                    changed = " replacing a lockfile it could not read (" + e.getMessage() + ")";
                }
            }
            Files.createDirectories(lockFile.toPath().toAbsolutePath().getParent());
            Files.writeString(lockFile.toPath(), text, StandardCharsets.UTF_8);
            getLog().info("iMCP: locked " + surface.toolCount() + " tool(s) of " + surface.services().size()
                    + " contract(s) at version " + project.getVersion() + " in " + shown + changed + "; commit it");
        } catch (IOException e) {
            throw new MojoExecutionException("imcp:lock could not write " + shown + ": " + e.getMessage(), e);
        }
    }
}
