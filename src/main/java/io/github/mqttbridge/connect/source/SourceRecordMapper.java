package io.github.mqttbridge.connect.source;

import io.github.mqttbridge.client.MqttMessage;
import io.github.mqttbridge.client.UserProperty;
import io.github.mqttbridge.connect.MqttHeaders;
import io.github.mqttbridge.connect.task.BadRecordException;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.header.Headers;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Turns an arrived MQTT message into a {@link SourceRecord}: topic from the template, key and value from the
 * {@link PayloadReader} (the key is the MQTT topic, so that one MQTT topic stays in one partition and in order; for
 * Sparkplug the node or device), the MQTT metadata as headers and the arrival time as timestamp. A message that
 * came on MQTT 5 also has each user property as a header of the same name (order and repeats kept), its content
 * type, response topic, correlation data and remaining message expiry interval when it has them, and the filters
 * it came through.
 *
 * <p>The source partition names the task's client, the offset the last message it received. MQTT cannot replay
 * from an offset, so these are for inspection only; the broker's session is what resumes a task. Delivering
 * exactly once, the offset also carries the task's {@link TransactionalReceipts}.
 */
final class SourceRecordMapper {
    static final String HEADER_TOPIC = "mqtt.topic";
    static final String HEADER_QOS = "mqtt.qos";
    static final String HEADER_RETAINED = "mqtt.retained";
    static final String HEADER_DUPLICATE = "mqtt.duplicate";
    static final String HEADER_MESSAGE_ID = "mqtt.message.id";
    static final String HEADER_ERROR_REASON = "mqtt.error.reason";
    static final String HEADER_ERROR_FORMAT = "mqtt.error.format";

    static final String PARTITION_CLIENT_ID = "mqtt.client.id";
    static final String OFFSET_RECEIVED = "received";

    private final SourceTopicTemplate template;
    private final PayloadReader format;
    private final Map<String, ?> sourcePartition;
    private final SubscribedFilters filters;
    /** The receipts each offset carries when the task delivers exactly once; null when it does not. */
    private final TransactionalReceipts receipts;

    SourceRecordMapper(SourceTopicTemplate template, PayloadReader format, Map<String, ?> sourcePartition,
                       SubscribedFilters filters, TransactionalReceipts receipts) {
        this.template = template;
        this.format = format;
        this.sourcePartition = sourcePartition;
        this.filters = filters;
        this.receipts = receipts;
    }

    /** The source partition of a task's records: its client, whose MQTT session they come from. */
    static Map<String, ?> partition(String clientId) {
        return Map.of(PARTITION_CLIENT_ID, clientId);
    }

    /** The number the task gave the record, from its offset. */
    static long sequence(SourceRecord record) {
        return ((Number) record.sourceOffset().get(OFFSET_RECEIVED)).longValue();
    }

    /** The record for a message; throws {@link BadRecordException} when the format cannot read the payload. */
    MessageRecord toRecord(Arrived arrived, long sequence) throws BadRecordException {
        String topic = arrived.message().destinationName();
        String kafkaTopic = template.render(topic);
        PayloadReader.Read read = format.read(topic, kafkaTopic, arrived.payload());
        SchemaAndValue value = read.value();
        return new MessageRecord(arrived, sourcePartition, offset(arrived, sequence), kafkaTopic,
                Schema.STRING_SCHEMA, read.key(), value.schema(), value.value(), headers(arrived));
    }

    /** The raw payload of a message the format could not read, for the dead letter topic, with the reason. */
    MessageRecord toDeadLetter(Arrived arrived, long sequence, String deadLetterTopic, String reason) {
        String topic = arrived.message().destinationName();
        Headers headers = headers(arrived)
                .addString(HEADER_ERROR_REASON, reason)
                .addString(HEADER_ERROR_FORMAT, format.configName());
        return new MessageRecord(arrived, sourcePartition, offset(arrived, sequence), deadLetterTopic,
                Schema.STRING_SCHEMA, topic, Schema.BYTES_SCHEMA, arrived.payload(), headers);
    }

    /** Made only once the record is sure to be made: stamping takes the message's id into the receipts. */
    private Map<String, ?> offset(Arrived arrived, long sequence) {
        MqttMessage m = arrived.message();
        if (receipts == null) {
            return Map.of(OFFSET_RECEIVED, sequence, HEADER_TOPIC, m.destinationName(), HEADER_MESSAGE_ID,
                    m.messageId());
        }
        return Map.of(OFFSET_RECEIVED, sequence, HEADER_TOPIC, m.destinationName(), HEADER_MESSAGE_ID,
                m.messageId(), TransactionalReceipts.OFFSET_HELD, receipts.stamp(m.qos(), m.messageId(), sequence));
    }

    private Headers headers(Arrived arrived) {
        MqttMessage m = arrived.message();
        Headers headers = new ConnectHeaders()
                .addString(HEADER_TOPIC, m.destinationName())
                .addInt(HEADER_QOS, m.qos())
                .addBoolean(HEADER_RETAINED, m.retained())
                .addBoolean(HEADER_DUPLICATE, m.duplicate())
                .addInt(HEADER_MESSAGE_ID, m.messageId());
        if (arrived.mqtt5()) {
            addMqtt5(m, headers);
        }
        return headers;
    }

    private void addMqtt5(MqttMessage m, Headers headers) {
        if (m.contentType() != null) {
            headers.addString(MqttHeaders.CONTENT_TYPE, m.contentType());
        }
        if (m.responseTopic() != null) {
            headers.addString(MqttHeaders.RESPONSE_TOPIC, m.responseTopic());
        }
        if (m.correlationData() != null) {
            headers.addBytes(MqttHeaders.CORRELATION_DATA, m.correlationData());
        }
        if (m.messageExpiryInterval() != null) {
            headers.addLong(MqttHeaders.MESSAGE_EXPIRY_INTERVAL, m.messageExpiryInterval());
        }
        for (String filter : filters.matched(m)) {
            headers.addString(MqttHeaders.SUBSCRIPTION_FILTER, filter);
        }
        for (UserProperty p : m.userProperties()) {
            headers.addString(p.name(), p.value());
        }
    }
}
