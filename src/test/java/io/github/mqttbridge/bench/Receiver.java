package io.github.mqttbridge.bench;

import java.nio.ByteBuffer;
import java.util.BitSet;
import java.util.concurrent.CompletableFuture;

/**
 * Counts what the subscriber gets by the sequence number in the first four payload bytes, so a lost, duplicated
 * or foreign message cannot hide behind a right total. Synchronized because some libraries call back from several
 * threads.
 */
final class Receiver {
    private final int expected;
    private final BitSet seen;
    private final CompletableFuture<Long> allArrivedAt = new CompletableFuture<>();
    private int distinct;
    private int duplicates;
    private int invalid;

    Receiver(int expected) {
        this.expected = expected;
        this.seen = new BitSet(expected);
    }

    synchronized void accept(byte[] payload) {
        accept(payload.length >= 4 ? ByteBuffer.wrap(payload).getInt() : -1);
    }

    /** A message whose sequence number was read elsewhere; a negative number counts as foreign. */
    synchronized void accept(int sequence) {
        if (sequence < 0 || sequence >= expected) {
            invalid++;
        } else if (seen.get(sequence)) {
            duplicates++;
        } else {
            seen.set(sequence);
            if (++distinct == expected) {
                allArrivedAt.complete(System.nanoTime());
            }
        }
    }

    /** Completes with the {@link System#nanoTime()} at which the last missing message arrived. */
    CompletableFuture<Long> allArrivedAt() {
        return allArrivedAt;
    }

    synchronized String problems() {
        if (distinct == expected && duplicates == 0 && invalid == 0) {
            return null;
        }
        return "received " + distinct + " of " + expected + " distinct messages, " + duplicates + " duplicates, "
                + invalid + " foreign";
    }
}
