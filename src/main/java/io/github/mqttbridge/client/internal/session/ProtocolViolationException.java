package io.github.mqttbridge.client.internal.session;

/**
 * The server sent a well-formed packet that breaks the protocol in this state: an acknowledgement for an id we
 * did not use, a SUBACK with the wrong number of codes, a second CONNACK. The connection is closed.
 */
public final class ProtocolViolationException extends Exception {
    private static final long serialVersionUID = 1L;

    public ProtocolViolationException(String message) {
        super(message);
    }
}
