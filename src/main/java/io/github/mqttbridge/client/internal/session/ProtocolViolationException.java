package io.github.mqttbridge.client.internal.session;

/**
 * The server sent a well-formed packet that breaks the protocol in this state: an acknowledgement for an id we
 * did not use, a SUBACK with the wrong number of codes, a second CONNACK. The connection is closed.
 */
public final class ProtocolViolationException extends Exception {
    private static final long serialVersionUID = 1L;
    /** MQTT 5's reason code for a protocol error in general. */
    public static final int PROTOCOL_ERROR = 0x82;

    private final int reasonCode;

    public ProtocolViolationException(String message) {
        this(message, PROTOCOL_ERROR);
    }

    /** A violation MQTT 5 has a reason code of its own for, e.g. 0x94 Topic Alias invalid. */
    public ProtocolViolationException(String message, int reasonCode) {
        super(message);
        this.reasonCode = reasonCode;
    }

    /** The reason code an MQTT 5 client's DISCONNECT gives for this violation. */
    public int reasonCode() {
        return reasonCode;
    }
}
