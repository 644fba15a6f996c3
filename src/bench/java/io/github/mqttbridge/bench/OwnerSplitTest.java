package io.github.mqttbridge.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mqttbridge.bench.ThreadProfile.Counters;
import io.github.mqttbridge.bench.ThreadProfile.Owner;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OwnerSplitTest {
    private static final long RECORDS = 1_000;

    /** Per record: task 3 µs (a quarter ours), Kafka 2 µs (half ours), our client 3 µs (1 in the kernel), JVM 1. */
    private static OwnerSplit split() {
        Map<Owner, Counters> byOwner = new EnumMap<>(Owner.class);
        byOwner.put(Owner.TASK, new Counters(3_000_000, 0, 0, 0));
        byOwner.put(Owner.KAFKA, new Counters(2_000_000, 0, 0, 0));
        byOwner.put(Owner.MQTT, new Counters(2_000_000, 1_000_000, 0, 0));
        byOwner.put(Owner.JVM, new Counters(1_000_000, 0, 0, 0));
        byOwner.put(Owner.MEASUREMENT, new Counters(500_000, 0, 0, 0));
        return new OwnerSplit(byOwner, RECORDS, owner -> switch (owner) {
            case TASK -> 0.25;
            case KAFKA -> 0.5;
            default -> Double.NaN;
        });
    }

    @Test
    void ours_is_our_client_and_our_share_of_the_threads_we_share_and_the_benchmarks_reads_are_nobodys() {
        OwnerSplit split = split();
        assertEquals(0.75 + 1 + 3, split.oursMicros(), 1e-9);
        assertEquals(2.25 + 1 + 1, split.theirsMicros(), 1e-9);
        assertEquals(1, split.kernelMicros(Owner.MQTT), 1e-9);
        assertEquals(0, split.micros(Owner.OTHER));
    }

    @Test
    void the_text_says_whether_the_aim_is_within_reach_of_our_code() {
        assertTrue(split().markdown(5).contains("leaves 0.8 µs a record for our code, which took 4.8"),
                split().markdown(5));
        assertTrue(split().markdown(4).contains("is more than the aim of 4.0 µs"), split().markdown(4));
    }
}
