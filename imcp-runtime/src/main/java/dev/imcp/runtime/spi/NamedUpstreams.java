package dev.imcp.runtime.spi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The base URLs of a service whose operations do not all go to one (MCP JSON tools with different
 * {@code endpoint.baseUrl}s). Each base URL is an upstream with a name, configurable as
 * {@code imcp.services.<id>.upstreams.<name>.url}; a generated stub reaches it with
 * {@link UpstreamContext#http(String)}.
 *
 * @param urls upstream name to the base URL the contract gives, in contract order; the first is
 *     {@link ServiceDescriptor#defaultUrl()}; empty when the service has one base URL
 */
public record NamedUpstreams(Map<String, String> urls) {

    /** A service with one base URL. */
    public static final NamedUpstreams NONE = new NamedUpstreams(Map.of());

    /** Copies the map. */
    public NamedUpstreams {
        urls = Collections.unmodifiableMap(new LinkedHashMap<>(urls));
    }
}
