package dev.imcp.runtime.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.imcp.runtime.mcp.CancellationToken;
import dev.imcp.runtime.mcp.RequestContext;
import dev.imcp.runtime.security.Caller;
import dev.imcp.runtime.spi.ProgressSink;
import dev.imcp.runtime.upstream.Deadlines;
import java.lang.ref.WeakReference;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@link LimitsLink}: the deadline fires during a call, and a finished call leaves no timer behind. */
class LimitsLinkTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static RequestContext context(Instant deadline, CancellationToken token) {
        return new RequestContext("2025-11-25", Caller.ANONYMOUS, Optional.empty(), JSON.getNodeFactory().numberNode(1),
                "tools/call", "c", deadline, token, ProgressSink.NONE, Optional.empty());
    }

    @Test
    void finishedCallsLeaveNoPendingDeadlineTimer() throws Exception {
        InvocationChain chain = new InvocationChain(List.of(new LimitsLink(JSON),
                (inv, next) -> JSON.createObjectNode().put("isError", false)));
        int before = Deadlines.pending();
        List<WeakReference<CancellationToken>> finished = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            CancellationToken token = new CancellationToken();
            ObjectNode result = chain.invoke(new ToolInvocation(context(Instant.now().plusSeconds(30), token), "t", null));
            assertFalse(result.get("isError").booleanValue());
            assertFalse(token.isCancelled());
            if (i % 100 == 0) {
                finished.add(new WeakReference<>(token));
            }
        }
        assertTrue(Deadlines.pending() <= before,
                "timers of finished calls must not wait out their 30 s: " + Deadlines.pending() + " pending");
        // what a pending timer holds (the call's cancellation token) must be garbage once the call is over
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (finished.stream().anyMatch(ref -> ref.get() != null) && System.nanoTime() < until) {
            System.gc();
            Thread.sleep(50);
        }
        assertEquals(0, finished.stream().filter(ref -> ref.get() != null).count(),
                "tokens of finished calls are still reachable: something keeps their deadline timers");
    }

    @Test
    void theDeadlineCancelsACallStillRunning() throws Exception {
        CountDownLatch fired = new CountDownLatch(1);
        InvocationChain chain = new InvocationChain(List.of(new LimitsLink(JSON), (inv, next) -> {
            inv.context().cancellation().onCancel(fired::countDown);
            try {
                assertTrue(fired.await(5, TimeUnit.SECONDS), "the deadline did not fire");
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            return JSON.createObjectNode().put("isError", false);
        }));
        CancellationToken token = new CancellationToken();
        chain.invoke(new ToolInvocation(context(Instant.now().plusMillis(100), token), "t", null));
        assertEquals(Optional.of(LimitsLink.DEADLINE_EXCEEDED), token.reason());
    }
}
