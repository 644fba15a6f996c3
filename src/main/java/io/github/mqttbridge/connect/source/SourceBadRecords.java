package io.github.mqttbridge.connect.source;

import io.github.mqttbridge.connect.task.BadRecordException;
import io.github.mqttbridge.connect.task.ErrorPolicy;

/**
 * What becomes of a message whose payload the format cannot read, per the {@link ErrorPolicy}. Source connectors
 * get no dead letter queue from Connect, so the dead letter record is made here, for
 * {@code mqtt.errors.deadletterqueue.topic.name}, and returned to Kafka like any record. A skipped message is
 * still acknowledged by the task, or the broker would send it again for ever.
 */
final class SourceBadRecords {
    private final ErrorPolicy policy;
    private final String deadLetterTopic;
    private final SourceRecordMapper mapper;

    /** {@code deadLetterTopic} empty: none, tolerated messages are logged and skipped. */
    SourceBadRecords(boolean tolerateAll, String deadLetterTopic, SourceRecordMapper mapper) {
        this.policy = new ErrorPolicy(tolerateAll, deadLetterTopic.isEmpty() ? null : "topic '" + deadLetterTopic + "'",
                "Fix the publisher or choose another " + MqttSourceConnectorConfig.PAYLOAD_FORMAT_CONFIG,
                MqttSourceConnectorConfig.DLQ_TOPIC_CONFIG);
        this.deadLetterTopic = deadLetterTopic;
        this.mapper = mapper;
    }

    /** The dead letter record to send instead, or null to skip the message; throws when errors are not tolerated. */
    MessageRecord handle(Arrived arrived, long sequence, BadRecordException e) {
        String what = "the message on MQTT topic '" + arrived.message().destinationName() + "'";
        return switch (policy.handle(what, e)) {
            case DEAD_LETTER -> mapper.toDeadLetter(arrived, sequence, deadLetterTopic, e.getMessage());
            case SKIP -> null;
        };
    }
}
