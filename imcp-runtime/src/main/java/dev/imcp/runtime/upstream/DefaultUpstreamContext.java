package dev.imcp.runtime.upstream;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imcp.runtime.audit.Redactor;
import dev.imcp.runtime.config.OutboundAuth;
import dev.imcp.runtime.config.ServiceConfig;
import dev.imcp.runtime.spi.EncodedSoapPort;
import dev.imcp.runtime.spi.HttpUpstream;
import dev.imcp.runtime.spi.MimePart;
import dev.imcp.runtime.spi.NamedUpstreams;
import dev.imcp.runtime.spi.ServiceDescriptor;
import dev.imcp.runtime.spi.UpstreamContext;
import dev.imcp.runtime.upstream.encoded.EncodedSoapClient;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link UpstreamContext} of one service: a {@link RestUpstream} on the shared client and a
 * {@link SoapPorts} cache, and one {@link EncodedSoapClient} per port for rpc/encoded operations.
 */
public final class DefaultUpstreamContext implements UpstreamContext {

    private final ServiceDescriptor service;
    private final ServiceConfig config;
    private final UpstreamHttpClient client;
    private final ObjectMapper mapper;
    private final SoapPorts soapPorts;
    private final SoapSecurity security;
    private final Map<String, EncodedSoapClient> encodedPorts = new ConcurrentHashMap<>();
    private final HttpAuth restAuth;
    private final PerCallAuth callerAuth;
    /** The contexts of the tenants' credential sets, by tenant; empty without {@code tenants}. */
    private final Map<String, DefaultUpstreamContext> tenants = new LinkedHashMap<>();
    private volatile HttpUpstream http;
    private final Map<String, HttpUpstream> namedHttp = new ConcurrentHashMap<>();

    /**
     * @param service the service
     * @param config its configuration ({@code imcp.services.<id>})
     * @param client the shared HTTP client; when the service has {@code tls} settings, a client like it with the
     *     service's TLS context is used instead
     * @param mapper the JSON mapper
     * @throws IllegalArgumentException when a TLS store cannot be loaded, a SOAP header block is malformed, or a
     *     SOAP-only setting ({@code soap-headers}, a UsernameToken) is given for a REST service (the message names
     *     the key)
     */
    public DefaultUpstreamContext(ServiceDescriptor service, ServiceConfig config, UpstreamHttpClient client, ObjectMapper mapper) {
        this(service, config, client, mapper, new Redactor(List.of()));
    }

    /**
     * @param service the service
     * @param config its configuration ({@code imcp.services.<id>})
     * @param client the shared HTTP client; when the service has {@code tls} settings, a client like it with the
     *     service's TLS context is used instead
     * @param mapper the JSON mapper
     * @param redactor the adapter's redactor, which learns the OAuth 2.0 access tokens fetched for this service
     * @throws IllegalArgumentException as {@link #DefaultUpstreamContext(ServiceDescriptor, ServiceConfig, UpstreamHttpClient,
     *     ObjectMapper)}
     */
    public DefaultUpstreamContext(ServiceDescriptor service, ServiceConfig config, UpstreamHttpClient client, ObjectMapper mapper,
            Redactor redactor) {
        this.service = service;
        this.config = config;
        this.mapper = mapper;
        this.security = new SoapSecurity(config); // WS-Security, soap-headers, TLS; fails here when malformed
        this.client = security.sslContext() == null ? client : client.withTls(security.sslContext());
        this.callerAuth = config.auth().perCall()
                ? new PerCallAuth(service.id(), config.auth(), new OAuth2Tokens(this.client, mapper, config.timeout(),
                        config.maxResponseBytes(), redactor::register), redactor)
                : null;
        this.soapPorts = new SoapPorts(service, config, security, callerAuth);
        config.tenants().sets().forEach((tenant, set) ->
                tenants.put(tenant, new DefaultUpstreamContext(service, set, client, mapper, redactor)));
        for (String name : config.upstreamUrls().keySet()) {
            if (!service.upstreams().urls().containsKey(name)) {
                throw new IllegalArgumentException("imcp.services." + service.id() + ".upstreams." + name
                        + ": the contract of " + service.id() + " names no upstream '" + name + "'; "
                        + (service.upstreams().urls().isEmpty() ? "it has one base URL: set imcp.services."
                        + service.id() + ".url" : "named: " + String.join(", ", service.upstreams().urls().keySet())));
            }
        }
        // Checked here, so a misconfigured scheme fails start-up naming the key.
        this.restAuth = service.security().schemes().isEmpty() && config.security().isEmpty() ? null
                : new HttpAuth(service, config, this.client, mapper,
                        config.url() != null ? config.url() : service.defaultUrl(), redactor);
        if (!"wsdl".equals(service.kind())) {
            String prefix = "imcp.services." + service.id() + ".";
            if (config.auth().type() == OutboundAuth.Type.WS_SECURITY_USERNAME_TOKEN) {
                throw new IllegalArgumentException(prefix + "auth.type: ws-security-username-token applies to SOAP "
                        + "services only; " + service.id() + " is " + service.kind());
            }
            if (!config.soapHeaders().isEmpty()) {
                throw new IllegalArgumentException(prefix + "soap-headers apply to SOAP services only; " + service.id()
                        + " is " + service.kind());
            }
        }
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
        if (!tenants.isEmpty()) {
            return new HttpUpstream() {
                @Override
                public <T> T exchange(dev.imcp.runtime.spi.HttpCall call, java.lang.reflect.Type type)
                        throws dev.imcp.runtime.spi.UpstreamException {
                    return forCaller().ownHttp().exchange(call, type);
                }
            };
        }
        return ownHttp();
    }

