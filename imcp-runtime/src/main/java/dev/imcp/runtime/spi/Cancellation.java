package dev.imcp.runtime.spi;

import java.util.Optional;
import java.util.concurrent.CancellationException;

/**
 * A request's cancellation token (MCP "Utilities", "Cancellation"): observed by the code doing the work,
 * fired by the runtime. Thread-safe; once cancelled it stays cancelled.
 */
public interface Cancellation {

    /** Returns whether the request was cancelled. */
    boolean isCancelled();

    /**
     * Returns why the request was cancelled, e.g. the client's {@code reason} or {@code deadline exceeded}; empty
     * while not cancelled or when no reason was given.
     */
    Optional<String> reason();

    /**
     * Runs {@code action} once when the request is cancelled, at once (on the calling thread) when it already is.
     *
     * @param action what to do, e.g. abort a connection; must not block
     * @return a handle that removes the action again (closing it twice is harmless); once it is closed, the action
     *     has either run to its end or will not run
     */
    Registration onCancel(Runnable action);

    /**
     * Throws when the request was cancelled.
     *
     * @throws CancellationException with the reason as message
     */
    default void throwIfCancelled() {
        if (isCancelled()) {
            throw new CancellationException(reason().orElse("cancelled"));
        }
    }

    /** Removes an action registered with {@link #onCancel}. */
    interface Registration extends AutoCloseable {
        /** Removes the action; it will not run any more. */
        @Override
        void close();
    }
}
