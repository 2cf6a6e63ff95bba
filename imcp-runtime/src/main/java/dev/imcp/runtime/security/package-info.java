/**
 * Inbound identity and request-origin checks for the MCP endpoint.
 *
 * <p>{@link dev.imcp.runtime.security.ApiKeyAuthenticator} accepts API keys sent as
 * {@code Authorization: Bearer <key>} (RFC 6750 section 2.1) and compares the key's SHA-256 with the
 * configured hashes in constant time; a failure is answered with HTTP 401 and
 * {@code WWW-Authenticate: Bearer realm="imcp"} (plus {@code error="invalid_token"} when a key was sent,
 * RFC 6750 section 3) before any MCP processing. With no key configured authentication is off and
 * every caller is {@code anonymous}.
 *
 * <p>{@link dev.imcp.runtime.security.OriginCheck} implements the DNS-rebinding protection the MCP
 * specification asks for (Transports, "Security Warning"): an {@code Origin} whose host is neither
 * loopback nor listed in {@code imcp.allowed-origins} is refused with HTTP 403.
 */
package dev.imcp.runtime.security;
