package dev.imcp.runtime.mcp;

import dev.imcp.runtime.spi.Cancellation;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The runtime's {@link Cancellation}: fired once by {@link #cancel}, after which every registered action runs
 * (each exactly once, on the cancelling thread) and later registrations run at once. Thread-safe.
 */
public final class CancellationToken implements Cancellation {

    private static final System.Logger LOG = System.getLogger(CancellationToken.class.getName());

    private final List<Runnable> actions = new ArrayList<>();
    private boolean cancelled;
    private String reason;

    /** Creates a token that is not cancelled. */
    public CancellationToken() {
    }

    /**
     * Cancels the request; only the first call has an effect.
     *
     * @param why the reason, or {@code null}
     */
    public void cancel(String why) {
        List<Runnable> toRun;
        synchronized (this) {
            if (cancelled) {
                return;
            }
            cancelled = true;
            reason = why;
            toRun = List.copyOf(actions);
            actions.clear();
        }
        for (Runnable action : toRun) {
            run(action);
        }
    }

    @Override
    public synchronized boolean isCancelled() {
        return cancelled;
    }

    @Override
    public synchronized Optional<String> reason() {
        return Optional.ofNullable(reason);
    }

    @Override
    public Registration onCancel(Runnable action) {
        synchronized (this) {
            if (!cancelled) {
                actions.add(action);
                return () -> {
                    synchronized (CancellationToken.this) {
                        actions.remove(action);
                    }
                };
            }
        }
        run(action);
        return () -> { };
    }

    private static void run(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "A cancellation action failed: " + e.getClass().getSimpleName());
        }
    }
}