    private HttpUpstream ownHttp() {
        HttpUpstream h = http;
        if (h == null) {
            NamedUpstreams named = service.upstreams();
            h = named.urls().isEmpty() ? upstream(config.url() != null ? config.url() : service.defaultUrl(), "url")
                    : ownHttp(named.urls().keySet().iterator().next());
            http = h;
        }
        return h;
    }

    /**
     * {@inheritDoc}
     *
     * <p>The clients of the upstreams share the service's HTTP client, credentials and OAuth 2.0 token cache.
     */
    @Override
    public HttpUpstream http(String upstreamName) {
        if (!tenants.isEmpty()) {
            ownHttp(upstreamName); // fails now for an unknown name
            return new HttpUpstream() {
                @Override
                public <T> T exchange(dev.imcp.runtime.spi.HttpCall call, java.lang.reflect.Type type)
                        throws dev.imcp.runtime.spi.UpstreamException {
                    return forCaller().ownHttp(upstreamName).exchange(call, type);
                }
            };
        }
        return ownHttp(upstreamName);
    }

    private HttpUpstream ownHttp(String upstreamName) {
        NamedUpstreams named = service.upstreams();
        if (!named.urls().containsKey(upstreamName)) {
            throw new IllegalStateException("service " + service.id() + " has no upstream '" + upstreamName + "'");
        }
        return namedHttp.computeIfAbsent(upstreamName, name -> {
            boolean first = name.equals(named.urls().keySet().iterator().next());
            String base = config.upstreamUrls().containsKey(name) ? config.upstreamUrls().get(name)
                    : first && config.url() != null ? config.url() : named.urls().get(name);
            return upstream(base, "upstreams." + name + ".url");
        });
    }

    private RestUpstream upstream(String base, String key) {
        if (base == null || base.isBlank()) {
            String envKey = ("imcp.services." + service.id() + "." + key).toUpperCase(java.util.Locale.ROOT)
                    .replace('-', '_').replace('.', '_');
            throw new IllegalStateException("Service " + service.id() + " has no base URL: set imcp.services."
                    + service.id() + "." + key + " (environment variable " + envKey + ")");
        }
        return new RestUpstream(client, mapper, base, config, schemes(base), callerAuth);
    }

    /** Returns the credentials of the contract's security schemes for base URL {@code base}, or {@code null}. */
    private HttpAuth schemes(String base) {
        return restAuth == null ? null : restAuth.withBaseUrl(base);
    }

