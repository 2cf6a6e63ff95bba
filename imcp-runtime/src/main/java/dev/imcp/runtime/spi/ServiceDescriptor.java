package dev.imcp.runtime.spi;

import java.util.Map;
import java.util.Objects;

/**
 * One upstream service, as described by one contract.
 *
 * @param id the service id: configuration lives under {@code imcp.services.<id>}
 * @param kind the contract kind: {@code "wsdl"}, {@code "openapi"} or {@code "mcp-json"}
 * @param title the contract's title (OpenAPI {@code info.title}, WSDL {@code definitions/@name},
 *     MCP JSON {@code name})
 * @param version the contract's version, or {@code null}
 * @param contractSha256 the SHA-256 of the contract file's bytes, lower-case hex (64 digits): which contract
 *     answered, published in the {@code _meta} of the {@code initialize} and {@code server/discover} results, in the
 *     start-up log line and in every audit event
 * @param contractFile the contract file as the build named it (relative to the project folder, {@code /} separated,
 *     e.g. {@code src/main/contracts/petstore.yaml}), or {@code null} when the provider does not say
 * @param defaultUrl the base URL the contract names (OpenAPI {@code servers[0].url}, MCP JSON
 *     {@code endpoint.baseUrl}), or {@code null}; for WSDL the address of the first port used
 * @param soapPorts for WSDL: port name to the {@code soap:address/@location} the contract gives; an empty string
 *     for a port whose address only the configuration gives (a binding WSDL's, which has no {@code wsdl:port})
 * @param security for REST: the contract's security schemes and each operation's requirement
 *     ({@link RestSecurity#NONE} when it declares none)
 * @param upstreams for MCP JSON tools with different base URLs: each named base URL and which operations go there
 *     ({@link NamedUpstreams#NONE} for a service with one)
 */
public record ServiceDescriptor(
        String id,
        String kind,
        String title,
        String version,
        String contractSha256,
        String contractFile,
        String defaultUrl,
        Map<String, String> soapPorts,
        RestSecurity security,
        NamedUpstreams upstreams) {

    /** Checks the required components and copies the port map. */
    public ServiceDescriptor {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        soapPorts = soapPorts == null ? Map.of() : Map.copyOf(soapPorts);
        security = security == null ? RestSecurity.NONE : security;
        upstreams = upstreams == null ? NamedUpstreams.NONE : upstreams;
    }

    /** A service that does not name its contract file. */
    public ServiceDescriptor(String id, String kind, String title, String version, String contractSha256,
            String defaultUrl, Map<String, String> soapPorts, RestSecurity security, NamedUpstreams upstreams) {
        this(id, kind, title, version, contractSha256, null, defaultUrl, soapPorts, security, upstreams);
    }

    /** A service with one base URL, not naming its contract file. */
    public ServiceDescriptor(String id, String kind, String title, String version, String contractSha256,
            String defaultUrl, Map<String, String> soapPorts, RestSecurity security) {
        this(id, kind, title, version, contractSha256, null, defaultUrl, soapPorts, security, NamedUpstreams.NONE);
    }

    /** A service whose contract declares no security schemes, not naming its contract file. */
    public ServiceDescriptor(String id, String kind, String title, String version, String contractSha256,
            String defaultUrl, Map<String, String> soapPorts) {
        this(id, kind, title, version, contractSha256, null, defaultUrl, soapPorts, RestSecurity.NONE,
                NamedUpstreams.NONE);
    }
}
