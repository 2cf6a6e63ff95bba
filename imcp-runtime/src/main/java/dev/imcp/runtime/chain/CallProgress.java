package dev.imcp.runtime.chain;

import dev.imcp.runtime.mcp.RequestContext;
import dev.imcp.runtime.spi.ProgressSink;

/**
 * The progress of one {@code tools/call} on one scale of {@value #TOTAL} (MCP "Utilities: Progress": each
 * notification's {@code progress} must increase): the runtime's own steps ({@code 0} when the upstream call starts,
 * {@code 50} when it answered, {@code 100} with the result) and, between the first two, the tool's own reports
 * scaled into that half ({@code progress / total * 50}; a report without a total, or one that would not increase,
 * is dropped). Reports go to the request's sink, which drops them all when the request has no progress token.
 */
final class CallProgress {

    /** The scale of every report. */
    static final double TOTAL = 100;

    private final ProgressSink sink;
    private double last = -1;

    CallProgress(ProgressSink sink) {
        this.sink = sink;
    }

    /** Reports {@code progress} (of {@value #TOTAL}) when it is more than the last report. */
    synchronized void step(double progress, String message) {
        if (progress > last) {
            last = progress;
            sink.report(progress, TOTAL, message);
        }
    }

    /** Returns {@code context} with a progress sink that scales the tool's reports into the first half. */
    RequestContext forTool(RequestContext context) {
        return context.withProgress((progress, total, message) -> {
            if (total != null && total > 0 && progress >= 0) {
                step(Math.min(progress / total, 1.0) * TOTAL / 2, message);
            }
        });
    }
}
