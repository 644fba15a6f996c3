package io.github.mqttbridge.connect.source;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The QoS 1 and 2 messages whose records Kafka does not have yet: each {@link MessageRecord} carries its own
 * message, and this counts them for the task's metrics and its farewell.
 */
final class PendingAcks {
    private final AtomicInteger pending = new AtomicInteger();

    void track(MessageRecord record) {
        if (record.awaitsAck()) {
            pending.incrementAndGet();
        }
    }

    /** Kafka has {@code record}, {@link MessageRecord#settle() settled} just now: the broker may forget its message. */
    void acknowledge(MessageRecord record) {
        if (record.awaitsAck()) {
            record.acknowledge();
            pending.decrementAndGet();
        }
    }

    int size() {
        return pending.get();
    }
}
