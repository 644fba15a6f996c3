package io.github.mqttbridge.testing;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts which numbered messages arrived, and how often, for tests that must prove nothing was lost or
 * duplicated. Payloads carry their number in the first four bytes ({@link #payload}).
 */
public final class Receipts {
    private final AtomicIntegerArray counts;
    private final AtomicInteger total = new AtomicInteger();

    public Receipts(int expected) {
        this.counts = new AtomicIntegerArray(expected);
    }

    /** A payload of {@code size} bytes (at least 4) that carries {@code number}. */
    public static byte[] payload(int number, int size) {
        return ByteBuffer.allocate(Math.max(4, size)).putInt(number).array();
    }

    public static int number(byte[] payload) {
        return ByteBuffer.wrap(payload).getInt();
    }

    /** Records one arrival of the message whose payload this is; returns how often it has arrived now. */
    public int record(byte[] payload) {
        total.incrementAndGet();
        return counts.incrementAndGet(number(payload));
    }

    /** How many distinct messages arrived at least once. */
    public int distinct() {
        int n = 0;
        for (int i = 0; i < counts.length(); i++) {
            if (counts.get(i) > 0) {
                n++;
            }
        }
        return n;
    }

    /** Arrivals beyond the first of each message. */
    public int duplicates() {
        return total.get() - distinct();
    }

    public int total() {
        return total.get();
    }

    public boolean allArrived() {
        return distinct() == counts.length();
    }

    /** The numbers of the first few messages that never arrived, for assertion messages. */
    public List<Integer> missing(int atMost) {
        List<Integer> missing = new ArrayList<>();
        for (int i = 0; i < counts.length() && missing.size() < atMost; i++) {
            if (counts.get(i) == 0) {
                missing.add(i);
            }
        }
        return missing;
    }

    public int count(int number) {
        return counts.get(number);
    }

    public int size() {
        return counts.length();
    }

    /** The numbers of the first few messages that arrived more than once. */
    public List<Integer> duplicated(int atMost) {
        List<Integer> duplicated = new ArrayList<>();
        for (int i = 0; i < counts.length() && duplicated.size() < atMost; i++) {
            if (counts.get(i) > 1) {
                duplicated.add(i);
            }
        }
        return duplicated;
    }

    @Override
    public String toString() {
        return distinct() + " of " + counts.length() + " arrived, " + duplicates() + " duplicates, first missing "
                + missing(10);
    }
}
