package dev.imcp.runtime.upstream;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The one timer thread that fires deadlines: of tool calls ({@code chain.LimitsLink}) and of upstream exchanges
 * ({@link UpstreamHttpClient}). A timer cancelled because its call ended leaves the queue at once, so the queue holds
 * only the calls in flight. ({@code CompletableFuture.delayedExecutor}, used before, keeps a cancelled timer and what
 * it references queued until its delay passes: with a 30 s deadline about a hundred thousand of them at full load,
 * each copied by every young collection, which made collections of 60 to 100 ms.)
 */
public final class Deadlines {

    private static final ScheduledThreadPoolExecutor TIMER = timer("imcp-deadlines");

    private Deadlines() {
    }

    /**
     * Runs {@code action} on the timer thread after {@code millis}, unless cancelled first.
     *
     * @param action what to run; it must be short (it runs on the one timer thread)
     * @param millis the delay in milliseconds; 0 or less runs it at once
     * @return the timer, to cancel when the call ends
     */
    public static ScheduledFuture<?> schedule(Runnable action, long millis) {
        return TIMER.schedule(action, millis, TimeUnit.MILLISECONDS);
    }

    /** Returns how many timers are queued: about the calls in flight. */
    public static int pending() {
        return TIMER.getQueue().size();
    }

    /**
     * Returns a new single-thread timer, on a daemon thread named {@code threadName}, whose cancelled timers leave its
     * queue at once (Executors' scheduled executors keep them, and what they reference, until their delay passes).
     * For timers that are almost always cancelled, one per call or request; close it with {@code shutdownNow()}.
     *
     * @param threadName the name of the timer's thread
     * @return the timer
     */
    public static ScheduledThreadPoolExecutor timer(String threadName) {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1,
                Thread.ofPlatform().daemon().name(threadName).factory());
        executor.setRemoveOnCancelPolicy(true);
        return executor;
    }
}
