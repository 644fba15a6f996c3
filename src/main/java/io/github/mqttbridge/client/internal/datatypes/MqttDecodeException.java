package io.github.mqttbridge.client.internal.datatypes;

/**
 * Bytes received from the peer that do not form a well-formed MQTT 3.1, 3.1.1 or 5.0 packet. The spec requires the
 * receiver to close the network connection, so this is a checked exception: the caller must decide how.
 */
public final class MqttDecodeException extends Exception {
    private static final long serialVersionUID = 1L;

    public MqttDecodeException(String message) {
        super(message);
    }
}
