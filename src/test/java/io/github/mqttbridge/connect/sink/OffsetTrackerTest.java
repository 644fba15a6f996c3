package io.github.mqttbridge.connect.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class OffsetTrackerTest {
    private static final TopicPartition A = new TopicPartition("a", 0);
    private static final TopicPartition B = new TopicPartition("b", 1);
    private final OffsetTracker tracker = new OffsetTracker();

    private Map<TopicPartition, Long> committable() {
        Map<TopicPartition, Long> result = new java.util.HashMap<>();
        tracker.committable(List.of(A, B)).forEach((tp, o) -> result.put(tp, o.offset()));
        return result;
    }

    @Test
    void nothing_is_committable_before_anything_is_done() {
        tracker.submit(A, 0);
        tracker.submit(A, 1);
        assertEquals(Map.of(), committable());
    }

    @Test
    void the_committed_offset_stops_at_the_first_unacknowledged_record() {
        OffsetTracker.Partition a = null;
        for (long o = 10; o < 15; o++) {
            a = tracker.submit(A, o);
        }
        a.done(10);
        a.done(12);
        a.done(13);
        assertEquals(Map.of(A, 11L), committable());
        a.done(11);
        assertEquals(Map.of(A, 14L), committable());
        a.done(14);
        assertEquals(Map.of(A, 15L), committable());
    }

    @Test
    void acknowledgements_out_of_order_across_partitions_move_each_partition_on_its_own() {
        OffsetTracker.Partition a = tracker.submit(A, 0);
        tracker.submit(A, 1);
        OffsetTracker.Partition b = tracker.submit(B, 100);
        tracker.submit(B, 101);
        b.done(101);
        a.done(1);
        assertEquals(Map.of(), committable());
        b.done(100);
        assertEquals(Map.of(B, 102L), committable());
        a.done(0);
        assertEquals(Map.of(A, 2L, B, 102L), committable());
    }

    @Test
    void gaps_in_offsets_do_not_hold_the_commit() {
        OffsetTracker.Partition a = tracker.submit(A, 5);
        tracker.submit(A, 9);
        a.done(9);
        a.done(5);
        assertEquals(Map.of(A, 10L), committable());
    }

    @Test
    void only_assigned_partitions_are_reported() {
        tracker.submit(A, 0).done(0);
        assertEquals(Map.of(), tracker.committable(List.of(B)));
        assertEquals(Map.of(A, new OffsetAndMetadata(1)), tracker.committable(List.of(A)));
    }

    @Test
    void a_redelivered_batch_skips_what_was_handed_over() {
        tracker.submit(A, 0);
        tracker.submit(A, 1);
        assertFalse(tracker.accepts(A, 0));
        assertFalse(tracker.accepts(A, 1));
        assertTrue(tracker.accepts(A, 2));
        assertTrue(tracker.accepts(B, 0));
    }

    @Test
    void a_rewind_restarts_at_the_first_record_not_done_and_waits_for_it() {
        OffsetTracker.Partition a = tracker.submit(A, 0);
        tracker.submit(A, 1);
        tracker.submit(A, 2);
        a.done(0);
        a.done(2);
        assertEquals(1, tracker.rewind(A, a));
        // A later record arriving before the rewound one would leave offset 1 out.
        assertFalse(tracker.accepts(A, 2));
        assertFalse(tracker.accepts(A, 0));
        assertTrue(tracker.accepts(A, 1));
        // Acknowledgements of the old attempt no longer count.
        a.done(1);
        assertEquals(Map.of(), committable());
        OffsetTracker.Partition again = tracker.submit(A, 1);
        tracker.submit(A, 2);
        again.done(1);
        assertEquals(Map.of(A, 2L), committable());
        assertEquals(-1, tracker.rewind(A, a), "a second failure of the same attempt rewinds once");
    }

    @Test
    void a_closed_partition_is_forgotten() {
        OffsetTracker.Partition a = tracker.submit(A, 0);
        tracker.forget(List.of(A));
        a.done(0);
        assertEquals(Map.of(), committable());
        assertTrue(tracker.accepts(A, 0));
    }
}
