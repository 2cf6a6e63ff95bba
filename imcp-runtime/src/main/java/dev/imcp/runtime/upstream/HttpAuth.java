package dev.imcp.runtime.upstream;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imcp.runtime.audit.Redactor;
import dev.imcp.runtime.config.SchemeCredentials;
import dev.imcp.runtime.config.ServiceConfig;
import dev.imcp.runtime.spi.HttpCall;
import dev.imcp.runtime.spi.RestSecurity;
import dev.imcp.runtime.spi.SecurityScheme;
import dev.imcp.runtime.spi.ServiceDescriptor;
import dev.imcp.runtime.spi.UpstreamException;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The credentials of a REST service's contract-declared security schemes (OpenAPI "Security Scheme Object"),
 * with the secrets from {@code imcp.services.<id>.security.<scheme>.*}. Thread-safe.
 *
 * <p>For each call it picks the first non-empty alternative of the operation's requirement whose schemes are all
 * configured and returns what to add to the request: API keys as a header, query
 * parameter or cookie, {@code Authorization: Basic} (RFC 7617), {@code Authorization: Bearer} (RFC 6750) with the
 * configured token or one from an OAuth 2.0 client credentials grant ({@link OAuth2Tokens}; a fetched token the
 * upstream refuses with 401 is dropped and the request sent once more with a new one, see {@link RestUpstream}).
 * When no alternative is configured the request goes without, and the upstream's refusal (its status and body) reaches the caller.
 */
public final class HttpAuth {

    private static final System.Logger LOG = System.getLogger(HttpAuth.class.getName());

    private final RestSecurity security;
    private final Map<String, SchemeCredentials> credentials;
    private final OAuth2Tokens tokens;
    private final String baseUrl;
    private final String serviceId;

    private HttpAuth(HttpAuth other, String baseUrl) {
        this.security = other.security;
        this.credentials = other.credentials;
        this.tokens = other.tokens;
        this.serviceId = other.serviceId;
        this.baseUrl = baseUrl;
    }

    /**
     * Returns these credentials for another base URL (a relative token URL resolves against it); the token cache is
     * shared.
     *
     * @param base the base URL
     * @return the credentials
     */
    public HttpAuth withBaseUrl(String base) {
        return new HttpAuth(this, base);
    }

    /**
     * Checks the configured credentials against the contract's schemes.
     *
     * @param service the service; its {@link ServiceDescriptor#security()} names the schemes
     * @param config the service's configuration; its {@link ServiceConfig#security()} holds the secrets
     * @param client the HTTP client token requests go through
     * @param mapper reads token responses
     * @param baseUrl the service's base URL, against which a relative OAuth 2.0 token URL is resolved, or
     *     {@code null}
     * @param redactor learns each OAuth 2.0 access token fetched, so that it is masked wherever it turns up
     * @throws IllegalArgumentException when a configured scheme is not in the contract, or lacks a key its type
     *     needs, or has one its type does not use (the message names the key, never a value)
     */
    public HttpAuth(ServiceDescriptor service, ServiceConfig config, UpstreamHttpClient client, ObjectMapper mapper,
            String baseUrl, Redactor redactor) {
        this.security = service.security();
        this.credentials = config.security();
        this.baseUrl = baseUrl;
        this.tokens = new OAuth2Tokens(client, mapper, config.timeout(), config.maxResponseBytes(), redactor::register);
        this.serviceId = service.id();
        String prefix = "imcp.services." + service.id() + ".security.";
        credentials.forEach((name, c) -> {
            SecurityScheme scheme = security.schemes().get(name);
            if (scheme == null) {
                throw new IllegalArgumentException(c.key() + ": the contract of " + service.id()
                        + " declares no security scheme '" + name + "'; declared: "
                        + (security.schemes().isEmpty() ? "none" : String.join(", ", new TreeSet<>(security.schemes().keySet()))));
            }
            check(scheme, c, c.key() + "."); // the key names a tenant's set too (tenants.<tenant>.security)
        });
        Set<String> unconfigured = new TreeSet<>();
        security.requirements().values().forEach(alternatives -> alternatives.forEach(a -> a.stream()
                .filter(n -> !credentials.containsKey(n)).forEach(unconfigured::add)));
        if (!unconfigured.isEmpty()) {
            LOG.log(System.Logger.Level.INFO, "Service {0}: no credentials for security schemes {1} (set {2}<scheme>.*); "
                    + "operations that need them are sent without", service.id(), unconfigured, prefix);
        }
    }

    private static void check(SecurityScheme scheme, SchemeCredentials c, String prefix) {
        List<String> needed = switch (scheme.type()) {
            case API_KEY -> List.of("value");
            case HTTP_BASIC -> List.of("username", "password");
            case HTTP_BEARER -> List.of("token");
            case OAUTH2_CLIENT_CREDENTIALS -> List.of("client-id", "client-secret");
        };
        List<String> allowed = scheme.type() == SecurityScheme.Type.OAUTH2_CLIENT_CREDENTIALS
                ? List.of("client-id", "client-secret", "token-url") : needed;
        Map<String, String> given = new LinkedHashMap<>();
        given.put("value", c.value());
        given.put("username", c.username());
        given.put("password", c.password());
        given.put("token", c.token());
        given.put("client-id", c.clientId());
        given.put("client-secret", c.clientSecret());
        given.put("token-url", c.tokenUrl());
        for (String key : needed) {
            if (given.get(key) == null) {
                throw new IllegalArgumentException(prefix + key + " is required: scheme '" + scheme.name() + "' is "
                        + describe(scheme));
            }
        }
        given.forEach((key, v) -> {
            if (v != null && !allowed.contains(key)) {
                throw new IllegalArgumentException(prefix + key + " does not apply: scheme '" + scheme.name() + "' is "
                        + describe(scheme) + ", which takes " + String.join(", ", allowed));
            }
        });
    }

