package dev.imcp.runtime.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code Retry-After} values as RFC 9110 section 10.2.3 defines them. */
class RetryAfterTest {

    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

    @Test
    void delaySecondsAndHttpDates() {
        assertEquals(Optional.of(Duration.ofSeconds(120)), RestUpstream.retryAfter("120", NOW));
        assertEquals(Optional.of(Duration.ofSeconds(0)), RestUpstream.retryAfter(" 0 ", NOW));
        assertEquals(Optional.of(Duration.ofSeconds(90)), RestUpstream.retryAfter("Thu, 26 Nov 2026 10:01:30 GMT", NOW));
        assertEquals(Optional.of(Duration.ZERO), RestUpstream.retryAfter("Thu, 26 Nov 2026 09:00:00 GMT", NOW),
                "a date in the past is no wait");
        assertEquals(Optional.empty(), RestUpstream.retryAfter("soon", NOW));
        assertEquals(Optional.empty(), RestUpstream.retryAfter("-5", NOW));
    }
}
