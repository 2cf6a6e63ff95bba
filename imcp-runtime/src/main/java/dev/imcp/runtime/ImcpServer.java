package dev.imcp.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imcp.runtime.audit.AuditLog;
import dev.imcp.runtime.audit.Redactor;
import dev.imcp.runtime.config.RuntimeConfig;
import dev.imcp.runtime.config.ServerInfo;
import dev.imcp.runtime.mcp.McpDispatcher;
import dev.imcp.runtime.mcp.McpHttpService;
import dev.imcp.runtime.mcp.ProtocolVersions;
import dev.imcp.runtime.mcp.SessionStore;
import dev.imcp.runtime.mcp.ToolCaller;
import dev.imcp.runtime.mcp.ToolRegistry;
import dev.imcp.runtime.policy.ToolPolicy;
import dev.imcp.runtime.security.ApiKeyAuthenticator;
import dev.imcp.runtime.security.OriginCheck;
import dev.imcp.runtime.spi.ServiceDescriptor;
import dev.imcp.runtime.spi.Tool;
import dev.imcp.runtime.spi.ToolProvider;
import dev.imcp.runtime.upstream.DefaultUpstreamContext;
import dev.imcp.runtime.upstream.JsonMapping;
import dev.imcp.runtime.upstream.LazyHttpClient;
import io.helidon.config.Config;
import io.helidon.logging.common.LogConfig;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;

/**
 * A running iMCP adapter: the MCP endpoint {@code /mcp} on a Helidon SE web server, with identity, policy,
 * audit and upstream clients wired from configuration.
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

    private final WebServer server;
    private final AuditLog audit;
    private final String host;
    private final ServerInfo info;

    private ImcpServer(WebServer server, AuditLog audit, String host, ServerInfo info) {
        this.server = server;
        this.audit = audit;
        this.host = host;
        this.info = info;
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
        List<ToolProvider> providers = new ArrayList<>();
        ServiceLoader.load(ToolProvider.class).forEach(providers::add);
        return start(config, providers);
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
        RuntimeConfig rc = RuntimeConfig.from(config);
        ServerInfo info = ServerInfo.resolve(rc, classLoader());
        ObjectMapper mapper = JsonMapping.create();
        Redactor redactor = new Redactor(rc.secrets());
        HttpClient client = new LazyHttpClient(Duration.ofSeconds(10));
        List<Tool<?, ?>> tools = new ArrayList<>();
        for (ToolProvider provider : providers) {
            ServiceDescriptor service = provider.service();
            DefaultUpstreamContext context = new DefaultUpstreamContext(service, rc.service(service.id()), client, mapper);
            if (!"wsdl".equals(service.kind())) {
                context.http(); // fail at start-up, naming the key, when a REST service has no base URL
            }
            tools.addAll(provider.tools(context));
        }
        ToolRegistry registry = new ToolRegistry(tools, new ToolPolicy(rc), mapper);
        ApiKeyAuthenticator authenticator = new ApiKeyAuthenticator(rc.apiKeys());
        if (!authenticator.enabled()) {
            LOG.log(System.Logger.Level.WARNING, "imcp.auth.api-keys is empty: authentication is DISABLED and every caller "
                    + "is 'anonymous'. Configure API keys before exposing this server.");
        }
        AuditLog audit;
        try {
            audit = new AuditLog(rc.auditFile(), redactor);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open imcp.audit.file " + rc.auditFile(), e);
        }
        SessionStore sessions = new SessionStore(rc.sessionIdleTimeout());
        McpDispatcher dispatcher = new McpDispatcher(mapper, sessions, registry,
                new ToolCaller(registry, mapper, audit, redactor), info.name(), info.version(), rc.instructions());
        McpHttpService mcp = new McpHttpService(MCP_PATH, mapper, dispatcher, sessions, authenticator,
                new OriginCheck(rc.allowedOrigins(),
                        OriginCheck.isLoopback(config.get("server.host").asString().orElse("127.0.0.1"))));

        Config serverConfig = config.get("server");
        String host = serverConfig.get("host").asString().orElse("127.0.0.1");
        WebServerConfig.Builder builder = WebServer.builder()
                .config(serverConfig)
                .host(host)
                .port(serverConfig.get("port").asInt().orElse(8080))
                .routing(r -> r.register(mcp));
        try {
            ImcpServer started = new ImcpServer(builder.build().start(), audit, host, info);
            LOG.log(System.Logger.Level.INFO, readyMessage(info, started.uri(), registry.publishedCount(),
                    ManagementFactory.getRuntimeMXBean().getUptime()));
            return started;
        } catch (RuntimeException e) {
            audit.close();
            throw e;
        }
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
        return info;
    }

    /** Stops the server and flushes the audit log. */
    @Override
    public void close() {
        server.stop();
        audit.close();
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
