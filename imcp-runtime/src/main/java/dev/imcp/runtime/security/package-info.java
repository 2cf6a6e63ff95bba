/**
 * Inbound identity and request-origin checks for the MCP endpoint.
 *
 * <p>{@link dev.imcp.runtime.security.Authenticator} reads {@code Authorization: Bearer <token>} (RFC 6750
 * section 2.1): a token that is an API key ({@link dev.imcp.runtime.security.ApiKeyAuthenticator}, the key's
 * SHA-256 compared with the configured hashes in constant time) makes an API-key caller; any other token is checked
 * as a JWT access token ({@link dev.imcp.runtime.security.JwtAuthenticator}, keys from
 * {@link dev.imcp.runtime.security.JwksKeys}) when {@code imcp.auth.jwt} is configured. A failure is answered before
 * any MCP processing: 401 with {@code WWW-Authenticate: Bearer realm="imcp"} (API keys only) or
 * {@code Bearer resource_metadata="..."} (JWT, RFC 9728 section 5.1), plus {@code error="invalid_token"} when a
 * token was sent (RFC 6750 section 3); 403 {@code error="insufficient_scope"} for a caller lacking one of
 * {@code imcp.auth.required-scopes}. With neither keys nor JWT configured authentication is off and every caller
 * is {@code anonymous}. The {@link dev.imcp.runtime.security.Caller} carries the name, roles and scopes that the
 * policy ({@code dev.imcp.runtime.policy}) decides by.
 *
 * <p>{@link dev.imcp.runtime.security.OriginCheck} implements the DNS-rebinding protection the MCP
 * specification asks for (Transports, "Security Warning"): an {@code Origin} whose host is neither
 * loopback nor listed in {@code imcp.allowed-origins} is refused with HTTP 403.
 */
package dev.imcp.runtime.security;
