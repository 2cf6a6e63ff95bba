package dev.imcp.runtime.config;

import io.helidon.config.Config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The runtime's settings, read from the {@code imcp} configuration node.
 *
 * <p>Keys, all optional:
 * <ul>
 *   <li>{@code imcp.server-name}, {@code imcp.server-version}: the adapter's {@code serverInfo.name} and
 *       {@code serverInfo.version} in the {@code initialize} result and its name in the start-up log line. Each
 *       wins over {@code META-INF/imcp/adapter.json}, which the iMCP Maven plugin writes with the project's
 *       artifactId and version; without either, the name is {@code imcp-adapter} and the version that of
 *       {@code imcp-runtime} (see {@link ServerInfo}).</li>
 *   <li>{@code imcp.instructions}, {@code imcp.auth.api-keys}, {@code imcp.audit.file}, {@code imcp.audit.sink},
 *       {@code imcp.audit.queue-capacity}, {@code imcp.audit.max-argument-bytes}, {@code imcp.audit.max-file-bytes},
 *       {@code imcp.audit.max-files},
 *       {@code imcp.allowed-origins}, {@code imcp.services.<id>}, {@code imcp.session-idle-minutes},
 *       {@code imcp.request-timeout-seconds}, {@code imcp.max-json-depth}, {@code imcp.tools-list-ttl-ms},
 *       {@code imcp.tools-list-page-size}, {@code imcp.keep-alive-ms}, {@code imcp.session.secret}, {@code imcp.session.ttl},
 *       {@code imcp.session.max-per-caller}, {@code imcp.auth.jwt}, {@code imcp.auth.required-scopes},
 *       {@code imcp.policy.rules}, {@code imcp.rate-limits}: see the components below.</li>
 * </ul>
 *
 * @param serverName {@code imcp.server-name}, or {@code null} when absent or blank
 * @param serverVersion {@code imcp.server-version}, or {@code null} when absent or blank
 * @param instructions {@code imcp.instructions}: the optional {@code instructions} sent in {@code initialize}, or {@code null}
 * @param apiKeys {@code imcp.auth.api-keys}: accepted inbound keys ({@code name}, {@code sha256}, optional
 *     {@code roles}, {@code scopes} and {@code tenant}); with {@code jwt} absent, empty disables authentication
 * @param auditFile {@code imcp.audit.file}: the JSON-lines audit file, or {@code null} for the standard stream
 *     {@code auditSink} names
 * @param auditSink {@code imcp.audit.sink}: without a file, {@code stderr} (the default; standard output is the
 *     stdio transport's protocol stream) or {@code stdout}
 * @param auditQueueCapacity {@code imcp.audit.queue-capacity} (default 10000, at least 1): how many audit events
 *     may wait for the sink; when it falls behind further, events are dropped, counted and reported in a WARNING
 *     line at most once a minute ({@link dev.imcp.runtime.audit.AuditLog})
 * @param auditMaxArgumentBytes {@code imcp.audit.max-argument-bytes} (default 8192, at least 64): the most bytes of
 *     JSON the {@code arguments} of one audit line take; larger values are replaced by {@code "[<n> bytes left out]"}
 * @param allowedOrigins {@code imcp.allowed-origins}: host names (or full origins) accepted in an {@code Origin}
 *     header besides loopback
 * @param services {@code imcp.services.<id>} by service id
 * @param sessionIdleTimeout {@code imcp.session-idle-minutes} (default 30): an MCP session's local state
 *     (its requests in flight) is dropped after this long without a request; its id stays valid until
 *     {@code sessionTtl}
 * @param requestTimeout {@code imcp.request-timeout-seconds} (default 120): how long one request may take before
 *     it is cancelled and answered as a tool error
 * @param maxJsonDepth {@code imcp.max-json-depth} (default 100, at least 8): the deepest nesting of arrays and
 *     objects in one client message; deeper is JSON-RPC -32700
 * @param toolsListTtlMs {@code imcp.tools-list-ttl-ms} (default 300000, five minutes; at least 0): the {@code ttlMs}
 *     of 2026-07-28 {@code tools/list} and {@code server/discover} results, how long a client may reuse them (MCP
 *     2026-07-28 "Server Utilities", "Caching"); both change only when the adapter is redeployed
 * @param keepAliveMs {@code imcp.keep-alive-ms} (default 15000, at least 100): how often a 2026-07-28
 *     {@code tools/call} still running gets an SSE comment on its response stream, which finds a client that closed
 *     the stream, and so cancelled the call (MCP 2026-07-28 "Cancellation")
 * @param sessionSecret {@code imcp.session.secret} as UTF-8 bytes (at least 32): the HMAC-SHA256 key that signs
 *     MCP session ids, so that instances sharing it accept each other's sessions and sessions survive restarts;
 *     {@code null} when unset (a random key per process). Never logged.
 * @param sessionTtl {@code imcp.session.ttl} (ISO-8601 duration, default {@code PT24H}): how long a session id is
 *     accepted after {@code initialize} issued it; then the client gets 404 and initializes again
 * @param sessionsPerCaller {@code imcp.session.max-per-caller} (default 1000): how many sessions one caller (API
 *     key) may have in use on one instance; a further {@code initialize} is refused with -32000
 * @param jwt {@code imcp.auth.jwt}: JWT bearer tokens accepted besides the API keys ({@link JwtConfig}: {@code issuer},
 *     {@code audience}, {@code jwks-url} or {@code jwks-file}, {@code clock-skew-seconds}, {@code scopes-claim},
 *     {@code roles-claim}, {@code authorization-servers}, {@code scopes-supported}); {@code null} when absent.
 *     With it the adapter is an OAuth 2.1 resource server (MCP "Authorization"): 401 answers carry
 *     {@code resource_metadata} and {@code GET /.well-known/oauth-protected-resource} is served (RFC 9728)
 * @param requiredScopes {@code imcp.auth.required-scopes}: scopes an HTTP caller (token or API key) must all have
 *     to reach {@code /mcp} or the REST facade; lacking one is 403 {@code insufficient_scope} (RFC 6750 section
 *     3.1); empty: none
 * @param policyRules {@code imcp.policy.rules}: per role or scope, the tools callers may see and call
 *     ({@link PolicyRule}: {@code roles}, {@code scopes}, {@code allow}, {@code deny}); empty: every caller sees
 *     every tool the services' lists publish
 * @param rateLimits {@code imcp.rate-limits}: token buckets per caller and per caller and tool (see
 *     {@link RateLimits}); {@link RateLimits#NONE} when absent
 * @param auditMaxFileBytes {@code imcp.audit.max-file-bytes} (default 0: no rotation, lines are appended to
 *     {@code auditFile} itself; else at least 1024, and only with {@code auditFile}): the size from which the audit
 *     file rotates; lines then go to {@code <auditFile>.0}, and older files are {@code .1}, {@code .2}, ...; a
 *     line is never split across files ({@link dev.imcp.runtime.audit.AuditLog})
 * @param auditMaxFiles {@code imcp.audit.max-files} (default 10, 2 to 1000): how many audit files rotation keeps,
 *     the current one included; the oldest is deleted
 * @param apiKeysFile {@code imcp.auth.api-keys-file} and {@code imcp.auth.api-keys-reload-seconds}: more API keys
 *     in a file read again when it changes, so keys are revoked and added without a restart; {@code null} when unset
 * @param toolsListPageSize {@code imcp.tools-list-page-size} (default 0: one page; else at least 1): the most tools
 *     one {@code tools/list} result holds, the rest on pages a client asks for with the {@code nextCursor} it was
 *     given (MCP "Utilities", "Pagination"). For adapters of hundreds of tools whose clients follow cursors; a client
 *     that does not sees only the first page.
 */
public record RuntimeConfig(
        String serverName,
        String serverVersion,
        String instructions,
        List<ApiKey> apiKeys,
        String auditFile,
        String auditSink,
        int auditQueueCapacity,
        int auditMaxArgumentBytes,
        Set<String> allowedOrigins,
        Map<String, ServiceConfig> services,
        java.time.Duration sessionIdleTimeout,
        java.time.Duration requestTimeout,
        int maxJsonDepth,
        long toolsListTtlMs,
        long keepAliveMs,
        byte[] sessionSecret,
        java.time.Duration sessionTtl,
        int sessionsPerCaller,
        JwtConfig jwt,
        List<String> requiredScopes,
        List<PolicyRule> policyRules,
        RateLimits rateLimits,
        long auditMaxFileBytes,
        int auditMaxFiles,
        ApiKeysFile apiKeysFile,
        int toolsListPageSize) {

    /**
     * {@code imcp.auth.api-keys-file} and {@code imcp.auth.api-keys-reload-seconds}: API keys in a YAML file read
     * again when it changes ({@link dev.imcp.runtime.security.ApiKeyFile}).
     *
     * @param path the file, holding an {@code api-keys} list of entries as {@code imcp.auth.api-keys}
     * @param reload how often at most the file is checked for changes (default 5 seconds): the longest a removed key
     *     is still accepted
     */
    public record ApiKeysFile(java.nio.file.Path path, java.time.Duration reload) {
        /** Checks the values. */
        public ApiKeysFile {
            Objects.requireNonNull(path, "path");
            if (reload.isNegative() || reload.isZero()) {
                throw new IllegalArgumentException("imcp.auth.api-keys-reload-seconds must be positive");
            }
        }
    }

    /** Settings without an API key file and without audit file rotation. */
    public RuntimeConfig(String serverName, String serverVersion, String instructions, List<ApiKey> apiKeys,
            String auditFile, String auditSink, int auditQueueCapacity, int auditMaxArgumentBytes,
            Set<String> allowedOrigins, Map<String, ServiceConfig> services, java.time.Duration sessionIdleTimeout,
            java.time.Duration requestTimeout, int maxJsonDepth, long toolsListTtlMs, long keepAliveMs,
            byte[] sessionSecret, java.time.Duration sessionTtl, int sessionsPerCaller, JwtConfig jwt,
            List<String> requiredScopes, List<PolicyRule> policyRules, RateLimits rateLimits) {
        this(serverName, serverVersion, instructions, apiKeys, auditFile, auditSink, auditQueueCapacity,
                auditMaxArgumentBytes, allowedOrigins, services, sessionIdleTimeout, requestTimeout, maxJsonDepth,
                toolsListTtlMs, keepAliveMs, sessionSecret, sessionTtl, sessionsPerCaller, jwt, requiredScopes,
                policyRules, rateLimits, 0L, dev.imcp.runtime.audit.AuditLog.DEFAULT_MAX_FILES, null, 0);
    }

    /**
     * The single-valued {@code imcp} keys the runtime reads, in full: what an environment variable may set even when
     * no configuration file has the key ({@link EnvironmentKeys}); service keys come from
     * {@link ServiceConfig#keys}.
     */
    public static final List<String> KEYS = List.of("imcp.server-name", "imcp.server-version", "imcp.instructions",
            "imcp.audit.file", "imcp.audit.sink", "imcp.audit.max-file-bytes", "imcp.audit.max-files", "imcp.session-idle-minutes", "imcp.request-timeout-seconds",
            "imcp.max-json-depth", "imcp.tools-list-ttl-ms", "imcp.tools-list-page-size", "imcp.keep-alive-ms", "imcp.session.secret",
            "imcp.session.ttl", "imcp.session.max-per-caller", "imcp.transport", "imcp.stdio.max-message-bytes",
            "imcp.stdio.shutdown-grace-seconds", "imcp.rest-facade.enabled", "imcp.catalog.enabled",
            "imcp.auth.jwt.issuer",
            "imcp.auth.jwt.audience", "imcp.auth.jwt.jwks-url", "imcp.auth.jwt.jwks-file",
            "imcp.auth.jwt.clock-skew-seconds", "imcp.auth.jwt.scopes-claim", "imcp.auth.jwt.roles-claim",
            "imcp.auth.jwt.tenant-claim", "imcp.auth.api-keys-file", "imcp.auth.api-keys-reload-seconds",
            RateLimits.KEYS.get(0), RateLimits.KEYS.get(1));

    /** Checks the required components and copies the collections. */
    public RuntimeConfig {
        apiKeys = List.copyOf(apiKeys);
        allowedOrigins = Set.copyOf(allowedOrigins);
        services = Map.copyOf(services);
        requiredScopes = List.copyOf(requiredScopes);
        policyRules = List.copyOf(policyRules);
        if (!requiredScopes.isEmpty() && apiKeys.isEmpty() && jwt == null && apiKeysFile == null) {
            throw new IllegalArgumentException("imcp.auth.required-scopes needs imcp.auth.api-keys or imcp.auth.jwt: "
                    + "without authentication no caller has scopes");
        }
        Objects.requireNonNull(sessionIdleTimeout, "sessionIdleTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(sessionTtl, "sessionTtl");
        sessionSecret = sessionSecret == null ? null : sessionSecret.clone();
        rateLimits = rateLimits == null ? RateLimits.NONE : rateLimits;
        if (!"stderr".equals(auditSink) && !"stdout".equals(auditSink)) {
            throw new IllegalArgumentException("imcp.audit.sink must be stderr or stdout, was " + auditSink);
        }
        if (auditQueueCapacity < 1) {
            throw new IllegalArgumentException("imcp.audit.queue-capacity must be at least 1, was " + auditQueueCapacity);
        }
        if (auditMaxArgumentBytes < dev.imcp.runtime.audit.AuditLog.MIN_ARGUMENT_BYTES) {
            throw new IllegalArgumentException("imcp.audit.max-argument-bytes must be at least "
                    + dev.imcp.runtime.audit.AuditLog.MIN_ARGUMENT_BYTES + ", was " + auditMaxArgumentBytes);
        }
        if (auditMaxFileBytes != 0 && auditFile == null) {
            throw new IllegalArgumentException("imcp.audit.max-file-bytes applies only to imcp.audit.file, which is not set");
        }
        if (auditMaxFileBytes != 0 && auditMaxFileBytes < dev.imcp.runtime.audit.AuditLog.MIN_FILE_BYTES) {
            throw new IllegalArgumentException("imcp.audit.max-file-bytes must be 0 (no rotation) or at least "
                    + dev.imcp.runtime.audit.AuditLog.MIN_FILE_BYTES + ", was " + auditMaxFileBytes);
        }
        if (auditMaxFiles < 2 || auditMaxFiles > 1000) {
            throw new IllegalArgumentException("imcp.audit.max-files must be between 2 and 1000, was " + auditMaxFiles);
        }
        if (toolsListTtlMs < 0) {
            throw new IllegalArgumentException("imcp.tools-list-ttl-ms must be at least 0 (milliseconds), was " + toolsListTtlMs);
        }
        if (toolsListPageSize < 0) {
            throw new IllegalArgumentException("imcp.tools-list-page-size must be 0 (one page) or a number of tools, was "
                    + toolsListPageSize);
        }
        if (keepAliveMs < 100) {
            throw new IllegalArgumentException("imcp.keep-alive-ms must be at least 100 (milliseconds), was " + keepAliveMs);
        }
    }

    /**
     * Reads the {@code imcp} node of {@code root}.
     *
     * @param root the root configuration
     * @return the settings
     * @throws IllegalArgumentException when a value is malformed (the message names the key)
     */
    public static RuntimeConfig from(Config root) {
        Config imcp = root.get("imcp");
        List<ApiKey> keys = ApiKey.list(imcp.get("auth.api-keys"), "imcp.auth.api-keys");
        Map<String, ServiceConfig> services = new LinkedHashMap<>();
        for (Config s : imcp.get("services").asNodeList().orElse(List.of())) {
            services.put(s.name(), ServiceConfig.from(s));
        }
        int idleMinutes = imcp.get("session-idle-minutes").asInt().orElse(30);
        if (idleMinutes <= 0) {
            throw new IllegalArgumentException("imcp.session-idle-minutes must be a positive number of minutes");
        }
        int timeoutSeconds = imcp.get("request-timeout-seconds").asInt().orElse(120);
        if (timeoutSeconds <= 0) {
            throw new IllegalArgumentException("imcp.request-timeout-seconds must be a positive number of seconds");
        }
        int depth = imcp.get("max-json-depth").asInt().orElse(100);
        if (depth < 8) {
            throw new IllegalArgumentException("imcp.max-json-depth must be at least 8, was " + depth);
        }
        int perCaller = imcp.get("session.max-per-caller").asInt().orElse(1000);
        if (perCaller <= 0) {
            throw new IllegalArgumentException("imcp.session.max-per-caller must be positive, was " + perCaller);
        }
        return new RuntimeConfig(
                imcp.get("server-name").asString().filter(s -> !s.isBlank()).orElse(null),
                imcp.get("server-version").asString().filter(s -> !s.isBlank()).orElse(null),
                imcp.get("instructions").asString().filter(s -> !s.isBlank()).orElse(null),
                keys,
                imcp.get("audit.file").asString().filter(s -> !s.isBlank()).orElse(null),
                imcp.get("audit.sink").asString().map(String::strip).filter(s -> !s.isEmpty()).orElse("stderr"),
                imcp.get("audit.queue-capacity").asInt().orElse(dev.imcp.runtime.audit.AuditLog.DEFAULT_QUEUE_CAPACITY),
                imcp.get("audit.max-argument-bytes").asInt().orElse(dev.imcp.runtime.audit.AuditLog.DEFAULT_MAX_ARGUMENT_BYTES),
                new LinkedHashSet<>(imcp.get("allowed-origins").asList(String.class).orElse(List.of())),
                services,
                java.time.Duration.ofMinutes(idleMinutes),
                java.time.Duration.ofSeconds(timeoutSeconds),
                depth,
                imcp.get("tools-list-ttl-ms").asLong().orElse(300_000L),
                imcp.get("keep-alive-ms").asLong().orElse(15_000L),
                imcp.get("session.secret").asString().filter(v -> !v.isBlank())
                        .map(v -> v.getBytes(java.nio.charset.StandardCharsets.UTF_8)).orElse(null),
                sessionTtl(imcp),
                perCaller,
                JwtConfig.from(imcp.get("auth.jwt")),
                imcp.get("auth.required-scopes").asList(String.class).orElse(List.of()).stream().map(String::strip).toList(),
                PolicyRule.list(imcp.get("policy.rules")),
                RateLimits.from(imcp.get("rate-limits")),
                imcp.get("audit.max-file-bytes").asLong().orElse(0L),
                imcp.get("audit.max-files").asInt().orElse(dev.imcp.runtime.audit.AuditLog.DEFAULT_MAX_FILES),
                imcp.get("auth.api-keys-file").asString().map(String::strip).filter(f -> !f.isEmpty())
                        .map(f -> new ApiKeysFile(java.nio.file.Path.of(f), java.time.Duration.ofSeconds(
                                imcp.get("auth.api-keys-reload-seconds").asLong().orElse(5L)))).orElse(null),
                imcp.get("tools-list-page-size").asInt().orElse(0));
    }

    private static java.time.Duration sessionTtl(Config imcp) {
        String text = imcp.get("session.ttl").asString().map(String::strip).orElse("PT24H");
        java.time.Duration ttl;
        try {
            ttl = java.time.Duration.parse(text);
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("imcp.session.ttl must be an ISO-8601 duration such as PT24H or PT30M, was " + text);
        }
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("imcp.session.ttl must be positive, was " + text);
        }
        return ttl;
    }

    /** Returns a copy of {@code imcp.session.secret}'s bytes, or {@code null} when unset. */
    @Override
    public byte[] sessionSecret() {
        return sessionSecret == null ? null : sessionSecret.clone();
    }

    /** Returns whether HTTP callers must authenticate: API keys or {@code imcp.auth.jwt} are configured. */
    public boolean authenticationEnabled() {
        return !apiKeys.isEmpty() || jwt != null || apiKeysFile != null;
    }

    /** Returns the configuration of {@code serviceId}, or an empty one when none is configured. */
    public ServiceConfig service(String serviceId) {
        ServiceConfig configured = services.get(serviceId);
        return configured != null ? configured : ServiceConfig.empty(serviceId); // built only when needed: per call
    }

    /** Returns every configured outbound secret value of every service, for redaction. */
    public List<String> secrets() {
        List<String> out = new ArrayList<>();
        services.values().forEach(s -> out.addAll(s.secrets()));
        return out;
    }
}
