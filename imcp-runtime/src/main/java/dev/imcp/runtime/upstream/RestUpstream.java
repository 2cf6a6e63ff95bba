package dev.imcp.runtime.upstream;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imcp.runtime.config.OutboundAuth;
import dev.imcp.runtime.config.ServiceConfig;
import dev.imcp.runtime.spi.HttpBody;
import dev.imcp.runtime.spi.HttpCall;
import dev.imcp.runtime.spi.HttpUpstream;
import dev.imcp.runtime.spi.UpstreamException;

import java.io.IOException;
import java.lang.reflect.Type;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * {@link HttpUpstream} on the runtime's {@link UpstreamHttpClient}, bound to one service's base URL and outbound
 * credentials: the {@link HttpCall} is encoded (path, query, header and cookie parameters by their OpenAPI style,
 * the body by its media type), credentials and configured headers are added, and the response is read whole,
 * within the service's {@code timeout-seconds} (headers and body) and {@code max-response-bytes}. Thread-safe.
 *
 * <p>When the upstream answers 401 to a request that carried an access token the adapter fetched (an OAuth 2.0
 * client credentials token of {@link HttpAuth} or of {@code auth.type: oauth2-client-credentials}, or a token
 * exchanged for the caller's, {@link PerCallAuth}), that
 * token is dropped from its cache, a new one is fetched (one token request however many calls were refused) and the
 * request is sent once more; a second 401 reaches the caller as the tool error. Configured and forwarded tokens are
 * not retried.
 */
public final class RestUpstream implements HttpUpstream {

    private final UpstreamHttpClient client;
    private final ObjectMapper mapper;
    private final String baseUrl;
    private final ServiceConfig config;
    private final HttpAuth schemes;
    private final PerCallAuth callerAuth;

    /**
     * @param client the shared HTTP client
     * @param mapper the JSON mapper for bodies ({@link JsonMapping#create()})
     * @param baseUrl the service's base URL, e.g. {@code http://host:8080/api/v3}; a trailing {@code /} is ignored
     * @param config the service's configuration (credentials, headers, timeout)
     */
    public RestUpstream(UpstreamHttpClient client, ObjectMapper mapper, String baseUrl, ServiceConfig config) {
        this(client, mapper, baseUrl, config, null);
    }

    /**
     * @param client the shared HTTP client
     * @param mapper the JSON mapper for bodies ({@link JsonMapping#create()})
     * @param baseUrl the service's base URL; a trailing {@code /} is ignored
     * @param config the service's configuration (credentials, headers, timeout)
     * @param schemes the credentials of the contract's security schemes, or {@code null} for none
     */
    public RestUpstream(UpstreamHttpClient client, ObjectMapper mapper, String baseUrl, ServiceConfig config,
            HttpAuth schemes) {
        this(client, mapper, baseUrl, config, schemes, null);
    }

    /**
     * @param client the shared HTTP client
     * @param mapper the JSON mapper for bodies
     * @param baseUrl the service's base URL; a trailing {@code /} is ignored
     * @param config the service's configuration (credentials, headers, timeout)
     * @param schemes the credentials of the contract's security schemes, or {@code null} for none
     * @param callerAuth the caller's credentials when {@code auth.type} is {@code caller-token} or
     *     {@code token-exchange}, else {@code null}
     */
    RestUpstream(UpstreamHttpClient client, ObjectMapper mapper, String baseUrl, ServiceConfig config,
            HttpAuth schemes, PerCallAuth callerAuth) {
        this.schemes = schemes;
        this.callerAuth = callerAuth;
        this.client = Objects.requireNonNull(client, "client");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.config = Objects.requireNonNull(config, "config");
    }

    /** Returns the base URL requests are sent to. */
    public String baseUrl() {
        return baseUrl;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T exchange(HttpCall call, Type responseType) throws UpstreamException {
        Request first = request(call);
        Request request = first;
        UpstreamHttpClient.Response response = client.send(first.method(), first.uri(), first.headers(),
                first.body(), config.timeout(), config.maxResponseBytes());
        if (response.status() == 401 && !first.forget().isEmpty()) {
            // A token the adapter fetched was refused (revoked, or expired early): drop it, fetch one, send once more.
            first.forget().forEach(Runnable::run);
            request = request(call);
            response = client.send(request.method(), request.uri(), request.headers(), request.body(),
                    config.timeout(), config.maxResponseBytes());
        }
        URI requestUri = request.uri();
        int status = response.status();
        byte[] body = response.body();
        if (status < 200 || status > 299) {
            throw new UpstreamException(status, "HTTP " + status, new String(body, StandardCharsets.UTF_8), null,
                    status == 429 || status == 503
                            ? response.header("Retry-After").flatMap(v -> retryAfter(v, java.time.Instant.now())).orElse(null)
                            : null);
        }
        if (responseType == HttpBody.class && body.length > 0) {
            return (T) new HttpBody(body, response.header("Content-Type").orElse("application/octet-stream"),
                    response.header("Content-Location").map(l -> location(requestUri, l)).orElse(null));
        }
        if (status == 204 || body.length == 0 || responseType == null
                || responseType == Void.class || responseType == void.class) {
            return null;
        }
        JavaType type = mapper.getTypeFactory().constructType(responseType);
        try {
            return mapper.readValue(body, type);
        } catch (IOException e) {
            throw new UpstreamException(0, "response is not valid JSON for " + type.getTypeName() + ": "
                    + e.getClass().getSimpleName(), "", e);
        }
    }

    /** Resolves a {@code Content-Location} against the request URI (RFC 9110, section 8.7); {@code null} if malformed. */
    private static String location(java.net.URI request, String value) {
        try {
            return request.resolve(value.strip()).toString();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * One request as built from an {@link HttpCall}: headers in the order set, a later name replacing an earlier one;
     * {@code forget} drops the tokens in it that the adapter fetched, when the upstream refuses them.
     */
    private record Request(String method, URI uri, Map<String, String> headers, byte[] body,
            java.util.List<Runnable> forget) {
    }

    private Request request(HttpCall call) throws UpstreamException {
        StyledParams styled;
        try {
            styled = StyledParams.of(mapper, call);
        } catch (IllegalArgumentException e) {
            throw new UpstreamException(0, "invalid argument: " + e.getMessage(), "");
        }
        String path;
        try {
            path = UriEncoding.expand(call.pathTemplate(), call.pathParams(), styled.path());
        } catch (IllegalArgumentException e) {
            throw new UpstreamException(0, "invalid argument: " + e.getMessage(), "");
        }
        HttpAuth.Credentials credentials = schemes == null ? HttpAuth.Credentials.NONE : schemes.credentials(call);
        OutboundAuth auth = config.auth();
        HttpAuth.Credentials fixed = fixed(auth);
        String query = UriEncoding.query(withCredentials(withCredentials(call.query(), credentials), fixed));
        if (!styled.query().isEmpty()) {
            query = query.isEmpty() ? styled.query() : query + "&" + styled.query();
        }
        URI uri;
        try {
            uri = URI.create(baseUrl + (path.startsWith("/") || path.isEmpty() ? "" : "/") + path
                    + (query.isEmpty() ? "" : "?" + query));
        } catch (IllegalArgumentException e) {
            throw new UpstreamException(0, "invalid request URL: " + e.getMessage(), "");
        }
        UpstreamOrigins.reached(baseUrl);
        Headers b = new Headers();
        b.setHeader("Accept", "application/json");
        String traceparent = UpstreamTrace.outgoing();
        if (traceparent != null) {
            b.setHeader(UpstreamTrace.HEADER, traceparent);
        }
        String correlationId = UpstreamTrace.correlationId();
        if (correlationId != null) {
            b.setHeader(UpstreamTrace.CORRELATION_HEADER, correlationId);
        }
        call.headers().forEach(b::setHeader);
        styled.headers().forEach(b::setHeader);
        if (!styled.cookie().isEmpty()) {
            b.setHeader("Cookie", styled.cookie());
        }
        byte[] body = null;
        if (call.body() != null) {
            BodyEncoders.Encoded encoded;
            try {
                encoded = BodyEncoders.encode(mapper, call.body(), call.bodyMediaType(), call.bodyFields());
            } catch (IllegalArgumentException e) {
                throw new UpstreamException(0, "cannot encode request body: " + e.getMessage(), "");
            }
            body = encoded.bytes();
            b.setHeader("Content-Type", encoded.contentType());
        }
        java.util.List<Runnable> forget = new java.util.ArrayList<>(2);
        fixed.headers().forEach(b::setHeader);
        if (auth.perCall()) {
            PerCallAuth.Bearer bearer = callerAuth.bearer();
            b.setHeader("Authorization", bearer.authorization());
            if (bearer.forget() != null) {
                forget.add(bearer.forget());
            }
        }
        if (credentials.fetched()) {
            forget.add(credentials.forget());
        }
        credentials.headers().forEach(b::setHeader);
        if (!credentials.cookies().isEmpty() || !fixed.cookies().isEmpty()) {
            StringBuilder cookie = new StringBuilder(styled.cookie().isEmpty()
                    ? call.headers().getOrDefault("Cookie", "") : styled.cookie());
            java.util.Map<String, String> cookies = new LinkedHashMap<>(credentials.cookies());
            cookies.putAll(fixed.cookies());
            cookies.forEach((name, value) ->
                    cookie.append(cookie.isEmpty() ? "" : "; ").append(name).append('=').append(value));
            b.setHeader("Cookie", cookie.toString());
        }
        config.headers().forEach(b::setHeader);
        return new Request(call.method(), uri, b.values, body, forget);
    }

    /** Request headers by name, case-insensitively unique, in the order first set (as HTTP clients send them). */
    private static final class Headers {
        private final Map<String, String> values = new LinkedHashMap<>();
        private final Map<String, String> names = new java.util.HashMap<>();

        /** Headers the client writes itself from the message's framing and connection; never taken from a call. */
        private static final java.util.Set<String> FRAMING = java.util.Set.of("host", "content-length",
                "transfer-encoding", "connection", "keep-alive", "expect", "upgrade", "te");

        void setHeader(String name, String value) {
            String key = name.toLowerCase(java.util.Locale.ROOT);
            if (FRAMING.contains(key)) {
                return;
            }
            String previous = names.putIfAbsent(key, name);
            values.put(previous == null ? name : previous, value);
        }
    }

    private static java.util.Map<String, java.util.List<String>> withCredentials(
            java.util.Map<String, java.util.List<String>> query, HttpAuth.Credentials credentials) {
        if (credentials.query().isEmpty()) {
            return query;
        }
        java.util.Map<String, java.util.List<String>> all = new java.util.LinkedHashMap<>(query);
        credentials.query().forEach((name, value) -> all.put(name, java.util.List.of(value)));
        return all;
    }

    /**
     * Returns what a fixed {@code auth.type} adds to every request, HTTP and SOAP alike: {@code bearer} and
     * {@code basic} an {@code Authorization} header, {@code api-key} its header, query parameter or cookie; the other
     * types nothing (per-call tokens come from {@link PerCallAuth}, a UsernameToken goes in the SOAP envelope).
     *
     * @param auth the service's credentials
     * @return the headers, query parameters and cookies
     */
    static HttpAuth.Credentials fixed(OutboundAuth auth) {
        return switch (auth.type()) {
            case BEARER -> new HttpAuth.Credentials(Map.of("Authorization", "Bearer " + auth.token()), Map.of(), Map.of());
            case BASIC -> new HttpAuth.Credentials(Map.of("Authorization", basic(auth)), Map.of(), Map.of());
            case API_KEY -> {
                Map<String, String> one = Map.of(auth.apiKey().name(), auth.apiKey().value());
                yield switch (auth.apiKey().in()) {
                    case HEADER -> new HttpAuth.Credentials(one, Map.of(), Map.of());
                    case QUERY -> new HttpAuth.Credentials(Map.of(), one, Map.of());
                    case COOKIE -> new HttpAuth.Credentials(Map.of(), Map.of(), one);
                };
            }
            default -> HttpAuth.Credentials.NONE;
        };
    }

    /**
     * Returns {@code address} with the query parameters of {@code credentials} appended (percent-encoded as
     * {@link UriEncoding#query} does): an API key in the query of a SOAP port's address.
     */
    static String withQuery(String address, HttpAuth.Credentials credentials) {
        if (credentials.query().isEmpty()) {
            return address;
        }
        java.util.Map<String, java.util.List<String>> query = new java.util.LinkedHashMap<>();
        credentials.query().forEach((name, value) -> query.put(name, java.util.List.of(value)));
        int hash = address.indexOf('#');
        String base = hash < 0 ? address : address.substring(0, hash);
        return base + (base.contains("?") ? "&" : "?") + UriEncoding.query(query) + (hash < 0 ? "" : address.substring(hash));
    }

    /** Returns the {@code Cookie} header value of {@code credentials}' cookies, or {@code null} when there are none. */
    static String cookieHeader(HttpAuth.Credentials credentials) {
        if (credentials.cookies().isEmpty()) {
            return null;
        }
        StringBuilder cookie = new StringBuilder();
        credentials.cookies().forEach((name, value) ->
                cookie.append(cookie.isEmpty() ? "" : "; ").append(name).append('=').append(value));
        return cookie.toString();
    }

    /** Returns the RFC 7617 {@code Basic} credentials for {@code auth}. */
    static String basic(OutboundAuth auth) {
        String pair = auth.username() + ":" + (auth.password() == null ? "" : auth.password());
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads a {@code Retry-After} value (RFC 9110 section 10.2.3): delay-seconds or an HTTP-date (IMF-fixdate, as RFC
     * 1123 dates are read); a date in the past is no wait.
     *
     * @param value the header's value
     * @param now the current time, for a date
     * @return the wait, or empty when the value is neither form
     */
    static java.util.Optional<java.time.Duration> retryAfter(String value, java.time.Instant now) {
        String v = value.strip();
        if (v.matches("[0-9]{1,9}")) {
            return java.util.Optional.of(java.time.Duration.ofSeconds(Long.parseLong(v)));
        }
        try {
            java.time.Instant at = java.time.ZonedDateTime.parse(v, java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME)
                    .toInstant();
            java.time.Duration wait = java.time.Duration.between(now, at);
            return java.util.Optional.of(wait.isNegative() ? java.time.Duration.ZERO : wait);
        } catch (java.time.format.DateTimeParseException e) {
            return java.util.Optional.empty();
        }
    }
}
