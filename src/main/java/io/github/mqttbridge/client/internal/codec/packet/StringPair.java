package io.github.mqttbridge.client.internal.codec.packet;

/** A UTF-8 string pair (MQTT 5.0 section 1.5.7), the value of a user property. */
public record StringPair(String name, String value) {
}
