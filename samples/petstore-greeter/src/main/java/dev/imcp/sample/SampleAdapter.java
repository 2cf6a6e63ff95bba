package dev.imcp.sample;

import dev.imcp.runtime.ImcpServer;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.logging.common.LogConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Starts the sample adapter: the embedded upstreams (unless {@code sample.embedded-upstreams} is
 * {@code false}) and the iMCP server on {@code server.host}:{@code server.port} (default
 * 127.0.0.1:8080), serving MCP at {@code /mcp}.
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
     * Runs until the process is stopped.
     *
     * @param args ignored
     * @throws InterruptedException when interrupted while serving
     */
    public static void main(String[] args) throws InterruptedException {
        // logging.properties first: the embedded upstreams start (and would log) before the adapter does.
        LogConfig.configureRuntime();
        Config base = Config.create();
        EmbeddedUpstreams upstreams = base.get("sample.embedded-upstreams").asBoolean().orElse(true)
                ? EmbeddedUpstreams.start(base.get("sample"))
                : null;
        Config config = withUpstreams(upstreams);
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
