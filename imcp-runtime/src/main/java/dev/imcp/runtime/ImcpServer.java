package dev.imcp.runtime;

import dev.imcp.runtime.config.EnvironmentKeys;
import dev.imcp.runtime.config.RuntimeConfig;
import dev.imcp.runtime.config.ServerInfo;
import dev.imcp.runtime.config.ServiceConfig;
import dev.imcp.runtime.mcp.ProtocolVersions;
import dev.imcp.runtime.security.OriginCheck;
import dev.imcp.runtime.spi.ToolProvider;
import dev.imcp.runtime.transport.http.ProtectedResourceMetadata;
import dev.imcp.runtime.transport.http.RequestHeadDeadline;
import dev.imcp.runtime.transport.http.StreamableHttpTransport;
import dev.imcp.runtime.transport.http.ToolCatalog;
import dev.imcp.runtime.transport.rest.FacadeOpenApi;
import dev.imcp.runtime.transport.rest.RestFacade;
import dev.imcp.runtime.transport.stdio.StdioTransport;
import io.helidon.config.Config;
import io.helidon.cors.CrossOriginConfig;
import io.helidon.logging.common.LogConfig;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.cors.CorsSupport;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A running iMCP adapter: the MCP endpoint {@code /mcp} on a Helidon SE web server (the Streamable HTTP
 * transport in front of an {@link AdapterRuntime}), with identity, policy, audit and upstream clients wired from
 * configuration. {@link #runtime} builds the same adapter without a web server; {@link #stdio(Config)} serves it
 * on standard input and output instead ({@code --stdio}).
 *
 * <p>Server keys besides Helidon's own: {@code server.host} (default {@code 127.0.0.1}), {@code server.port}
 * (default 8080), {@code imcp.rest-facade.enabled} ({@code false} by default: {@code true} adds the
 * {@link RestFacade}'s {@code GET /tools}, {@code POST /tools/<name>} and {@code GET /openapi} behind the same API
 * keys, tokens, policy, limits and audit), {@code server.max-payload-size} (Helidon's request body limit, default
 * {@value #DEFAULT_MAX_PAYLOAD} bytes; larger bodies are 413), {@code server.cors.allowed-origins} (origins,
 * e.g. {@code https://app.example.com}, whose browsers may call the endpoint; none by default),
 * {@code imcp.catalog.enabled} ({@code true} by default: the adapter's tool catalog page at {@code /catalog}, behind
 * the same API keys and tokens as {@code /mcp}, see {@link ToolCatalog}),
 * {@code server.max-tcp-connections} (Helidon's limit of open connections, default {@link #defaultMaxConnections()})
 * and {@code server.shutdown-grace-period} (Helidon's drain time at shutdown, default
 * {@link #DEFAULT_SHUTDOWN_GRACE}). With {@code imcp.auth.jwt} the server also answers
 * {@code GET /.well-known/oauth-protected-resource} ({@link ProtectedResourceMetadata}, RFC 9728) without
 * authentication.
 *
 * <p>Connection limit: Helidon 4.3 takes a slot before each {@code accept}, so with every slot held the listener
 * stops accepting; later connections wait in the kernel's accept queue ({@code server.backlog}, default 1024; beyond
 * it the kernel drops the handshake and the client's connect times out) and are served in order as held connections
 * close, by their client, after Helidon's {@code server.idle-connection-timeout} (default 5 minutes) when they wait
 * for a request line, or after {@code server.request-head-timeout} (default {@link #DEFAULT_REQUEST_HEAD_TIMEOUT},
 * {@link RequestHeadDeadline}) when they sent a request line but not its headers, which Helidon's idle timeout
 * would never close. Without a
 * limit a flood of idle connections used every file descriptor, and Helidon's listener stopped for good on the
 * {@code accept} failure ("Too many open files"): {@code ServerListener.listen} in Helidon 4.3.0.
 *
 * <p>Shutdown: a JVM shutdown (SIGTERM, SIGINT, {@link System#exit}) runs {@link #close()} through Helidon's shutdown
 * handlers ({@code io.helidon.Main.addShutdownHandler}): the listener closes at once (new connections are refused),
 * open connections take no new request, requests in flight get up to {@code server.shutdown-grace-period} to finish
 * (then Helidon interrupts them and closes their connections), and the audit log is flushed with their events
 * (Helidon's {@code ServerListener.stop}: its {@code shutdown-grace-period} is how long it waits for the connection
 * threads). {@link #main} also makes SIGTERM exit with status 0 (see {@link #exitZeroOnSigterm()}).
 *
 * <p>Once it listens, the server logs one INFO line on logger {@code dev.imcp.runtime.ImcpServer}, e.g.
 * {@code iMCP adapter my-adapter 1.0 serving MCP at http://127.0.0.1:8080/mcp (revisions 2024-11-05, 2025-03-26,
 * 2025-06-18, 2025-11-25; 7 tools; ready 1.3 s after JVM start)}: the adapter's {@link ServerInfo}, the endpoint,
 * the MCP revisions it negotiates (oldest first), the number of tools the allow and deny lists publish, and the
 * seconds since the JVM started. A WARNING precedes it when authentication is disabled.
 */
public final class ImcpServer implements AutoCloseable {

    /** The command-line argument that selects the stdio transport. */
    public static final String STDIO_ARG = "--stdio";

    /** The command-line argument that makes the process a training run for the JVM's ahead-of-time cache. */
    public static final String TRAINING_RUN_ARG = "--training-run";

    /** The MCP endpoint path. */
    public static final String MCP_PATH = "/mcp";

    private static final System.Logger LOG = System.getLogger(ImcpServer.class.getName());

    /** The default of {@code server.max-payload-size}: the largest request body accepted, 4 MiB (larger: 413). */
    public static final long DEFAULT_MAX_PAYLOAD = 4L * 1024 * 1024;

    /** The most connections {@code server.max-tcp-connections} defaults to (see {@link #defaultMaxConnections()}). */
    public static final int DEFAULT_MAX_CONNECTIONS = 1000;

    /** The default of {@code server.request-head-timeout}: how long a request's headers may take after its request line. */
    public static final Duration DEFAULT_REQUEST_HEAD_TIMEOUT = Duration.ofSeconds(20);

    /** The default of {@code server.shutdown-grace-period}: how long requests in flight may finish at shutdown. */
    public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(10);

    /** The server keys besides the {@code imcp} ones that an environment variable may set (see {@link #keys}). */
    private static final List<String> SERVER_KEYS = List.of("server.host", "server.port", "server.max-payload-size",
            "server.max-tcp-connections", "server.shutdown-grace-period", "server.backlog",
            "server.idle-connection-timeout", "server.request-head-timeout");

    private final WebServer server;
    private final AdapterRuntime runtime;
    private final String host;
    private final RequestHeadDeadline headDeadline;

    private final ShutdownHandler onShutdown = new ShutdownHandler(this);

    /**
     * Closes the server when the JVM shuts down, at Helidon's default weight ({@link io.helidon.common.Weighted#DEFAULT_WEIGHT}):
     * Helidon runs its shutdown handlers by weight, highest first, so a handler of lower weight (what must outlive
     * the adapter's calls in flight, such as upstreams embedded in the same process) runs after it. A handler that
     * states no weight sorts after every weighted one ({@code io.helidon.common.Weights.weightComparator}): this one
     * used to, and so ran after the sample's embedded upstreams had stopped, its calls in flight refused.
     */
    private record ShutdownHandler(ImcpServer server) implements io.helidon.spi.HelidonShutdownHandler,
            io.helidon.common.Weighted {
        @Override
        public void shutdown() {
            LOG.log(System.Logger.Level.INFO, "Shutting down: no new connections; requests in flight may finish within "
                    + "server.shutdown-grace-period, then the audit log is flushed");
            server.close();
            LOG.log(System.Logger.Level.INFO, "iMCP adapter stopped");
        }

        @Override
        public double weight() {
            return DEFAULT_WEIGHT;
        }
    }

    /** Returns the handler that closes this server at JVM shutdown (registered with {@code io.helidon.Main}). */
    io.helidon.spi.HelidonShutdownHandler shutdownHandler() {
        return onShutdown;
    }

    private ImcpServer(WebServer server, AdapterRuntime runtime, String host, RequestHeadDeadline headDeadline) {
        this.server = server;
        this.runtime = runtime;
        this.host = host;
        this.headDeadline = headDeadline;
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

    /**
     * Returns the tool providers registered for {@link ServiceLoader}
     * ({@code META-INF/services/dev.imcp.runtime.spi.ToolProvider}) in the context class loader.
     *
     * @return the providers, in class-path order
     */
    public static List<ToolProvider> providers() {
        return loadProviders();
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
        return start(config, providers, null);
    }

    /** Starts a server; {@code port}, when not {@code null}, replaces {@code server.port} (0: any free port). */
    static ImcpServer start(Config config, List<ToolProvider> providers, Integer port) {
        AdapterRuntime runtime = runtime(config, providers);
        if (!runtime.authenticator().enabled()) {
            LOG.log(System.Logger.Level.WARNING, "imcp.auth.api-keys is empty and imcp.auth.jwt is not set: authentication "
                    + "is DISABLED and every caller is 'anonymous'. Configure API keys or JWT before exposing this server.");
        }
        Config serverConfig = config.get("server");
        String host = serverConfig.get("host").asString().orElse("127.0.0.1");
        Set<String> corsOrigins = new LinkedHashSet<>(serverConfig.get("cors.allowed-origins").asList(String.class).orElse(List.of()));
        Set<String> origins = new LinkedHashSet<>(runtime.config().allowedOrigins());
        origins.addAll(corsOrigins);
        OriginCheck originCheck = new OriginCheck(origins, OriginCheck.isLoopback(host));
        StreamableHttpTransport mcp = new StreamableHttpTransport(MCP_PATH, runtime.mapper(), runtime.endpoint(),
                runtime.authenticator(), originCheck, java.time.Duration.ofMillis(runtime.config().keepAliveMs()));
        boolean restFacade = config.get("imcp.rest-facade.enabled").asBoolean().orElse(false);
        boolean catalog = config.get("imcp.catalog.enabled").asBoolean().orElse(true);
        WebServerConfig.Builder builder = WebServer.builder()
                .config(serverConfig)
                .host(host)
                .port(port != null ? port : serverConfig.get("port").asInt().orElse(8080))
                .routing(r -> {
                    r.addFilter(ImcpServer::ambiguousFraming);
                    if (!corsOrigins.isEmpty()) {
                        r.register(MCP_PATH, cors(corsOrigins));
                    }
                    r.register(mcp);
                    if (catalog) {
                        r.register(new ToolCatalog(ToolCatalog.load(classLoader()), runtime.authenticator(), originCheck,
                                runtime::visibleTools));
                    }
                    if (runtime.config().jwt() != null) {
                        r.register(new ProtectedResourceMetadata(runtime.config(), runtime.serverInfo().name(),
                                runtime.mapper()));
                    }
                    if (restFacade) {
                        r.register(new RestFacade(runtime.mapper(), runtime.endpoint(), runtime.authenticator(), originCheck,
                                runtime::hasTool, new FacadeOpenApi(runtime.mapper(), runtime.serverInfo().name(),
                                        runtime.serverInfo().version())));
                    }
                });
        if (serverConfig.get("max-payload-size").asLong().isEmpty()) {
            builder.maxPayloadSize(DEFAULT_MAX_PAYLOAD);
        }
        if (serverConfig.get("max-tcp-connections").asInt().isEmpty()) {
            builder.maxTcpConnections(defaultMaxConnections());
        }
        if (serverConfig.get("shutdown-grace-period").asString().isEmpty()) {
            builder.shutdownGracePeriod(DEFAULT_SHUTDOWN_GRACE);
        }
        RequestHeadDeadline headDeadline;
        try {
            Duration headTimeout = requestHeadTimeout(serverConfig);
            headDeadline = headTimeout.isZero() ? null : new RequestHeadDeadline(headTimeout);
        } catch (IllegalArgumentException e) {
            runtime.close();
            throw e;
        }
        if (headDeadline != null) {
            // Helidon's own HTTP/1.1 settings (server.protocols.http_1_1), with the deadline as a receive listener
            builder.addProtocol(io.helidon.webserver.http1.Http1Config.builder()
                    .config(serverConfig.get("protocols.http_1_1"))
                    .addReceiveListener(headDeadline)
                    .build());
        }
        // Helidon's own shutdown hook would stop the listener concurrently with the audit flush; close() does both in order.
        builder.shutdownHook(false);
        int listenPort = port != null ? port : serverConfig.get("port").asInt().orElse(8080);
        try {
            WebServer server = builder.build().start();
            if (!server.isRunning()) {
                // Helidon logs why (java.net.BindException: Address already in use) and returns a server that is not
                // running, on port -1; serving nothing must not look like serving.
                throw new IllegalStateException("the web server could not listen on " + host + ":" + listenPort
                        + " (Helidon logged the cause above; most often the port is in use): stop what holds it, or"
                        + " set another port with server.port (environment: SERVER_PORT; 0 takes a free one)");
            }
            ImcpServer started = new ImcpServer(server, runtime, host, headDeadline);
            releaseStartupMemoryLater(config);
            io.helidon.Main.addShutdownHandler(started.onShutdown);
            LOG.log(System.Logger.Level.INFO, readyMessage(runtime.serverInfo(), started.uri(), runtime.publishedTools(),
                    runtime.contracts().summary(), ProcessFacts.uptimeMillis()));
            return started;
        } catch (RuntimeException e) {
            runtime.close();
            if (headDeadline != null) {
                headDeadline.close();
            }
            throw e;
        }
    }

    /**
     * With {@code imcp.release-startup-memory} (default {@code true}), runs one full garbage collection
     * {@link #RELEASE_STARTUP_MEMORY_AFTER} after the first adapter of the process is ready, on a daemon thread of
     * its own: what start-up allocated and no longer needs (configuration trees, contract and schema texts, class
     * initialization) is freed, and the JVM's collector gives back the heap it then leaves unused: for this one
     * collection the heap is fitted to what is live ({@link HeapFreeRatios}; G1 otherwise keeps 70% of its heap free
     * after a full collection, {@code MaxHeapFreeRatio}). An adapter idles most of its life, and without a collection
     * it would keep start-up's high-water mark as resident memory: the sample adapter was 148 MiB resident after its
     * first {@code tools/list}, 108 MiB with the collection; an adapter of 1,063 tools (Kubernetes' API) 292 MiB
     * without the fitting, 176 MiB with it fitted to 20% free and 138 MiB (with its schemas held once) to 10%. The collection is one pause of about 60 ms (2 cores);
     * run after the adapter is ready, it does not delay the first answers (start-up to the first {@code tools/list}
     * was 30 to 100 ms shorter than with the collection before the listener opened). Once per process: a further
     * adapter of the same JVM (tests) does not collect again. Without effect under {@code -XX:+DisableExplicitGC}.
     *
     * @param config the configuration
     */
    static void releaseStartupMemoryLater(Config config) {
        if (config.get("imcp.release-startup-memory").asBoolean().orElse(true) && !STARTUP_MEMORY_RELEASED.get()) {
            Thread.ofPlatform().daemon().name("imcp-release-startup-memory").start(() -> {
                try {
                    Thread.sleep(RELEASE_STARTUP_MEMORY_AFTER);
                } catch (InterruptedException e) {
                    return;
                }
                releaseStartupMemory(config);
            });
        }
    }

    /** How long after the adapter is ready {@link #releaseStartupMemoryLater} collects: 1 s. */
    static final Duration RELEASE_STARTUP_MEMORY_AFTER = Duration.ofSeconds(1);

    /** Runs the collection of {@link #releaseStartupMemoryLater} now, unless it ran already or is turned off. */
    static void releaseStartupMemory(Config config) {
        releaseStartupMemory(config, STARTUP_MEMORY_RELEASED);
    }

    /** Does what {@link #releaseStartupMemory(Config)} does, once per {@code done}; returns whether it collected. */
    static boolean releaseStartupMemory(Config config, AtomicBoolean done) {
        if (config.get("imcp.release-startup-memory").asBoolean().orElse(true) && done.compareAndSet(false, true)) {
            HeapFreeRatios.whileFitting(System::gc);
            return true;
        }
        return false;
    }

    private static final AtomicBoolean STARTUP_MEMORY_RELEASED = new AtomicBoolean();

    /**
     * Returns {@code server.request-head-timeout} (an ISO-8601 duration such as {@code PT20S}, or whole seconds;
     * default {@link #DEFAULT_REQUEST_HEAD_TIMEOUT}; 0 turns it off): how long a client may take, after a request line,
     * to send the request's headers before its connection is closed ({@link RequestHeadDeadline}).
     *
     * @throws IllegalArgumentException when the value is not a duration or is negative (the message names the key)
     */
    static Duration requestHeadTimeout(Config serverConfig) {
        String text = serverConfig.get("request-head-timeout").asString().map(String::strip).orElse("");
        if (text.isEmpty()) {
            return DEFAULT_REQUEST_HEAD_TIMEOUT;
        }
        Duration timeout;
        try {
            timeout = text.chars().allMatch(Character::isDigit) ? Duration.ofSeconds(Long.parseLong(text))
                    : Duration.parse(text);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("server.request-head-timeout must be a duration such as PT20S or a "
                    + "number of seconds, was '" + text + "'");
        }
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("server.request-head-timeout must not be negative, was " + text);
        }
        return timeout;
    }

    /**
     * Refuses a request that carries both {@code Content-Length} and {@code Transfer-Encoding} (RFC 9112, section
     * 6.1: the two disagree on where the message ends, the classic request-smuggling setup) with 400 and closes the
     * connection, so that bytes after its chunked body are never read as a next request.
     */
    private static void ambiguousFraming(io.helidon.webserver.http.FilterChain chain,
            io.helidon.webserver.http.RoutingRequest req, io.helidon.webserver.http.RoutingResponse res) {
        if (req.headers().contains(io.helidon.http.HeaderNames.CONTENT_LENGTH)
                && req.headers().contains(io.helidon.http.HeaderNames.TRANSFER_ENCODING)) {
            res.header(io.helidon.http.HeaderNames.CONNECTION, "close");
            res.status(io.helidon.http.Status.BAD_REQUEST_400).send();
            return;
        }
        chain.proceed();
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

    /** Returns the adapter behind the web server. */
    AdapterRuntime adapter() {
        return runtime;
    }

    /** Returns the adapter's name and version, as sent in {@code serverInfo}. */
    public ServerInfo serverInfo() {
        return runtime.serverInfo();
    }

    /**
     * Stops the server gracefully and flushes the audit log: the listener closes, requests in flight get up to
     * {@code server.shutdown-grace-period} to finish, then the audit log writes their events. What a JVM shutdown
     * runs too.
     */
    @Override
    public void close() {
        io.helidon.Main.removeShutdownHandler(onShutdown);
        server.stop();
        runtime.close();
        if (headDeadline != null) {
            headDeadline.close();
        }
    }

    /**
     * Returns the default of {@code server.max-tcp-connections}: {@value #DEFAULT_MAX_CONNECTIONS}, or a quarter of
     * the process's file descriptor limit when that is lower (each connection may hold an upstream connection too,
     * and the JVM has its own files open), so that connections alone never exhaust the descriptors.
     *
     * @return the number of connections, at least 16
     */
    public static int defaultMaxConnections() {
        long fds = ProcessFacts.maxFileDescriptors().orElse(Long.MAX_VALUE);
        return (int) Math.max(16, Math.min(DEFAULT_MAX_CONNECTIONS, fds / 4));
    }

    /**
     * Returns the configuration keys the adapter reads that an environment variable may set even when no
     * configuration file has them ({@link EnvironmentKeys}): the {@code server} keys of this class,
     * {@link RuntimeConfig#KEYS} and each provider's service keys ({@link ServiceConfig#keys}).
     *
     * @param providers the tool providers
     * @return the keys, in full
     */
    public static List<String> keys(List<ToolProvider> providers) {
        List<String> keys = new ArrayList<>(SERVER_KEYS);
        keys.addAll(RuntimeConfig.KEYS);
        providers.forEach(p -> keys.addAll(ServiceConfig.keys(p.service())));
        return keys;
    }

    /**
     * Returns the configuration of an adapter's main: {@code application.yaml} (and Helidon's other default files) on
     * the class path, under the system properties, under the environment, where each variable may set any key by
     * the rule of {@link EnvironmentKeys} (e.g. {@code IMCP_SERVICES_HELLO_WORLD_PORTS_SOAPPORT_URL} sets
     * {@code imcp.services.hello_world.ports.SoapPort.url}).
     *
     * @param env the environment ({@link System#getenv()})
     * @param providers the tool providers, whose services' keys the environment may set
     * @return the configuration
     * @throws IllegalArgumentException when a variable names two different keys
     */
    public static Config config(Map<String, String> env, List<ToolProvider> providers) {
        Config files = Config.builder().disableEnvironmentVariablesSource().disableSystemPropertiesSource().build();
        return EnvironmentKeys.create(env, keys(providers), files);
    }

    /**
     * Makes SIGTERM end the process with status 0 instead of the JVM's 143 (128 + 15): it runs the shutdown hooks
     * (the graceful stop of {@link #close()}) through {@link System#exit}{@code (0)}, so process managers that count
     * only 0 as success (systemd without {@code SuccessExitStatus=143}, container restart policies) see a clean stop.
     * Other exits keep their status. Uses the JDK's {@code sun.misc.Signal} (module {@code jdk.unsupported}); does
     * nothing where the JVM does not let the application handle SIGTERM ({@code -Xrs}).
     */
    public static void exitZeroOnSigterm() {
        onSigterm(() -> System.exit(0));
    }

    /** Runs {@code action} on SIGTERM instead of the JVM's default (exit 143), where the JVM lets us. */
    private static void onSigterm(Runnable action) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("TERM"), signal -> action.run());
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            LOG.log(System.Logger.Level.DEBUG, "SIGTERM keeps the JVM's exit status: " + e.getMessage());
        }
    }

    /**
     * Starts a server from {@link #config(Map, List)} ({@code application.yaml} on the class path, system properties,
     * environment variables for any key) and the providers on the class path, and makes SIGTERM a graceful stop
     * with exit status 0 ({@link #exitZeroOnSigterm()}).
     *
     * @param args {@value #STDIO_ARG} to speak MCP on standard input and output instead (see {@link #stdio(Config)});
     *     {@value #TRAINING_RUN_ARG} for a training run of the JVM's ahead-of-time cache (see {@link #trainingRun})
     * @throws IOException when standard input cannot be read (stdio)
     */
    public static void main(String[] args) throws IOException {
        main(args, loadProviders());
    }

    /**
     * Does what {@link #main(String[])} does with the given tool providers instead of those on the class path.
     *
     * @param args {@value #STDIO_ARG} for the stdio transport
     * @param providers the tool providers, in publication order
     * @throws IOException when standard input cannot be read (stdio)
     */
    public static void main(String[] args, List<ToolProvider> providers) throws IOException {
        Config config = config(System.getenv(), providers);
        boolean stdio = stdioRequested(args, config);
        OutputStream protocol = stdio ? protectStdout() : null; // before logging: Helidon's console handler keeps System.out
        // Apply logging.properties before anything logs, so every start-up line has the configured format and levels.
        LogConfig.configureRuntime();
        if (java.util.Arrays.asList(args).contains(TRAINING_RUN_ARG)) {
            trainingRun(config, providers);
            System.exit(0); // done, whatever threads a library left behind
        } else if (stdio) {
            stdio(config, providers, new FileInputStream(FileDescriptor.in), protocol, true);
            // End of input is the end of the process, even when a library left a non-daemon thread behind.
            System.exit(0);
        } else {
            startOrExit(config, providers);
            exitZeroOnSigterm();
        }
    }

    /**
     * Starts the adapter as {@link #start(Config, List)} does, for an adapter's {@code main}: when it cannot start (the
     * port is in use, the configuration is wrong), logs one line saying why and ends the process with status 1,
     * instead of leaving a process whose other threads (embedded upstreams, a library's) keep it running without a
     * listener.
     *
     * @param config the root configuration
     * @param providers the tool providers, in publication order
     * @return the started adapter
     */
    public static ImcpServer startOrExit(Config config, List<ToolProvider> providers) {
        try {
            return start(config, providers);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "iMCP adapter did not start: " + e.getMessage());
            System.exit(1);
            throw e; // not reached
        }
    }

    /**
     * Returns whether the adapter is to speak MCP on standard input and output: the argument {@value #STDIO_ARG}
     * or {@code imcp.transport: stdio} ({@code http}, the default, starts the web server).
     *
     * @param args the command line
     * @param config the root configuration
     * @return {@code true} for stdio
     * @throws IllegalArgumentException when {@code imcp.transport} is neither {@code http} nor {@code stdio}
     */
    public static boolean stdioRequested(String[] args, Config config) {
        if (java.util.Arrays.asList(args).contains(STDIO_ARG)) {
            return true;
        }
        String transport = config.get("imcp.transport").asString().map(String::strip).orElse("http");
        return switch (transport.toLowerCase(Locale.ROOT)) {
            case "stdio" -> true;
            case "http" -> false;
            default -> throw new IllegalArgumentException("imcp.transport must be http or stdio, was " + transport);
        };
    }

    /**
     * Makes every later write to {@link System#out} go to standard error, so that only the stdio transport writes to
     * the process's standard output, and returns that output. Call it before logging is configured.
     *
     * @return the process's standard output, unbuffered
     */
    public static OutputStream protectStdout() {
        System.setOut(System.err);
        return new FileOutputStream(FileDescriptor.out);
    }

    /**
     * Serves MCP on the process's standard input and output (MCP "Transports", "stdio") with the tool providers
     * registered for {@link ServiceLoader}, and returns at end of input with the audit log flushed; no web server is
     * started. See {@link StdioTransport} for framing, identity (caller {@code stdio}, no API key) and shutdown.
     * {@link System#out} is redirected to standard error first; logs go to standard error as well.
     *
     * <p>Keys: {@code imcp.stdio.max-message-bytes} (default {@code server.max-payload-size}, else
     * {@value #DEFAULT_MAX_PAYLOAD}): the longest line accepted, larger is -32600; {@code
     * imcp.stdio.shutdown-grace-seconds} (default 5): how long requests in flight at end of input may finish before
     * they are cancelled.
     *
     * @param config the root configuration
     * @throws IOException when standard input cannot be read
     * @throws IllegalArgumentException when a configuration value is malformed, or {@code imcp.audit.sink} is
     *     {@code stdout} (standard output carries the protocol)
     */
    public static void stdio(Config config) throws IOException {
        OutputStream out = protectStdout();
        stdio(config, loadProviders(), new FileInputStream(FileDescriptor.in), out);
    }

    /**
     * Serves MCP on {@code in} and {@code out} with the given providers until end of {@code in} (see
     * {@link #stdio(Config)}); what tests and embedding applications call.
     *
     * @param config the root configuration
     * @param providers the tool providers, in publication order
     * @param in the client's messages
     * @param out where answers go; nothing else may write to it
     * @throws IOException when {@code in} cannot be read
     * @throws IllegalArgumentException when a configuration value is malformed, or {@code imcp.audit.sink} is
     *     {@code stdout}
     */
    public static void stdio(Config config, List<ToolProvider> providers, InputStream in, OutputStream out) throws IOException {
        stdio(config, providers, in, out, false);
    }

    /**
     * As {@link #stdio(Config, List, InputStream, OutputStream)}; with {@code onSigterm} (what {@link #main} does),
     * SIGTERM ends the process as end of input does: no further message is read, requests in flight finish within
     * {@code imcp.stdio.shutdown-grace-seconds}, the audit log is flushed, and the exit status is 0.
     *
     * @param onSigterm whether to handle SIGTERM so; only for a process that serves nothing else
     * @throws IOException when {@code in} cannot be read
     */
    public static void stdio(Config config, List<ToolProvider> providers, InputStream in, OutputStream out, boolean onSigterm)
            throws IOException {
        if ("stdout".equals(config.get("imcp.audit.sink").asString().map(String::strip).orElse(null))) {
            throw new IllegalArgumentException("imcp.audit.sink must not be stdout with the stdio transport: "
                    + "standard output carries MCP messages (use stderr or imcp.audit.file)");
        }
        long maxBytes = config.get("imcp.stdio.max-message-bytes").asLong()
                .orElse(config.get("server.max-payload-size").asLong().orElse(DEFAULT_MAX_PAYLOAD));
        int graceSeconds = config.get("imcp.stdio.shutdown-grace-seconds").asInt().orElse(5);
        if (maxBytes <= 0 || maxBytes > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("imcp.stdio.max-message-bytes must be between 1 and 2^31 - 9, was " + maxBytes);
        }
        if (graceSeconds < 0) {
            throw new IllegalArgumentException("imcp.stdio.shutdown-grace-seconds must not be negative, was " + graceSeconds);
        }
        try (AdapterRuntime runtime = runtime(config, providers)) {
            StdioTransport transport = new StdioTransport(runtime.endpoint(), runtime.mapper(), (int) maxBytes,
                    Duration.ofSeconds(graceSeconds));
            releaseStartupMemoryLater(config);
            LOG.log(System.Logger.Level.INFO, readyMessage(runtime.serverInfo(), "on stdio", runtime.publishedTools(),
                    runtime.contracts().summary(), ProcessFacts.uptimeMillis()));
            if (onSigterm) {
                onSigterm(() -> {
                    LOG.log(System.Logger.Level.INFO, "SIGTERM: finishing the requests in flight, then exiting");
                    transport.stop();
                    runtime.close(); // flushes the audit log
                    System.exit(0);
                });
            }
            transport.run(in, out);
        }
    }

    /**
     * A training run for the JVM's ahead-of-time cache ({@value #TRAINING_RUN_ARG}): starts the adapter as
     * configured, but on a free port ({@code server.host} as configured), sends it the requests of a client's
     * first minute and stops, so that the JVM records which classes start-up and the request path load. Run it once per build of the
     * jar, under the JDK that will run the adapter, then start the adapter with the cache:
     * <pre>
     * java -XX:AOTCacheOutput=adapter.aot -jar adapter.jar --training-run   # JDK 25+ (JEP 483, 514, 515)
     * java -XX:AOTCache=adapter.aot -jar adapter.jar
     * </pre>
     * (JDK 21: {@code -XX:ArchiveClassesAtExit=adapter.jsa}, then {@code -XX:SharedArchiveFile=adapter.jsa}.) No
     * upstream is called: see {@link TrainingRun} for the requests.
     *
     * @param config the root configuration
     * @param providers the tool providers
     * @throws IllegalStateException when the adapter does not start, or a request of the run is not answered as
     *     expected (the message says which)
     */
    public static void trainingRun(Config config, List<ToolProvider> providers) {
        try (ImcpServer server = start(config, providers, 0)) {
            String summary = new TrainingRun(server.runtime, server.uri()).run();
            LOG.log(System.Logger.Level.INFO, "Training run done: " + summary);
        }
    }

    /**
     * The start-up line; {@code contracts} is {@link ContractDigests#summary()}, {@code uptimeMillis} the JVM's uptime
     * when the server listens.
     */
    static String readyMessage(ServerInfo info, URI uri, int tools, String contracts, long uptimeMillis) {
        return readyMessage(info, "at " + uri, tools, contracts, uptimeMillis);
    }

    /**
     * The start-up line, e.g. {@code iMCP adapter petstore-greeter 1.0 serving MCP at http://127.0.0.1:8080/mcp
     * (revisions 2024-11-05, ...; 12 tools; contracts greeter 1a2b3c4d5e6f, petstore 598136cb904e; ready 1.3 s after
     * JVM start)}; {@code where} is {@code at <uri>} or {@code on stdio}, {@code contracts} is
     * {@link ContractDigests#summary()} (its part left out when empty).
     */
    static String readyMessage(ServerInfo info, String where, int tools, String contracts, long uptimeMillis) {
        return String.format(Locale.ROOT,
                "iMCP adapter %s %s serving MCP %s (revisions %s; %d %s; %sready %.1f s after JVM start)",
                info.name(), info.version(), where, String.join(", ", ProtocolVersions.SUPPORTED.reversed()),
                tools, tools == 1 ? "tool" : "tools", contracts.isEmpty() ? "" : contracts + "; ", uptimeMillis / 1000.0);
    }

    /** The loader that sees the adapter's resources: the context loader, as {@link ServiceLoader#load(Class)} uses. */
    private static ClassLoader classLoader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : ImcpServer.class.getClassLoader();
    }
}
