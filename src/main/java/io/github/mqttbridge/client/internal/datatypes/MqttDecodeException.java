package io.github.mqttbridge.client.internal.datatypes;

/**
 * Bytes received from the peer that do not form a well-formed MQTT 3.1, 3.1.1 or 5.0 packet. The spec requires the
 * receiver to close the network connection, so this is a checked exception: the caller must decide how.
 */
public final class MqttDecodeException extends Exception {
    private static final long serialVersionUID = 1L;

    private final boolean tooLarge;

    public MqttDecodeException(String message) {
        this(message, false);
    }

    private MqttDecodeException(String message, boolean tooLarge) {
        super(message);
        this.tooLarge = tooLarge;
    }

    /** A packet larger than the receiver takes: well-formed, perhaps, but MQTT 5 gives it a reason code of its own. */
    public static MqttDecodeException tooLarge(String message) {
        return new MqttDecodeException(message, true);
    }

    public boolean tooLarge() {
        return tooLarge;
    }
}
