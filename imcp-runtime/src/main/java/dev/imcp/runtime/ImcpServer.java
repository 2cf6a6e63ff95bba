package dev.imcp.runtime;

import dev.imcp.runtime.config.RuntimeConfig;
import dev.imcp.runtime.config.ServerInfo;
import dev.imcp.runtime.mcp.ProtocolVersions;
import dev.imcp.runtime.security.OriginCheck;
import dev.imcp.runtime.spi.ToolProvider;
import dev.imcp.runtime.transport.http.StreamableHttpTransport;
import io.helidon.config.Config;
import io.helidon.cors.CrossOriginConfig;
import io.helidon.logging.common.LogConfig;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.cors.CorsSupport;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * A running iMCP adapter: the MCP endpoint {@code /mcp} on a Helidon SE web server (the Streamable HTTP
 * transport in front of an {@link AdapterRuntime}), with identity, policy, audit and upstream clients wired from
 * configuration. {@link #runtime} builds the same adapter without a web server.
 *
 * <p>Server keys besides Helidon's own: {@code server.host} (default {@code 127.0.0.1}), {@code server.port}
 * (default 8080), {@code server.max-payload-size} (Helidon's request body limit, default
 * {@value #DEFAULT_MAX_PAYLOAD} bytes; larger bodies are 413) and {@code server.cors.allowed-origins} (origins,
 * e.g. {@code https://app.example.com}, whose browsers may call the endpoint; none by default).
 *
 * <p>Once it listens, the server logs one INFO line on logger {@code dev.imcp.runtime.ImcpServer}, e.g.
 * {@code iMCP adapter my-adapter 1.0 serving MCP at http://127.0.0.1:8080/mcp (revisions 2024-11-05, 2025-03-26,
 * 2025-06-18, 2025-11-25; 7 tools; ready 1.3 s after JVM start)}: the adapter's {@link ServerInfo}, the endpoint,
 * the MCP revisions it negotiates (oldest first), the number of tools the allow and deny lists publish, and the
 * seconds since the JVM started. A WARNING precedes it when authentication is disabled.
 */
public final class ImcpServer implements AutoCloseable {

    /** The MCP endpoint path. */
    public static final String MCP_PATH = "/mcp";

    private static final System.Logger LOG = System.getLogger(ImcpServer.class.getName());

    /** The default of {@code server.max-payload-size}: the largest request body accepted, 4 MiB (larger: 413). */
    public static final long DEFAULT_MAX_PAYLOAD = 4L * 1024 * 1024;

    private final WebServer server;
    private final AdapterRuntime runtime;
    private final String host;

    private ImcpServer(WebServer server, AdapterRuntime runtime, String host) {
        this.server = server;
        this.runtime = runtime;
        this.host = host;
    }

    /**
     * Starts a server with the tool providers registered for {@link ServiceLoader}
     * ({@code META-INF/services/dev.imcp.runtime.spi.ToolProvider}).
     *
     * @param config the root configuration ({@code server} and {@code imcp} nodes)
     * @return the running server
     * @throws IllegalArgumentException when a configuration value is malformed (the message names the key)
     * @throws IllegalStateException when a service has no address, two tools share a name, or
     *     {@code META-INF/imcp/adapter.json} is malformed
     */
    public static ImcpServer start(Config config) {
        return start(config, loadProviders());
    }

    /**
     * Builds the adapter without a web server (see {@link #runtime(Config, List)}) with the tool providers
     * registered for {@link ServiceLoader}: what a stdio transport starts from.
     *
     * @param config the root configuration (its {@code imcp} node)
     * @return the adapter; close it when done
     * @throws IllegalArgumentException when a configuration value is malformed (the message names the key)
     * @throws IllegalStateException when a service has no address, two tools share a name, or
     *     {@code META-INF/imcp/adapter.json} is malformed
     */
    public static AdapterRuntime runtime(Config config) {
        return runtime(config, loadProviders());
    }

    private static List<ToolProvider> loadProviders() {
        List<ToolProvider> providers = new ArrayList<>();
        ServiceLoader.load(ToolProvider.class).forEach(providers::add);
        return providers;
    }

    /**
     * Starts a server with the given tool providers.
     *
     * @param config the root configuration ({@code server} and {@code imcp} nodes)
     * @param providers the tool providers, in publication order
     * @return the running server
     * @throws IllegalArgumentException when a configuration value is malformed (the message names the key)
     * @throws IllegalStateException when a service has no address, two tools share a name, or
     *     {@code META-INF/imcp/adapter.json} is malformed
     */
    public static ImcpServer start(Config config, List<ToolProvider> providers) {
        AdapterRuntime runtime = runtime(config, providers);
        if (!runtime.authenticator().enabled()) {
            LOG.log(System.Logger.Level.WARNING, "imcp.auth.api-keys is empty: authentication is DISABLED and every caller "
                    + "is 'anonymous'. Configure API keys before exposing this server.");
        }
        Config serverConfig = config.get("server");
        String host = serverConfig.get("host").asString().orElse("127.0.0.1");
        Set<String> corsOrigins = new LinkedHashSet<>(serverConfig.get("cors.allowed-origins").asList(String.class).orElse(List.of()));
        Set<String> origins = new LinkedHashSet<>(runtime.config().allowedOrigins());
        origins.addAll(corsOrigins);
        StreamableHttpTransport mcp = new StreamableHttpTransport(MCP_PATH, runtime.mapper(), runtime.endpoint(),
                runtime.authenticator(), new OriginCheck(origins, OriginCheck.isLoopback(host)),
                java.time.Duration.ofMillis(runtime.config().keepAliveMs()));
        WebServerConfig.Builder builder = WebServer.builder()
                .config(serverConfig)
                .host(host)
                .port(serverConfig.get("port").asInt().orElse(8080))
                .routing(r -> {
                    if (!corsOrigins.isEmpty()) {
                        r.register(MCP_PATH, cors(corsOrigins));
                    }
                    r.register(mcp);
                });
        if (serverConfig.get("max-payload-size").asLong().isEmpty()) {
            builder.maxPayloadSize(DEFAULT_MAX_PAYLOAD);
        }
        try {
            ImcpServer started = new ImcpServer(builder.build().start(), runtime, host);
            LOG.log(System.Logger.Level.INFO, readyMessage(runtime.serverInfo(), started.uri(), runtime.publishedTools(),
                    ManagementFactory.getRuntimeMXBean().getUptime()));
            return started;
        } catch (RuntimeException e) {
            runtime.close();
            throw e;
        }
    }

    /**
     * Builds the adapter without any transport and without starting a web server: what a stdio transport or an
     * embedding application drives through {@link AdapterRuntime#endpoint()}. Close it when done.
     *
     * @param config the root configuration (its {@code imcp} node)
     * @param providers the tool providers, in publication order
     * @return the adapter
     * @throws IllegalArgumentException when a configuration value is malformed (the message names the key)
     * @throws IllegalStateException when a service has no address, two tools share a name, or
     *     {@code META-INF/imcp/adapter.json} is malformed
     */
    public static AdapterRuntime runtime(Config config, List<ToolProvider> providers) {
        RuntimeConfig rc = RuntimeConfig.from(config);
        return AdapterRuntime.create(rc, ServerInfo.resolve(rc, classLoader()), providers);
    }

    /**
     * Returns Helidon's CORS support for the endpoint (Fetch Standard, "CORS protocol"): preflights from
     * {@code origins} are answered with {@code Access-Control-Allow-Origin}, {@code -Methods} ({@code POST, GET,
     * DELETE}), {@code -Headers} (the MCP and auth headers) and {@code Access-Control-Max-Age}; responses expose
     * {@code Mcp-Session-Id}. Other origins' preflights are refused (403).
     */
    private static CorsSupport cors(Set<String> origins) {
        return CorsSupport.builder()
                .addCrossOrigin(CrossOriginConfig.builder()
                        .allowOrigins(origins.toArray(String[]::new))
                        .allowMethods("POST", "GET", "DELETE")
                        .allowHeaders("Content-Type", "Accept", "Authorization", "Mcp-Session-Id",
                                "MCP-Protocol-Version", "Last-Event-ID", "traceparent", "tracestate")
                        .exposeHeaders("Mcp-Session-Id")
                        .maxAgeSeconds(600)
                        .build())
                .build();
    }

    /** Returns the port the server listens on (the chosen one when {@code server.port} is 0). */
    public int port() {
        return server.port();
    }

    /** Returns the host name or address the server listens on ({@code server.host}). */
    public String host() {
        return host;
    }

    /** Returns the MCP endpoint, {@code http://<host>:<port>/mcp} (an IPv6 host in brackets). */
    public URI uri() {
        String h = host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
        return URI.create("http://" + h + ":" + port() + MCP_PATH);
    }

    /** Returns the adapter's name and version, as sent in {@code serverInfo}. */
    public ServerInfo serverInfo() {
        return runtime.serverInfo();
    }

    /** Stops the server and flushes the audit log. */
    @Override
    public void close() {
        server.stop();
        runtime.close();
    }

    /**
     * Starts a server from {@code Config.create()} ({@code application.yaml} on the class path, environment
     * variables, system properties) and the providers on the class path.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        // Apply logging.properties before anything logs, so every start-up line has the configured format and levels.
        LogConfig.configureRuntime();
        start(Config.create());
    }

    /** The start-up line; {@code uptimeMillis} is the JVM's uptime when the server listens. */
    static String readyMessage(ServerInfo info, URI uri, int tools, long uptimeMillis) {
        return String.format(Locale.ROOT,
                "iMCP adapter %s %s serving MCP at %s (revisions %s; %d %s; ready %.1f s after JVM start)",
                info.name(), info.version(), uri, String.join(", ", ProtocolVersions.SUPPORTED.reversed()),
                tools, tools == 1 ? "tool" : "tools", uptimeMillis / 1000.0);
    }

    /** The loader that sees the adapter's resources: the context loader, as {@link ServiceLoader#load(Class)} uses. */
    private static ClassLoader classLoader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : ImcpServer.class.getClassLoader();
    }
}
