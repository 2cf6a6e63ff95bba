package dev.imcp.runtime.upstream;

import dev.imcp.runtime.config.OutboundAuth;
import dev.imcp.runtime.config.ServiceConfig;
import dev.imcp.runtime.spi.MimePart;
import dev.imcp.runtime.spi.ServiceDescriptor;
import jakarta.xml.ws.soap.SOAPBinding;
import org.apache.cxf.configuration.security.AuthorizationPolicy;
import org.apache.cxf.endpoint.Client;
import org.apache.cxf.frontend.ClientProxy;
import org.apache.cxf.jaxws.JaxWsProxyFactoryBean;
import org.apache.cxf.message.Message;
import org.apache.cxf.transport.http.HTTPConduit;
import org.apache.cxf.transports.http.configuration.HTTPClientPolicy;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Creates and caches CXF JAX-WS client proxies for the ports of one WSDL service, with the configured
 * address, outbound credentials, headers and receive timeout, and with the SOAP with Attachments parts of its
 * binding marked ({@link SwaParts}). Thread-safe.
 *
 * <p>Credentials: {@code basic} through CXF's conduit, {@code bearer} and {@code api-key} as fixed headers, a cookie
 * or a query parameter of the port's address; a per-call token ({@code caller-token}, {@code token-exchange},
 * {@code oauth2-client-credentials}, {@link PerCallAuth}) by an interceptor from the calling thread. When the upstream
 * answers 401 to a fetched or exchanged token, the token is dropped, a new one fetched and the call sent once more;
 * a second 401 is the call's failure. Fixed and forwarded credentials are not retried.
 */
public final class SoapPorts {

    private final ServiceDescriptor service;
    private final ServiceConfig config;
    private final Map<String, Object> cache = new ConcurrentHashMap<>();
    private final SoapSecurity security;
    private final PerCallAuth callerAuth;

    /**
     * @param service the WSDL service
     * @param config its configuration
     * @param security its WS-Security, SOAP header blocks and TLS context, loaded once per service
     */
    SoapPorts(ServiceDescriptor service, ServiceConfig config, SoapSecurity security) {
        this(service, config, security, null);
    }

    /**
     * @param service the WSDL service
     * @param config its configuration
     * @param security its WS-Security, SOAP header blocks and TLS context, loaded once per service
     * @param callerAuth the per-call credentials when {@code auth.type} is {@code caller-token},
     *     {@code token-exchange} or {@code oauth2-client-credentials}, else {@code null}
     */
    SoapPorts(ServiceDescriptor service, ServiceConfig config, SoapSecurity security, PerCallAuth callerAuth) {
        this.service = service;
        this.config = config;
        this.security = security;
        this.callerAuth = callerAuth;
    }

    /**
     * Returns a proxy for {@code portName} that creates CXF's client proxy on its first call and delegates to it
     * (one CXF proxy per SEI and port, shared by every caller); an exception of the call is thrown as is.
     *
     * @param sei the generated service endpoint interface
     * @param portName the WSDL port name
     * @param soap12 whether the port's binding is SOAP 1.2 (else SOAP 1.1)
     * @param attachments the parts the port's binding sends and receives as MIME attachments (SOAP with
     *     Attachments); the same for every call with this SEI and port, since they come from its binding
     * @param <P> the SEI type
     * @return the proxy
     * @throws IllegalStateException when no address is configured or in the contract (the message names the key);
     *     the proxy's first call throws it when an attachment names an operation or part the SEI does not have
     */
    public <P> P port(Class<P> sei, String portName, boolean soap12, List<MimePart> attachments) {
        address(portName);
        String key = sei.getName() + "#" + portName + (soap12 ? "#1.2" : "");
        // CXF's bus, the SEI's JAXB context and WS-Security load on the first call, not at start-up: an adapter
        // answers tools/list without them (about a thousand classes and most of its start-up time)
        InvocationHandler lazy = (self, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "equals" -> self == args[0];
                    case "hashCode" -> System.identityHashCode(self);
                    default -> "SOAP port " + portName + " of service " + service.id();
                };
            }
            Object proxy = cache.computeIfAbsent(key, k -> create(sei, portName, soap12, attachments));
            PerCallAuth.Attempt<Object> attempt = () -> {
                try {
                    return method.invoke(proxy, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            };
            return callerAuth == null ? attempt.send() : callerAuth.call(attempt, SoapPorts::unauthorized);
        };
        return sei.cast(Proxy.newProxyInstance(sei.getClassLoader(), new Class<?>[] {sei}, lazy));
    }

    /** Returns the address calls to {@code portName} go to. */
    public String address(String portName) {
        String address = config.portUrls().get(portName);
        if (address == null) {
            address = config.url();
        }
        if (address == null) {
            address = service.soapPorts().get(portName);
        }
        if (address == null || address.isBlank()) { // blank: the contract gives none (a binding WSDL)
            throw new IllegalStateException("No address for SOAP port " + portName + " of service " + service.id()
                    + ": set imcp.services." + service.id() + ".ports." + portName + ".url or imcp.services."
                    + service.id() + ".url");
        }
        return address;
    }

