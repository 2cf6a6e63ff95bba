/**
 * Configured clients for upstream services.
 *
 * <p>{@link dev.imcp.runtime.upstream.RestUpstream} performs REST calls on one shared
 * {@link dev.imcp.runtime.upstream.UpstreamHttpClient} (Apache HttpClient 5, pooled keep-alive connections, no
 * redirects or retries): the base URL is {@code imcp.services.<id>.url}, else the contract's
 * ({@link dev.imcp.runtime.spi.ServiceDescriptor#defaultUrl()}); path parameters are percent-encoded as
 * one segment each (RFC 3986 section 3.3), query parameters are form-encoded with lists sent as repeated
 * parameters (OpenAPI {@code style: form, explode: true}); the request carries {@code Accept: application/json},
 * a JSON body when there is one, the configured outbound credentials and headers, and the configured
 * timeout ({@code timeout-seconds}), which covers the whole exchange, the response body included. A status outside 2xx raises
 * {@link dev.imcp.runtime.spi.UpstreamException} with the status and body; a transport failure raises one with
 * status 0 and the exception's class and message.
 *
 * <p>{@link dev.imcp.runtime.upstream.HttpAuth} adds the credentials of the contract's security schemes
 * ({@link dev.imcp.runtime.spi.RestSecurity}, secrets from {@code imcp.services.<id>.security.<scheme>.*}): API keys
 * as a header, query parameter or cookie, HTTP basic and bearer, and OAuth 2.0 client credentials tokens, which
 * {@code OAuth2Tokens} caches in Caffeine until shortly before they expire. A service whose MCP JSON tools name
 * several base URLs ({@link dev.imcp.runtime.spi.NamedUpstreams}) has one {@code RestUpstream} per named
 * upstream ({@code imcp.services.<id>.upstreams.<name>.url}), sharing those credentials.
 *
 * <p>{@link dev.imcp.runtime.upstream.SoapPorts} creates CXF JAX-WS proxies for WSDL ports, one per
 * (SEI, port), with the address from {@code ports.<PortName>.url}, else {@code url}, else the contract. A port
 * whose binding has SOAP with Attachments parts gets them marked on CXF's service model by {@code SwaParts}, from
 * the generated stub's {@link dev.imcp.runtime.spi.MimePart}s (no WSDL is read at run time).
 *
 * <p>Outbound SOAP security comes from configuration only, never from the contract or the caller: HTTP basic or
 * bearer credentials and HTTP headers on every request; the WS-Security UsernameToken (CXF's
 * {@code WSS4JOutInterceptor} on JAX-WS proxies, WSS4J's DOM API on rpc/encoded SAAJ envelopes), custom SOAP header
 * blocks and the TLS context (mutual TLS with a key store) are set up by {@code SoapSecurity}. The TLS context of a
 * service applies to all its calls: its CXF conduits and, for REST and rpc/encoded calls, an {@code UpstreamHttpClient} built like
 * the shared one with that context.
 *
 * <p>{@link dev.imcp.runtime.upstream.JsonMapping} is the Jackson configuration shared with the MCP layer:
 * JAXB annotations first, then Jackson's, unknown properties ignored.
 */
package dev.imcp.runtime.upstream;
