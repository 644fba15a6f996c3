package io.github.mqttbridge.client;

/**
 * Why a connection ended, as given to {@link MqttClient#onConnectionLost}. {@code errorCode} is
 * {@link MqttErrorCode#OK} when the application itself disconnected. {@code reasonCode} is the reason code of the
 * server's MQTT 5 DISCONNECT, or -1 when the server sent none (always on MQTT 3.1 and 3.1.1).
 */
public record ConnectionLost(MqttErrorCode errorCode, String errorMessage, String uri, Throwable cause,
                             int reasonCode) {

    /** A loss without a server's reason code. */
    public ConnectionLost(MqttErrorCode errorCode, String errorMessage, String uri, Throwable cause) {
        this(errorCode, errorMessage, uri, cause, -1);
    }
}
