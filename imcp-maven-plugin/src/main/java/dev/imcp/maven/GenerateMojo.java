package dev.imcp.maven;

import dev.imcp.codegen.CodegenRequest;
import dev.imcp.codegen.GenerationResult;
import dev.imcp.codegen.ImcpGenerator;
import dev.imcp.codegen.diag.ContractException;
import dev.imcp.codegen.diag.Diagnostic;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.maven.model.Resource;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProject;

/**
 * Generates typed MCP tools from the project's contracts: for each operation a tool class with its
 * input and output records and JSON Schemas, per contract an upstream stub and a tool provider, and
 * {@code META-INF/imcp/tools.json}. Sources go to {@link #outputDirectory} (added as a compile source
 * root), resources to {@link #resourceOutputDirectory} (added as a resource directory).
 */
@Mojo(name = "generate", defaultPhase = LifecyclePhase.GENERATE_SOURCES,
        requiresDependencyResolution = ResolutionScope.NONE, threadSafe = true)
public final class GenerateMojo extends AbstractMojo {

    private static final Pattern PACKAGE = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*(\\.[a-zA-Z_][a-zA-Z0-9_]*)*");

    /** The project being built. */
    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;

    /**
     * The contract files (WSDL, OpenAPI 2.0/3.0/3.1, MCP JSON). When empty, every file directly in
     * {@link #contractsDirectory} is used, in name order.
     */
    @Parameter
    private List<File> contracts = new ArrayList<>();

    /** Where contracts are found when {@link #contracts} is empty. */
    @Parameter(property = "imcp.contractsDirectory", defaultValue = "${project.basedir}/src/main/contracts")
    private File contractsDirectory;

    /** The Java package generated code goes under; each contract adds a segment named after its file. */
    @Parameter(property = "imcp.basePackage", defaultValue = "${project.groupId}.imcp")
    private String basePackage;

    /** Where generated Java sources are written. */
    @Parameter(defaultValue = "${project.build.directory}/generated-sources/imcp", required = true)
    private File outputDirectory;

    /** Where generated resources ({@code META-INF/services}, {@code META-INF/imcp/tools.json}) are written. */
    @Parameter(defaultValue = "${project.build.directory}/generated-resources/imcp", required = true)
    private File resourceOutputDirectory;

    /** Skips generation. */
    @Parameter(property = "imcp.skip", defaultValue = "false")
    private boolean skip;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("iMCP generation skipped (imcp.skip)");
            return;
        }
        String pkg = basePackage.replace('-', '_');
        if (!PACKAGE.matcher(pkg).matches()) {
            throw new MojoFailureException("<basePackage> '" + basePackage
                    + "' is not a Java package name; use dot-separated identifiers, e.g. com.example.adapter");
        }
        List<Path> files = contractFiles();
        if (files.isEmpty()) {
            throw new MojoFailureException("No contracts found: put WSDL, OpenAPI or MCP JSON files in "
                    + contractsDirectory + " or list them in <contracts>");
        }
        CodegenRequest request = new CodegenRequest(files, project.getBasedir().toPath(),
                outputDirectory.toPath(), resourceOutputDirectory.toPath(), pkg);
        try {
            GenerationResult result = new ImcpGenerator().generate(request);
            result.warnings().forEach(d -> getLog().warn(d.toString()));
            getLog().info(String.format("iMCP: %d contract(s), %d tool(s); %d file(s) written, %d unchanged",
                    result.contracts().size(),
                    result.contracts().stream().mapToInt(c -> c.operations().size()).sum(),
                    result.filesWritten(), result.filesUnchanged()));
        } catch (ContractException e) {
            List<Diagnostic> errors = e.diagnostics().stream()
                    .filter(d -> d.severity() == Diagnostic.Severity.ERROR).toList();
            e.diagnostics().stream().filter(d -> d.severity() == Diagnostic.Severity.WARNING)
                    .forEach(d -> getLog().warn(d.toString()));
            errors.forEach(d -> getLog().error(d.toString()));
            throw new MojoFailureException(errors.size() + " contract error(s):\n" + e.getMessage());
        } catch (IOException e) {
            throw new MojoExecutionException("iMCP generation failed: " + e.getMessage(), e);
        }
        project.addCompileSourceRoot(outputDirectory.getPath());
        Resource resource = new Resource();
        resource.setDirectory(resourceOutputDirectory.getPath());
        project.addResource(resource);
    }

    private List<Path> contractFiles() throws MojoExecutionException {
        if (!contracts.isEmpty()) {
            return contracts.stream().map(File::toPath).toList();
        }
        Path dir = contractsDirectory.toPath();
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> listing = Files.list(dir)) {
            return listing.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(p -> !p.getFileName().toString().endsWith(".md"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new MojoExecutionException("Cannot list " + dir + ": " + e.getMessage(), e);
        }
    }
}
