package io.github.mqttbridge.bench;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

/**
 * Holds publishes back to a window for a library that refuses a publish beyond its in-flight limit instead of
 * queueing it (Paho, both generations), as an application of that library has to.
 */
final class InflightWindow {
    private final Semaphore permits;
    private final Predicate<Exception> refusedForFullWindow;

    /** One attempt to hand a message to the library. */
    interface Attempt {
        /** Publishes, completing {@code done} once the library reports the message delivered. */
        void publish(CompletableFuture<Void> done) throws Exception;
    }

    /** {@code refusedForFullWindow} tells the library's refusal of a publish beyond its window from real failures. */
    InflightWindow(int size, Predicate<Exception> refusedForFullWindow) {
        this.permits = new Semaphore(size);
        this.refusedForFullWindow = refusedForFullWindow;
    }

    /** Waits for a free slot, then publishes; the slot is free again before the returned future completes. */
    CompletableFuture<Void> publish(Attempt attempt) throws Exception {
        permits.acquire();
        CompletableFuture<Void> done = new CompletableFuture<>();
        CompletableFuture<Void> released = done.whenComplete((ignored, failure) -> permits.release());
        while (true) {
            try {
                attempt.publish(done);
                return released;
            } catch (Exception e) {
                if (!refusedForFullWindow.test(e)) {
                    permits.release();
                    throw e;
                }
            }
            // Paho may report a delivery a moment before it lowers its own in-flight count.
            LockSupport.parkNanos(20_000);
        }
    }
}
