package dev.imcp.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.management.GarbageCollectorMXBean;
import com.sun.management.GcInfo;
import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * {@link HeapFreeRatios}: the ratios are lowered for the one collection and put back, and G1 then leaves a heap
 * fitted to what is live instead of one with 70% of it free.
 */
class HeapFreeRatiosTest {

    private static VMOption option(String name) {
        return ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).getVMOption(name);
    }

    @Test
    void theRatiosAreLoweredForTheCollectionOnlyAndTheHeapFitsWhatIsLive() {
        // Flags the user gave when starting the JVM are left alone.
        assumeTrue(!HeapFreeRatios.userSet(option("MinHeapFreeRatio"))
                && !HeapFreeRatios.userSet(option("MaxHeapFreeRatio")), "the ratios were set when starting the JVM");
        GarbageCollectorMXBean full = ManagementFactory.getPlatformMXBeans(GarbageCollectorMXBean.class).stream()
                .filter(b -> b.getName().equals("G1 Old Generation")).findFirst().orElse(null);

        // At the peak 608 MiB are live at once (the default heap is a quarter of the machine's memory).
        assumeTrue(Runtime.getRuntime().maxMemory() >= 1L << 30, "needs a heap of 1 GiB or more");
        // 96 MiB that stay live through the collection, and garbage enough to grow the heap well past 3 times that.
        List<byte[]> live = new ArrayList<>();
        for (int i = 0; i < 96; i++) {
            live.add(new byte[1 << 20]);
        }
        List<byte[]> garbage = new ArrayList<>();
        for (int i = 0; i < 512; i++) {
            garbage.add(new byte[1 << 20]);
        }
        garbage.clear();
        AtomicInteger during = new AtomicInteger();
        boolean lowered;
        GcInfo last;
        // Adapters that other tests start release their start-up memory through the same method, on a thread of
        // their own: holding its lock keeps their collection and their values out of what is read here.
        synchronized (HeapFreeRatios.class) {
            int min = HeapFreeRatios.value("MinHeapFreeRatio");
            int max = HeapFreeRatios.value("MaxHeapFreeRatio");
            lowered = HeapFreeRatios.whileFitting(() -> {
                during.set(HeapFreeRatios.value("MinHeapFreeRatio") * 1000 + HeapFreeRatios.value("MaxHeapFreeRatio"));
                System.gc();
            });
            assertEquals(min, HeapFreeRatios.value("MinHeapFreeRatio"), "MinHeapFreeRatio put back");
            assertEquals(max, HeapFreeRatios.value("MaxHeapFreeRatio"), "MaxHeapFreeRatio put back");
            last = full == null ? null : full.getLastGcInfo();
        }

        assertTrue(lowered, "HotSpot's ratios are manageable: they should have been lowered");
        assertEquals(HeapFreeRatios.MIN_FREE_PERCENT * 1000 + HeapFreeRatios.MAX_FREE_PERCENT, during.get(),
                "min * 1000 + max during the collection");
        assertEquals(VMOption.Origin.MANAGEMENT, option("MinHeapFreeRatio").getOrigin(), "set through management");

        assumeTrue(last != null, "the heap check reads G1's full collection");
        long used = 0;
        long committed = 0;
        for (MemoryUsage pool : last.getMemoryUsageAfterGc().values()) {
            used += pool.getUsed();
            committed += pool.getCommitted();
        }
        // With the defaults G1 keeps committed >= used / 0.3 (70% free: 458 MiB for 113 used); fitted to 10% free it
        // left 166 MiB (whole regions, and the young space's, on top of used / 0.9).
        assertTrue(committed < 2 * used, "committed " + (committed >> 20) + " MiB for " + (used >> 20) + " MiB used");
        // the 96 MiB must still be live when the collection ran, or "used" above would not include them
        java.lang.ref.Reference.reachabilityFence(live);
    }
}
