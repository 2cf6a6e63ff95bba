package dev.imcp.maven;

import dev.imcp.codegen.lock.BuildSurface;
import dev.imcp.codegen.lock.Lockfile;
import dev.imcp.codegen.lock.LockfileException;
import java.io.File;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/** What {@code imcp:lock} and {@code imcp:check} share: the lockfile and the build's surface. */
abstract class AbstractLockMojo extends AbstractMojo {

    /** The project being built. */
    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    protected MavenProject project;

    /** This plugin, whose version the lockfile names (and an error about a newer lockfile). */
    @Parameter(defaultValue = "${plugin}", readonly = true)
    protected PluginDescriptor plugin;

    /** The lockfile. Contract discovery skips files of this name. */
    @Parameter(property = "imcp.lockFile", defaultValue = "${project.basedir}/src/main/contracts/imcp.lock.json",
            required = true)
    protected File lockFile;

    /** Where {@code imcp:generate} wrote its resources (its parameter of the same name). */
    @Parameter(property = "imcp.resourceOutputDirectory",
            defaultValue = "${project.build.directory}/generated-resources/imcp", required = true)
    protected File resourceOutputDirectory;

    /** Returns the surface {@code imcp:generate} wrote in this build. */
    protected BuildSurface builtSurface(String goal) throws MojoFailureException {
        return Surfaces.read(project, resourceOutputDirectory, goal);
    }

    /** Returns the lockfile's path as the build log shows it. */
    protected String lockFileShown() {
        return Surfaces.display(project, lockFile);
    }

    /** Returns this plugin's version ({@code unknown} outside Maven). */
    protected String pluginVersion() {
        return plugin == null ? "unknown" : plugin.getVersion();
    }

    /** Parses the lockfile's {@code text}. */
    protected Lockfile parseLock(String text) throws LockfileException {
        return Lockfile.read(text, lockFileShown(), pluginVersion());
    }
}