    private static String describe(SecurityScheme s) {
        return switch (s.type()) {
            case API_KEY -> "an API key in " + s.in() + " '" + s.parameterName() + "'";
            case HTTP_BASIC -> "HTTP basic";
            case HTTP_BEARER -> "HTTP bearer";
            case OAUTH2_CLIENT_CREDENTIALS -> "OAuth 2.0 client credentials";
        };
    }

    /**
     * What one request carries for authentication.
     *
     * @param headers header name to value, set over the call's own
     * @param query query parameter name to value, added to the call's
     * @param cookies cookie name to value, added to the {@code Cookie} header
     * @param forget drops the access tokens among these that the adapter fetched (OAuth 2.0 client credentials)
     *     from the token cache, when an upstream refused them with 401; {@code null} when there are none
     */
    public record Credentials(Map<String, String> headers, Map<String, String> query, Map<String, String> cookies,
            Runnable forget) {
        /** Nothing to add. */
        public static final Credentials NONE = new Credentials(Map.of(), Map.of(), Map.of());

        /**
         * Credentials without fetched tokens.
         *
         * @param headers header name to value
         * @param query query parameter name to value
         * @param cookies cookie name to value
         */
        public Credentials(Map<String, String> headers, Map<String, String> query, Map<String, String> cookies) {
            this(headers, query, cookies, null);
        }

        /** Returns whether these carry a token the adapter fetched, which a new token request may replace. */
        public boolean fetched() {
            return forget != null;
        }

        /** Keeps secrets out of logs. */
        @Override
        public String toString() {
            return "Credentials[headers=" + headers.keySet() + ", query=" + query.keySet() + ", cookies="
                    + cookies.keySet() + "]";
        }
    }

    /**
     * Returns the credentials for {@code call}.
     *
     * @param call the call; its method and path template select the operation's requirement
     * @return what to add; {@link Credentials#NONE} when the operation needs nothing or nothing it accepts is
     *     configured
     * @throws UpstreamException when an OAuth 2.0 token cannot be obtained
     */
    public Credentials credentials(HttpCall call) throws UpstreamException {
        for (List<String> alternative : security.requirement(call)) {
            // An empty alternative allows anonymous calls; configured credentials are still sent when another fits.
            if (!alternative.isEmpty() && credentials.keySet().containsAll(alternative)) {
                return credentials(alternative);
            }
        }
        return Credentials.NONE;
    }

    private Credentials credentials(List<String> schemes) throws UpstreamException {
        if (schemes.isEmpty()) {
            return Credentials.NONE;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        Map<String, String> query = new LinkedHashMap<>();
        Map<String, String> cookies = new LinkedHashMap<>();
        List<Runnable> forget = new ArrayList<>();
        for (String name : schemes) {
            SecurityScheme scheme = security.schemes().get(name);
            SchemeCredentials c = credentials.get(name);
            switch (scheme.type()) {
                case API_KEY -> (switch (scheme.in()) {
                    case "query" -> query;
                    case "cookie" -> cookies;
                    default -> headers;
                }).put(scheme.parameterName(), c.value());
                case HTTP_BASIC -> headers.put("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (c.username() + ":" + c.password()).getBytes(StandardCharsets.UTF_8)));
                case HTTP_BEARER -> headers.put("Authorization", "Bearer " + c.token());
                case OAUTH2_CLIENT_CREDENTIALS -> {
                    OAuth2Tokens.Grant grant = grant(scheme, c);
                    String token = tokens.token(grant);
                    headers.put("Authorization", "Bearer " + token);
                    forget.add(() -> tokens.forget(grant, token));
                }
            }
        }
        return new Credentials(headers, query, cookies, forget.isEmpty() ? null : () -> forget.forEach(Runnable::run));
    }

    private OAuth2Tokens.Grant grant(SecurityScheme scheme, SchemeCredentials c) throws UpstreamException {
        String url = c.tokenUrl() != null ? c.tokenUrl() : scheme.tokenUrl();
        URI tokenUrl;
        try {
            URI u = URI.create(url);
            tokenUrl = u.isAbsolute() || baseUrl == null ? u
                    : URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/").resolve(u);
            if (!tokenUrl.isAbsolute()) {
                throw new IllegalArgumentException("relative");
            }
        } catch (IllegalArgumentException e) {
            throw new UpstreamException(0, "service " + serviceId + ": invalid or relative OAuth 2.0 token URL of "
                    + "scheme '" + scheme.name() + "' and no base URL to resolve it (set " + c.key() + ".token-url)", "");
        }
        return new OAuth2Tokens.Grant(tokenUrl, c.clientId(), c.clientSecret(), new ArrayList<>(scheme.scopes()));
    }
}
