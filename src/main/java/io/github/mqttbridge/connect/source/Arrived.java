package io.github.mqttbridge.connect.source;

import io.github.mqttbridge.client.MqttMessage;

/**
 * A message as it arrived: the payload is copied once here, and the arrival time becomes the record timestamp.
 * {@code mqtt5} tells whether it came on an MQTT 5 connection, which carries the metadata headers.
 */
record Arrived(MqttMessage message, byte[] payload, long arrivalMillis, boolean mqtt5) {
    static Arrived of(MqttMessage message, long arrivalMillis, boolean mqtt5) {
        return new Arrived(message, message.payloadBytes(), arrivalMillis, mqtt5);
    }
}
