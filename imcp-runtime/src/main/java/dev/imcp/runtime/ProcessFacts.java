package dev.imcp.runtime;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.OptionalLong;

/**
 * Two facts about this process that start-up needs, read without the JDK's management beans where the operating
 * system gives them directly: on a 2-core machine, initializing {@code java.lang.management} and its operating-system
 * bean (which probes cgroups) took about 25 ms of the adapter's start-up. Elsewhere the beans answer.
 */
final class ProcessFacts {

    private ProcessFacts() {
    }

    /**
     * Returns the process's limit of open file descriptors: the soft limit of {@code Max open files} in Linux's
     * {@code /proc/self/limits}, else the operating-system bean's {@code getMaxFileDescriptorCount()}.
     *
     * @return the limit, or empty when neither tells it (or it is unlimited)
     */
    static OptionalLong maxFileDescriptors() {
        OptionalLong fromProc = maxFileDescriptors(Path.of("/proc/self/limits"));
        if (fromProc.isPresent()) {
            return fromProc;
        }
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean unix
                ? OptionalLong.of(unix.getMaxFileDescriptorCount()) : OptionalLong.empty();
    }

    /**
     * Reads the soft limit of the {@code Max open files} row of a Linux limits file (proc(5), {@code /proc/pid/limits}:
     * a header, then one row per limit with its soft and hard values, {@code unlimited} or a number).
     *
     * @param limits the file
     * @return the soft limit, or empty when the file is missing, has no such row, or says {@code unlimited}
     */
    static OptionalLong maxFileDescriptors(Path limits) {
        try {
            for (String line : Files.readAllLines(limits, StandardCharsets.US_ASCII)) {
                if (line.startsWith("Max open files")) {
                    String[] values = line.substring("Max open files".length()).trim().split("\\s+");
                    return values.length > 0 && values[0].matches("[0-9]{1,18}")
                            ? OptionalLong.of(Long.parseLong(values[0])) : OptionalLong.empty();
                }
            }
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
        return OptionalLong.empty();
    }

    /**
     * Returns how long the JVM has run, in milliseconds: from the process's start time as the operating system
     * records it ({@link ProcessHandle.Info#startInstant()}, on Linux to 10 ms), else from the runtime bean.
     *
     * @return the uptime in milliseconds, at least 0
     */
    static long uptimeMillis() {
        return ProcessHandle.current().info().startInstant()
                .map(start -> Math.max(0, Instant.now().toEpochMilli() - start.toEpochMilli()))
                .orElseGet(() -> ManagementFactory.getRuntimeMXBean().getUptime());
    }
}
