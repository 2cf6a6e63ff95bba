package dev.imcp.runtime.upstream;

import dev.imcp.runtime.config.ServiceConfig;
import dev.imcp.runtime.spi.ServiceDescriptor;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Which upstream host a tool call reaches: the origin ({@code scheme://host:port}, RFC 6454 section 4, the port
 * always written) of each upstream request, so that {@code chain.ResilienceLink} can keep a circuit breaker and a
 * bulkhead per upstream rather than per service. REST requests ({@link RestUpstream}), SOAP calls through CXF
 * ({@link UpstreamTrace#install}) and rpc/encoded calls report the address they send to, on the calling thread, to
 * the recorder {@link #open opened} there.
 */
public final class UpstreamOrigins {

    private static final ThreadLocal<Consumer<String>> CURRENT = new ThreadLocal<>();

    private UpstreamOrigins() {
    }

    /** A scope during which the thread's upstream requests are reported; closing it ends that. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Reports the origin of each upstream request the current thread sends to {@code recorder} until the returned
     * scope is closed.
     */
    public static Scope open(Consumer<String> recorder) {
        Consumer<String> previous = CURRENT.get();
        CURRENT.set(recorder);
        return () -> {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        };
    }

    /** Reports that the current thread sends a request to {@code url} (absolute); does nothing outside a scope. */
    public static void reached(String url) {
        Consumer<String> recorder = CURRENT.get();
        if (recorder != null && url != null) {
            recorder.accept(of(url));
        }
    }

    /**
     * Returns the origin of an absolute URL, {@code scheme://host:port} in lower case with the scheme's default port
     * written out (80 for {@code http}, 443 for {@code https}); the URL itself when it has no host.
     */
    public static String of(String url) {
        try {
            URI uri = URI.create(url.strip());
            if (uri.getScheme() == null || uri.getHost() == null) {
                return url;
            }
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            int port = uri.getPort() >= 0 ? uri.getPort() : "https".equals(scheme) ? 443 : 80;
            return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port;
        } catch (IllegalArgumentException e) {
            return url;
        }
    }

    /**
     * Returns the upstreams of a service, as its configuration and contract give them (as
     * {@link DefaultUpstreamContext} and {@link SoapPorts} resolve them): each origin to the names the contract gives
     * the base URLs or WSDL ports there ({@code upstreams.<name>}, {@code ports.<PortName>}), in contract order; an
     * origin of a service with one base URL has no names. Addresses that are missing are left out.
     *
     * @param service the service as its contract describes it
     * @param config its configuration
     * @return origin to names, in contract order (WSDL ports by name)
     */
    public static Map<String, List<String>> of(ServiceDescriptor service, ServiceConfig config) {
        Map<String, List<String>> origins = new LinkedHashMap<>();
        Map<String, String> named = service.upstreams().urls();
        if (!named.isEmpty()) {
            boolean first = true;
            for (Map.Entry<String, String> e : named.entrySet()) {
                String url = config.upstreamUrls().containsKey(e.getKey()) ? config.upstreamUrls().get(e.getKey())
                        : first && config.url() != null ? config.url() : e.getValue();
                first = false;
                add(origins, url, e.getKey());
            }
        } else if ("wsdl".equals(service.kind()) && !service.soapPorts().isEmpty()) {
            for (Map.Entry<String, String> e : new java.util.TreeMap<>(service.soapPorts()).entrySet()) {
                String contract = e.getValue().isBlank() ? null : e.getValue(); // blank: no address in the contract
                String url = config.portUrls().getOrDefault(e.getKey(), config.url() != null ? config.url() : contract);
                add(origins, url, e.getKey());
            }
        } else {
            String url = config.url() != null ? config.url() : service.defaultUrl();
            if (url != null) {
                origins.put(of(url), List.of());
            }
        }
        return origins;
    }

    private static void add(Map<String, List<String>> origins, String url, String name) {
        if (url != null) {
            origins.computeIfAbsent(of(url), o -> new ArrayList<>()).add(name);
        }
    }
}
