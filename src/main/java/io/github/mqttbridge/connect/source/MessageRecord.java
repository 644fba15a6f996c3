package io.github.mqttbridge.connect.source;

import java.util.Map;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * A record {@code poll()} made from one MQTT message, carrying that message until Kafka has the record. Connect hands
 * {@code commitRecord} the very object {@code poll()} returned (before any transform), so the record itself says
 * which delivery to acknowledge and how much it held, with no lookup by identity on every record: two records may be
 * equal (a redelivered message) while their messages are not the same delivery.
 */
final class MessageRecord extends SourceRecord {
    private static final AtomicIntegerFieldUpdater<MessageRecord> SETTLED =
            AtomicIntegerFieldUpdater.newUpdater(MessageRecord.class, "settled");

    private final Arrived arrived;
    private volatile int settled;

    MessageRecord(Arrived arrived, Map<String, ?> sourcePartition, Map<String, ?> sourceOffset, String topic,
                  Schema keySchema, Object key, Schema valueSchema, Object value, Iterable<Header> headers) {
        super(sourcePartition, sourceOffset, topic, null, keySchema, key, valueSchema, value, arrived.arrivalMillis(),
                headers);
        this.arrived = arrived;
    }

    /** True once only: a record that Connect reported twice is acknowledged and counted once. */
    boolean settle() {
        return SETTLED.compareAndSet(this, 0, 1);
    }

    /** Tells the broker it may forget the message: only for one that {@link #awaitsAck()}. */
    void acknowledge() {
        arrived.message().ack();
    }

    /** QoS 1 and 2: QoS 0 has nothing to acknowledge. */
    boolean awaitsAck() {
        return arrived.message().qos() > 0;
    }

    int payloadBytes() {
        return arrived.payload().length;
    }
}
