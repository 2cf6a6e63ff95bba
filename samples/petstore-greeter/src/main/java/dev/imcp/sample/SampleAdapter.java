package dev.imcp.sample;

import dev.imcp.runtime.ImcpServer;
import dev.imcp.runtime.config.EnvironmentKeys;
import dev.imcp.runtime.spi.ToolProvider;
import io.helidon.common.Weighted;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.logging.common.LogConfig;
import io.helidon.spi.HelidonShutdownHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Starts the sample adapter: the embedded upstreams (unless {@code sample.embedded-upstreams} is
 * {@code false}) and the iMCP server on {@code server.host}:{@code server.port} (default
 * 127.0.0.1:8080), serving MCP at {@code /mcp}; or, with {@code --stdio}, MCP on standard input and output.
 *
 * <p>Configuration, highest precedence first: environment variables (any key, by the rule of
 * {@link EnvironmentKeys}: {@code SERVER_PORT}, {@code SAMPLE_EMBEDDED_UPSTREAMS},
 * {@code IMCP_SERVICES_HELLO_WORLD_PORTS_SOAPPORT_URL}), system properties, the embedded upstreams' addresses,
 * then {@code application.yaml}. A service URL set in the environment or system properties therefore points
 * the adapter at a real upstream instead of the embedded one.
 *
 * <p>SIGTERM stops the adapter gracefully (see {@link ImcpServer}): calls in flight finish against the embedded
 * upstreams, which stop only after the adapter, and the process exits with status 0.
 */
public final class SampleAdapter {

    private SampleAdapter() {
    }

    /**
     * Runs until the process is stopped, or with {@code --stdio} (or {@code imcp.transport: stdio}) serves MCP on
     * standard input and output until its end.
     *
     * @param args {@code --stdio} for the stdio transport; {@code --training-run} for a training run of the JVM's
     *     ahead-of-time cache ({@link ImcpServer#trainingRun})
     * @throws InterruptedException when interrupted while serving
     * @throws IOException when standard input cannot be read (stdio)
     */
    public static void main(String[] args) throws InterruptedException, IOException {
        List<ToolProvider> providers = ImcpServer.providers();
        Config base = config(System.getenv(), providers, null);
        boolean stdio = ImcpServer.stdioRequested(args, base);
        OutputStream protocol = stdio ? ImcpServer.protectStdout() : null; // before any logging is configured
        // logging.properties first: the embedded upstreams start (and would log) before the adapter does.
        LogConfig.configureRuntime();
        EmbeddedUpstreams upstreams = base.get("sample.embedded-upstreams").asBoolean().orElse(true)
                ? EmbeddedUpstreams.start(base.get("sample"))
                : null;
        // Without embedded upstreams there is nothing to layer: the configuration read first is the whole of it.
        Config config = upstreams == null ? base : config(System.getenv(), providers, upstreams);
        if (java.util.Arrays.asList(args).contains(ImcpServer.TRAINING_RUN_ARG)) {
            ImcpServer.trainingRun(config, providers);
            if (upstreams != null) {
                upstreams.close();
            }
            System.exit(0); // the embedded SOAP upstream leaves Jetty threads behind
        }
        if (stdio) {
            try {
                ImcpServer.stdio(config, providers, System.in, protocol); // returns at end of input
            } finally {
                if (upstreams != null) {
                    upstreams.close();
                }
            }
            System.exit(0); // end of input ends the process; the embedded SOAP upstream leaves Jetty threads behind

        }
        ImcpServer.startOrExit(config, providers); // its close() is a Helidon shutdown handler of the default weight
        if (upstreams != null) {
            io.helidon.Main.addShutdownHandler(new AfterAdapter(upstreams::close));
        }
        ImcpServer.exitZeroOnSigterm();
        new CountDownLatch(1).await();
    }

    /** A shutdown handler that runs after the adapter's (a lower weight runs later). */
    private record AfterAdapter(Runnable action) implements HelidonShutdownHandler, Weighted {
        @Override
        public void shutdown() {
            action.run();
        }

        @Override
        public double weight() {
            return Weighted.DEFAULT_WEIGHT / 2;
        }
    }

    /**
     * Returns the sample's configuration: the environment over the system properties over the embedded upstreams'
     * addresses over {@code application.yaml}.
     *
     * @param env the environment ({@link System#getenv()})
     * @param providers the tool providers, whose services' keys the environment may set
     * @param upstreams the embedded upstreams, or {@code null} when they are off
     * @return the configuration
     * @throws IllegalArgumentException when an environment variable names two different keys
     */
    static Config config(Map<String, String> env, List<ToolProvider> providers, EmbeddedUpstreams upstreams) {
        Map<String, String> addresses = new LinkedHashMap<>();
        if (upstreams != null) {
            addresses.put("imcp.services.petstore.url", upstreams.restBaseUrl());
            addresses.put("imcp.services.adoptions.url", upstreams.restBaseUrl());
            addresses.put("imcp.services.hello_world.ports.SoapPort.url", upstreams.greeterAddress());
            addresses.put("imcp.services.hello_world.ports.SoapPort2.url", upstreams.docLitBareAddress());
        }
        return EnvironmentKeys.create(env, ImcpServer.keys(providers), ConfigSources.create(addresses),
                ConfigSources.classpath("application.yaml"));
    }
}
