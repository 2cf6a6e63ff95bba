package dev.imcp.runtime.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.imcp.runtime.spi.Cancellation;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * {@link CancellationToken}: each action runs once, and a closed registration's action does not run afterwards,
 * also when the cancelling thread had already taken it up (the race that let a deadline's "interrupt the caller"
 * land on a web server thread after the call had returned).
 */
class CancellationTokenTest {

    @Test
    void actionsRunOnceAndLateRegistrationsAtOnce() {
        CancellationToken token = new CancellationToken();
        AtomicInteger runs = new AtomicInteger();
        token.onCancel(runs::incrementAndGet);
        token.cancel("first");
        token.cancel("second");
        assertEquals(1, runs.get());
        assertEquals("first", token.reason().orElseThrow());
        token.onCancel(runs::incrementAndGet);
        assertEquals(2, runs.get(), "registered after the cancellation: runs at once");
    }

    @Test
    void anActionClosedWhileCancellationIsUnderWayDoesNotRun() throws Exception {
        CancellationToken token = new CancellationToken();
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        AtomicBoolean secondRan = new AtomicBoolean();
        token.onCancel(() -> {
            firstStarted.countDown();
            await(releaseFirst);
        });
        Cancellation.Registration second = token.onCancel(() -> secondRan.set(true));
        Thread canceller = Thread.ofPlatform().start(() -> token.cancel("deadline exceeded"));
        assertTrue(firstStarted.await(10, TimeUnit.SECONDS));
        // the cancelling thread holds both actions now and is busy with the first; the caller is done and closes
        second.close();
        releaseFirst.countDown();
        canceller.join(10_000);
        assertFalse(canceller.isAlive());
        assertFalse(secondRan.get(), "an action closed before it ran must not run afterwards");
    }

    @Test
    void closingWaitsForTheActionWhileItRuns() throws Exception {
        CancellationToken token = new CancellationToken();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean finished = new AtomicBoolean();
        Cancellation.Registration registration = token.onCancel(() -> {
            started.countDown();
            await(release);
            finished.set(true);
        });
        Thread canceller = Thread.ofPlatform().start(() -> token.cancel(null));
        assertTrue(started.await(10, TimeUnit.SECONDS));
        AtomicBoolean finishedWhenClosed = new AtomicBoolean();
        Thread closer = Thread.ofPlatform().start(() -> {
            registration.close();
            finishedWhenClosed.set(finished.get());
        });
        closer.join(300);
        assertTrue(closer.isAlive(), "close() returned while the action was still running");
        release.countDown();
        closer.join(10_000);
        canceller.join(10_000);
        assertFalse(closer.isAlive());
        assertTrue(finishedWhenClosed.get(), "close() returned before the running action ended");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
