package io.github.mqttbridge.connect.sink;

import io.github.mqttbridge.client.MqttMessage;
import io.github.mqttbridge.client.MqttTopics;
import io.github.mqttbridge.connect.MqttHeaders;
import io.github.mqttbridge.connect.task.BadRecordException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.apache.kafka.connect.data.Values;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * The MQTT 5 properties of the message a record becomes: content type, response topic and correlation data from a
 * configured template, or else from the record's {@code mqtt.*} header that the source writes; the message expiry
 * interval from a configured value, or else from the header. The interval counts from the record's timestamp when
 * so configured: the age of the record is taken off, and a record older than its interval is not published.
 */
final class SinkMessageProperties {
    private final Optional<SinkTextTemplate> contentType;
    private final Optional<SinkTextTemplate> responseTopic;
    private final Optional<SinkTextTemplate> correlationData;
    private final Long expiryIntervalMs;
    private final boolean expiryCountsRecordAge;
    private final LongSupplier clock;

    SinkMessageProperties(Optional<SinkTextTemplate> contentType, Optional<SinkTextTemplate> responseTopic,
                          Optional<SinkTextTemplate> correlationData, Long expiryIntervalMs,
                          boolean expiryCountsRecordAge, LongSupplier clock) {
        this.contentType = contentType;
        this.responseTopic = responseTopic;
        this.correlationData = correlationData;
        this.expiryIntervalMs = expiryIntervalMs;
        this.expiryCountsRecordAge = expiryCountsRecordAge;
        this.clock = clock;
    }

    /** Sets the properties of {@code message}; false when the record's message expiry has passed already. */
    boolean apply(SinkRecord record, MqttMessage message) throws BadRecordException {
        Long expiryMs = remainingExpiryMs(record);
        if (expiryMs != null) {
            if (expiryMs <= 0) {
                return false;
            }
            // MQTT counts whole seconds; rounding up never makes a live message expire early.
            message.setMessageExpiryInterval((expiryMs + 999) / 1000);
        }
        String type = text(contentType, record, MqttHeaders.CONTENT_TYPE);
        if (type != null) {
            message.setContentType(type);
        }
        String response = text(responseTopic, record, MqttHeaders.RESPONSE_TOPIC);
        if (response != null) {
            Optional<String> problem = MqttTopics.nameProblem(response);
            if (problem.isPresent()) {
                throw new BadRecordException("the response topic '" + response + "' is not a valid topic name: it "
                        + problem.get());
            }
            message.setResponseTopic(response);
        }
        byte[] correlation = correlationData.isPresent()
                ? correlationData.get().render(record).getBytes(StandardCharsets.UTF_8)
                : headerBytes(record.headers().lastWithName(MqttHeaders.CORRELATION_DATA));
        if (correlation != null) {
            message.setCorrelationData(correlation);
        }
        return true;
    }

    private Long remainingExpiryMs(SinkRecord record) throws BadRecordException {
        Long intervalMs = expiryIntervalMs;
        if (intervalMs == null) {
            Header h = record.headers().lastWithName(MqttHeaders.MESSAGE_EXPIRY_INTERVAL);
            if (h == null || h.value() == null) {
                return null;
            }
            intervalMs = seconds(h.value()) * 1000;
        }
        if (!expiryCountsRecordAge || record.timestamp() == null) {
            return intervalMs;
        }
        return intervalMs - Math.max(0, clock.getAsLong() - record.timestamp());
    }

    private static long seconds(Object value) throws BadRecordException {
        try {
            long seconds = value instanceof Number n ? n.longValue() : Long.parseLong(Values.convertToString(null,
                    value).trim());
            if (seconds < 0) {
                throw new NumberFormatException("negative");
            }
            return seconds;
        } catch (NumberFormatException e) {
            throw new BadRecordException("header '" + MqttHeaders.MESSAGE_EXPIRY_INTERVAL + "' is '" + value
                    + "', not a number of seconds");
        }
    }

    private static String text(Optional<SinkTextTemplate> template, SinkRecord record, String header)
            throws BadRecordException {
        if (template.isPresent()) {
            return template.get().render(record);
        }
        Header h = record.headers().lastWithName(header);
        return h == null || h.value() == null ? null : HeaderUserProperties.text(h.value());
    }

    /**
     * Bytes as they are; text as Base64, the form in which Connect's default header converter carries bytes, or as
     * UTF-8 when it is not Base64 (a correlation id a Kafka producer wrote as text).
     */
    private static byte[] headerBytes(Header h) {
        if (h == null || h.value() == null) {
            return null;
        }
        if (h.value() instanceof byte[] bytes) {
            return bytes;
        }
        if (h.value() instanceof ByteBuffer buffer) {
            return HeaderUserProperties.bytes(buffer);
        }
        String text = Values.convertToString(null, h.value());
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException notBase64) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
    }
}