    @Override
    public <P> P soapPort(Class<P> sei, String portName, boolean soap12, List<MimePart> attachments) {
        P own = soapPorts.port(sei, portName, soap12, attachments);
        if (tenants.isEmpty()) {
            return own;
        }
        java.lang.reflect.InvocationHandler dispatch = (self, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return method.invoke(own, args);
            }
            Object port = forCaller().soapPorts.port(sei, portName, soap12, attachments);
            try {
                return method.invoke(port, args);
            } catch (java.lang.reflect.InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return sei.cast(java.lang.reflect.Proxy.newProxyInstance(sei.getClassLoader(), new Class<?>[] {sei}, dispatch));
    }

    /**
     * Returns the context whose credentials the current caller's calls carry: the caller's tenant's
     * ({@link ServiceConfig.Tenants}), or this one when the service has no tenants, the caller is local (stdio) or
     * there is no caller, or with {@code unknown-tenant: default}.
     *
     * @throws dev.imcp.runtime.spi.UpstreamException when the caller's tenant has no credential set, or the caller has
     *     no tenant (the message names neither other tenants nor secrets)
     */
    private DefaultUpstreamContext forCaller() throws dev.imcp.runtime.spi.UpstreamException {
        if (tenants.isEmpty()) {
            return this;
        }
        dev.imcp.runtime.security.Caller caller = dev.imcp.runtime.security.CurrentCaller.get().orElse(null);
        String tenant = caller == null ? null : caller.tenant();
        DefaultUpstreamContext set = tenant == null ? null : tenants.get(tenant);
        if (set != null) {
            return set;
        }
        if (caller == null || caller.kind() == dev.imcp.runtime.security.Caller.Kind.LOCAL
                || config.tenants().fallback()) {
            return this;
        }
        throw new dev.imcp.runtime.spi.UpstreamException(0, "service " + service.id() + " has no credentials for "
                + (tenant == null ? "callers without a tenant" : "tenant '" + tenant + "'") + " (set imcp.services."
                + service.id() + ".tenants.<tenant>, or unknown-tenant: default)", "");
    }

    /**
     * {@inheritDoc}
     *
     * <p>The client sends on the service's HTTP client (the shared one, or one with the service's TLS context) with
     * the service's timeout, the outbound credentials (an {@code Authorization} header: bearer, basic per
     * RFC 7617 or a per-call token; an API key as a header, cookie or query parameter) and the configured headers, the configured SOAP header blocks and UsernameToken in the envelope's
     * {@code Header} ({@link SoapSecurity#headerWriter()}), and reads responses of up to
     * {@link ServiceConfig#maxResponseBytes()}.
     */
    @Override
    public EncodedSoapPort encodedSoapPort(String portName) {
        EncodedSoapPort own = callerEncodedSoapPort(portName);
        if (tenants.isEmpty()) {
            return own;
        }
        return (operation, arguments) -> forCaller().callerEncodedSoapPort(portName).call(operation, arguments);
    }

    private EncodedSoapClient ownEncodedSoapPort(String portName) {
        return encodedPorts.computeIfAbsent(portName, p -> {
            String address = soapPorts.address(p);
            security.warnIfClearText(address);
            EncodedSoapClient.CallHeaders callHeaders = callerAuth == null ? EncodedSoapClient.CallHeaders.NONE
                    : () -> Map.of("Authorization", callerAuth.current());
            return new EncodedSoapClient(client,
                    URI.create(RestUpstream.withQuery(address, RestUpstream.fixed(config.auth()))), outboundHeaders(),
                    callHeaders, security.headerWriter(), config.timeout(), config.maxResponseBytes());
        });
    }

    /**
     * Returns the rpc/encoded port {@code portName} as calls use it: with per-call credentials, each call runs inside
     * {@link PerCallAuth#call} (its token current; after a 401 to a fetched or exchanged token, one new token and
     * one more request).
     */
    private EncodedSoapPort callerEncodedSoapPort(String portName) {
        EncodedSoapClient port = ownEncodedSoapPort(portName);
        if (callerAuth == null) {
            return port;
        }
        return (operation, arguments) -> {
            try {
                return callerAuth.call(() -> port.call(operation, arguments),
                        f -> f instanceof dev.imcp.runtime.spi.UpstreamException u && u.status() == 401);
            } catch (dev.imcp.runtime.spi.UpstreamException | RuntimeException | Error e) {
                throw e;
            } catch (Throwable e) {
                throw new IllegalStateException(e); // port.call throws nothing else
            }
        };
    }

    /** Returns the headers every SOAP request carries: credentials first, then {@code headers.*}. */
    private Map<String, String> outboundHeaders() {
        Map<String, String> headers = new LinkedHashMap<>();
        HttpAuth.Credentials fixed = RestUpstream.fixed(config.auth());
        headers.putAll(fixed.headers());
        String cookie = RestUpstream.cookieHeader(fixed);
        if (cookie != null) {
            headers.put("Cookie", cookie);
        }
        headers.putAll(config.headers());
        return headers;
    }
}
