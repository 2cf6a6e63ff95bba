package dev.imcp.runtime.upstream;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imcp.runtime.config.ServiceConfig;
import dev.imcp.runtime.spi.HttpUpstream;
import dev.imcp.runtime.spi.ServiceDescriptor;
import dev.imcp.runtime.spi.UpstreamContext;

import java.net.http.HttpClient;

/**
 * The {@link UpstreamContext} of one service: a {@link JdkHttpUpstream} on the shared client and a
 * {@link SoapPorts} cache.
 */
public final class DefaultUpstreamContext implements UpstreamContext {

    private final ServiceDescriptor service;
    private final ServiceConfig config;
    private final HttpClient client;
    private final ObjectMapper mapper;
    private final SoapPorts soapPorts;
    private volatile JdkHttpUpstream http;

    /**
     * @param service the service
     * @param config its configuration ({@code imcp.services.<id>})
     * @param client the shared HTTP client
     * @param mapper the JSON mapper
     */
    public DefaultUpstreamContext(ServiceDescriptor service, ServiceConfig config, HttpClient client, ObjectMapper mapper) {
        this.service = service;
        this.config = config;
        this.client = client;
        this.mapper = mapper;
        this.soapPorts = new SoapPorts(service, config);
    }

    @Override
    public ServiceDescriptor service() {
        return service;
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException when neither {@code imcp.services.<id>.url} nor the contract gives a base URL
     */
    @Override
    public HttpUpstream http() {
        JdkHttpUpstream h = http;
        if (h == null) {
            String base = config.url() != null ? config.url() : service.defaultUrl();
            if (base == null || base.isBlank()) {
                throw new IllegalStateException("Service " + service.id() + " has no base URL: set imcp.services."
                        + service.id() + ".url (environment variable IMCP_SERVICES_"
                        + service.id().toUpperCase(java.util.Locale.ROOT).replace('-', '_') + "_URL)");
            }
            h = new JdkHttpUpstream(client, mapper, base, config);
            http = h;
        }
        return h;
    }

    @Override
    public <P> P soapPort(Class<P> sei, String portName) {
        return soapPorts.port(sei, portName);
    }
}
