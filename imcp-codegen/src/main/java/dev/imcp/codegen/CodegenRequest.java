package dev.imcp.codegen;

import dev.imcp.codegen.select.ToolOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What to generate: the configuration record the Maven plugin maps its parameters to.
 *
 * @param contracts the contract files (WSDL, OpenAPI 2.0/3.0/3.1/3.2 in YAML or JSON, MCP JSON), kind detected from
 *     content; relative paths are resolved against {@code baseDir}. When empty, the contracts are discovered in
 *     {@code contractsDirectory}
 * @param contractsDirectory the folder whose files are discovered as contracts and their parts when
 *     {@code contracts} is empty (see {@link dev.imcp.codegen.read.ContractDiscovery}), or {@code null}
 * @param baseDir the directory contract paths are shown relative to in diagnostics (the project base directory)
 * @param sourceOutput where Java sources go ({@code target/generated-sources/imcp})
 * @param resourceOutput where resources go ({@code META-INF/services/...}, {@code META-INF/imcp/tools.json})
 * @param basePackage the Java package generated code goes under; each service adds a segment ({@code <basePackage>.<serviceId>})
 * @param adapterName the adapter's name written to {@code META-INF/imcp/adapter.json} (the Maven artifactId), or
 *     {@code null} to write none
 * @param adapterVersion the adapter's version written there (the Maven project version), or {@code null}
 * @param stateFile where the state of the last successful generation is kept for incremental builds, or
 *     {@code null} to generate in full every time
 * @param soapPorts WSDL port names ({@code wsdl:port/@name}) to publish when a port type is reachable through
 *     several ports (a SOAP 1.1 and a SOAP 1.2 binding, say): a listed port wins over the first one in document
 *     order; empty to take the first
 * @param tools which operations become tools, the configuration's tool names and annotation hints, and the tool
 *     name length limit ({@link ToolOptions#defaults()} when {@code null})
 */
public record CodegenRequest(
        List<Path> contracts,
        Path contractsDirectory,
        Path baseDir,
        Path sourceOutput,
        Path resourceOutput,
        String basePackage,
        String adapterName,
        String adapterVersion,
        Path stateFile,
        java.util.Set<String> soapPorts,
        ToolOptions tools) {

    /** Checks the components and copies the contract list. */
    public CodegenRequest {
        Objects.requireNonNull(baseDir, "baseDir");
        Objects.requireNonNull(sourceOutput, "sourceOutput");
        Objects.requireNonNull(resourceOutput, "resourceOutput");
        Objects.requireNonNull(basePackage, "basePackage");
        contracts = List.copyOf(contracts);
        soapPorts = soapPorts == null ? java.util.Set.of() : java.util.Set.copyOf(soapPorts);
        tools = tools == null ? ToolOptions.defaults() : tools;
    }

    /**
     * Creates a request for listed contracts, with no adapter file and no incremental state.
     *
     * @param contracts the contract files
     * @param baseDir the directory paths are shown relative to
     * @param sourceOutput the Java sources root
     * @param resourceOutput the resources root
     * @param basePackage the base Java package
     */
    public CodegenRequest(List<Path> contracts, Path baseDir, Path sourceOutput, Path resourceOutput, String basePackage) {
        this(contracts, null, baseDir, sourceOutput, resourceOutput, basePackage, null, null, null, null, null);
    }

    /** Returns this request discovering contracts in {@code directory} instead of listing them. */
    public CodegenRequest discovering(Path directory) {
        return new CodegenRequest(List.of(), directory, baseDir, sourceOutput, resourceOutput, basePackage,
                adapterName, adapterVersion, stateFile, soapPorts, tools);
    }

    /** Returns this request writing {@code adapter.json} with {@code name} and {@code version}. */
    public CodegenRequest withAdapter(String name, String version) {
        return new CodegenRequest(contracts, contractsDirectory, baseDir, sourceOutput, resourceOutput, basePackage,
                name, version, stateFile, soapPorts, tools);
    }

    /** Returns this request keeping incremental state in {@code file}. */
    public CodegenRequest withStateFile(Path file) {
        return new CodegenRequest(contracts, contractsDirectory, baseDir, sourceOutput, resourceOutput, basePackage,
                adapterName, adapterVersion, file, soapPorts, tools);
    }

    /** Returns this request preferring the WSDL ports named in {@code ports} (see {@link #soapPorts()}). */
    public CodegenRequest withSoapPorts(java.util.Collection<String> ports) {
        return new CodegenRequest(contracts, contractsDirectory, baseDir, sourceOutput, resourceOutput, basePackage,
                adapterName, adapterVersion, stateFile, java.util.Set.copyOf(ports), tools);
    }

    /**
     * Returns this request selecting, naming and annotating tools as {@code options} say.
     *
     * @param options the tool options
     * @return the request
     */
    public CodegenRequest withTools(ToolOptions options) {
        return new CodegenRequest(contracts, contractsDirectory, baseDir, sourceOutput, resourceOutput, basePackage,
                adapterName, adapterVersion, stateFile, soapPorts, options);
    }
}
