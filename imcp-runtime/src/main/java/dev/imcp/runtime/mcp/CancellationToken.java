package dev.imcp.runtime.mcp;

import dev.imcp.runtime.spi.Cancellation;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The runtime's {@link Cancellation}: fired once by {@link #cancel}, after which every registered action runs
 * (each exactly once, on the cancelling thread) and later registrations run at once. Closing a registration waits
 * for its action when the cancelling thread is running it, and keeps it from running otherwise, so that an action
 * such as "interrupt the calling thread" cannot land after the caller closed it and cleared its interrupt status
 * (such a late interrupt failed the web server's next wait on that connection with HTTP 500). Thread-safe.
 */
public final class CancellationToken implements Cancellation {

    private static final System.Logger LOG = System.getLogger(CancellationToken.class.getName());

    private final List<Action> actions = new ArrayList<>();
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
        List<Action> toRun;
        synchronized (this) {
            if (cancelled) {
                return;
            }
            cancelled = true;
            reason = why;
            toRun = List.copyOf(actions);
            actions.clear();
        }
        for (Action action : toRun) {
            action.runUnlessRemoved();
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
                Action registered = new Action(action);
                actions.add(registered);
                return () -> {
                    synchronized (CancellationToken.this) {
                        actions.remove(registered);
                    }
                    registered.remove();
                };
            }
        }
        run(action);
        return () -> { };
    }

    /** A registered action: run at most once, and not at all once removed; removing waits while it runs. */
    private static final class Action {
        private final Runnable action;
        private boolean done;

        Action(Runnable action) {
            this.action = action;
        }

        synchronized void runUnlessRemoved() {
            if (!done) {
                done = true;
                run(action);
            }
        }

        synchronized void remove() {
            done = true;
        }
    }

    private static void run(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "A cancellation action failed: " + e.getClass().getSimpleName());
        }
    }
}
