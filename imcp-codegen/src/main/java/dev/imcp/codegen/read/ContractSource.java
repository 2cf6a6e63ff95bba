package dev.imcp.codegen.read;

import dev.imcp.codegen.select.OperationRules;
import dev.imcp.codegen.select.ToolOptions;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One contract file handed to a reader.
 *
 * @param path the file's absolute path
 * @param displayName the path as shown in diagnostics (relative to the project base directory)
 * @param serviceId the service id to use (a lower-case Java identifier derived from the file name)
 * @param javaPackage the package generated code for this contract goes in ({@code <basePackage>.<serviceId>})
 * @param text the file's content, decoded as UTF-8
 * @param sha256 the SHA-256 of the file's bytes, lower-case hex
 * @param soapPorts WSDL port names preferred when a port type has several ports ({@code CodegenRequest#soapPorts})
 * @param rules the run's operation selection and overrides, which the reader applies to each operation before
 *     converting it (shared by every contract of the run)
 */
public record ContractSource(Path path, String displayName, String serviceId, String javaPackage, String text, String sha256,
        java.util.Set<String> soapPorts, OperationRules rules) {

    /** Checks the components. */
    public ContractSource {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(serviceId, "serviceId");
        Objects.requireNonNull(javaPackage, "javaPackage");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(sha256, "sha256");
        soapPorts = soapPorts == null ? java.util.Set.of() : java.util.Set.copyOf(soapPorts);
        rules = rules == null ? new OperationRules(ToolOptions.defaults()) : rules;
    }

    /** A source with no preferred SOAP ports, publishing every operation. */
    public ContractSource(Path path, String displayName, String serviceId, String javaPackage, String text, String sha256) {
        this(path, displayName, serviceId, javaPackage, text, sha256, java.util.Set.of(), null);
    }

    /** A source publishing every operation. */
    public ContractSource(Path path, String displayName, String serviceId, String javaPackage, String text, String sha256,
            java.util.Set<String> soapPorts) {
        this(path, displayName, serviceId, javaPackage, text, sha256, soapPorts, null);
    }
}
