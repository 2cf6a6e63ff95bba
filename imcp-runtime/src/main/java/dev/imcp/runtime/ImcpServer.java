package dev.imcp.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imcp.runtime.audit.AuditLog;
import dev.imcp.runtime.audit.Redactor;
import dev.imcp.runtime.config.RuntimeConfig;
import dev.imcp.runtime.mcp.McpDispatcher;
import dev.imcp.runtime.mcp.McpHttpService;
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
import io.helidon.config.Config;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * A running iMCP adapter: the MCP endpoint {@code /mcp} on a Helidon SE web server, with identity, policy,
 * audit and upstream clients wired from configuration.
 */
public final class ImcpServer implements AutoCloseable {

    /** The MCP endpoint path. */
    public static final String MCP_PATH = "/mcp";

    private static final System.Logger LOG = System.getLogger(ImcpServer.class.getName());

    private final WebServer server;
    private final AuditLog audit;
    private final String host;

    private ImcpServer(WebServer server, AuditLog audit, String host) {
        this.server = server;
        this.audit = audit;
        this.host = host;
    }

    /**
     * Starts a server with the tool providers registered for {@link ServiceLoader}
     * ({@code META-INF/services/dev.imcp.runtime.spi.ToolProvider}).
     *
     * @param config the root configuration ({@code server} and {@code imcp} nodes)
     * @return the running server
     * @throws IllegalArgumentException when a configuration value is malformed (the message names the key)
     * @throws IllegalStateException when a service has no address or two tools share a name
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
     * @throws IllegalStateException when a service has no address or two tools share a name
     */
    public static ImcpServer start(Config config, List<ToolProvider> providers) {
        RuntimeConfig rc = RuntimeConfig.from(config);
        ObjectMapper mapper = JsonMapping.create();
        Redactor redactor = new Redactor(rc.secrets());
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
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
                new ToolCaller(registry, mapper, audit, redactor), rc.serverName(), version(), rc.instructions());
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
            WebServer server = builder.build().start();
            LOG.log(System.Logger.Level.INFO, "iMCP started with " + registry.size() + " tool(s)");
            return new ImcpServer(server, audit, host);
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
        ImcpServer server = start(Config.create());
        LOG.log(System.Logger.Level.INFO, "iMCP serving MCP at http://" + server.host() + ":" + server.port() + MCP_PATH);
    }

    private static String version() {
        String v = ImcpServer.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0-SNAPSHOT" : v;
    }
}
