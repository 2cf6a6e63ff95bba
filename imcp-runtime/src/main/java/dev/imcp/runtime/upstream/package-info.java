/**
 * Configured clients for upstream services.
 *
 * <p>{@link dev.imcp.runtime.upstream.JdkHttpUpstream} performs REST calls on one shared
 * {@link java.net.http.HttpClient}: the base URL is {@code imcp.services.<id>.url}, else the contract's
 * ({@link dev.imcp.runtime.spi.ServiceDescriptor#defaultUrl()}); path parameters are percent-encoded as
 * one segment each (RFC 3986 section 3.3), query parameters are form-encoded with lists sent as repeated
 * parameters (OpenAPI {@code style: form, explode: true}); the request carries {@code Accept: application/json},
 * a JSON body when there is one, the configured outbound credentials and headers, and the configured
 * timeout ({@code timeout-seconds}). A status outside 2xx raises
 * {@link dev.imcp.runtime.spi.UpstreamException} with the status and body; a transport failure raises one with
 * status 0 and the exception's class and message.
 *
 * <p>{@link dev.imcp.runtime.upstream.SoapPorts} creates CXF JAX-WS proxies for WSDL ports, one per
 * (SEI, port), with the address from {@code ports.<PortName>.url}, else {@code url}, else the contract.
 *
 * <p>{@link dev.imcp.runtime.upstream.JsonMapping} is the Jackson configuration shared with the MCP layer:
 * JAXB annotations first, then Jackson's, unknown properties ignored.
 */
package dev.imcp.runtime.upstream;