    /**
     * Whether a failure of a CXF call is the upstream's HTTP 401: the {@link dev.imcp.runtime.spi.UpstreamException} of
     * {@link SoapHttpStatus}, or CXF's {@code HTTPException} (a one-way operation's answer), in its causes.
     */
    static boolean unauthorized(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof org.apache.cxf.transport.http.HTTPException h && h.getResponseCode() == 401) {
                return true;
            }
            if (t instanceof dev.imcp.runtime.spi.UpstreamException u && u.status() == 401) {
                return true;
            }
        }
        return false;
    }

    /**
     * Makes CXF's {@code client} send the {@code Authorization} of the current call ({@link PerCallAuth#current()})
     * with each message; when there is none the call fails before anything is sent.
     */
    private static void installCallerAuth(Client client, PerCallAuth callerAuth) {
        client.getOutInterceptors().add(new org.apache.cxf.phase.AbstractPhaseInterceptor<Message>(
                org.apache.cxf.phase.Phase.SETUP) {
            @Override
            @SuppressWarnings("unchecked")
            public void handleMessage(Message message) {
                String authorization;
                try {
                    authorization = callerAuth.current();
                } catch (dev.imcp.runtime.spi.UpstreamException e) {
                    throw new org.apache.cxf.interceptor.Fault(e);
                }
                // a copy: the map in the client's request context is shared by every call of the port
                Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
                Object existing = message.get(Message.PROTOCOL_HEADERS);
                if (existing instanceof Map<?, ?> map) {
                    headers.putAll((Map<String, List<String>>) map);
                }
                headers.put("Authorization", List.of(authorization));
                message.put(Message.PROTOCOL_HEADERS, headers);
            }
        });
    }

    /** CXF's contextual property that selects the {@code HttpURLConnection} conduit ({@code HttpClientHTTPConduit}). */
    static final String URLCONNECTION_CONDUIT = "force.urlconnection.http.conduit";

    private Object create(Class<?> sei, String portName, boolean soap12, List<MimePart> attachments) {
        JaxWsProxyFactoryBean factory = new JaxWsProxyFactoryBean();
        factory.setServiceClass(sei);
        HttpAuth.Credentials fixed = RestUpstream.fixed(config.auth());
        factory.setAddress(RestUpstream.withQuery(address(portName), fixed));
        if (soap12) {
            factory.setBindingId(SOAPBinding.SOAP12HTTP_BINDING);
        }
        Object proxy = factory.create();
        if (config.mtom()) {
            ((SOAPBinding) ((jakarta.xml.ws.BindingProvider) proxy).getBinding()).setMTOMEnabled(true);
        }
        Client client = ClientProxy.getClient(proxy);
        SwaParts.install(client, attachments);
        SoapFaultCause.install(client);
        // every request-response answer to the inbound chain, where SoapHttpStatus keeps what the upstream said
        SoapHttpStatus.install(client);
        UpstreamTrace.install(client);
        ResponseLimit.install(client, config.maxResponseBytes());
        if (!fixed.query().isEmpty()) {
            // The address holds the API key, and CXF's default fault logging names it ("... invoking <address>"): keep
            // CXF quiet. The failure still reaches the caller and the server log, redacted, through UpstreamFaults.
            org.apache.cxf.logging.FaultListener quiet = (exception, description, message) -> false;
            client.getRequestContext().put(org.apache.cxf.logging.FaultListener.class.getName(), quiet);
        }
        // CXF's HttpURLConnection path, not its java.net.http one: on a blocking virtual thread it costs about half
        // the CPU per call (bench/serve.sh, soap row) and needs no pipe thread per request.
        client.getRequestContext().put(URLCONNECTION_CONDUIT, Boolean.TRUE);
        HTTPConduit conduit = (HTTPConduit) client.getConduit();
        HTTPClientPolicy policy = new HTTPClientPolicy();
        policy.setReceiveTimeout(config.timeout().toMillis());
        policy.setConnectionTimeout(config.timeout().toMillis());
        conduit.setClient(policy);
        security.apply(client, conduit);
        OutboundAuth auth = config.auth();
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (auth.type() == OutboundAuth.Type.BASIC) {
            AuthorizationPolicy basic = new AuthorizationPolicy();
            basic.setAuthorizationType("Basic");
            basic.setUserName(auth.username());
            basic.setPassword(auth.password() == null ? "" : auth.password());
            conduit.setAuthorization(basic);
        } else if (callerAuth != null) {
            installCallerAuth(client, callerAuth);
        } else {
            fixed.headers().forEach((name, value) -> headers.put(name, List.of(value)));
            String cookie = RestUpstream.cookieHeader(fixed);
            if (cookie != null) {
                headers.put("Cookie", List.of(cookie));
            }
        }
        config.headers().forEach((name, value) -> headers.put(name, List.of(value)));
        if (!headers.isEmpty()) {
            client.getRequestContext().put(Message.PROTOCOL_HEADERS, headers);
        }
        return proxy;
    }
}
