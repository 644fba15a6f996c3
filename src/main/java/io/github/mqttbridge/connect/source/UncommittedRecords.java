package io.github.mqttbridge.connect.source;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.source.SourceRecord;

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
    /** Identity, as for the acknowledgements: Connect commits the very object poll() returned. */
    private final Map<SourceRecord, Integer> sizes = new IdentityHashMap<>();
    private long bytes;

    UncommittedRecords(int maxRecords, long maxBytes) {
        this.maxRecords = maxRecords;
        this.maxBytes = maxBytes;
    }

    /**
     * Waits up to {@code waitMillis} until there is room for more, and says whether there is. One batch may go over
     * the bound, so that a single large message still passes.
     */
    synchronized boolean awaitRoom(long waitMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
        while (full()) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, remaining);
        }
        return true;
    }

    synchronized void handedOver(SourceRecord record, int payloadBytes) {
        sizes.put(record, payloadBytes);
        bytes += payloadBytes;
    }

    synchronized void committed(SourceRecord record) {
        Integer size = sizes.remove(record);
        if (size != null) {
            bytes -= size;
            notifyAll();
        }
    }

    synchronized int size() {
        return sizes.size();
    }

    synchronized long bytes() {
        return bytes;
    }

    private boolean full() {
        return sizes.size() >= maxRecords || (bytes >= maxBytes && !sizes.isEmpty());
    }
}
