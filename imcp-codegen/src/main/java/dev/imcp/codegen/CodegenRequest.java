package dev.imcp.codegen;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What to generate: the configuration record the Maven plugin maps its parameters to.
 *
 * @param contracts the contract files (WSDL, OpenAPI 2.0/3.0/3.1 in YAML or JSON, MCP JSON); kind detected from content
 * @param baseDir the directory contract paths are shown relative to in diagnostics (the project base directory)
 * @param sourceOutput where Java sources go ({@code target/generated-sources/imcp})
 * @param resourceOutput where resources go ({@code META-INF/services/...}, {@code META-INF/imcp/tools.json})
 * @param basePackage the Java package generated code goes under; each service adds a segment ({@code <basePackage>.<serviceId>})
 */
public record CodegenRequest(
        List<Path> contracts,
        Path baseDir,
        Path sourceOutput,
        Path resourceOutput,
        String basePackage) {

    /** Checks the components and copies the contract list. */
    public CodegenRequest {
        Objects.requireNonNull(baseDir, "baseDir");
        Objects.requireNonNull(sourceOutput, "sourceOutput");
        Objects.requireNonNull(resourceOutput, "resourceOutput");
        Objects.requireNonNull(basePackage, "basePackage");
        contracts = List.copyOf(contracts);
    }
}
