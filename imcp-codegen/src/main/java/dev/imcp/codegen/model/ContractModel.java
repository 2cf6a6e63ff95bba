package dev.imcp.codegen.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One contract file, read into the model.
 *
 * @param serviceId the service id (a Java-identifier-safe slug, by default from the file name): the
 *     generated package segment and the runtime configuration key {@code imcp.services.<serviceId>}
 * @param kind the contract kind
 * @param title the contract's title, or the service id when it has none
 * @param version the contract's version, or {@code null}
 * @param description the contract's description, or {@code null}
 * @param sha256 the SHA-256 of the contract file's bytes, lower-case hex
 * @param defaultUrl the upstream base URL the contract names, or {@code null}
 * @param soapPorts for WSDL, port name to address ({@code soap:address/@location}, or an empty string when the
 *     contract gives none and the configuration must); empty otherwise
 * @param operations the operations, one tool each, in contract order
 * @param location the contract file
 * @param generatedSources the Java sources a tool of the field generated while reading (CXF's SEIs and JAXB
 *     classes for WSDL), in path order; empty for OpenAPI and MCP JSON
 * @param security for OpenAPI: the security schemes and each operation's requirement; {@link SecurityModel#NONE}
 *     otherwise
 * @param upstreams for MCP JSON tools with different base URLs: the named base URLs; {@link UpstreamsModel#NONE}
 *     otherwise
 */
public record ContractModel(
        String serviceId,
        ContractKind kind,
        String title,
        String version,
        String description,
        String sha256,
        String defaultUrl,
        Map<String, String> soapPorts,
        List<OperationModel> operations,
        SourceLocation location,
        List<SourceFile> generatedSources,
        SecurityModel security,
        UpstreamsModel upstreams) {

    /** Checks the required components and copies the collections. */
    public ContractModel {
        Objects.requireNonNull(serviceId, "serviceId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(location, "location");
        soapPorts = soapPorts == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(soapPorts));
        operations = List.copyOf(operations);
        generatedSources = generatedSources == null ? List.of() : List.copyOf(generatedSources);
        security = security == null ? SecurityModel.NONE : security;
        upstreams = upstreams == null ? UpstreamsModel.NONE : upstreams;
    }

    /** Creates a model without security schemes. */
    public ContractModel(String serviceId, ContractKind kind, String title, String version, String description,
            String sha256, String defaultUrl, Map<String, String> soapPorts, List<OperationModel> operations,
            SourceLocation location, List<SourceFile> generatedSources) {
        this(serviceId, kind, title, version, description, sha256, defaultUrl, soapPorts, operations, location,
                generatedSources, SecurityModel.NONE, UpstreamsModel.NONE);
    }

    /**
     * Returns this contract with security schemes.
     *
     * @param newSecurity the schemes and requirements
     * @return the contract
     */
    public ContractModel withSecurity(SecurityModel newSecurity) {
        return new ContractModel(serviceId, kind, title, version, description, sha256, defaultUrl, soapPorts,
                operations, location, generatedSources, newSecurity, upstreams);
    }

    /**
     * Returns this contract with named base URLs.
     *
     * @param newUpstreams the named base URLs
     * @return the contract
     */
    public ContractModel withUpstreams(UpstreamsModel newUpstreams) {
        return new ContractModel(serviceId, kind, title, version, description, sha256, defaultUrl, soapPorts,
                operations, location, generatedSources, security, newUpstreams);
    }

    /** Creates a model with no pre-generated sources (OpenAPI, MCP JSON). */
    public ContractModel(String serviceId, ContractKind kind, String title, String version, String description,
            String sha256, String defaultUrl, Map<String, String> soapPorts, List<OperationModel> operations,
            SourceLocation location) {
        this(serviceId, kind, title, version, description, sha256, defaultUrl, soapPorts, operations, location,
                List.of());
    }

    /**
     * Returns this contract with other operations (renamed by the naming pass).
     *
     * @param newOperations the operations, in contract order
     * @return the contract
     */
    public ContractModel withOperations(List<OperationModel> newOperations) {
        return new ContractModel(serviceId, kind, title, version, description, sha256, defaultUrl, soapPorts,
                newOperations, location, generatedSources, security, upstreams);
    }
}
