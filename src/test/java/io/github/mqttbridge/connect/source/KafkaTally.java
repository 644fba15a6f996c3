package io.github.mqttbridge.connect.source;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Which numbered messages Kafka holds and how often, and whether each key's records are in publishing order. */
public final class KafkaTally {
    private final int[] counts;
    private final Map<String, List<Integer>> byKey = new HashMap<>();

    /** Records whose value is the message's number, as {@link SourceTraffic} sends them. */
    public KafkaTally(int expected, List<ConsumerRecord<byte[], byte[]>> records) {
        this(expected, records, r -> Integer.parseInt(new String(r.value(), StandardCharsets.UTF_8)));
    }

    /** Records whose message number {@code number} tells, for payloads that do not name their message. */
    public KafkaTally(int expected, List<ConsumerRecord<byte[], byte[]>> records,
                      ToIntFunction<ConsumerRecord<byte[], byte[]>> number) {
        counts = new int[expected];
        for (ConsumerRecord<byte[], byte[]> r : records) {
            int n = number.applyAsInt(r);
            counts[n]++;
            byKey.computeIfAbsent(new String(r.key(), StandardCharsets.UTF_8), k -> new ArrayList<>()).add(n);
        }
    }

    public List<Integer> missing() {
        List<Integer> missing = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] == 0) {
                missing.add(i);
            }
        }
        return missing;
    }

    public int duplicates() {
        int d = 0;
        for (int c : counts) {
            d += Math.max(0, c - 1);
        }
        return d;
    }

    /** The messages that arrived more than once. */
    public List<Integer> duplicated() {
        List<Integer> duplicated = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] > 1) {
                duplicated.add(i);
            }
        }
        return duplicated;
    }

    /**
     * Keys whose messages are out of order. A redelivery after a failure goes back to the oldest unacknowledged
     * message, so with duplicates the order is checked on first arrivals: a key is in order when each message
     * seen for the first time is newer than every message seen before.
     */
    List<String> outOfOrderKeys() {
        List<String> bad = new ArrayList<>();
        byKey.forEach((key, numbers) -> {
            int highest = -1;
            java.util.Set<Integer> seen = new java.util.HashSet<>();
            for (int n : numbers) {
                if (seen.add(n)) {
                    if (n < highest) {
                        bad.add(key + " (" + n + " after " + highest + ")");
                        return;
                    }
                    highest = n;
                }
            }
        });
        return bad;
    }

    @Override
    public String toString() {
        List<Integer> missing = missing();
        List<Integer> duplicated = duplicated();
        return "missing " + missing.size() + (missing.isEmpty() ? "" : " (first " + missing.subList(0,
                Math.min(10, missing.size())) + ")") + ", duplicates " + duplicates() + (duplicated.isEmpty() ? ""
                : " (first " + duplicated.subList(0, Math.min(10, duplicated.size())) + ")");
    }
}
