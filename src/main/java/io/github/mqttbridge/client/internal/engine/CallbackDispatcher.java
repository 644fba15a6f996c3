package io.github.mqttbridge.client.internal.engine;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the application's callbacks, in order, on one thread of their own, so that a callback never runs on the
 * socket-reading thread or under a lock of the client. Arrived messages count against a bound (messages and
 * payload bytes); a reader handing in a message past the bound waits, which stops it reading the socket and
 * pushes back on the server through TCP. Other events are never held back.
 */
public final class CallbackDispatcher {
    private static final Logger log = LoggerFactory.getLogger(CallbackDispatcher.class);

    private record Task(Runnable action, int bytes, boolean message) {
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Condition notFull = lock.newCondition();
    private final Condition drained = lock.newCondition();
    private final ArrayDeque<Task> queue = new ArrayDeque<>();
    private final int maxMessages;
    private final long maxBytes;
    private final Thread thread;
    private int queuedMessages;
    private long queuedBytes;
    private boolean running = true;
    private boolean busy;
    /** Messages delivered and not yet released to the callback thread. */
    private boolean held;
    private volatile boolean producerWaiting;

    public CallbackDispatcher(String threadName, int maxMessages, long maxBytes) {
        this.maxMessages = maxMessages;
        this.maxBytes = maxBytes;
        this.thread = new Thread(this::run, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    /** Queues an event callback; never waits. */
    public void execute(Runnable action) {
        enqueue(new Task(action, 0, false));
    }

    /**
     * Queues the delivery of an arrived message, waiting while the queue is over its bound. A single message
     * larger than the byte bound is let through once the queue is empty, or it could never be delivered. The
     * callback thread is woken for it by {@link #release()}: the reader delivers what one read brought, then
     * releases it all with one wake-up instead of one per message.
     */
    public void deliver(Runnable action, int bytes) throws InterruptedException {
        lock.lock();
        try {
            while (running && queuedMessages > 0
                    && (queuedMessages >= maxMessages || queuedBytes + bytes > maxBytes)) {
                signalHeld();
                producerWaiting = true;
                try {
                    notFull.await();
                } finally {
                    producerWaiting = false;
                }
            }
            queuedMessages++;
            queuedBytes += bytes;
            queue.add(new Task(action, bytes, true));
            held = true;
        } finally {
            lock.unlock();
        }
    }

    /** Wakes the callback thread for the messages delivered since the last release. */
    public void release() {
        lock.lock();
        try {
            signalHeld();
        } finally {
            lock.unlock();
        }
    }

    private void signalHeld() {
        if (held) {
            held = false;
            notEmpty.signal();
        }
    }

    private void enqueue(Task task) {
        lock.lock();
        try {
            queue.add(task);
            notEmpty.signal();
        } finally {
            lock.unlock();
        }
    }

    /** True while a reader waits for room: the server's packets are held back by us, not lost on the way. */
    public boolean producerWaiting() {
        return producerWaiting;
    }

    public int queuedMessages() {
        lock.lock();
        try {
            return queuedMessages;
        } finally {
            lock.unlock();
        }
    }

    /** Waits until every callback queued so far has run, or the timeout passes; false if it passed. */
    public boolean awaitIdle(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        lock.lock();
        try {
            signalHeld();
            while (!queue.isEmpty() || busy) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                drained.awaitNanos(left);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Runs what is queued, then stops the thread; waits for it unless called from a callback itself. */
    public void shutdown(long timeout, TimeUnit unit) {
        lock.lock();
        try {
            running = false;
            notEmpty.signalAll();
            notFull.signalAll();
        } finally {
            lock.unlock();
        }
        if (Thread.currentThread() != thread) {
            try {
                thread.join(unit.toMillis(timeout));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public boolean isCallbackThread() {
        return Thread.currentThread() == thread;
    }

    private void run() {
        while (true) {
            Task task;
            lock.lock();
            try {
                busy = false;
                while (queue.isEmpty()) {
                    drained.signalAll();
                    if (!running) {
                        return;
                    }
                    notEmpty.awaitUninterruptibly();
                }
                task = queue.poll();
                busy = true;
                if (task.message) {
                    queuedMessages--;
                    queuedBytes -= task.bytes;
                    notFull.signal();
                }
            } finally {
                lock.unlock();
            }
            try {
                task.action.run();
            } catch (RuntimeException | Error e) {
                log.warn("An application callback threw; the client carries on", e);
            }
        }
    }
}
