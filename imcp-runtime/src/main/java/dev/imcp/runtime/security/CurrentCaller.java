package dev.imcp.runtime.security;

import java.util.Optional;

/**
 * The caller whose tool call the current thread is making, for the upstream requests of that call: a service's
 * credentials may depend on it (the caller's token forwarded or exchanged, the tenant's credential set). The last
 * link of the invocation chain opens it around the tool ({@link dev.imcp.runtime.chain.UpstreamCallLink}); tools run
 * on that thread.
 */
public final class CurrentCaller {

    private static final ThreadLocal<Caller> CURRENT = new ThreadLocal<>();

    private CurrentCaller() {
    }

    /** A scope during which the thread acts for a caller; closing it restores the previous one. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Makes {@code caller} the current thread's caller until the returned scope is closed.
     *
     * @param caller the caller
     * @return the scope
     */
    public static Scope open(Caller caller) {
        Caller previous = CURRENT.get();
        CURRENT.set(caller);
        return () -> {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        };
    }

    /** Returns the current thread's caller, empty outside a tool call (e.g. at start-up). */
    public static Optional<Caller> get() {
        return Optional.ofNullable(CURRENT.get());
    }
}
