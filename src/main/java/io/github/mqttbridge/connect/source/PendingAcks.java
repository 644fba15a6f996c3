package io.github.mqttbridge.connect.source;

import io.github.mqttbridge.client.MqttMessage;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * The QoS 1 and 2 messages whose records Kafka does not have yet. Keyed by the record's identity: Connect hands
 * {@code commitRecord} the very object {@code poll()} returned, and two records may be equal (a redelivered
 * message) while their messages are not the same delivery.
 */
final class PendingAcks {
    private final Map<SourceRecord, MqttMessage> pending = Collections.synchronizedMap(new IdentityHashMap<>());

    /** Remembers the message to acknowledge once {@code record} is in Kafka; QoS 0 needs no acknowledgement. */
    void track(SourceRecord record, MqttMessage message) {
        if (message.qos() > 0) {
            pending.put(record, message);
        }
    }

    /** Acknowledges the message of {@code record} to the broker; false when it had none pending. */
    boolean acknowledge(SourceRecord record) {
        MqttMessage message = pending.remove(record);
        if (message == null) {
            return false;
        }
        message.ack();
        return true;
    }

    int size() {
        return pending.size();
    }
}
