package dev.imcp.runtime;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.imcp.runtime.fixture.Fixture;
import io.helidon.config.Config;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * {@code imcp.release-startup-memory}: one full collection at the first adapter start of a process (the collectors'
 * counts say whether one ran), none when turned off, none at a second start.
 */
class StartupMemoryTest {

    /** Collections run so far, by every collector of the JVM. */
    private static long collections() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
    }

    @Test
    void theFirstStartCollectsOnceAndNeverWhenTurnedOff() {
        Config on = Fixture.config("imcp: {}\n");
        Config off = Fixture.config("imcp:\n  release-startup-memory: false\n");
        AtomicBoolean done = new AtomicBoolean();

        long before = collections();
        assertFalse(ImcpServer.releaseStartupMemory(off, done), "turned off");
        assertTrue(ImcpServer.releaseStartupMemory(on, done), "the first start collects");
        assertTrue(collections() > before, "no collection ran");
        assertFalse(ImcpServer.releaseStartupMemory(on, done), "a second start of the same process does not");
    }
}
