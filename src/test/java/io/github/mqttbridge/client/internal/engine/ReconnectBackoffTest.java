package io.github.mqttbridge.client.internal.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReconnectBackoffTest {
    private static final long SECOND = 1_000_000_000L;
    private final ReconnectBackoff backoff = new ReconnectBackoff(Duration.ofMillis(100), Duration.ofMillis(800));

    private static void assertWithin(long base, long delay) {
        assertTrue(delay >= base / 2 && delay <= base, "a delay of " + delay + " ms, jittered from " + base);
    }

    @Test
    void each_failure_doubles_the_delay_up_to_the_maximum() {
        for (long base : new long[] {100, 200, 400, 800, 800}) {
            assertWithin(base, backoff.nextDelayMillis(0));
        }
    }

    @Test
    void a_connection_that_dies_right_after_being_accepted_does_not_reset_the_delay() {
        assertWithin(100, backoff.nextDelayMillis(0));
        backoff.connected(SECOND);
        assertWithin(200, backoff.nextDelayMillis(2 * SECOND));
        backoff.connected(3 * SECOND);
        assertWithin(400, backoff.nextDelayMillis(4 * SECOND));
    }

    @Test
    void a_connection_that_stayed_up_a_while_starts_the_delay_again_from_the_minimum() {
        backoff.nextDelayMillis(0);
        backoff.nextDelayMillis(0);
        backoff.connected(SECOND);
        assertWithin(100, backoff.nextDelayMillis(SECOND + ReconnectBackoff.HEALTHY_AFTER.toNanos()));
    }
}
