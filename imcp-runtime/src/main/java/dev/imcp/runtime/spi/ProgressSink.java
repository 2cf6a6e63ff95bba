package dev.imcp.runtime.spi;

/**
 * Receives a request's progress (MCP "Utilities", "Progress"); each report becomes one
 * {@code notifications/progress} with the request's {@code progressToken}. Thread-safe.
 */
@FunctionalInterface
public interface ProgressSink {

    /** The sink of a request without {@code _meta.progressToken}: drops every report. */
    ProgressSink NONE = (progress, total, message) -> { };

    /**
     * Reports progress.
     *
     * @param progress the progress so far; must increase with each report (the unit is the tool's own)
     * @param total the total, or {@code null} when unknown
     * @param message a human-readable description, or {@code null} (sent from revision 2025-03-26 on)
     */
    void report(double progress, Double total, String message);
}
