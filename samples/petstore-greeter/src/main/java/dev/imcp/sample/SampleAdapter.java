package dev.imcp.sample;

import dev.imcp.runtime.ImcpServer;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.logging.common.LogConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Starts the sample adapter: the embedded upstreams (unless {@code sample.embedded-upstreams} is
 * {@code false}) and the iMCP server on {@code server.host}:{@code server.port} (default
 * 127.0.0.1:8080), serving MCP at {@code /mcp}; or, with {@code --stdio}, MCP on standard input and output.
 *
 * <p>Configuration, highest precedence first: environment variables (e.g. {@code SERVER_PORT},
 * {@code IMCP_SERVICES_PETSTORE_URL}), system properties, the embedded upstreams' addresses, then
 * {@code application.yaml}. A service URL set in the environment or system properties therefore points
 * the adapter at a real upstream instead of the embedded one.
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
        Config base = Config.create();
        boolean stdio = ImcpServer.stdioRequested(args, base);
        OutputStream protocol = stdio ? ImcpServer.protectStdout() : null; // before any logging is configured
        // logging.properties first: the embedded upstreams start (and would log) before the adapter does.
        LogConfig.configureRuntime();
        EmbeddedUpstreams upstreams = base.get("sample.embedded-upstreams").asBoolean().orElse(true)
                ? EmbeddedUpstreams.start(base.get("sample"))
                : null;
        // Without embedded upstreams there is nothing to layer: the configuration read first is the whole of it.
        Config config = upstreams == null ? base : withUpstreams(upstreams);
        if (java.util.Arrays.asList(args).contains(ImcpServer.TRAINING_RUN_ARG)) {
            ImcpServer.trainingRun(config, ImcpServer.providers());
            if (upstreams != null) {
                upstreams.close();
            }
            System.exit(0); // the embedded SOAP upstream leaves Jetty threads behind
        }
        if (stdio) {
            try {
                ImcpServer.stdio(config, ImcpServer.providers(), System.in, protocol); // returns at end of input
            } finally {
                if (upstreams != null) {
                    upstreams.close();
                }
            }
            System.exit(0); // end of input ends the process; the embedded SOAP upstream leaves Jetty threads behind

        }
        ImcpServer server = ImcpServer.start(config);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            if (upstreams != null) {
                upstreams.close();
            }
        }, "imcp-sample-shutdown"));
        new CountDownLatch(1).await();
    }

    /** Layers the embedded upstreams' addresses between the user's overrides and application.yaml. */
    static Config withUpstreams(EmbeddedUpstreams upstreams) {
        Map<String, String> addresses = new LinkedHashMap<>();
        if (upstreams != null) {
            addresses.put("imcp.services.petstore.url", upstreams.restBaseUrl());
            addresses.put("imcp.services.adoptions.url", upstreams.restBaseUrl());
            addresses.put("imcp.services.hello_world.ports.SoapPort.url", upstreams.greeterAddress());
            addresses.put("imcp.services.hello_world.ports.SoapPort2.url", upstreams.docLitBareAddress());
        }
        return Config.builder()
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .addSource(ConfigSources.environmentVariables())
                .addSource(ConfigSources.systemProperties())
                .addSource(ConfigSources.create(addresses))
                .addSource(ConfigSources.classpath("application.yaml"))
                .build();
    }
}
