/**
 * Typed view of the runtime's Helidon configuration.
 *
 * <p>{@link dev.imcp.runtime.config.RuntimeConfig#from(io.helidon.config.Config)} reads the {@code imcp}
 * node once at start-up into immutable records: {@code imcp.server-name} and {@code imcp.server-version}
 * (resolved with {@code META-INF/imcp/adapter.json} by {@link dev.imcp.runtime.config.ServerInfo}),
 * {@code imcp.auth.api-keys}
 * (list of {@code name} + {@code sha256}), {@code imcp.audit.file} and {@code imcp.audit.sink} ({@code stderr}
 * by default, or {@code stdout}), {@code imcp.allowed-origins}, {@code imcp.request-timeout-seconds} (default 120),
 * {@code imcp.max-json-depth} (default 100) and
 * {@code imcp.services.<id>} ({@link dev.imcp.runtime.config.ServiceConfig}). Environment variables
 * override the YAML through Helidon's environment-variable mapping, e.g.
 * {@code IMCP_SERVICES_PETSTORE_URL} sets {@code imcp.services.petstore.url}.
 *
 * <p>The keys of {@code imcp.services.<id>}, all optional:
 * <ul>
 *   <li>{@code url}, {@code ports.<PortName>.url}: the base URL, and the address of one SOAP port.</li>
 *   <li>{@code auth.type}: {@code none} (default), {@code bearer} ({@code auth.token}), {@code basic}
 *       ({@code auth.username}, {@code auth.password}; RFC 7617, preemptive) or {@code ws-security-username-token}
 *       (SOAP only: a {@code wsse:Security} header with a {@code wsse:UsernameToken}, OASIS WS-Security UsernameToken
 *       Profile 1.1, written by Apache WSS4J, {@code mustUnderstand="1"}). The UsernameToken takes
 *       {@code auth.username} and {@code auth.password} (both required) and {@code auth.password-type}:
 *       {@code digest} (default, as in WSS4J: {@code Base64(SHA-1(nonce + created + password))} with a fresh
 *       16-byte {@code wsse:Nonce} and a {@code wsu:Created} in every request, section 3.1; the password never
 *       leaves the adapter, but the upstream must know it in clear) or {@code text} (the password itself; use
 *       {@code https}, a WARNING is logged otherwise); with {@code text}, {@code auth.nonce} and
 *       {@code auth.created} ({@code true|false}, default {@code false}) add the optional elements, which upstreams
 *       with replay detection ask for.</li>
 *   <li>{@code security.<scheme>.*}: REST only: the secrets of the security schemes the contract declares
 *       (OpenAPI "Security Scheme Object"), by scheme name ({@link dev.imcp.runtime.config.SchemeCredentials}):
 *       {@code value} for an {@code apiKey} (sent in the header, query parameter or cookie the contract names);
 *       {@code username} and {@code password} for {@code http basic}; {@code token} for {@code http bearer};
 *       {@code client-id}, {@code client-secret} and optionally {@code token-url} for {@code oauth2} client
 *       credentials (tokens cached until shortly before {@code expires_in}, see
 *       {@code dev.imcp.runtime.upstream.HttpAuth}). Checked at start-up against the contract: an undeclared
 *       scheme, a missing key or a key the scheme's type does not use fails it, naming the key.</li>
 *   <li>{@code upstreams.<name>.url}: for an MCP JSON contract whose tools name different base URLs, the base
 *       URL of one of them, by the name the generator derived from its host
 *       ({@link dev.imcp.runtime.spi.NamedUpstreams}); an unknown name fails start-up listing the known ones.</li>
 *   <li>{@code headers.<Name>}: HTTP headers added to every request.</li>
 *   <li>{@code soap-headers}: SOAP only: a list of XML texts, each one namespace-qualified element added to the
 *       SOAP {@code Header} of every request, e.g. a session header ({@link dev.imcp.runtime.config.SoapHeaderXml});
 *       parsed at start-up without DTDs. Their text and attribute values are treated as secrets (except SOAP,
 *       {@code xsi} and namespace attributes, {@code true}, {@code false} and values under four characters).</li>
 *   <li>{@code tls.key-store}, {@code tls.key-store-password}, {@code tls.key-store-type}, {@code tls.key-password},
 *       {@code tls.trust-store}, {@code tls.trust-store-password}, {@code tls.trust-store-type}: the client side of
 *       TLS for every transport of the service (REST, SOAP through CXF, rpc/encoded SOAP): a key store makes it mutual
 *       TLS, a trust store replaces the JDK's {@code cacerts} ({@link dev.imcp.runtime.config.TlsConfig}); both are
 *       loaded at start-up.</li>
 *   <li>{@code timeout-seconds} (default 30), {@code tools.allow}, {@code tools.deny}.</li>
 * </ul>
 *
 * <p>A malformed value fails start-up with an {@link java.lang.IllegalArgumentException} naming the key
 * and the allowed values; configured secrets are never part of any message. Passwords, tokens, the basic
 * {@code user:password} pair as sent, API key values, OAuth 2.0 client secrets, credential-named HTTP header
 * values, {@code soap-headers} values and TLS
 * passwords are masked wherever they would appear: tool results, error texts, audit events
 * ({@link dev.imcp.runtime.config.ServiceConfig#secrets()}).
 */
package dev.imcp.runtime.config;
