package dev.imcp.codegen.writer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.imcp.codegen.model.ContractModel;
import dev.imcp.codegen.model.Names;
import dev.imcp.codegen.model.OperationModel;
import dev.imcp.codegen.model.SourceFile;
import dev.imcp.codegen.output.GeneratedFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Writes the generated code of validated contracts. Per contract, in package {@code <basePackage>.<serviceId>}:
 * the records and enums of {@code .model}, one {@code <JavaName>Tool} per operation, the
 * {@code <ServiceName>Upstream} stub and the {@code <ServiceName>ToolProvider}; for all contracts, in
 * the resource output, {@code META-INF/services/dev.imcp.runtime.spi.ToolProvider} and
 * {@code META-INF/imcp/tools.json}, {@code META-INF/imcp/catalog.html} (the tool catalog for people), and
 * {@code META-INF/imcp/adapter.json} naming the adapter. Sources that
 * a tool of the field generated while reading ({@link ContractModel#generatedSources()}) go with the rest.
 *
 * <p>Output is deterministic (sorted where order is not the contract's, no timestamps, {@code \n}, UTF-8).
 * Nothing is written to the output roots here: each file is staged in a {@link GeneratedFiles} as soon as it is
 * made (a tool's class, a service's schemas), which {@link dev.imcp.codegen.output.OutputReconciler} puts in place.
 * What stays in memory until the end: each tool's published entry (schemas deflated) and its part of the catalog
 * page for the adapter-wide files, and, per service, its models and its stub's methods.
 */
public final class SourceWriter {

    /**
     * The most properties an object schema may have to become a record; a wider one (EPA's ECHO facility rows: 306
     * properties) is typed {@code Map<String, Object>}, and an operation whose input is wider is skipped
     * ({@code TOOL_TOO_MANY_PARAMETERS}). A method descriptor holds at most 255 parameter slots (JVMS section 4.3.3),
     * the canonical constructor's {@code this} takes one, every component is a reference (one slot), and one more is
     * kept for the additional-properties component a record may carry.
     */
    public static final int MAX_RECORD_COMPONENTS = 253;

    /** The service file listing every generated provider. */
    public static final String SERVICES_FILE = "META-INF/services/dev.imcp.runtime.spi.ToolProvider";
    /** The tool list as the server publishes it, the lockfile CI compares. */
    public static final String TOOLS_FILE = "META-INF/imcp/tools.json";
    /**
     * The adapter's own name and version and the contracts it was generated from,
     * {@code {"name": ..., "version": ..., "contracts": {"<serviceId>": {"file": ..., "sha256": ...}}}}: the runtime
     * sends the name and version as {@code serverInfo} in the MCP {@code initialize} result; the Maven plugin reads the
     * contracts for the jar manifest's {@code Imcp-Contracts} header (the runtime reads each contract's hash from its
     * provider's {@code ServiceDescriptor}, generated from the same model).
     */
    public static final String ADAPTER_FILE = "META-INF/imcp/adapter.json";
    /** The member of {@link #ADAPTER_FILE} naming each service's contract file and SHA-256 (lower-case hex). */
    public static final String CONTRACTS_MEMBER = "contracts";
    /**
     * The tool catalog, one self-contained HTML page for people (see {@code CatalogPage}); the runtime serves it at
     * {@code /catalog}.
     */
    public static final String CATALOG_FILE = CatalogPage.FILE;
    /**
     * Per service, in its package's resource folder: each tool's {@code inputSchema} and {@code outputSchema}
     * as published, read by the runtime's {@code ToolSchemas} (kept out of Java string constants, which hold
     * at most 65,535 bytes).
     */
    public static final String TOOL_SCHEMAS_FILE = "tool-schemas.json";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Creates a writer; it holds no state between runs. */
    public SourceWriter() {
    }

    /**
     * Generates the code of {@code contracts}.
     *
     * @param contracts valid contracts (tool names unique across them)
     * @param basePackage the package each service's package goes under
     * @param adapterName the adapter's name for {@code adapter.json} (the Maven artifactId), or {@code null} to
     *     leave it out ({@code adapter.json} is then written only when there are contracts to name)
     * @param adapterVersion the adapter's version (the Maven project version), or {@code null}
     * @param sourceOutput the Java sources root; the files are staged in a folder beside it
     * @param resourceOutput the resources root
     * @return every generated file, staged
     * @throws java.io.UncheckedIOException when the staging folder cannot be written
     */
    public GeneratedFiles write(List<ContractModel> contracts, String basePackage, String adapterName,
            String adapterVersion, Path sourceOutput, Path resourceOutput) {
        Path absolute = sourceOutput.toAbsolutePath().normalize();
        GeneratedFiles files = new GeneratedFiles(absolute.getParent() == null ? absolute : absolute.getParent());
        try {
            writeAll(files, contracts, basePackage, adapterName, adapterVersion, sourceOutput, resourceOutput);
            return files;
        } catch (RuntimeException | Error e) {
            files.close(); // removes the staging folder as far as it can, never throws
            throw e;
        }
    }

    private void writeAll(GeneratedFiles files, List<ContractModel> contracts, String basePackage, String adapterName,
            String adapterVersion, Path sourceOutput, Path resourceOutput) {
        List<String> providers = new ArrayList<>();
        List<ToolJson.Packed> tools = new ArrayList<>();
        CatalogPage catalog = new CatalogPage();
        for (ContractModel contract : contracts) {
            for (SourceFile source : contract.generatedSources()) {
                files.add(sourceOutput, source.path(), source.content());
            }
            String javaPackage = basePackage + "." + contract.serviceId();
            String serviceName = Names.upperCamel(contract.serviceId());
            ModelTypes types = new ModelTypes(javaPackage, contract.location().file());
            ClassName upstreamName = ClassName.get(javaPackage, serviceName + "Upstream");
            UpstreamWriter upstream = new UpstreamWriter(contract, upstreamName, types);
            List<ClassName> toolNames = new ArrayList<>();
            List<ToolJson.Packed> serviceTools = new ArrayList<>();
            for (OperationModel op : contract.operations()) {
                TypeName input = types.input(op);
                TypeName output = types.output(op);
                String method = upstream.add(op, input, output);
                ClassName toolName = ClassName.get(javaPackage, op.javaName() + "Tool");
                toolNames.add(toolName);
                writeJava(files, sourceOutput, javaPackage,
                        ToolWriter.tool(contract, op, toolName, upstreamName, input, output, method));
                ToolJson published = ToolJson.of(contract, op);
                catalog.tool(contract, op, published);
                serviceTools.add(published.pack());
            }
            files.add(resourceOutput, javaPackage.replace('.', '/') + "/" + TOOL_SCHEMAS_FILE,
                    out -> ToolJson.writeSchemasFile(serviceTools, out));
            tools.addAll(serviceTools);
            catalog.service(contract);
            for (Map.Entry<ClassName, TypeSpec> e : types.specs().entrySet()) {
                writeJava(files, sourceOutput, e.getKey().packageName(), e.getValue());
            }
            writeJava(files, sourceOutput, javaPackage, upstream.build());
            ClassName providerName = ClassName.get(javaPackage, serviceName + "ToolProvider");
            writeJava(files, sourceOutput, javaPackage, ProviderWriter.provider(contract, providerName, upstreamName, toolNames));
            providers.add(providerName.canonicalName());
        }
        providers.sort(Comparator.naturalOrder());
        files.add(resourceOutput, SERVICES_FILE, providers.isEmpty() ? "" : String.join("\n", providers) + "\n");
        tools.sort(Comparator.comparing((ToolJson.Packed p) -> p.tool().name()).thenComparing(p -> p.tool().service()));
        files.add(resourceOutput, TOOLS_FILE, out -> ToolJson.writeToolsFile(tools, out));
        files.add(resourceOutput, CATALOG_FILE, catalog.html(adapterName, adapterVersion));
        if (adapterName != null || !contracts.isEmpty()) {
            files.add(resourceOutput, ADAPTER_FILE, adapterJson(contracts, adapterName, adapterVersion));
        }
    }

    /**
     * Returns {@code adapter.json}: {@code {"name", "version", "contracts": {"<serviceId>": {"file", "sha256",
     * "tools"}}}}, the contracts sorted by service id, each with its tool names in contract order (what
     * {@code imcp:lock} and {@code imcp:check} join with {@code tools.json}); {@code name} and {@code version} left
     * out when {@code null}.
     */
    private static String adapterJson(List<ContractModel> contracts, String adapterName, String adapterVersion) {
        ObjectNode adapter = MAPPER.createObjectNode();
        if (adapterName != null) {
            adapter.put("name", adapterName);
        }
        if (adapterVersion != null) {
            adapter.put("version", adapterVersion);
        }
        ObjectNode digests = adapter.putObject(CONTRACTS_MEMBER);
        contracts.stream().sorted(Comparator.comparing(ContractModel::serviceId)).forEach(c -> {
            ObjectNode contract = digests.putObject(c.serviceId()).put("file", c.location().file()).put("sha256", c.sha256());
            c.operations().forEach(op -> contract.withArray("tools").add(op.toolName()));
        });
        return pretty(adapter);
    }

    private static void writeJava(GeneratedFiles files, Path root, String javaPackage, TypeSpec type) {
        JavaFile file = JavaFile.builder(javaPackage, type).indent("    ").skipJavaLangImports(true).build();
        files.add(root, javaPackage.replace('.', '/') + "/" + type.name() + ".java", file.toString());
    }

    private static String pretty(ObjectNode root) {
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(new DefaultIndenter("  ", "\n"))
                .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER));
        try {
            return MAPPER.writer(printer).writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain JSON nodes always serializes", e);
        }
    }
}
