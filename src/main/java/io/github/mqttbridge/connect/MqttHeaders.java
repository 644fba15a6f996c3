package io.github.mqttbridge.connect;

/**
 * The Kafka headers that carry MQTT 5 metadata across the bridge. The source writes them from an arrived message;
 * the sink reads them back into the message it publishes, so that MQTT to Kafka to MQTT keeps them. Every header
 * whose name starts with {@link #RESERVED_PREFIX} is the bridge's own and never becomes a user property.
 */
public final class MqttHeaders {
    public static final String RESERVED_PREFIX = "mqtt.";
    public static final String CONTENT_TYPE = "mqtt.content.type";
    public static final String RESPONSE_TOPIC = "mqtt.response.topic";
    /** Bytes; Connect's default header converter carries bytes as Base64 text, which the sink decodes. */
    public static final String CORRELATION_DATA = "mqtt.correlation.data";
    /** The remaining message expiry interval in seconds when the message arrived, the record's timestamp. */
    public static final String MESSAGE_EXPIRY_INTERVAL = "mqtt.message.expiry.interval";
    public static final String SUBSCRIPTION_FILTER = "mqtt.subscription.filter";
    /** On a dead letter record of a publish the broker refused: the MQTT 5 reason code, and its reason string. */
    public static final String REASON_CODE = "mqtt.reason.code";
    public static final String REASON_STRING = "mqtt.reason.string";

    private MqttHeaders() {
    }
}
