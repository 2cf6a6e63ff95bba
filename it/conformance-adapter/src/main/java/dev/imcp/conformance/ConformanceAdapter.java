package dev.imcp.conformance;

import dev.imcp.runtime.ImcpServer;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The adapter the MCP conformance suite is run against ({@code it/conformance/run-suite.sh}): the fixture upstream
 * ({@link FixtureUpstream}) on a free port and the iMCP server generated from {@code conformance.yaml} in front of it,
 * on {@code server.port} (default 3001), without API keys (the suite sends none).
 */
public final class ConformanceAdapter {

    private ConformanceAdapter() {
    }

    /**
     * Runs until the process is stopped.
     *
     * @param args ignored
     * @throws InterruptedException when interrupted while serving
     */
    public static void main(String[] args) throws InterruptedException {
        FixtureUpstream upstream = FixtureUpstream.start(0);
        ImcpServer server = ImcpServer.start(config(upstream));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            upstream.close();
        }, "conformance-shutdown"));
        new CountDownLatch(1).await();
    }

    /** The configuration: system properties and environment first, then the upstream's URL, then the defaults. */
    static Config config(FixtureUpstream upstream) {
        return Config.builder()
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .addSource(ConfigSources.environmentVariables())
                .addSource(ConfigSources.systemProperties())
                .addSource(ConfigSources.create(Map.of("imcp.services.conformance.url", upstream.baseUrl())))
                .addSource(ConfigSources.classpath("application.yaml"))
                .build();
    }
}
