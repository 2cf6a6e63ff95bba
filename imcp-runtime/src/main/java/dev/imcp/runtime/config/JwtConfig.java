package dev.imcp.runtime.config;

import dev.imcp.runtime.security.OriginCheck;
import io.helidon.config.Config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Inbound JWT bearer tokens ({@code imcp.auth.jwt}): access tokens issued by an OAuth 2.1 authorization server for
 * this adapter, checked as the MCP specification's "Authorization" section asks of a resource server (MCP
 * 2025-06-18 and 2025-11-25, "Token Handling"): signature against the issuer's JWKS (RFC 7517), {@code iss},
 * {@code aud} (this adapter's resource URI, RFC 8707 section 2), {@code exp} and {@code nbf} (RFC 7519 section 4.1).
 *
 * @param issuer {@code issuer} (required): the exact {@code iss} claim tokens must carry
 * @param audience {@code audience} (required): this adapter's resource URI, an absolute {@code http(s)} URI
 *     without fragment (e.g. {@code https://mcp.example.com/mcp}) that the {@code aud} claim (a string or an array)
 *     must contain; also the {@code resource} of the protected-resource metadata (RFC 9728)
 * @param jwksUrl {@code jwks-url}: where the issuer publishes its keys, {@code https} (or {@code http} on a loopback
 *     host); {@code null} when {@code jwksFile} is set
 * @param jwksFile {@code jwks-file}: a JWK Set file read at start-up instead of a URL; {@code null} when unset
 * @param clockSkew {@code clock-skew-seconds} (default 60, at least 0): tolerance applied to {@code exp} and
 *     {@code nbf}
 * @param scopesClaim {@code scopes-claim} (default {@code scope}): the claim holding the token's scopes, a
 *     space-separated string or an array of strings; when absent from a token, {@code scp} is read instead
 * @param rolesClaim {@code roles-claim}: the claim holding the caller's roles (a dotted path such as
 *     {@code realm_access.roles} reaches into objects; an array of strings or a space-separated string), or
 *     {@code null} when tokens carry no roles
 * @param authorizationServers {@code authorization-servers} (default: {@code [issuer]}): the issuer identifiers
 *     listed as {@code authorization_servers} in the protected-resource metadata
 * @param scopesSupported {@code scopes-supported}: the {@code scopes_supported} of the metadata; empty: the
 *     required scopes and those the policy rules name
 * @param tenantClaim {@code tenant-claim}: the claim holding the caller's tenant (a dotted path as for
 *     {@code roles-claim}; a string), which selects the credential set of services with
 *     {@code imcp.services.<id>.tenants}; {@code null} when tokens carry no tenant
 */
public record JwtConfig(String issuer, URI audience, URI jwksUrl, Path jwksFile, Duration clockSkew, String scopesClaim,
                        String rolesClaim, List<String> authorizationServers, List<String> scopesSupported,
                        String tenantClaim) {

    /** Settings without a tenant claim. */
    public JwtConfig(String issuer, URI audience, URI jwksUrl, Path jwksFile, Duration clockSkew, String scopesClaim,
                     String rolesClaim, List<String> authorizationServers, List<String> scopesSupported) {
        this(issuer, audience, jwksUrl, jwksFile, clockSkew, scopesClaim, rolesClaim, authorizationServers,
                scopesSupported, null);
    }

    /** The path of the OAuth 2.0 protected-resource metadata document (RFC 9728 section 3). */
    public static final String METADATA_PATH = "/.well-known/oauth-protected-resource";

    /**
     * Checks the values.
     *
     * @throws IllegalArgumentException naming the key when a value is missing or malformed
     */
    public JwtConfig {
        if (issuer == null || issuer.isBlank()) {
            throw new IllegalArgumentException("imcp.auth.jwt.issuer is required (the iss claim of accepted tokens)");
        }
        Objects.requireNonNull(audience, "imcp.auth.jwt.audience is required (this adapter's resource URI)");
        if (!audience.isAbsolute() || audience.getFragment() != null || audience.getHost() == null
                || !("https".equals(audience.getScheme()) || "http".equals(audience.getScheme()))) {
            throw new IllegalArgumentException("imcp.auth.jwt.audience must be an absolute http(s) URI without "
                    + "fragment (RFC 8707 section 2), was " + audience);
        }
        if ((jwksUrl == null) == (jwksFile == null)) {
            throw new IllegalArgumentException("imcp.auth.jwt needs exactly one of jwks-url and jwks-file");
        }
        if (jwksUrl != null && !("https".equals(jwksUrl.getScheme())
                || "http".equals(jwksUrl.getScheme()) && jwksUrl.getHost() != null && OriginCheck.isLoopback(jwksUrl.getHost()))) {
            throw new IllegalArgumentException("imcp.auth.jwt.jwks-url must be https (http only on a loopback host), was "
                    + jwksUrl);
        }
        if (clockSkew.isNegative()) {
            throw new IllegalArgumentException("imcp.auth.jwt.clock-skew-seconds must not be negative, was "
                    + clockSkew.toSeconds());
        }
        if (scopesClaim == null || scopesClaim.isBlank()) {
            throw new IllegalArgumentException("imcp.auth.jwt.scopes-claim must not be empty");
        }
        authorizationServers = authorizationServers.isEmpty() ? List.of(issuer) : List.copyOf(authorizationServers);
        scopesSupported = List.copyOf(scopesSupported);
    }

    /**
     * Reads {@code imcp.auth.jwt}.
     *
     * @param node the {@code imcp.auth.jwt} node
     * @return the settings, or {@code null} when the node does not exist
     * @throws IllegalArgumentException naming the key when a value is missing or malformed
     */
    public static JwtConfig from(Config node) {
        if (!node.exists()) {
            return null;
        }
        return new JwtConfig(
                node.get("issuer").asString().map(String::strip).orElse(null),
                node.get("audience").asString().map(String::strip).filter(s -> !s.isEmpty()).map(s -> uri(s, "audience")).orElse(null),
                node.get("jwks-url").asString().map(String::strip).filter(s -> !s.isEmpty()).map(s -> uri(s, "jwks-url")).orElse(null),
                node.get("jwks-file").asString().map(String::strip).filter(s -> !s.isEmpty()).map(Path::of).orElse(null),
                Duration.ofSeconds(node.get("clock-skew-seconds").asLong().orElse(60L)),
                node.get("scopes-claim").asString().map(String::strip).orElse("scope"),
                node.get("roles-claim").asString().map(String::strip).filter(s -> !s.isEmpty()).orElse(null),
                node.get("authorization-servers").asList(String.class).orElse(List.of()),
                node.get("scopes-supported").asList(String.class).orElse(List.of()),
                node.get("tenant-claim").asString().map(String::strip).filter(s -> !s.isEmpty()).orElse(null));
    }

    /**
     * Returns the URL of the protected-resource metadata that challenges name in {@code resource_metadata} (RFC 9728
     * section 5.1): {@value #METADATA_PATH} at the origin of {@link #audience}, e.g.
     * {@code https://mcp.example.com/.well-known/oauth-protected-resource} for {@code https://mcp.example.com/mcp}.
     *
     * @return the URL
     */
    public URI resourceMetadataUrl() {
        return URI.create(audience.getScheme() + "://" + audience.getRawAuthority() + METADATA_PATH);
    }

    private static URI uri(String text, String key) {
        try {
            return new URI(text);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("imcp.auth.jwt." + key + " is not a URI: " + text);
        }
    }
}
