package dev.imcp.maven;

import dev.imcp.codegen.CodegenRequest;
import dev.imcp.codegen.ContractReport;
import dev.imcp.codegen.GenerationResult;
import dev.imcp.codegen.ImcpGenerator;
import dev.imcp.codegen.diag.ContractException;
import dev.imcp.codegen.diag.Diagnostic;
import dev.imcp.codegen.diag.Diagnostics;
import dev.imcp.codegen.writer.ContractsHeader;
import dev.imcp.codegen.writer.SourceWriter;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
 * Generates typed MCP tools from the project's contracts (WSDL 1.1, OpenAPI 2.0/3.0/3.1/3.2, MCP JSON): for each
 * operation a tool class with its input and output records and JSON Schemas, per contract an upstream stub
 * and a tool provider, plus {@code META-INF/imcp/tools.json} (the published tool list) and
 * {@code META-INF/imcp/adapter.json} (the adapter's name and version, sent as MCP {@code serverInfo}, and each
 * contract's file and SHA-256). It sets the project property {@value #CONTRACTS_PROPERTY} to the
 * {@code Imcp-Contracts} manifest header's value (see {@link ContractsHeader}), and
 * {@code META-INF/imcp/catalog.html} (the tool catalog for people, copied to {@code catalogFile}).
 *
 * <p>Sources go to {@code outputDirectory} (added as a compile source root), resources to
 * {@code resourceOutputDirectory} (added as a resource directory). The build log shows one line per contract:
 * operations found, tools generated, operations skipped by diagnostic code, operations excluded by
 * {@code includeOperations}/{@code excludeOperations} or {@code x-mcp: false}, and time; then its warnings and notes
 * (each tool name changed to be valid, short enough or unique is one, at the operation). A bad contract fails the
 * build once, listing every problem as {@code file:line:col [CODE] message}. A contract that publishes no tool is a
 * warning; the build fails when no contract publishes one ({@code ADAPTER_NO_TOOLS}).
 *
 * <p>Incremental: when no contract, imported file, parameter or iMCP version changed since the last
 * successful run, nothing is read or written. When something changed, everything is regenerated, unchanged
 * files are left alone and files that are no longer generated are deleted.
 */
@Mojo(name = "generate", defaultPhase = LifecyclePhase.GENERATE_SOURCES,
        requiresDependencyResolution = ResolutionScope.NONE, threadSafe = true)
public final class GenerateMojo extends AbstractMojo {

    /**
     * The project property this goal sets to the {@link ContractsHeader} value (each contract's service id, SHA-256
     * and file), for the fat jar's manifest: {@code <Imcp-Contracts>${imcp.contracts}</Imcp-Contracts>} among
     * maven-shade-plugin's {@code ManifestResourceTransformer} {@code manifestEntries} (or maven-jar-plugin's
     * {@code manifestEntries}). Set on every run, an up-to-date or skipped one too (empty when nothing was generated);
     * do not define it in the POM, which would fix its value before this goal runs.
     */
    public static final String CONTRACTS_PROPERTY = "imcp.contracts";

    /** How many notes of one contract (names made valid, operations excluded) the log shows at info level. */
    private static final int NOTES_SHOWN = 20;

    /** The project being built. */
    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;

    /**
     * The contract files to read, when you want to name them instead of having them discovered. Each is a
     * WSDL 1.1 file, an OpenAPI 2.0, 3.0 or 3.1 document (YAML or JSON) or an MCP JSON file; the kind is
     * detected from the content, not the name. Files they import (XSDs, OpenAPI files referenced with
     * {@code $ref}) need not be listed. Relative paths are resolved against the project's base directory.
     * When empty (the default), the contracts are discovered in {@code contractsDirectory}.
     */
    @Parameter
    private List<File> contracts = new ArrayList<>();

    /**
     * The folder contracts are discovered in when {@code contracts} is empty. Every file in it and in its
     * sub-folders is a contract, except hidden files, documentation ({@code *.md}, {@code *.txt}, README,
     * LICENSE, ...) and files that a contract imports (an XSD next to its WSDL, an OpenAPI file that another
     * one references with {@code $ref}), which are parts of that contract. A file of no known kind that no
     * contract imports fails the build with its path and the kinds accepted.
     */
    @Parameter(property = "imcp.contractsDirectory", defaultValue = "${project.basedir}/src/main/contracts")
    private File contractsDirectory;

    /**
     * The Java package generated code goes under: dot-separated Java identifiers, e.g.
     * {@code com.example.adapter}. Each contract adds a segment named after its file, so
     * {@code petstore.yaml} gives {@code com.example.adapter.petstore}. Hyphens are turned into underscores.
     */
    @Parameter(property = "imcp.basePackage", defaultValue = "${project.groupId}.imcp")
    private String basePackage;

    /** Where generated Java sources are written; added to the project's compile source roots. */
    @Parameter(property = "imcp.outputDirectory", defaultValue = "${project.build.directory}/generated-sources/imcp",
            required = true)
    private File outputDirectory;

    /**
     * Where generated resources ({@code META-INF/services/dev.imcp.runtime.spi.ToolProvider},
     * {@code META-INF/imcp/tools.json}, {@code META-INF/imcp/adapter.json}) are written; added to the
     * project's resources. Must differ from {@code outputDirectory}.
     */
    @Parameter(property = "imcp.resourceOutputDirectory",
            defaultValue = "${project.build.directory}/generated-resources/imcp", required = true)
    private File resourceOutputDirectory;

    /**
     * The adapter's name, sent to MCP clients as {@code serverInfo.name} (through
     * {@code META-INF/imcp/adapter.json}; the runtime's {@code imcp.server-name} setting overrides it).
     */
    @Parameter(property = "imcp.adapterName", defaultValue = "${project.artifactId}")
    private String adapterName;

    /** The adapter's version, sent to MCP clients as {@code serverInfo.version} (the runtime's
     * {@code imcp.server-version} setting overrides it). */
    @Parameter(property = "imcp.adapterVersion", defaultValue = "${project.version}")
    private String adapterVersion;

    /**
     * Where the state of the last successful generation is kept, which makes an unchanged build a no-op.
     * Delete it (or run {@code mvn clean}) to force a full generation.
     */
    @Parameter(defaultValue = "${project.build.directory}/imcp/generate-state.txt", required = true)
    private File stateFile;

    /**
     * WSDL ports to publish when a WSDL offers one port type through several ports, e.g. a SOAP 1.1 and a SOAP
     * 1.2 binding of the same operations: each listed {@code wsdl:port/@name} wins over the other ports of its
     * port type. By default the first port in document order is published. A name no WSDL publishes is a
     * warning ({@code SOAP_PORT_NOT_FOUND}). Example: {@code <soapPorts><soapPort>GreeterSoap12Port</soapPort></soapPorts>}.
     */
    @Parameter
    private List<String> soapPorts = new ArrayList<>();

    /**
     * Operations to publish, as operation selectors; when empty (the default) every operation of every contract is
     * published. A selector is one or more terms separated by spaces, all of which must match:
     * {@code tag:<tag>} (an OpenAPI tag, case-insensitive), {@code operationId:<id>} (the OpenAPI operationId, the
     * MCP JSON tool name or the WSDL operation name; a bare word means the same), {@code method:<METHOD>} (a bare
     * upper-case method means the same), {@code path:<glob>} (a bare term starting with {@code /} means the same)
     * and {@code service:<serviceId>} (the contract's file name without extension). In globs {@code *} matches any
     * characters ({@code *} stays within one path segment, {@code **} crosses them) and {@code ?} one; a value with
     * spaces goes in double quotes ({@code tag:"Sign Requests"}). Operations not selected are counted as
     * {@code excluded} in the contract's build-log line and listed as {@code OPERATION_EXCLUDED} notes; a selector
     * that matches no operation is the warning {@code OPERATION_SELECTOR_UNUSED}; a malformed one fails the build.
     * Example: {@code <includeOperations><include>tag:pets</include><include>GET /store/**</include></includeOperations>}.
     */
    @Parameter(property = "imcp.includeOperations")
    private List<String> includeOperations = new ArrayList<>();

    /**
     * Operations never to publish, as operation selectors (see {@code includeOperations}); an operation that
     * matches both is excluded. The contract can exclude an operation too, with {@code x-mcp: false} on the
     * operation or its path item. Example:
     * {@code <excludeOperations><exclude>method:DELETE</exclude><exclude>service:legacy tag:admin</exclude></excludeOperations>}.
     */
    @Parameter(property = "imcp.excludeOperations")
    private List<String> excludeOperations = new ArrayList<>();

    /**
     * Tool names and MCP annotation hints chosen here, over what the contracts give. Each {@code <tool>} has an
     * {@code <operation>} (an operation selector as in {@code includeOperations}, most often an operationId or a
     * method and path: {@code <operation>GET /store/inventory</operation>}) and sets a {@code <name>} (published as
     * given: letters, digits, {@code _} and {@code -}, at most {@code toolNameMaxLength} characters; it wins over
     * the contract's {@code x-mcp-name} and should select one operation, a second one with the same name fails the
     * build with {@code TOOL_NAME_DUPLICATE}), and/or hints: {@code <readOnlyHint>}, {@code <destructiveHint>},
     * {@code <idempotentHint>}, {@code <openWorldHint>} ({@code true} or {@code false}; they win over the method's
     * defaults and the contract's {@code x-mcp-annotations}). When several entries select an operation, later ones
     * win. An entry that selects nothing is the warning {@code OPERATION_SELECTOR_UNUSED}. Example:
     * <pre>{@code
     * <tools>
     *   <tool><operation>post_oauth2_token#refresh</operation><name>refresh_token</name></tool>
     *   <tool><operation>tag:search</operation><readOnlyHint>true</readOnlyHint></tool>
     * </tools>
     * }</pre>
     */
    @Parameter
    private List<Tool> tools = new ArrayList<>();

    /**
     * The longest tool name published, in characters: 16 to 128. A name derived from the contract that is longer
     * is cut and given a stable 8-digit hash suffix ({@code TOOL_NAME_SHORTENED} warning); an explicit one
     * ({@code x-mcp-name}, a {@code <tool>}'s {@code <name>}) that is longer fails the build. The default, 64, is
     * what widely used MCP clients and model APIs accept for a tool name.
     */
    @Parameter(property = "imcp.toolNameMaxLength", defaultValue = "64")
    private int toolNameMaxLength = 64;

    /**
     * Where a copy of the tool catalog ({@code META-INF/imcp/catalog.html}, one self-contained HTML page listing
     * every tool with its arguments, output, binding and contract line) is put after each run, unchanged runs
     * included, to open in a browser without unpacking the jar.
     */
    @Parameter(property = "imcp.catalogFile", defaultValue = "${project.build.directory}/imcp/catalog.html",
            required = true)
    private File catalogFile;

    /** Skips generation (the generated folders are still added to the build when they exist). */
    @Parameter(property = "imcp.skip", defaultValue = "false")
    private boolean skip;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        long start = System.nanoTime();
        if (skip) {
            getLog().info("iMCP generation skipped (imcp.skip)");
            addOutputsToProject();
            return;
        }
        CodegenRequest request = new GenerateConfiguration(project.getBasedir().toPath(), contracts,
                contractsDirectory, basePackage, outputDirectory, resourceOutputDirectory, adapterName,
                adapterVersion, stateFile).soapPorts(soapPorts).operations(includeOperations, excludeOperations)
                .tools(tools, toolNameMaxLength).toRequest();
        try {
            GenerationResult result = new ImcpGenerator().generate(request);
            copyCatalog();
            log(result, (System.nanoTime() - start) / 1_000_000);
        } catch (ContractException e) {
            List<Diagnostic> errors = e.diagnostics().stream()
                    .filter(d -> d.severity() == Diagnostic.Severity.ERROR).toList();
            Diagnostics.lines(e.diagnostics().stream()
                    .filter(d -> d.severity() == Diagnostic.Severity.WARNING).toList()).forEach(getLog()::warn);
            List<String> errorLines = Diagnostics.lines(errors);
            errorLines.forEach(getLog()::error);
            throw new MojoFailureException(errors.size() + " contract error(s):\n" + String.join("\n", errorLines));
        } catch (IOException e) {
            throw new MojoExecutionException("iMCP generation failed: " + e.getMessage(), e);
        } catch (OutOfMemoryError e) {
            // What generation held is unreachable once the stack has unwound to here, so there is heap to report.
            throw new MojoExecutionException(outOfMemory(Runtime.getRuntime().maxMemory()), e);
        }
        addOutputsToProject();
    }

    /**
     * Returns the build error for a generation that ran out of Java heap: the heap it had, in MiB, and the two ways
     * out (more heap for Maven, fewer operations). A Maven JVM's default heap is a quarter of the machine's memory.
     *
     * @param maxHeapBytes the JVM's maximum heap ({@link Runtime#maxMemory()}), bytes
     * @return the message, starting with {@code [GENERATION_OUT_OF_MEMORY]}
     */
    static String outOfMemory(long maxHeapBytes) {
        return "[GENERATION_OUT_OF_MEMORY] iMCP generation ran out of Java heap (this build's maximum: "
                + String.format(java.util.Locale.ROOT, "%,d", maxHeapBytes >> 20) + " MiB). Very large contracts"
                + " need more: Microsoft Graph's v1.0 document (11,422 operations) about 1.5 GB, its beta (22,361)"
                + " about 3 GB. Give Maven more heap (a line -Xmx4g in .mvn/jvm.config, or MAVEN_OPTS=-Xmx4g), or publish"
                + " fewer operations with <includeOperations> or <excludeOperations>: an MCP client choosing among"
                + " thousands of tools is rarely served well by all of them.";
    }

    /** Logs the outcome; {@code millis} is the goal's whole time (what the build pays), not only generation's. */
    private void log(GenerationResult result, long millis) {
        if (result.upToDate()) {
            getLog().info(String.format(Locale.ROOT,
                    "iMCP: contracts and configuration unchanged, nothing to generate (%.2f s)", millis / 1000.0));
            return;
        }
        // Each contract's line, then its own warnings; warnings about the contracts together come last.
        java.util.Set<Diagnostic> shown = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (ContractReport report : result.reports()) {
            getLog().info(report.summary());
            Diagnostics.lines(report.warnings()).forEach(line -> getLog().warn("  " + line));
            List<String> notes = Diagnostics.lines(report.notes());
            notes.stream().limit(NOTES_SHOWN).forEach(line -> getLog().info("  " + line));
            if (notes.size() > NOTES_SHOWN) {
                getLog().info("  ... and " + (notes.size() - NOTES_SHOWN) + " more notes (run with -X to list them)");
                notes.stream().skip(NOTES_SHOWN).forEach(line -> getLog().debug("  " + line));
            }
            shown.addAll(report.warnings());
        }
        Diagnostics.lines(result.warnings().stream().filter(d -> !shown.contains(d)).toList()).forEach(getLog()::warn);
        getLog().info(String.format(Locale.ROOT,
                "iMCP: %d contract(s), %d tool(s); %d file(s) written, %d unchanged, %d deleted (%.1f s)",
                result.reports().size(), result.reports().stream().mapToInt(ContractReport::tools).sum(),
                result.filesWritten(), result.filesUnchanged(), result.filesDeleted(), millis / 1000.0));
    }

    /**
     * Puts the generated catalog at {@code catalogFile}, writing only when its bytes differ (an unchanged build
     * generates nothing, yet a {@code catalogFile} deleted since must come back).
     */
    private void copyCatalog() throws IOException {
        Path generated = resourceOutputDirectory.toPath().resolve(SourceWriter.CATALOG_FILE);
        Path copy = catalogFile.toPath();
        if (!Files.isRegularFile(generated)) {
            return;
        }
        if (Files.isRegularFile(copy) && Files.mismatch(generated, copy) == -1) {
            return;
        }
        Files.createDirectories(copy.toAbsolutePath().getParent());
        Files.copy(generated, copy, StandardCopyOption.REPLACE_EXISTING);
        getLog().info("iMCP: tool catalog at " + copy);
    }

    private void addOutputsToProject() throws MojoExecutionException {
        try {
            project.getProperties().setProperty(CONTRACTS_PROPERTY, ContractsHeader.read(resourceOutputDirectory.toPath()));
        } catch (IOException e) {
            throw new MojoExecutionException("iMCP: cannot name the contracts for " + ContractsHeader.NAME + ": "
                    + e.getMessage(), e);
        }
        Path sources = outputDirectory.toPath();
        if (!project.getCompileSourceRoots().contains(sources.toString())) {
            project.addCompileSourceRoot(sources.toString());
        }
        boolean present = project.getResources().stream()
                .anyMatch(r -> resourceOutputDirectory.getPath().equals(r.getDirectory()));
        if (!present) {
            Resource resource = new Resource();
            resource.setDirectory(resourceOutputDirectory.getPath());
            project.addResource(resource);
        }
    }
}
