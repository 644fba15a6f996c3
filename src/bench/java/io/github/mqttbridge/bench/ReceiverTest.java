package io.github.mqttbridge.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ReceiverTest {
    private static final long MILLI = 1_000_000;
    private final AtomicLong now = new AtomicLong();
    private final Receiver receiver = new Receiver(100, now::get);

    /** Message k arrives k ms in; the window spans the 10th to the 90th distinct message. */
    private void arriveAtOneMillisecondEach(int from, int to) {
        for (int k = from; k < to; k++) {
            now.set(k * MILLI);
            receiver.accept(k);
        }
    }

    @Test
    void the_steady_rate_leaves_out_a_slow_start_and_a_slow_drain() {
        now.set(0);
        receiver.accept(0);
        now.set(500 * MILLI); // the first flight, 0.5 s late
        for (int k = 1; k < 100; k++) {
            now.addAndGet(k < 90 ? MILLI : 100 * MILLI); // the drain, slow again
            receiver.accept(k);
        }
        assertEquals(1_000, receiver.steadyRate(), 1e-6);
    }

    @Test
    void duplicates_and_foreign_messages_do_not_count_towards_the_window() {
        arriveAtOneMillisecondEach(0, 50);
        receiver.accept(10);
        receiver.accept(-1);
        receiver.accept(500);
        arriveAtOneMillisecondEach(50, 100);
        // the 10th distinct message came at 9 ms, the 90th at 89 ms
        assertEquals(80 / 0.080, receiver.steadyRate(), 1e-6);
    }

    @Test
    void at_qos_0_the_window_ends_with_the_last_message_that_came() {
        arriveAtOneMillisecondEach(0, 50);
        // 50 of 100: from the 10th (9 ms) to the 50th (49 ms)
        assertEquals(40 / 0.040, receiver.steadyRate(), 1e-6);
    }

    @Test
    void too_few_messages_for_a_window_give_none_and_the_round_falls_back_to_its_whole_rate() {
        arriveAtOneMillisecondEach(0, 10);
        assertTrue(Double.isNaN(receiver.steadyRate()));
        RoundResult round = new RoundResult(100, receiver, 64, 10 * MILLI, 10 * MILLI);
        assertEquals(round.receiveRate(), round.steadyReceiveRate());
        assertEquals(1_000, round.steadyReceiveRate(), 1e-6);
    }
}
