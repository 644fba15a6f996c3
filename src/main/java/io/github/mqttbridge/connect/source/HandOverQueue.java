package io.github.mqttbridge.connect.source;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Hands arrived messages from the MQTT client's callback thread to {@code poll()}, bounded by a number of messages
 * and of payload bytes. A full queue makes {@link #put} wait, which holds up the client's callback thread; the
 * client then stops reading from the socket, and the broker keeps the rest: memory stays bounded.
 */
final class HandOverQueue {
    private final int maxMessages;
    private final long maxBytes;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notFull = lock.newCondition();
    private final Condition notEmpty = lock.newCondition();
    private final ArrayDeque<Arrived> items = new ArrayDeque<>();
    private long bytes;
    private boolean closed;
    private boolean woken;

    HandOverQueue(int maxMessages, long maxBytes) {
        this.maxMessages = maxMessages;
        this.maxBytes = maxBytes;
    }

    /**
     * Adds a message, waiting while the queue is full; false when the queue was closed meanwhile (the message is
     * then not acknowledged, so the broker sends it again to the next session). A message larger than the byte
     * bound gets in once the queue is empty, so that it cannot block the queue for ever.
     */
    boolean put(Arrived arrived) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (!closed && !items.isEmpty()
                    && (items.size() >= maxMessages || bytes + arrived.payload().length > maxBytes)) {
                notFull.await();
            }
            if (closed) {
                return false;
            }
            items.add(arrived);
            bytes += arrived.payload().length;
            notEmpty.signal();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes up to {@code max} messages, waiting up to {@code waitMillis} for the first, or until {@link #wake};
     * empty if none came. With {@code gatherNanos} above zero, once the first is there it lets that long pass for
     * more to come before taking them, unless {@code max} are there already.
     */
    List<Arrived> drain(int max, long waitMillis, long gatherNanos) throws InterruptedException {
        long remaining = TimeUnit.MILLISECONDS.toNanos(waitMillis);
        lock.lockInterruptibly();
        try {
            while (items.isEmpty() && !closed && !woken && remaining > 0) {
                remaining = notEmpty.awaitNanos(remaining);
            }
            if (gatherNanos > 0 && !items.isEmpty() && items.size() < max && !closed && !woken) {
                // Not on notEmpty: every put would wake us again, which is the cost this saves.
                lock.unlock();
                try {
                    LockSupport.parkNanos(this, gatherNanos);
                } finally {
                    lock.lock();
                }
            }
            woken = false;
            List<Arrived> batch = new ArrayList<>(Math.min(max, items.size()));
            while (batch.size() < max && !items.isEmpty()) {
                Arrived a = items.poll();
                bytes -= a.payload().length;
                batch.add(a);
            }
            if (!batch.isEmpty()) {
                notFull.signalAll();
            }
            return batch;
        } finally {
            lock.unlock();
        }
    }

    /** Ends the wait of a drain, current or next, though no message came: the task has something else to send. */
    void wake() {
        lock.lock();
        try {
            woken = true;
            notEmpty.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Wakes every waiting thread; later puts are refused and drains return what is left without waiting. */
    void close() {
        lock.lock();
        try {
            closed = true;
            notFull.signalAll();
            notEmpty.signalAll();
        } finally {
            lock.unlock();
        }
    }

    int size() {
        lock.lock();
        try {
            return items.size();
        } finally {
            lock.unlock();
        }
    }

    long bytes() {
        lock.lock();
        try {
            return bytes;
        } finally {
            lock.unlock();
        }
    }
}
