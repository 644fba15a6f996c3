package io.github.mqttbridge.connect.sink;

import io.github.mqttbridge.client.MqttMessage;
import io.github.mqttbridge.connect.task.BadRecordException;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Turns a record into the MQTT message to publish, or into nothing for an ignored tombstone or, on MQTT 5, a record
 * whose message expiry has passed.
 */
final class SinkRecordMapper {
    private static final byte[] EMPTY = new byte[0];

    /** What becomes of one record: {@code message} to publish, or null when nothing is published. */
    record Publication(MqttMessage message, boolean expired) {
        static final Publication NOTHING = new Publication(null, false);
        static final Publication EXPIRED = new Publication(null, true);
    }

    /** The MQTT 5 parts of a message, made only when the connector may speak MQTT 5. */
    record Mqtt5(HeaderUserProperties userProperties, SinkMessageProperties properties) {
    }

    private final SinkTopicTemplate topics;
    private final SinkPayloadFormat payloads;
    private final TombstoneBehavior tombstones;
    private final int qos;
    private final boolean retained;
    private final Mqtt5 mqtt5;

    /** {@code mqtt5} null: MQTT 3 messages only. */
    SinkRecordMapper(SinkTopicTemplate topics, SinkPayloadFormat payloads, TombstoneBehavior tombstones, int qos,
                     boolean retained, Mqtt5 mqtt5) {
        this.topics = topics;
        this.payloads = payloads;
        this.tombstones = tombstones;
        this.qos = qos;
        this.retained = retained;
        this.mqtt5 = mqtt5;
    }

    SinkRecordMapper(MqttSinkConnectorConfig config) {
        this(config.topicTemplate(), config.payloads(), config.tombstoneBehavior(), config.qos(), config.retained(),
                config.mqtt5(System::currentTimeMillis));
    }

    Publication map(SinkRecord record) throws BadRecordException {
        if (record.value() == null) {
            switch (tombstones) {
                case IGNORE:
                    return Publication.NOTHING;
                case CLEAR_RETAINED:
                    // An empty retained message is how MQTT deletes the retained message of a topic.
                    return message(record, EMPTY, true);
                default:
                    throw new BadRecordException("the value is null (a tombstone) and mqtt.tombstone.behavior is "
                            + TombstoneBehavior.FAIL.configName());
            }
        }
        return message(record, payloads.encode(record.value()), retained);
    }

    private Publication message(SinkRecord record, byte[] payload, boolean retain) throws BadRecordException {
        MqttMessage message = new MqttMessage(payload);
        message.setDestinationName(topics.render(record));
        message.setQos(qos);
        message.setRetained(retain);
        if (mqtt5 != null) {
            if (!mqtt5.properties().apply(record, message)) {
                return Publication.EXPIRED;
            }
            mqtt5.userProperties().addTo(record, message);
        }
        return new Publication(message, false);
    }
}
