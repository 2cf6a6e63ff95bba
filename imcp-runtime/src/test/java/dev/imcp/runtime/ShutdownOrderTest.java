package dev.imcp.runtime;

import dev.imcp.runtime.fixture.EchoProvider;
import dev.imcp.runtime.fixture.Fixture;
import io.helidon.common.Weighted;
import io.helidon.common.Weights;
import io.helidon.spi.HelidonShutdownHandler;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The adapter's shutdown handler runs before the handlers of lower weight that must outlive its calls in flight (the
 * sample's embedded upstreams), in the order Helidon's {@code Main} runs them ({@link Weights#weightComparator()}).
 */
class ShutdownOrderTest {

    /** A handler that closes something after the adapter, as the sample's embedded upstreams do. */
    private record After(double weight) implements HelidonShutdownHandler, Weighted {
        @Override
        public void shutdown() {
        }
    }

    @Test
    void theAdapterClosesBeforeHandlersOfLowerWeightAndAfterThoseOfHigherWeight() throws Exception {
        try (ImcpServer server = ImcpServer.start(Fixture.config("""
                server:
                  port: 0
                imcp:
                  release-startup-memory: false
                """), List.of(new EchoProvider()))) {
            HelidonShutdownHandler adapter = server.shutdownHandler();
            HelidonShutdownHandler upstreams = new After(Weighted.DEFAULT_WEIGHT / 2);
            HelidonShutdownHandler first = new After(Weighted.DEFAULT_WEIGHT * 2);
            HelidonShutdownHandler unweighted = () -> { };
            List<HelidonShutdownHandler> handlers = new ArrayList<>(List.of(unweighted, upstreams, adapter, first));
            handlers.sort(Weights.weightComparator());
            assertEquals(List.of(first, adapter, upstreams, unweighted), handlers);
        }
    }
}
