package io.github.mqttbridge.bench;

import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;

/**
 * Publishes messages through {@link MqttLoad}'s client from a thread of its own, as fast as the load's window lets
 * it, up to the count the round allowed. A thread of its own, so that the round's sampling loop is never held up
 * by a full window.
 */
final class MqttFeed implements Feed {
    /** The publishing thread's name prefix: a raw publisher's cost includes the publish() calls made on it. */
    static final String THREAD_PREFIX = "bench-feed-";

    private final MqttLoad load;
    private final IntFunction<String> topicOf;
    private final int qos;
    private final Semaphore credits = new Semaphore(0);
    private final Semaphore window = MqttLoad.window();
    private final AtomicLong fed = new AtomicLong();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Thread thread;
    private volatile boolean stopped;
    private long allowed;

    MqttFeed(MqttLoad load, IntFunction<String> topicOf, int qos) {
        this.load = load;
        this.topicOf = topicOf;
        this.qos = qos;
        thread = new Thread(this::publishWhileAllowed, THREAD_PREFIX + ConnectorBench.uniqueId());
        thread.setDaemon(true);
        thread.start();
    }

    private void publishWhileAllowed() {
        try {
            for (int i = 0; ; i++) {
                credits.acquire();
                if (stopped) {
                    return;
                }
                // counted before it can complete, so that fed() is never behind a count of completions
                fed.incrementAndGet();
                load.publishInWindow(window, topicOf.apply(i), MqttLoad.payload(i), qos)
                        .whenComplete((ok, e) -> {
                            if (e != null) {
                                failure.compareAndSet(null, e);
                            }
                        });
            }
        } catch (Throwable e) {
            failure.compareAndSet(null, e);
        }
    }

    @Override
    public void allow(long total) {
        if (total > allowed) {
            credits.release(Math.toIntExact(total - allowed));
            allowed = total;
        }
        if (failure.get() != null) {
            throw new IllegalStateException("publishing failed", failure.get());
        }
    }

    @Override
    public long fed() {
        return fed.get();
    }

    @Override
    public void close() throws Exception {
        stopped = true;
        credits.release();
        thread.join();
        MqttLoad.awaitEmpty(window);
        if (failure.get() != null) {
            throw new IllegalStateException("publishing failed", failure.get());
        }
    }
}
