package io.github.mqttbridge.bench;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.BitSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Counts what the subscriber gets by the sequence number in the first four payload bytes, so a lost, duplicated
 * or foreign message cannot hide behind a right total. Synchronized because some libraries call back from several
 * threads.
 */
final class Receiver {
    /** At QoS 0 a round whose messages stopped coming for this long is over: nothing more is on its way. */
    static final Duration QOS0_STALL = Duration.ofSeconds(5);
    /** At QoS 1 and 2 nothing is lost, so only a long silence means something broke. */
    private static final long STALL_NANOS = TimeUnit.SECONDS.toNanos(30);
    private static final long TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(180);

    private final int expected;
    private final BitSet seen;
    private final CompletableFuture<Long> allArrivedAt = new CompletableFuture<>();
    private int distinct;
    private int duplicates;
    private int invalid;
    private long lastArrivalAt = Long.MIN_VALUE;

    Receiver(int expected) {
        this.expected = expected;
        this.seen = new BitSet(expected);
    }

    synchronized void accept(byte[] payload) {
        accept(payload.length >= 4 ? ByteBuffer.wrap(payload).getInt() : -1);
    }

    /** A message whose sequence number was read elsewhere; a negative number counts as foreign. */
    synchronized void accept(int sequence) {
        lastArrivalAt = System.nanoTime();
        if (sequence < 0 || sequence >= expected) {
            invalid++;
        } else if (seen.get(sequence)) {
            duplicates++;
        } else {
            seen.set(sequence);
            if (++distinct == expected) {
                allArrivedAt.complete(lastArrivalAt);
            }
        }
    }

    /**
     * Waits for the round's messages and returns the {@link System#nanoTime()} of the last one. At QoS 0 a broker
     * may drop messages (HiveMQ CE does for a subscriber that falls behind), so there the wait also ends when
     * messages stop coming, and {@link #distinct()} tells how many came; at QoS 1 and 2 that is a failure.
     */
    long awaitLast(int qos, String what) throws Exception {
        long waitStart = System.nanoTime();
        long deadline = waitStart + TIMEOUT_NANOS;
        while (true) {
            try {
                return allArrivedAt.get(1, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                synchronized (this) {
                    long stall = qos == 0 ? QOS0_STALL.toNanos() : STALL_NANOS;
                    // silence counts from the last message, or from the end of publishing if none has come yet
                    boolean stalled = System.nanoTime() - Math.max(lastArrivalAt, waitStart) > stall;
                    if (qos == 0 && stalled && distinct > 0) {
                        return lastArrivalAt;
                    }
                    if (stalled || System.nanoTime() > deadline) {
                        throw new IllegalStateException(what + ": messages stopped coming; " + problems(), e);
                    }
                }
            }
        }
    }

    synchronized int distinct() {
        return distinct;
    }

    /** What is wrong with the round at this QoS, or null: at QoS 0 missing messages are reported, not wrong. */
    synchronized String problems(int qos) {
        return qos == 0 && duplicates == 0 && invalid == 0 ? null : problems();
    }

    synchronized String problems() {
        if (distinct == expected && duplicates == 0 && invalid == 0) {
            return null;
        }
        return "received " + distinct + " of " + expected + " distinct messages, " + duplicates + " duplicates, "
                + invalid + " foreign";
    }
}
