package dev.imcp.runtime.transport.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.imcp.runtime.config.JwtConfig;
import dev.imcp.runtime.config.PolicyRule;
import dev.imcp.runtime.config.RuntimeConfig;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The OAuth 2.0 protected-resource metadata of the adapter (RFC 9728; MCP 2025-06-18 and 2025-11-25
 * "Authorization", "Authorization Server Discovery"), served when {@code imcp.auth.jwt} is configured, without
 * authentication, at {@value JwtConfig#METADATA_PATH} and at that path followed by the resource URI's path (e.g.
 * {@code /.well-known/oauth-protected-resource/mcp}, the form RFC 9728 section 3.1 derives from the resource URI).
 *
 * <p>{@code GET}: 200 {@code application/json} {@code {resource, authorization_servers, scopes_supported,
 * bearer_methods_supported: ["header"], resource_name}}: {@code resource} is {@code imcp.auth.jwt.audience},
 * {@code authorization_servers} {@code imcp.auth.jwt.authorization-servers} (default: the issuer),
 * {@code scopes_supported} {@code imcp.auth.jwt.scopes-supported} or else the required scopes and the scopes the
 * policy rules name (left out when none). Public metadata: any origin may read it
 * ({@code Access-Control-Allow-Origin: *}), and an {@code OPTIONS} preflight is answered 204. Other methods: 405.
 */
public final class ProtectedResourceMetadata implements HttpService {

    private final byte[] document;
    private final String resourcePath;

    /**
     * @param config the runtime settings; {@link RuntimeConfig#jwt()} must be set
     * @param resourceName the adapter's name, sent as {@code resource_name}
     * @param mapper the JSON mapper
     */
    public ProtectedResourceMetadata(RuntimeConfig config, String resourceName, ObjectMapper mapper) {
        JwtConfig jwt = config.jwt();
        ObjectNode doc = mapper.createObjectNode().put("resource", jwt.audience().toString());
        jwt.authorizationServers().forEach(doc.putArray("authorization_servers")::add);
        Set<String> scopes = new LinkedHashSet<>(jwt.scopesSupported());
        if (scopes.isEmpty()) {
            scopes.addAll(config.requiredScopes());
            config.policyRules().stream().map(PolicyRule::scopes).forEach(scopes::addAll);
        }
        if (!scopes.isEmpty()) {
            scopes.forEach(doc.putArray("scopes_supported")::add);
        }
        doc.putArray("bearer_methods_supported").add("header");
        doc.put("resource_name", resourceName);
        try {
            this.document = mapper.writeValueAsBytes(doc);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        String path = jwt.audience().getRawPath();
        this.resourcePath = path == null || path.isEmpty() || "/".equals(path) ? null : path;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get(JwtConfig.METADATA_PATH, this::get)
                .options(JwtConfig.METADATA_PATH, ProtectedResourceMetadata::preflight)
                .any(JwtConfig.METADATA_PATH, ProtectedResourceMetadata::notAllowed);
        if (resourcePath != null) {
            rules.get(JwtConfig.METADATA_PATH + resourcePath, this::get)
                    .options(JwtConfig.METADATA_PATH + resourcePath, ProtectedResourceMetadata::preflight)
                    .any(JwtConfig.METADATA_PATH + resourcePath, ProtectedResourceMetadata::notAllowed);
        }
    }

    private void get(ServerRequest req, ServerResponse res) {
        res.header(HeaderNames.CONTENT_TYPE, "application/json")
                .header(HeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, "*")
                .header(HeaderNames.CACHE_CONTROL, "max-age=300")
                .send(document);
    }

    private static void preflight(ServerRequest req, ServerResponse res) {
        res.status(204).header(HeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, "*")
                .header(HeaderNames.ACCESS_CONTROL_ALLOW_METHODS, "GET")
                .header(HeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, "MCP-Protocol-Version")
                .header(HeaderNames.ALLOW, "GET, OPTIONS").send();
    }

    private static void notAllowed(ServerRequest req, ServerResponse res) {
        res.status(405).header(HeaderNames.ALLOW, "GET, OPTIONS").send();
    }
}
