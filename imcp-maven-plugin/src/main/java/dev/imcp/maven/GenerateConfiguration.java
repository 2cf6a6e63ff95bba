package dev.imcp.maven;

import dev.imcp.codegen.CodegenRequest;
import dev.imcp.codegen.select.OperationSelector;
import dev.imcp.codegen.select.ToolOptions;
import dev.imcp.codegen.select.ToolOverride;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import javax.lang.model.SourceVersion;
import org.apache.maven.plugin.MojoFailureException;

/**
 * Checks the {@code generate} goal's parameters and maps them to a {@link CodegenRequest}. A wrong value
 * fails the build naming the pom element and what is allowed.
 */
final class GenerateConfiguration {

    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");
    private static final Pattern TOOL_NAME = Pattern.compile("[A-Za-z0-9_-]+");

    private final Path baseDir;
    private final List<File> contracts;
    private final File contractsDirectory;
    private final String basePackage;
    private final File outputDirectory;
    private final File resourceOutputDirectory;
    private final String adapterName;
    private final String adapterVersion;
    private final File stateFile;
    private List<String> soapPorts = List.of();
    private List<String> includeOperations = List.of();
    private List<String> excludeOperations = List.of();
    private List<Tool> tools = List.of();
    private int toolNameMaxLength = ToolOptions.DEFAULT_NAME_LENGTH;

    GenerateConfiguration(Path baseDir, List<File> contracts, File contractsDirectory, String basePackage,
            File outputDirectory, File resourceOutputDirectory, String adapterName, String adapterVersion,
            File stateFile) {
        this.baseDir = baseDir;
        this.contracts = contracts == null ? List.of() : contracts;
        this.contractsDirectory = contractsDirectory;
        this.basePackage = basePackage;
        this.outputDirectory = outputDirectory;
        this.resourceOutputDirectory = resourceOutputDirectory;
        this.adapterName = adapterName;
        this.adapterVersion = adapterVersion;
        this.stateFile = stateFile;
    }

    /** Sets the {@code soapPorts} parameter: WSDL port names preferred over other ports of their port type. */
    GenerateConfiguration soapPorts(List<String> ports) {
        this.soapPorts = ports == null ? List.of() : ports;
        return this;
    }

    /** Sets the {@code includeOperations} and {@code excludeOperations} parameters: operation selectors. */
    GenerateConfiguration operations(List<String> includes, List<String> excludes) {
        this.includeOperations = includes == null ? List.of() : includes;
        this.excludeOperations = excludes == null ? List.of() : excludes;
        return this;
    }

    /** Sets the {@code tools} and {@code toolNameMaxLength} parameters. */
    GenerateConfiguration tools(List<Tool> entries, int maxNameLength) {
        this.tools = entries == null ? List.of() : entries;
        this.toolNameMaxLength = maxNameLength;
        return this;
    }

    /**
     * Returns the request, after checking every parameter.
     *
     * @throws MojoFailureException naming the pom element, the value and what is allowed
     */
    CodegenRequest toRequest() throws MojoFailureException {
        String pkg = javaPackage();
        if (outputDirectory.getAbsoluteFile().equals(resourceOutputDirectory.getAbsoluteFile())) {
            throw new MojoFailureException("<outputDirectory> and <resourceOutputDirectory> are both " + outputDirectory
                    + "; they must be two different folders (defaults: target/generated-sources/imcp and "
                    + "target/generated-resources/imcp)");
        }
        List<Path> listed = new ArrayList<>();
        for (File contract : contracts) {
            Path path = baseDir.resolve(contract.toPath()).normalize();
            if (!Files.isRegularFile(path)) {
                String shown = path.startsWith(baseDir) ? baseDir.relativize(path).toString() : path.toString();
                throw new MojoFailureException("<contracts> lists " + shown.replace('\\', '/') + ", which "
                        + (Files.isDirectory(path) ? "is a folder" : "does not exist") + "; list contract files "
                        + "(WSDL, OpenAPI YAML/JSON, MCP JSON) by their path from the project folder, e.g. "
                        + "src/main/contracts/petstore.yaml, or remove <contracts> to discover them in <contractsDirectory>");
            }
            listed.add(path);
        }
        Path directory = contractsDirectory == null ? null : baseDir.resolve(contractsDirectory.toPath()).normalize();
        if (listed.isEmpty()) {
            if (directory == null || !Files.isDirectory(directory)) {
                throw new MojoFailureException("<contractsDirectory> " + contractsDirectory + " "
                        + (directory != null && Files.exists(directory) ? "is not a folder" : "does not exist")
                        + ": put WSDL, OpenAPI or MCP JSON files in src/main/contracts (the default), point "
                        + "<contractsDirectory> at the folder that holds them, or list them in <contracts>");
            }
        }
        CodegenRequest request = new CodegenRequest(listed, baseDir, outputDirectory.toPath(),
                resourceOutputDirectory.toPath(), pkg)
                .withAdapter(blankToNull(adapterName), blankToNull(adapterVersion))
                .withStateFile(stateFile == null ? null : stateFile.toPath())
                .withSoapPorts(soapPortNames())
                .withTools(toolOptions());
        return listed.isEmpty() ? request.discovering(directory) : request;
    }

