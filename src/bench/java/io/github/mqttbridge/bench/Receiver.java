package io.github.mqttbridge.bench;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.BitSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;

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
    /** The steady window runs from the arrival of the {@link #steadyFrom}th distinct message to the 90th percent's. */
    private final int steadyFrom;
    private final int steadyTo;
    private long steadyFromAt;
    private long steadyToAt;

    private final LongSupplier nanoClock;

    Receiver(int expected) {
        this(expected, System::nanoTime);
    }

    Receiver(int expected, LongSupplier nanoClock) {
        this.expected = expected;
        this.nanoClock = nanoClock;
        this.seen = new BitSet(expected);
        this.steadyFrom = Math.max(1, expected / 10);
        this.steadyTo = expected - expected / 10;
    }

    synchronized void accept(byte[] payload) {
        accept(payload.length >= 4 ? ByteBuffer.wrap(payload).getInt() : -1);
    }

    /** A message whose sequence number was read elsewhere; a negative number counts as foreign. */
    synchronized void accept(int sequence) {
        lastArrivalAt = nanoClock.getAsLong();
        if (sequence < 0 || sequence >= expected) {
            invalid++;
        } else if (seen.get(sequence)) {
            duplicates++;
        } else {
            seen.set(sequence);
            if (++distinct == steadyFrom) {
                steadyFromAt = lastArrivalAt;
            }
            if (distinct <= steadyTo) {
                steadyToAt = lastArrivalAt;
            }
            if (distinct == expected) {
                allArrivedAt.complete(lastArrivalAt);
            }
        }
    }

    /**
     * Waits for the round's messages and returns the {@link System#nanoTime()} of the last one. When messages
     * {@code mayBeLost} (at QoS 0 a broker may drop them, HiveMQ CE does for a subscriber that falls behind), the wait
     * also ends when messages stop coming, and {@link #distinct()} tells how many came; otherwise that is a failure.
     */
    long awaitLast(boolean mayBeLost, String what) throws Exception {
        long waitStart = System.nanoTime();
        long deadline = waitStart + TIMEOUT_NANOS;
        while (true) {
            try {
                return allArrivedAt.get(1, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                synchronized (this) {
                    long stall = mayBeLost ? QOS0_STALL.toNanos() : STALL_NANOS;
                    // silence counts from the last message, or from the end of publishing if none has come yet
                    boolean stalled = System.nanoTime() - Math.max(lastArrivalAt, waitStart) > stall;
                    if (mayBeLost && stalled && distinct > 0) {
                        return lastArrivalAt;
                    }
                    if (stalled || System.nanoTime() > deadline) {
                        throw new IllegalStateException(what + ": messages stopped coming; " + problems(), e);
                    }
                }
            }
        }
    }

    /**
     * Messages per second over the middle of the round: from the arrival of the tenth percent of the expected
     * messages to that of the ninetieth (or of the last, at QoS 0 when fewer came), so that neither the first
     * flight nor the drain at the end weighs in the rate; NaN when too few came to span a window.
     */
    synchronized double steadyRate() {
        int steadyToCount = Math.min(distinct, steadyTo);
        return steadyToCount > steadyFrom ? (steadyToCount - steadyFrom) / ((steadyToAt - steadyFromAt) / 1e9)
                : Double.NaN;
    }

    synchronized int distinct() {
        return distinct;
    }

    /** What is wrong with the round, or null: missing messages are wrong only when none {@code mayBeLost}. */
    synchronized String problems(boolean mayBeLost) {
        return mayBeLost && duplicates == 0 && invalid == 0 ? null : problems();
    }

    synchronized String problems() {
        if (distinct == expected && duplicates == 0 && invalid == 0) {
            return null;
        }
        return "received " + distinct + " of " + expected + " distinct messages, " + duplicates + " duplicates, "
                + invalid + " foreign";
    }
}
