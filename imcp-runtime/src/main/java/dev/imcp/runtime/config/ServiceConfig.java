package dev.imcp.runtime.config;

import io.helidon.config.Config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The configuration of one upstream service, {@code imcp.services.<id>}.
 *
 * @param id the service id
 * @param url the base URL ({@code url}), overriding the contract's; {@code null} when not configured
 * @param portUrls SOAP port name to address ({@code ports.<PortName>.url})
 * @param auth the outbound credentials ({@code auth.*})
 * @param headers extra outbound headers ({@code headers.<Name>: value})
 * @param soapHeaders custom SOAP header blocks, one XML element each ({@code soap-headers}, see {@link SoapHeaderXml})
 * @param tls the client side of TLS: trust and the client certificate for mutual TLS ({@code tls.*}, see
 *     {@link TlsConfig})
 * @param timeout the request timeout ({@code timeout-seconds}, default 30 seconds)
 * @param allow tool names to expose ({@code tools.allow}); empty exposes all
 * @param deny tool names never exposed ({@code tools.deny})
 * @param maxResponseBytes the largest upstream response body read, in bytes ({@code max-response-bytes}, default
 *     16 MiB); a longer response fails the call with {@code isError} instead of filling the heap
 * @param mtom whether SOAP requests send {@code base64Binary} content as MTOM/XOP attachments ({@code mtom},
 *     default false; SOAP MTOM, W3C Recommendation 2005); MTOM responses are read either way
 * @param security the secrets of the contract's security schemes, scheme name to credentials
 *     ({@code security.<scheme>.*}, see {@link SchemeCredentials}); checked against the contract at start-up
 * @param upstreamUrls upstream name to base URL ({@code upstreams.<name>.url}) for a service whose tools have
 *     different base URLs (MCP JSON); checked against the contract's names at start-up
 * @param resilience retries, circuit breaker and bulkhead of the service's calls ({@code resilience.*}, per-tool
 *     retries under {@code tools.<tool>.resilience.*}; see {@link ResilienceConfig});
 *     {@link ResilienceConfig#DEFAULTS} when not configured
 * @param resultLimits the cap on the size of a tool result sent to the client ({@code max-result-bytes}, per tool
 *     {@code tools.<tool>.max-result-bytes}; see {@link ResultLimits}); {@link ResultLimits#NONE} when not configured
 * @param tenants the credential sets per tenant ({@code tenants.<tenant>.*}, see {@link Tenants}); a caller's tenant
 *     (an API key's {@code tenant}, a JWT's {@code imcp.auth.jwt.tenant-claim}) selects one;
 *     {@link Tenants#NONE} when not configured
 */
public record ServiceConfig(
        String id,
        String url,
        Map<String, String> portUrls,
        OutboundAuth auth,
        Map<String, String> headers,
        List<String> soapHeaders,
        TlsConfig tls,
        Duration timeout,
        Set<String> allow,
        Set<String> deny,
        long maxResponseBytes,
        boolean mtom,
        Map<String, SchemeCredentials> security,
        Map<String, String> upstreamUrls,
        ResilienceConfig resilience,
        ResultLimits resultLimits,
        Tenants tenants) {

    /**
     * The credential sets of a service per tenant, {@code imcp.services.<id>.tenants}.
     *
     * <p>Each {@code tenants.<tenant>} node may hold {@code auth.*} (replacing the service's {@code auth}; absent:
     * none), {@code security.<scheme>.*} (replacing the service's {@code security}; absent: none) and
     * {@code headers.*} (added over the service's headers); every other setting is the service's. A caller whose
     * tenant has no set, or who has no tenant, gets a tool error, unless {@code unknown-tenant} is {@code default}:
     * then the service's own credentials are used. A local caller (stdio) uses the service's own credentials.
     *
     * @param sets tenant name to the service's configuration with that tenant's credentials
     * @param fallback {@code unknown-tenant}: {@code reject} (default, false) or {@code default} (true)
     */
    public record Tenants(Map<String, ServiceConfig> sets, boolean fallback) {
        /** No tenants: every caller uses the service's credentials. */
        public static final Tenants NONE = new Tenants(Map.of(), false);

        /** Copies the sets. */
        public Tenants {
            sets = Map.copyOf(sets);
        }

        /** Returns whether the service has credential sets per tenant. */
        public boolean any() {
            return !sets.isEmpty();
        }

        /** Keeps secrets out of logs. */
        @Override
        public String toString() {
            return "Tenants" + new java.util.TreeSet<>(sets.keySet()) + (fallback ? "(unknown: default)" : "");
        }
    }

    /** The timeout used when {@code timeout-seconds} is absent. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    /** The response limit used when {@code max-response-bytes} is absent: 16 MiB. */
    public static final long DEFAULT_MAX_RESPONSE_BYTES = 16L * 1024 * 1024;

    /** Checks the required components and copies the collections. */
    public ServiceConfig {
        Objects.requireNonNull(id, "id");
        portUrls = Map.copyOf(portUrls);
        auth = auth == null ? OutboundAuth.NONE : auth;
        headers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        soapHeaders = List.copyOf(soapHeaders);
        tls = tls == null ? TlsConfig.NONE : tls;
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        allow = Set.copyOf(allow);
        deny = Set.copyOf(deny);
        security = security == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(security));
        upstreamUrls = upstreamUrls == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(upstreamUrls));
        resilience = resilience == null ? ResilienceConfig.DEFAULTS : resilience;
        resultLimits = resultLimits == null ? ResultLimits.NONE : resultLimits;
        tenants = tenants == null ? Tenants.NONE : tenants;
        if (maxResponseBytes <= 0) {
            throw new IllegalArgumentException("imcp.services." + id + ".max-response-bytes must be a positive number of bytes");
        }
    }

    /** A configuration without a result size cap and without tenants. */
    public ServiceConfig(String id, String url, Map<String, String> portUrls, OutboundAuth auth,
            Map<String, String> headers, List<String> soapHeaders, TlsConfig tls, Duration timeout, Set<String> allow,
            Set<String> deny, long maxResponseBytes, boolean mtom, Map<String, SchemeCredentials> security,
            Map<String, String> upstreamUrls, ResilienceConfig resilience) {
        this(id, url, portUrls, auth, headers, soapHeaders, tls, timeout, allow, deny, maxResponseBytes, mtom, security,
                upstreamUrls, resilience, ResultLimits.NONE, Tenants.NONE);
    }

    /** A configuration without security scheme credentials, with the default resilience settings. */
    public ServiceConfig(String id, String url, Map<String, String> portUrls, OutboundAuth auth,
            Map<String, String> headers, List<String> soapHeaders, TlsConfig tls, Duration timeout, Set<String> allow,
            Set<String> deny, long maxResponseBytes, boolean mtom) {
        this(id, url, portUrls, auth, headers, soapHeaders, tls, timeout, allow, deny, maxResponseBytes, mtom, Map.of(),
                Map.of(), ResilienceConfig.DEFAULTS, ResultLimits.NONE, Tenants.NONE);
    }

    /**
     * A configuration without SOAP header blocks, TLS settings or MTOM, with the default response limit.
     *
     * @param id the service id
     * @param url the base URL, or {@code null}
     * @param portUrls SOAP port name to address
     * @param auth the outbound credentials
     * @param headers extra outbound headers
     * @param timeout the request timeout
     * @param allow tool names to expose; empty exposes all
     * @param deny tool names never exposed
     */
    public ServiceConfig(String id, String url, Map<String, String> portUrls, OutboundAuth auth,
            Map<String, String> headers, Duration timeout, Set<String> allow, Set<String> deny) {
        this(id, url, portUrls, auth, headers, List.of(), TlsConfig.NONE, timeout, allow, deny,
                DEFAULT_MAX_RESPONSE_BYTES, false);
    }

    /** A configuration with the default response limit and without MTOM. */
    public ServiceConfig(String id, String url, Map<String, String> portUrls, OutboundAuth auth,
            Map<String, String> headers, List<String> soapHeaders, TlsConfig tls, Duration timeout, Set<String> allow,
            Set<String> deny) {
        this(id, url, portUrls, auth, headers, soapHeaders, tls, timeout, allow, deny, DEFAULT_MAX_RESPONSE_BYTES, false);
    }

    /** Returns the configuration of a service that has no {@code imcp.services.<id>} node. */
    public static ServiceConfig empty(String id) {
        return new ServiceConfig(id, null, Map.of(), OutboundAuth.NONE, Map.of(), DEFAULT_TIMEOUT, Set.of(), Set.of());
    }

    /**
     * Returns the keys this class reads for {@code service}, in full ({@code imcp.services.<id>.url}, its SOAP ports'
     * and named upstreams' {@code url}, its security schemes' credentials, {@code auth.*}, {@code tls.*}, ...): what
     * an environment variable may set even when no configuration file mentions the service
     * ({@link EnvironmentKeys}). Header names and list items are open-ended and not listed.
     *
     * @param service the service, as its contract describes it
     * @return the keys
     */
    public static List<String> keys(dev.imcp.runtime.spi.ServiceDescriptor service) {
        String prefix = "imcp.services." + service.id() + ".";
        List<String> keys = new ArrayList<>();
        for (String key : List.of("url", "timeout-seconds", "max-response-bytes", ResultLimits.KEY, "mtom", "auth.type", "auth.token",
                "auth.username", "auth.password", "auth.password-type", "auth.nonce", "auth.created", "tls.key-store",
                "tls.key-store-password", "tls.key-store-type", "tls.key-password", "tls.trust-store",
                "tls.trust-store-password", "tls.trust-store-type")) {
            keys.add(prefix + key);
        }
        ServiceConfig.EXCHANGE_KEYS.forEach(key -> keys.add(prefix + "auth." + key));
        ServiceConfig.API_KEY_KEYS.forEach(key -> keys.add(prefix + "auth." + key));
        for (String secret : List.of("auth.token", "auth.password", "auth.client-secret", "auth.value", "tls.key-store-password",
                "tls.key-password", "tls.trust-store-password")) {
            keys.add(prefix + secret + SecretValues.FILE_SUFFIX);
        }
        ResilienceConfig.KEYS.forEach(key -> keys.add(prefix + key));
        service.soapPorts().keySet().forEach(port -> keys.add(prefix + "ports." + port + ".url"));
        service.upstreams().urls().keySet().forEach(name -> keys.add(prefix + "upstreams." + name + ".url"));
        for (String scheme : service.security().schemes().keySet()) {
            SchemeCredentials.KEYS.forEach(key -> keys.add(prefix + "security." + scheme + "." + key));
            SchemeCredentials.SECRET_KEYS.forEach(key -> keys.add(prefix + "security." + scheme + "." + key
                    + SecretValues.FILE_SUFFIX));
        }
        return keys;
    }

    /**
     * Reads one {@code imcp.services.<id>} node.
     *
     * @param node the service node
     * @return the service configuration
     * @throws IllegalArgumentException when a value is malformed (the message names the key)
     */
    public static ServiceConfig from(Config node) {
        String id = node.name();
        String prefix = "imcp.services." + id + ".";
        Map<String, String> ports = new LinkedHashMap<>();
        for (Config port : node.get("ports").asNodeList().orElse(List.of())) {
            port.get("url").asString().filter(s -> !s.isBlank()).ifPresent(u -> ports.put(port.name(), u));
        }
        OutboundAuth auth = auth(node.get("auth"), prefix + "auth.");
        Map<String, String> headers = new LinkedHashMap<>();
        for (Config h : node.get("headers").asNodeList().orElse(List.of())) {
            h.asString().ifPresent(v -> headers.put(h.name(), v));
        }
        List<String> soapHeaders = node.get("soap-headers").asList(String.class).orElse(List.of());
        for (int i = 0; i < soapHeaders.size(); i++) {
            SoapHeaderXml.parse(prefix + "soap-headers." + i, soapHeaders.get(i)); // fail at start-up, naming the key
        }
        int seconds = node.get("timeout-seconds").asInt().orElse((int) DEFAULT_TIMEOUT.toSeconds());
        if (seconds <= 0) {
            throw new IllegalArgumentException(prefix + "timeout-seconds must be a positive number of seconds");
        }
        ServiceConfig base = new ServiceConfig(id,
                node.get("url").asString().filter(s -> !s.isBlank()).orElse(null),
                ports, auth, headers, soapHeaders, TlsConfig.from(node.get("tls"), prefix + "tls."),
                Duration.ofSeconds(seconds),
                Set.copyOf(node.get("tools.allow").asList(String.class).orElse(List.of())),
                Set.copyOf(node.get("tools.deny").asList(String.class).orElse(List.of())),
                node.get("max-response-bytes").asLong().orElse(DEFAULT_MAX_RESPONSE_BYTES),
                node.get("mtom").asBoolean().orElse(false),
                security(node.get("security"), prefix + "security."),
                upstreams(node.get("upstreams")),
                ResilienceConfig.from(node.get("resilience"), node.get("tools"), prefix),
                ResultLimits.from(node, prefix), Tenants.NONE);
        return base.withTenants(tenants(node, base, prefix));
    }

    /** Returns this configuration with {@code tenants}. */
    private ServiceConfig withTenants(Tenants tenants) {
        return new ServiceConfig(id, url, portUrls, auth, headers, soapHeaders, tls, timeout, allow, deny,
                maxResponseBytes, mtom, security, upstreamUrls, resilience, resultLimits, tenants);
    }

    private static Tenants tenants(Config node, ServiceConfig base, String prefix) {
        String fallback = node.get("unknown-tenant").asString().map(String::strip).orElse("reject");
        if (!fallback.equals("reject") && !fallback.equals("default")) {
            throw new IllegalArgumentException(prefix + "unknown-tenant: expected reject or default, got '" + fallback
                    + "'");
        }
        Map<String, ServiceConfig> sets = new LinkedHashMap<>();
        for (Config t : node.get("tenants").asNodeList().orElse(List.of())) {
            String key = prefix + "tenants." + t.name() + ".";
            for (Config child : t.asNodeList().orElse(List.of())) {
                if (!List.of("auth", "security", "headers").contains(child.name())) {
                    throw new IllegalArgumentException(key + child.name() + ": unknown key; a tenant's credential set "
                            + "has auth, security and headers");
                }
            }
            Map<String, String> headers = new LinkedHashMap<>(base.headers());
            for (Config h : t.get("headers").asNodeList().orElse(List.of())) {
                h.asString().ifPresent(v -> headers.put(h.name(), v));
            }
            sets.put(t.name(), new ServiceConfig(base.id(), base.url(), base.portUrls(), auth(t.get("auth"), key + "auth."),
                    headers, base.soapHeaders(), base.tls(), base.timeout(), base.allow(), base.deny(),
                    base.maxResponseBytes(), base.mtom(), security(t.get("security"), key + "security."),
                    base.upstreamUrls(), base.resilience(), base.resultLimits(), Tenants.NONE));
        }
        if (sets.isEmpty() && node.get("unknown-tenant").exists()) {
            throw new IllegalArgumentException(prefix + "unknown-tenant applies only with " + prefix + "tenants");
        }
        return new Tenants(sets, fallback.equals("default"));
    }

    private static Map<String, String> upstreams(Config node) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Config upstream : node.asNodeList().orElse(List.of())) {
            upstream.get("url").asString().filter(s -> !s.isBlank()).ifPresent(u -> out.put(upstream.name(), u));
        }
        return out;
    }

    private static Map<String, SchemeCredentials> security(Config node, String prefix) {
        Map<String, SchemeCredentials> out = new LinkedHashMap<>();
        for (Config scheme : node.asNodeList().orElse(List.of())) {
            out.put(scheme.name(), SchemeCredentials.from(scheme, prefix + scheme.name()));
        }
        return out;
    }

    private static OutboundAuth auth(Config a, String prefix) {
        OutboundAuth.Type type = OutboundAuth.Type.parse(prefix + "type", a.get("type").asString().orElse("none"));
        boolean usernameToken = type == OutboundAuth.Type.WS_SECURITY_USERNAME_TOKEN;
        for (String key : List.of("password-type", "nonce", "created")) {
            if (!usernameToken && a.get(key).exists()) {
                throw new IllegalArgumentException(prefix + key + " applies only when " + prefix
                        + "type is ws-security-username-token");
            }
        }
        OutboundAuth.PasswordType passwordType = OutboundAuth.PasswordType.parse(prefix + "password-type",
                a.get("password-type").asString().orElse("digest"));
        boolean nonce = flag(a, "nonce", prefix);
        boolean created = flag(a, "created", prefix);
        if (passwordType == OutboundAuth.PasswordType.DIGEST) {
            for (String key : List.of("nonce", "created")) {
                if (a.get(key).exists() && !flag(a, key, prefix)) {
                    throw new IllegalArgumentException(prefix + key + " cannot be false with password-type digest: "
                            + "the digest is computed over the nonce and the creation time (UsernameToken Profile 1.1 "
                            + "section 3.1), so both are always sent");
                }
            }
            nonce = true;
            created = true;
        }
        boolean exchange = type == OutboundAuth.Type.TOKEN_EXCHANGE;
        boolean clientCredentials = type == OutboundAuth.Type.OAUTH2_CLIENT_CREDENTIALS;
        for (String key : EXCHANGE_KEYS) {
            boolean applies = exchange || clientCredentials && CLIENT_CREDENTIALS_KEYS.contains(key);
            if (!applies && (a.get(key).exists() || a.get(key + SecretValues.FILE_SUFFIX).exists())) {
                throw new IllegalArgumentException(prefix + key + " applies only when " + prefix + "type is "
                        + (CLIENT_CREDENTIALS_KEYS.contains(key) ? "token-exchange or oauth2-client-credentials"
                        : "token-exchange"));
            }
        }
        boolean apiKey = type == OutboundAuth.Type.API_KEY;
        for (String key : API_KEY_KEYS) {
            if (!apiKey && (a.get(key).exists() || a.get(key + SecretValues.FILE_SUFFIX).exists())) {
                throw new IllegalArgumentException(prefix + key + " applies only when " + prefix + "type is api-key");
            }
        }
        OutboundAuth auth = new OutboundAuth(type,
                SecretValues.read(a, "token", prefix + "token").orElse(null),
                a.get("username").asString().orElse(null),
                SecretValues.read(a, "password", prefix + "password").orElse(null),
                passwordType, nonce, created, exchange ? exchange(a, prefix) : null,
                clientCredentials ? clientCredentials(a, prefix) : null, apiKey ? apiKey(a, prefix) : null);
        if (auth.perCall() || apiKey) {
            for (String key : List.of("token", "username", "password")) {
                if (a.get(key).exists() || a.get(key + SecretValues.FILE_SUFFIX).exists()) {
                    throw new IllegalArgumentException(prefix + key + " does not apply when " + prefix + "type is "
                            + type.value() + switch (type) {
                                case TOKEN_EXCHANGE -> ": the caller's token is exchanged";
                                case CALLER_TOKEN -> ": the caller's token is forwarded";
                                case OAUTH2_CLIENT_CREDENTIALS -> ": the token is fetched with client-id and client-secret";
                                default -> ": the key is value (or value-file)";
                            });
                }
            }
        }
        if (type == OutboundAuth.Type.BEARER && blank(auth.token())) {
            throw new IllegalArgumentException(prefix + "token is required when " + prefix + "type is bearer");
        }
        if ((type == OutboundAuth.Type.BASIC || usernameToken) && blank(auth.username())) {
            throw new IllegalArgumentException(prefix + "username is required when " + prefix + "type is "
                    + type.value());
        }
        if (usernameToken && auth.password() == null) {
            throw new IllegalArgumentException(prefix + "password is required when " + prefix
                    + "type is ws-security-username-token");
        }
        return auth;
    }

    /** The {@code auth.*} keys of {@code type: token-exchange} ({@link TokenExchange}). */
    static final List<String> EXCHANGE_KEYS = List.of("token-url", "client-id", "client-secret", "audience",
            "resource", "scope", "subject-token-type", "requested-token-type");

    /** The keys of {@link #EXCHANGE_KEYS} that {@code type: oauth2-client-credentials} takes too. */
    static final List<String> CLIENT_CREDENTIALS_KEYS = List.of("token-url", "client-id", "client-secret", "audience",
            "resource", "scope");

    /** The {@code auth.*} keys of {@code type: api-key} ({@link OutboundAuth.ApiKey}). */
    static final List<String> API_KEY_KEYS = List.of("in", "name", "value");

    private static OutboundAuth.ClientCredentials clientCredentials(Config a, String prefix) {
        java.net.URI tokenUrl = tokenUrl(a, prefix, "oauth2-client-credentials");
        String clientId = text(a, "client-id");
        String clientSecret = SecretValues.read(a, "client-secret", prefix + "client-secret")
                .filter(v -> !v.isBlank()).orElse(null);
        for (String[] k : new String[][] {{"client-id", clientId}, {"client-secret", clientSecret}}) {
            if (k[1] == null) {
                throw new IllegalArgumentException(prefix + k[0] + " is required when " + prefix
                        + "type is oauth2-client-credentials");
            }
        }
        String scope = text(a, "scope");
        return new OutboundAuth.ClientCredentials(tokenUrl, clientId, clientSecret,
                scope == null ? List.of() : List.of(scope.split("\\s+")), text(a, "audience"), text(a, "resource"));
    }

    private static OutboundAuth.ApiKey apiKey(Config a, String prefix) {
        OutboundAuth.In in = OutboundAuth.In.parse(prefix + "in", a.get("in").asString().orElse("header"));
        String name = text(a, "name");
        if (name == null) {
            throw new IllegalArgumentException(prefix + "name is required when " + prefix + "type is api-key: the "
                    + in.value() + " name");
        }
        String value = SecretValues.read(a, "value", prefix + "value").filter(v -> !v.isBlank()).orElseThrow(
                () -> new IllegalArgumentException(prefix + "value (or value-file) is required when " + prefix
                        + "type is api-key"));
        if (in != OutboundAuth.In.QUERY && !name.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
            throw new IllegalArgumentException(prefix + "name: '" + name + "' is not a valid " + in.value() + " name "
                    + "(an RFC 9110 token: letters, digits and !#$%&'*+-.^_`|~)");
        }
        if (in == OutboundAuth.In.COOKIE && !value.matches("[\\x21\\x23-\\x2B\\x2D-\\x3A\\x3C-\\x5B\\x5D-\\x7E]+")) {
            throw new IllegalArgumentException(prefix + "value cannot be sent as a cookie: a cookie value has no "
                    + "spaces, quotes, commas, semicolons or backslashes (RFC 6265 section 4.1.1)");
        }
        return new OutboundAuth.ApiKey(in, name, value);
    }

    private static java.net.URI tokenUrl(Config a, String prefix, String type) {
        String url = a.get("token-url").asString().map(String::strip).filter(u -> !u.isEmpty()).orElseThrow(
                () -> new IllegalArgumentException(prefix + "token-url is required when " + prefix
                        + "type is " + type));
        java.net.URI tokenUrl;
        try {
            tokenUrl = java.net.URI.create(url);
        } catch (IllegalArgumentException e) {
            tokenUrl = null;
        }
        if (tokenUrl == null || !tokenUrl.isAbsolute() || tokenUrl.getHost() == null
                || !("https".equals(tokenUrl.getScheme()) || "http".equals(tokenUrl.getScheme()))) {
            throw new IllegalArgumentException(prefix + "token-url must be an absolute http(s) URL, was " + url);
        }
        return tokenUrl;
    }

    private static TokenExchange exchange(Config a, String prefix) {
        java.net.URI tokenUrl = tokenUrl(a, prefix, "token-exchange");
        String clientId = text(a, "client-id");
        String clientSecret = SecretValues.read(a, "client-secret", prefix + "client-secret")
                .filter(v -> !v.isBlank()).orElse(null);
        if ((clientId == null) != (clientSecret == null)) {
            throw new IllegalArgumentException(prefix + (clientId == null ? "client-id" : "client-secret")
                    + " is required with " + prefix + (clientId == null ? "client-secret" : "client-id"));
        }
        String scope = text(a, "scope");
        return new TokenExchange(tokenUrl, clientId, clientSecret, text(a, "audience"), text(a, "resource"),
                scope == null ? List.of() : List.of(scope.split("\\s+")),
                Optional.ofNullable(text(a, "subject-token-type")).orElse(TokenExchange.ACCESS_TOKEN_TYPE),
                text(a, "requested-token-type"));
    }

    private static String text(Config a, String key) {
        return a.get(key).asString().map(String::strip).filter(v -> !v.isEmpty()).orElse(null);
    }

    private static boolean flag(Config a, String key, String prefix) {
        String v = a.get(key).asString().orElse("false").trim().toLowerCase(java.util.Locale.ROOT);
        return switch (v) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(prefix + key + ": expected true or false, got '" + v + "'");
        };
    }

    /**
     * Returns every configured secret value, for redaction: the bearer token, the basic password and the
     * Base64 {@code user:password} pair that goes on the wire (RFC 7617), the API key, the client secret of a token
     * exchange or client credentials grant, and the values of headers whose
     * names mark them as credentials ({@link dev.imcp.runtime.audit.Redactor#isSecretKey}, e.g. {@code X-Api-Key}),
     * the values inside {@code soap-headers} blocks ({@link SoapHeaderXml#secretValues}) and the TLS store and key
     * passwords. Other header values ({@code X-Api-Version: 2}) are not secrets: masking them would mangle every
     * number in an audit line. A UsernameToken's password is listed; its digest and nonce change with every
     * request and are not.
     */
    public List<String> secrets() {
        List<String> out = new ArrayList<>();
        if (!blank(auth.token())) {
            out.add(auth.token());
        }
        if (!blank(auth.password())) {
            out.add(auth.password());
        }
        if (auth.exchange() != null && !blank(auth.exchange().clientSecret())) {
            out.add(auth.exchange().clientSecret());
        }
        if (auth.clientCredentials() != null) {
            out.add(auth.clientCredentials().clientSecret());
        }
        if (auth.apiKey() != null) {
            out.add(auth.apiKey().value());
        }
        if (auth.type() == OutboundAuth.Type.BASIC && !blank(auth.username())) {
            String pair = auth.username() + ":" + (auth.password() == null ? "" : auth.password());
            out.add(java.util.Base64.getEncoder().encodeToString(pair.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        headers.forEach((name, value) -> {
            if (!blank(value) && dev.imcp.runtime.audit.Redactor.isSecretKey(name)) {
                out.add(value);
            }
        });
        for (int i = 0; i < soapHeaders.size(); i++) {
            out.addAll(SoapHeaderXml.secretValues(SoapHeaderXml.parse("imcp.services." + id + ".soap-headers." + i,
                    soapHeaders.get(i))));
        }
        out.addAll(tls.secrets());
        security.values().forEach(c -> out.addAll(c.secrets()));
        tenants.sets().values().forEach(t -> out.addAll(t.secrets()));
        return out;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** Keeps secrets out of logs. */
    @Override
    public String toString() {
        return "ServiceConfig[id=" + id + ", url=" + url + ", ports=" + portUrls + ", auth=" + auth
                + ", headers=" + headers.keySet() + ", soapHeaders=" + soapHeaders.size() + ", tls=" + tls
                + ", timeout=" + timeout + ", allow=" + allow + ", deny=" + deny + ", maxResponseBytes=" + maxResponseBytes
                + ", mtom=" + mtom + ", security=" + security.keySet() + ", upstreams=" + upstreamUrls + ", resilience=" + resilience
                + (tenants.any() ? ", tenants=" + tenants : "") + "]";
    }
}
