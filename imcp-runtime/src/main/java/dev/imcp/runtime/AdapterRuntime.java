package dev.imcp.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imcp.runtime.audit.AuditLog;
import dev.imcp.runtime.audit.Redactor;
import dev.imcp.runtime.chain.ArgumentsLink;
import dev.imcp.runtime.chain.AuditLink;
import dev.imcp.runtime.chain.InvocationChain;
import dev.imcp.runtime.chain.InvocationLink;
import dev.imcp.runtime.chain.LimitsLink;
import dev.imcp.runtime.chain.PolicyLink;
import dev.imcp.runtime.chain.RateLimitLink;
import dev.imcp.runtime.chain.ResilienceLink;
import dev.imcp.runtime.chain.ResultSizeLink;
import dev.imcp.runtime.chain.ToolsCallHandler;
import dev.imcp.runtime.chain.UpstreamCallLink;
import dev.imcp.runtime.config.RuntimeConfig;
import dev.imcp.runtime.config.ServerInfo;
import dev.imcp.runtime.mcp.McpEndpoint;
import dev.imcp.runtime.mcp.MessageReader;
import dev.imcp.runtime.mcp.SessionStore;
import dev.imcp.runtime.mcp.ToolRegistry;
import dev.imcp.runtime.mcp.ToolsListHandler;
import dev.imcp.runtime.policy.ToolPolicy;
import dev.imcp.runtime.security.ApiKeyAuthenticator;
import dev.imcp.runtime.security.Authenticator;
import dev.imcp.runtime.security.JwtAuthenticator;
import dev.imcp.runtime.spi.ServiceDescriptor;
import dev.imcp.runtime.spi.Tool;
import dev.imcp.runtime.spi.ToolProvider;
import dev.imcp.runtime.upstream.DefaultUpstreamContext;
import dev.imcp.runtime.upstream.JsonMapping;
import dev.imcp.runtime.upstream.UpstreamHttpClient;
import dev.imcp.runtime.upstream.UpstreamFaults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * An adapter without any transport: the tools of every provider bound to their configured upstreams, the
 * invocation chain, the audit log and the {@link McpEndpoint} that answers MCP messages. {@link ImcpServer} puts
 * the Streamable HTTP transport in front of one; a stdio transport would feed its endpoint lines from standard
 * input. Close it to flush the audit log.
 */
public final class AdapterRuntime implements AutoCloseable {

    private final RuntimeConfig config;
    private final ServerInfo info;
    private final ObjectMapper mapper;
    private final ToolRegistry registry;
    private final Authenticator authenticator;
    private final AuditLog audit;
    private final McpEndpoint endpoint;
    private final UpstreamHttpClient upstreams;
    private final ContractDigests contracts;

    private AdapterRuntime(RuntimeConfig config, ServerInfo info, ObjectMapper mapper, ToolRegistry registry,
                           Authenticator authenticator, AuditLog audit, McpEndpoint endpoint,
                           UpstreamHttpClient upstreams, ContractDigests contracts) {
        this.config = config;
        this.info = info;
        this.mapper = mapper;
        this.registry = registry;
        this.authenticator = authenticator;
        this.audit = audit;
        this.endpoint = endpoint;
        this.upstreams = upstreams;
        this.contracts = contracts;
    }

    /**
     * Builds the adapter: reads the {@code imcp} configuration, binds each provider's tools to its upstream and
     * wires the invocation chain {@link #defaultLinks}.
     *
     * @param config the {@code imcp} settings
     * @param info the adapter's {@code serverInfo}
     * @param providers the tool providers, in publication order
     * @return the adapter
     * @throws IllegalArgumentException when a configuration value is malformed (the message names the key)
     * @throws IllegalStateException when a service has no address or two tools share a name
     * @throws UncheckedIOException when {@code imcp.audit.file} cannot be opened
     * @throws IllegalArgumentException when {@code imcp.auth.jwt.jwks-file} cannot be read
     */
    static AdapterRuntime create(RuntimeConfig config, ServerInfo info, List<ToolProvider> providers) {
        LogNoise.install(); // before the first connection or SOAP call can log
        ObjectMapper mapper = JsonMapping.create();
        Redactor redactor = new Redactor(config.secrets());
        UpstreamHttpClient client = new UpstreamHttpClient(Duration.ofSeconds(10));
        List<Tool<?, ?>> tools = new ArrayList<>();
        List<ServiceDescriptor> services = new ArrayList<>();
        for (ToolProvider provider : providers) {
            ServiceDescriptor service = provider.service();
            services.add(service);
            DefaultUpstreamContext context = new DefaultUpstreamContext(service, config.service(service.id()), client, mapper,
                    redactor);
            if (!"wsdl".equals(service.kind())) {
                context.http(); // fail at start-up, naming the key, when a REST service has no base URL
            }
            tools.addAll(provider.tools(context));
        }
        ToolRegistry registry = new ToolRegistry(tools, new ToolPolicy(config), mapper);
        AuditLog audit;
        try {
            audit = new AuditLog(config.auditFile(), "stdout".equals(config.auditSink()), redactor,
                    config.auditQueueCapacity(), config.auditMaxArgumentBytes(), config.auditMaxFileBytes(),
                    config.auditMaxFiles());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open imcp.audit.file " + config.auditFile(), e);
        }
        ContractDigests contracts = new ContractDigests(services);
        InvocationChain chain = new InvocationChain(defaultLinks(config, mapper, registry, audit, contracts::sha256,
                new UpstreamFaults(mapper, redactor, id -> config.service(id).timeout()), redactor,
                upstreams(services, config)));
        Authenticator authenticator = new Authenticator(new ApiKeyAuthenticator(config.apiKeys(),
                        config.apiKeysFile() == null ? null : new dev.imcp.runtime.security.ApiKeyFile(
                                config.apiKeysFile().path(), config.apiKeysFile().reload())),
                config.jwt() == null ? null : JwtAuthenticator.create(config.jwt()), config.requiredScopes(),
                config.jwt() == null ? null : config.jwt().resourceMetadataUrl(), audit);
        // With authentication on, the caller's policy decides what tools/list shows: a per-caller ("private") list.
        ToolsListHandler toolsList = new ToolsListHandler(registry, mapper, config.toolsListTtlMs(), authenticator.enabled(),
                config.toolsListPageSize());
        McpEndpoint endpoint = new McpEndpoint(mapper, new MessageReader(config.maxJsonDepth()),
                new SessionStore(config.sessionIdleTimeout(), config.sessionSecret(), config.sessionTtl(), config.sessionsPerCaller(),
                        java.time.Clock.systemUTC()),
                Map.of("tools/list", toolsList, "tools/call", new ToolsCallHandler(chain)),
                info.name(), info.version(), config.instructions(), config.requestTimeout(), config.toolsListTtlMs(),
                contracts.meta(mapper));
        return new AdapterRuntime(config, info, mapper, registry, authenticator, audit, endpoint, client, contracts);
    }

