package io.github.mqttbridge.connect.source;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The records {@code poll()} handed to Connect whose {@code commitRecord} has not come yet, bounded like the
 * hand-over queue. Connect takes whatever poll() returns, and while Kafka is slow its producer holds only
 * serialised bytes to a limit, not the records waiting for it: without this bound a slow Kafka moves the backlog
 * from the broker into the worker's heap. With it, poll() returns nothing, the queue and then the client fill, and
 * the broker keeps the messages.
 */
final class UncommittedRecords {
    private final int maxRecords;
    private final long maxBytes;
    private final AtomicInteger records = new AtomicInteger();
    private final AtomicLong bytes = new AtomicLong();
    /** Set while poll() waits for room: commits, which come once per record, take the monitor only then. */
    private volatile boolean awaited;

    UncommittedRecords(int maxRecords, long maxBytes) {
        this.maxRecords = maxRecords;
        this.maxBytes = maxBytes;
    }

    /**
     * Waits up to {@code waitMillis} until there is room for more, and says whether there is. One batch may go over
     * the bound, so that a single large message still passes.
     */
    boolean awaitRoom(long waitMillis) throws InterruptedException {
        if (!full()) {
            return true;
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
        synchronized (this) {
            // Announced before the check: a commit that the check does not see sees this, and wakes us.
            awaited = true;
            try {
                while (full()) {
                    long remaining = deadline - System.nanoTime();
                    if (remaining <= 0) {
                        return false;
                    }
                    TimeUnit.NANOSECONDS.timedWait(this, remaining);
                }
                return true;
            } finally {
                awaited = false;
            }
        }
    }

    void handedOver(MessageRecord record) {
        records.incrementAndGet();
        bytes.addAndGet(record.payloadBytes());
    }

    /** Kafka has {@code record}, {@link MessageRecord#settle() settled} just now. */
    void committed(MessageRecord record) {
        records.decrementAndGet();
        bytes.addAndGet(-record.payloadBytes());
        if (awaited) {
            synchronized (this) {
                notifyAll();
            }
        }
    }

    int size() {
        return records.get();
    }

    long bytes() {
        return bytes.get();
    }

    private boolean full() {
        int n = records.get();
        return n >= maxRecords || (bytes.get() >= maxBytes && n > 0);
    }
}
