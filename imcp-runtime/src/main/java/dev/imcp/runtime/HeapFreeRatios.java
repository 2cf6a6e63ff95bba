package dev.imcp.runtime;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;
import java.lang.management.ManagementFactory;

/**
 * Runs one explicit collection with the heap fitted to what is live: HotSpot's {@code MinHeapFreeRatio} and
 * {@code MaxHeapFreeRatio} (percent of the heap a collection leaves free; defaults 40 and 70) are lowered to
 * {@value #MIN_FREE_PERCENT} and {@value #MAX_FREE_PERCENT} for that collection and put back at once.
 *
 * <p>Why: after a full collection G1 shrinks the heap only down to what leaves {@code MaxHeapFreeRatio} of it free,
 * so a live set of 60 MB keeps 200 MB committed. Whatever of that start-up touched stays resident while the adapter
 * idles. With the ratios lowered for the one collection that releases start-up's memory, the heap is cut to about
 * 1.1 times the live set (in whole regions) and grows again as traffic needs it (the collector expands it on its own; the ratios are
 * back to their values by then).
 *
 * <p>Both flags are "manageable" in HotSpot (settable at run time through {@link HotSpotDiagnosticMXBean}). They are
 * left alone when the user set either of them on the command line, in {@code JAVA_TOOL_OPTIONS} or in a flags file
 * (origins {@code VM_CREATION}, {@code ENVIRON_VAR}, {@code CONFIG_FILE}), when the JVM has no such bean or flags
 * (another VM), or when one cannot be written: then the collection runs with the ratios as they are. Never throws for
 * any of these. Values set at run time (by {@code jcmd VM.set_flag}, or by an earlier call) are lowered too and put
 * back as they were. Calls are serialized on this class.
 */
final class HeapFreeRatios {

    /** {@code MinHeapFreeRatio} during the collection, percent. */
    static final int MIN_FREE_PERCENT = 5;
    /** {@code MaxHeapFreeRatio} during the collection, percent: the heap left holds at most this much free space. */
    static final int MAX_FREE_PERCENT = 10;

    private static final String MIN = "MinHeapFreeRatio";
    private static final String MAX = "MaxHeapFreeRatio";

    private HeapFreeRatios() {
    }

    /**
     * Runs {@code collection} (an explicit collection, {@link System#gc()}) with the ratios lowered when they may be,
     * and puts them back afterwards, also when {@code collection} throws.
     *
     * @param collection what collects
     * @return whether the ratios were lowered for it
     */
    static synchronized boolean whileFitting(Runnable collection) {
        HotSpotDiagnosticMXBean hotspot = bean();
        VMOption min = option(hotspot, MIN);
        VMOption max = option(hotspot, MAX);
        if (min == null || max == null || userSet(min) || userSet(max) || !min.isWriteable() || !max.isWriteable()) {
            collection.run();
            return false;
        }
        // HotSpot checks Min <= Max on every write: lower Min first, and raise Max first when putting them back.
        if (!set(hotspot, MIN, MIN_FREE_PERCENT)) {
            collection.run();
            return false;
        }
        if (!set(hotspot, MAX, MAX_FREE_PERCENT)) {
            set(hotspot, MIN, Integer.parseInt(min.getValue()));
            collection.run();
            return false;
        }
        try {
            collection.run();
        } finally {
            if (!set(hotspot, MAX, Integer.parseInt(max.getValue()))
                    || !set(hotspot, MIN, Integer.parseInt(min.getValue()))) {
                System.getLogger(HeapFreeRatios.class.getName()).log(System.Logger.Level.WARNING,
                        "Could not put MinHeapFreeRatio and MaxHeapFreeRatio back to " + min.getValue() + " and "
                        + max.getValue() + " after releasing start-up memory; the heap stays fitted more tightly");
            }
        }
        return true;
    }

    /** Returns whether the user gave {@code option} a value when starting the JVM. */
    static boolean userSet(VMOption option) {
        return switch (option.getOrigin()) {
            case VM_CREATION, ENVIRON_VAR, CONFIG_FILE -> true;
            default -> false;
        };
    }

    /** Returns the current value of the flag {@code name} as an integer, or -1 when it cannot be read. */
    static int value(String name) {
        VMOption option = option(bean(), name);
        return option == null ? -1 : Integer.parseInt(option.getValue());
    }

    private static HotSpotDiagnosticMXBean bean() {
        try {
            return ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        } catch (RuntimeException | LinkageError e) {
            return null; // not HotSpot, or jdk.management not in the image
        }
    }

    private static VMOption option(HotSpotDiagnosticMXBean hotspot, String name) {
        if (hotspot == null) {
            return null;
        }
        try {
            return hotspot.getVMOption(name);
        } catch (RuntimeException e) {
            return null; // no such flag in this VM
        }
    }

    private static boolean set(HotSpotDiagnosticMXBean hotspot, String name, int percent) {
        try {
            hotspot.setVMOption(name, Integer.toString(percent));
            return true;
        } catch (RuntimeException e) {
            return false; // refused by the VM's constraint check or not writeable
        }
    }
}
