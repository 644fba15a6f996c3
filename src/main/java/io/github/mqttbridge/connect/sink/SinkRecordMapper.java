package io.github.mqttbridge.connect.sink;

import io.github.mqttbridge.connect.task.BadRecordException;
import org.apache.kafka.connect.sink.SinkRecord;

/** Turns a record into the MQTT message to publish, or into nothing for an ignored tombstone. */
final class SinkRecordMapper {
    private static final byte[] EMPTY = new byte[0];

    /** What to publish for one record. */
    record Publication(String topic, byte[] payload, int qos, boolean retained) {
    }

    private final SinkTopicTemplate topics;
    private final SinkPayloadFormat payloads;
    private final TombstoneBehavior tombstones;
    private final int qos;
    private final boolean retained;

    SinkRecordMapper(SinkTopicTemplate topics, SinkPayloadFormat payloads, TombstoneBehavior tombstones, int qos,
                     boolean retained) {
        this.topics = topics;
        this.payloads = payloads;
        this.tombstones = tombstones;
        this.qos = qos;
        this.retained = retained;
    }

    SinkRecordMapper(MqttSinkConnectorConfig config) {
        this(config.topicTemplate(), config.payloads(), config.tombstoneBehavior(), config.qos(), config.retained());
    }

    /** The message for {@code record}; null when nothing is to be published (an ignored tombstone). */
    Publication map(SinkRecord record) throws BadRecordException {
        if (record.value() == null) {
            switch (tombstones) {
                case IGNORE:
                    return null;
                case CLEAR_RETAINED:
                    // An empty retained message is how MQTT deletes the retained message of a topic.
                    return new Publication(topics.render(record), EMPTY, qos, true);
                default:
                    throw new BadRecordException("the value is null (a tombstone) and mqtt.tombstone.behavior is "
                            + TombstoneBehavior.FAIL.configName());
            }
        }
        String topic = topics.render(record);
        return new Publication(topic, payloads.encode(record.value()), qos, retained);
    }
}
