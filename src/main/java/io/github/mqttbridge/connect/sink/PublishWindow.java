package io.github.mqttbridge.connect.sink;

import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;

/**
 * Bounds the publishes a task has handed to the MQTT client and not yet seen complete
 * ({@code mqtt.max.outstanding.records}), in flight or buffered while the broker is unreachable, which bounds the
 * task's memory. When the window is full, put() waits up to {@code mqtt.retry.backoff.ms} and then hands the rest
 * of its batch back to Connect; when no acknowledgement came for {@code mqtt.retry.timeout.ms} while publishes
 * waited, the task fails. Publishes open on the task's thread and close on the client's.
 */
final class PublishWindow {
    private final int max;
    private final long backoffMs;
    private final long timeoutMs;
    private int outstanding;
    /** When the task last made progress while publishes waited (an ack, or the first publish after idling). */
    private volatile long progressNanos = System.nanoTime();

    PublishWindow(int max, long backoffMs, long timeoutMs) {
        this.max = max;
        this.backoffMs = backoffMs;
        this.timeoutMs = timeoutMs;
    }

    synchronized boolean hasRoom() {
        return outstanding < max;
    }

    /** Waits up to the backoff until fewer than the maximum are outstanding; false when no room came. */
    synchronized boolean awaitRoom() {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(backoffMs);
        while (outstanding >= max) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ConnectException("interrupted while waiting for the MQTT broker", e);
            }
        }
        return true;
    }

    /** A publish was handed to the client. */
    synchronized void opened() {
        if (outstanding++ == 0) {
            progressNanos = System.nanoTime();
        }
    }

    /** A publish completed: acknowledged by the broker, or failed. */
    synchronized void closed(boolean acknowledged) {
        if (acknowledged) {
            progressNanos = System.nanoTime();
        }
        outstanding--;
        notifyAll();
    }

    /** Why the window is full, as the task's messages say it. */
    String full() {
        return max + " records wait for the broker's acknowledgement";
    }

    long backoffMs() {
        return backoffMs;
    }

    /**
     * The exception that hands the rest of the batch back to Connect for later, after {@link #backoffMs}; throws
     * a {@link ConnectException} instead once no acknowledgement came for the retry timeout.
     */
    RetriableException stalled(String why) {
        long waitedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - progressNanos);
        if (waitedMs > timeoutMs) {
            throw new ConnectException("No acknowledgement from the MQTT broker for " + waitedMs + " ms while "
                    + why + "; giving up after " + MqttSinkConnectorConfig.RETRY_TIMEOUT_MS_CONFIG + "=" + timeoutMs);
        }
        return new RetriableException(why + "; the rest of the batch is retried in " + backoffMs + " ms");
    }
}