    /**
     * Returns the links every tool call passes through, outermost first: audit, policy, rate limits
     * ({@code imcp.rate-limits}), arguments, result size caps ({@code max-result-bytes}), limits (deadline), resilience (retries, bulkhead and circuit breaker of
     * {@code imcp.services.<id>.resilience}), upstream call. A new concern (identity, ...) is one more
     * {@link InvocationLink} in this list. {@code contractSha256} gives the audit events the SHA-256 of each
     * service's contract; {@code upstreams} each service's upstreams, whose breakers and bulkheads are kept apart.
     */
    static List<InvocationLink> defaultLinks(RuntimeConfig config, ObjectMapper mapper, ToolRegistry registry,
            AuditLog audit, Function<String, String> contractSha256, UpstreamFaults faults, Redactor redactor,
            Map<String, Map<String, List<String>>> upstreams) {
        return List.of(new AuditLink(audit, contractSha256), new PolicyLink(registry), new RateLimitLink(mapper, config.rateLimits()),
                new ArgumentsLink(mapper), new ResultSizeLink(mapper, id -> config.service(id).resultLimits()),
                new LimitsLink(mapper),
                new ResilienceLink(mapper, id -> config.service(id).resilience(),
                        id -> upstreams.getOrDefault(id, Map.of()), registry.services()),
                new UpstreamCallLink(mapper, faults, redactor));
    }

    /** Returns each service's upstreams: origin to the names of its base URLs or ports there. */
    private static Map<String, Map<String, List<String>>> upstreams(List<ServiceDescriptor> services, RuntimeConfig config) {
        Map<String, Map<String, List<String>>> all = new java.util.HashMap<>();
        for (ServiceDescriptor service : services) {
            all.put(service.id(), dev.imcp.runtime.upstream.UpstreamOrigins.of(service, config.service(service.id())));
        }
        return all;
    }

    /** Returns the transport-neutral MCP endpoint. */
    public McpEndpoint endpoint() {
        return endpoint;
    }

    /** Returns the authenticator (API keys, JWT, required scopes) that an HTTP transport applies before the endpoint. */
    public Authenticator authenticator() {
        return authenticator;
    }

    /** Returns the adapter's name and version, as sent in {@code serverInfo}. */
    public ServerInfo serverInfo() {
        return info;
    }

    /** Returns which contract each service was generated from. */
    ContractDigests contracts() {
        return contracts;
    }

    /** Returns the {@code imcp} settings. */
    public RuntimeConfig config() {
        return config;
    }

    /** Returns the JSON mapper of messages and tool results. */
    ObjectMapper mapper() {
        return mapper;
    }

    /** Returns the names of the tools {@code caller} may list: those {@code tools/list} shows it. */
    public java.util.Set<String> visibleTools(dev.imcp.runtime.security.Caller caller) {
        java.util.Set<String> names = new java.util.HashSet<>();
        registry.visible(caller).forEach(t -> names.add(t.descriptor().name()));
        return names;
    }

    /** Returns whether a tool named {@code name} exists, whether or not the allow and deny lists publish it. */
    public boolean hasTool(String name) {
        return registry.exists(name);
    }

    /** Returns how many tools the allow and deny lists publish. */
    public int publishedTools() {
        return registry.publishedCount();
    }

    /** Flushes and closes the audit log and closes the pooled upstream connections. */
    @Override
    public void close() {
        audit.close();
        upstreams.close();
    }
}
