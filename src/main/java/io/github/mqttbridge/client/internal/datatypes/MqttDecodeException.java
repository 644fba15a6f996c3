package io.github.mqttbridge.client.internal.datatypes;

/**
 * Bytes received from the peer that do not form a well-formed MQTT 3.1, 3.1.1 or 5.0 packet. The spec requires the
 * receiver to close the network connection, so this is a checked exception: the caller must decide how.
 */
public final class MqttDecodeException extends Exception {
    private static final long serialVersionUID = 1L;
    private static final int MALFORMED_PACKET = 0x81;
    private static final int PROTOCOL_ERROR = 0x82;
    private static final int PACKET_TOO_LARGE = 0x95;

    private final int reasonCode;

    public MqttDecodeException(String message) {
        this(message, MALFORMED_PACKET);
    }

    /** Bytes MQTT 5 gives a reason code of their own: {@code reasonCode} is the one a receiver's DISCONNECT gives. */
    public MqttDecodeException(String message, int reasonCode) {
        super(message);
        this.reasonCode = reasonCode;
    }

    /** A packet larger than the receiver takes: well-formed, perhaps, but MQTT 5 gives it a reason code of its own. */
    public static MqttDecodeException tooLarge(String message) {
        return new MqttDecodeException(message, PACKET_TOO_LARGE);
    }

    /**
     * A packet that can be read but holds what the protocol does not allow, e.g. a SUBSCRIBE from a server: MQTT 5
     * calls this a Protocol Error rather than a Malformed Packet (section 1.2).
     */
    public static MqttDecodeException protocolError(String message) {
        return new MqttDecodeException(message, PROTOCOL_ERROR);
    }

    /** The reason code an MQTT 5 receiver's DISCONNECT gives for this packet: 0x81, 0x82 or 0x95. */
    public int reasonCode() {
        return reasonCode;
    }
}
