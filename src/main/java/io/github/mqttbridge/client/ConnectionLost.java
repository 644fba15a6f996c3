package io.github.mqttbridge.client;

/**
 * Why a connection ended, as given to {@link MqttClient#onConnectionLost}. {@code errorCode} is
 * {@link MqttErrorCode#OK} when the application itself disconnected.
 */
public record ConnectionLost(MqttErrorCode errorCode, String errorMessage, String uri, Throwable cause) {
}
