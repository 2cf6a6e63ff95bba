package dev.imcp.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file descriptor limit and the uptime, read from the operating system, agree with the JDK's beans. */
class ProcessFactsTest {

    @Test
    void theLimitsFilesSoftLimitIsRead(@TempDir Path dir) throws Exception {
        Path limits = dir.resolve("limits");
        Files.writeString(limits, """
                Limit                     Soft Limit           Hard Limit           Units
                Max cpu time              unlimited            unlimited            seconds
                Max open files            4096                 524288               files
                Max locked memory         8388608              8388608              bytes
                """);
        assertEquals(OptionalLong.of(4096), ProcessFacts.maxFileDescriptors(limits));
        Files.writeString(limits, "Max open files            unlimited            unlimited            files\n");
        assertEquals(OptionalLong.empty(), ProcessFacts.maxFileDescriptors(limits), "unlimited: no limit to divide");
        Files.writeString(limits, "Max cpu time              unlimited            unlimited            seconds\n");
        assertEquals(OptionalLong.empty(), ProcessFacts.maxFileDescriptors(limits), "no such row");
        assertEquals(OptionalLong.empty(), ProcessFacts.maxFileDescriptors(dir.resolve("missing")));
    }

    @Test
    void thisProcesssFactsMatchTheManagementBeans() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            assertEquals(OptionalLong.of(unix.getMaxFileDescriptorCount()), ProcessFacts.maxFileDescriptors());
        }
        long bean = ManagementFactory.getRuntimeMXBean().getUptime();
        long ours = ProcessFacts.uptimeMillis();
        // the process starts a little before the JVM counts its uptime; the OS records its start to 10 ms
        assertTrue(Math.abs(ours - bean) < 2_000, "uptime " + ours + " ms vs the bean's " + bean + " ms");
    }
}
