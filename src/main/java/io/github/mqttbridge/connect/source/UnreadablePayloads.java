package io.github.mqttbridge.connect.source;

import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What becomes of a payload the format cannot read, per Connect's {@code errors.tolerance}: with {@code none} the
 * task fails; with {@code all} the message goes to the dead letter topic if one is configured, or is logged and
 * skipped. A skipped message is still acknowledged, or the broker would send it again for ever.
 */
final class UnreadablePayloads {
    private static final Logger log = LoggerFactory.getLogger(UnreadablePayloads.class);

    private final boolean tolerate;
    private final String deadLetterTopic;
    private final RecordMapper mapper;

    UnreadablePayloads(boolean tolerate, String deadLetterTopic, RecordMapper mapper) {
        this.tolerate = tolerate;
        this.deadLetterTopic = deadLetterTopic;
        this.mapper = mapper;
    }

    /** The dead letter record to send instead, or null to skip the message; throws when errors are not tolerated. */
    SourceRecord handle(Arrived arrived, long sequence, PayloadException e) {
        String topic = arrived.message().destinationName();
        if (!tolerate) {
            throw new ConnectException("Cannot convert the message on MQTT topic '" + topic + "': " + e.getMessage()
                    + ". Fix the publisher or choose another " + MqttSourceConnectorConfig.PAYLOAD_FORMAT_CONFIG
                    + ", or set errors.tolerance=all to skip such messages (with "
                    + MqttSourceConnectorConfig.DLQ_TOPIC_CONFIG + " to keep them).");
        }
        if (deadLetterTopic.isEmpty()) {
            log.warn("Skipping the message on MQTT topic '{}' (errors.tolerance=all): {}", topic, e.getMessage());
            return null;
        }
        log.warn("Sending the message on MQTT topic '{}' to dead letter topic '{}': {}", topic, deadLetterTopic,
                e.getMessage());
        return mapper.toDeadLetter(arrived, sequence, deadLetterTopic, e.getMessage());
    }
}
