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
 *   <li>{@code imcp.instructions}, {@code imcp.auth.api-keys}, {@code imcp.audit.file}, {@code imcp.allowed-origins},
 *       {@code imcp.services.<id>}, {@code imcp.session-idle-minutes}: see the components below.</li>
 * </ul>
 *
 * @param serverName {@code imcp.server-name}, or {@code null} when absent or blank
 * @param serverVersion {@code imcp.server-version}, or {@code null} when absent or blank
 * @param instructions {@code imcp.instructions}: the optional {@code instructions} sent in {@code initialize}, or {@code null}
 * @param apiKeys {@code imcp.auth.api-keys}: accepted inbound keys; empty disables authentication
 * @param auditFile {@code imcp.audit.file}: the JSON-lines audit file, or {@code null} for standard output
 * @param allowedOrigins {@code imcp.allowed-origins}: host names (or full origins) accepted in an {@code Origin}
 *     header besides loopback
 * @param services {@code imcp.services.<id>} by service id
 * @param sessionIdleTimeout {@code imcp.session-idle-minutes} (default 30): an MCP session without a request for
 *     this long expires
 */
public record RuntimeConfig(
        String serverName,
        String serverVersion,
        String instructions,
        List<ApiKey> apiKeys,
        String auditFile,
        Set<String> allowedOrigins,
        Map<String, ServiceConfig> services,
        java.time.Duration sessionIdleTimeout) {

    /** Checks the required components and copies the collections. */
    public RuntimeConfig {
        apiKeys = List.copyOf(apiKeys);
        allowedOrigins = Set.copyOf(allowedOrigins);
        services = Map.copyOf(services);
        Objects.requireNonNull(sessionIdleTimeout, "sessionIdleTimeout");
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
        List<ApiKey> keys = new ArrayList<>();
        for (Config k : imcp.get("auth.api-keys").asNodeList().orElse(List.of())) {
            String name = k.get("name").asString().orElseThrow(
                    () -> new IllegalArgumentException("imcp.auth.api-keys." + k.name() + ".name is required"));
            String hash = k.get("sha256").asString().orElseThrow(
                    () -> new IllegalArgumentException("imcp.auth.api-keys." + k.name() + ".sha256 is required"));
            keys.add(new ApiKey(name, hash));
        }
        Map<String, ServiceConfig> services = new LinkedHashMap<>();
        for (Config s : imcp.get("services").asNodeList().orElse(List.of())) {
            services.put(s.name(), ServiceConfig.from(s));
        }
        int idleMinutes = imcp.get("session-idle-minutes").asInt().orElse(30);
        if (idleMinutes <= 0) {
            throw new IllegalArgumentException("imcp.session-idle-minutes must be a positive number of minutes");
        }
        return new RuntimeConfig(
                imcp.get("server-name").asString().filter(s -> !s.isBlank()).orElse(null),
                imcp.get("server-version").asString().filter(s -> !s.isBlank()).orElse(null),
                imcp.get("instructions").asString().filter(s -> !s.isBlank()).orElse(null),
                keys,
                imcp.get("audit.file").asString().filter(s -> !s.isBlank()).orElse(null),
                new LinkedHashSet<>(imcp.get("allowed-origins").asList(String.class).orElse(List.of())),
                services,
                java.time.Duration.ofMinutes(idleMinutes));
    }

    /** Returns the configuration of {@code serviceId}, or an empty one when none is configured. */
    public ServiceConfig service(String serviceId) {
        return services.getOrDefault(serviceId, ServiceConfig.empty(serviceId));
    }

    /** Returns every configured outbound secret value of every service, for redaction. */
    public List<String> secrets() {
        List<String> out = new ArrayList<>();
        services.values().forEach(s -> out.addAll(s.secrets()));
        return out;
    }
}
