package io.github.mqttbridge.connect.source;

import io.github.mqttbridge.client.MqttMessage;

/** A message as it arrived: the payload is copied once here, and the arrival time becomes the record timestamp. */
record Arrived(MqttMessage message, byte[] payload, long arrivalMillis) {
    static Arrived of(MqttMessage message, long arrivalMillis) {
        return new Arrived(message, message.payloadBytes(), arrivalMillis);
    }
}
