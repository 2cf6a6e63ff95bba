package dev.imcp.runtime.chain;

import dev.imcp.runtime.config.RateLimits;

import java.util.function.LongSupplier;

/**
 * A token bucket: holds at most {@code burst} tokens, starts full and gains {@code perSecond} tokens a second;
 * each admitted call takes one. Thread-safe (one lock per bucket, held for a few arithmetic operations).
 */
final class TokenBucket {

    private final double perNano;
    private final double burst;
    private final LongSupplier nanoTime;
    private double tokens;
    private long updated;

    /**
     * @param rate the bucket's size and refill rate
     * @param nanoTime the monotonic clock, in nanoseconds ({@code System::nanoTime})
     */
    TokenBucket(RateLimits.Rate rate, LongSupplier nanoTime) {
        this.perNano = rate.perSecond() / 1e9;
        this.burst = rate.burst();
        this.nanoTime = nanoTime;
        this.tokens = burst;
        this.updated = nanoTime.getAsLong();
    }

    /**
     * Takes a token when there is one.
     *
     * @return 0 when a token was taken; else how long until one is there, in nanoseconds (at least 1)
     */
    synchronized long take() {
        long now = nanoTime.getAsLong();
        tokens = Math.min(burst, tokens + (now - updated) * perNano);
        updated = now;
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return Math.max(1, (long) Math.ceil((1 - tokens) / perNano));
    }

    /** Gives back a token taken by {@link #take()} for a call that another bucket then refused. */
    synchronized void giveBack() {
        tokens = Math.min(burst, tokens + 1);
    }

    /** Returns how long a bucket left alone takes to fill up, in nanoseconds: after that, it is as good as new. */
    long fillNanos() {
        return (long) Math.ceil(burst / perNano);
    }
}