    private List<String> soapPortNames() throws MojoFailureException {
        List<String> names = new ArrayList<>();
        for (String port : soapPorts) {
            String name = port == null ? "" : port.strip();
            if (!name.matches("[\\p{L}_][\\p{L}\\p{N}._-]*")) {
                throw new MojoFailureException("<soapPorts> lists '" + port + "', which is not a port name: give the "
                        + "name attribute of a wsdl:port, e.g. <soapPort>GreeterSoap12Port</soapPort>");
            }
            names.add(name);
        }
        return names;
    }

    private ToolOptions toolOptions() throws MojoFailureException {
        if (toolNameMaxLength < ToolOptions.MIN_NAME_LENGTH || toolNameMaxLength > ToolOptions.MAX_NAME_LENGTH) {
            throw new MojoFailureException("<toolNameMaxLength> " + toolNameMaxLength + " is out of range: use "
                    + ToolOptions.MIN_NAME_LENGTH + " to " + ToolOptions.MAX_NAME_LENGTH + " characters (default "
                    + ToolOptions.DEFAULT_NAME_LENGTH + ", what widely used clients accept)");
        }
        List<ToolOverride> overrides = new ArrayList<>();
        for (int i = 0; i < tools.size(); i++) {
            overrides.add(override(tools.get(i), i + 1));
        }
        return new ToolOptions(selectors("includeOperations", includeOperations),
                selectors("excludeOperations", excludeOperations), overrides, toolNameMaxLength);
    }

    private static List<OperationSelector> selectors(String element, List<String> values) throws MojoFailureException {
        List<OperationSelector> selectors = new ArrayList<>();
        for (String value : values) {
            try {
                selectors.add(OperationSelector.parse(value));
            } catch (IllegalArgumentException e) {
                throw new MojoFailureException("<" + element + "> lists '" + value + "', which is not an operation "
                        + "selector: " + e.getMessage());
            }
        }
        return selectors;
    }

    private ToolOverride override(Tool tool, int position) throws MojoFailureException {
        String what = "<tools> entry " + position;
        if (tool == null || tool.operation() == null || tool.operation().isBlank()) {
            throw new MojoFailureException(what + " has no <operation>: say which operation it is for, e.g. "
                    + "<operation>GET /pets/{petId}</operation> or <operation>findPets</operation> (an operationId)");
        }
        what = "<tools> entry " + position + " (<operation>" + tool.operation().strip() + "</operation>)";
        OperationSelector selector;
        try {
            selector = OperationSelector.parse(tool.operation());
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException(what + " does not select operations: " + e.getMessage());
        }
        String name = blankToNull(tool.name());
        if (name != null && (!TOOL_NAME.matcher(name).matches() || name.length() > toolNameMaxLength)) {
            throw new MojoFailureException(what + " has <name> '" + name + "', which is not a tool name: use letters, "
                    + "digits, '_' and '-', at most " + toolNameMaxLength + " characters (<toolNameMaxLength>)");
        }
        if (name == null && tool.hints().isEmpty()) {
            throw new MojoFailureException(what + " sets nothing: give it a <name>, or one of <readOnlyHint>, "
                    + "<destructiveHint>, <idempotentHint>, <openWorldHint> (true or false)");
        }
        return new ToolOverride(selector, name, tool.hints());
    }

    private String javaPackage() throws MojoFailureException {
        String pkg = basePackage == null ? "" : basePackage.strip().replace('-', '_');
        for (String segment : pkg.split("\\.", -1)) {
            if (!SEGMENT.matcher(segment).matches() || SourceVersion.isKeyword(segment)) {
                throw new MojoFailureException("<basePackage> '" + basePackage + "' is not a Java package name: '"
                        + segment + "' " + (SourceVersion.isKeyword(segment) ? "is a Java keyword" : "is not a Java identifier")
                        + "; use dot-separated Java identifiers that are not keywords, e.g. com.example.adapter");
            }
        }
        return pkg;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
