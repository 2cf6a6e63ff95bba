package dev.imcp.maven;

import dev.imcp.codegen.lock.BuildSurface;
import dev.imcp.codegen.writer.SourceWriter;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.project.MavenProject;

/** Where {@code imcp:generate} leaves the build's published surface, and reading it for {@code lock} and {@code check}. */
final class Surfaces {

    private Surfaces() {
    }

    /**
     * Reads the surface the last {@code imcp:generate} of this build wrote.
     *
     * @throws MojoFailureException when it is not there: the goal ran without {@code imcp:generate} before it
     */
    static BuildSurface read(MavenProject project, File resourceOutputDirectory, String goal) throws MojoFailureException {
        Path adapter = resourceOutputDirectory.toPath().resolve(SourceWriter.ADAPTER_FILE);
        Path tools = resourceOutputDirectory.toPath().resolve(SourceWriter.TOOLS_FILE);
        if (!Files.isRegularFile(adapter) || !Files.isRegularFile(tools)) {
            throw new MojoFailureException("imcp:" + goal + " found no generated tool list (" + project.getBasedir().toPath()
                    .relativize((Files.isRegularFile(adapter) ? tools : adapter).toAbsolutePath()) + "): it compares what "
                    + "imcp:generate wrote in this build; bind imcp:generate in the POM, or run mvn verify");
        }
        try {
            return BuildSurface.read(adapter, tools);
        } catch (IOException e) {
            throw new MojoFailureException("imcp:" + goal + " could not read the generated tool list: " + e.getMessage(), e);
        }
    }

    /** Returns {@code iMCP <version>} for the plugin running. */
    static String generatedBy(PluginDescriptor plugin) {
        return "iMCP " + (plugin == null ? "unknown" : plugin.getVersion());
    }

    /** Returns {@code file} relative to the project, {@code /}-separated, as the build log shows files. */
    static String display(MavenProject project, File file) {
        Path base = project.getBasedir().toPath().toAbsolutePath().normalize();
        Path path = file.toPath().toAbsolutePath().normalize();
        return (path.startsWith(base) ? base.relativize(path) : path).toString().replace('\\', '/');
    }
}
