package io.github.mqttbridge.client.internal.engine;

/**
 * The application's MQTT 5 enhanced authentication as the engine sees it: the API adapts its
 * {@code MqttAuthenticator} to this, so that the engine does not reach up into the API.
 */
public interface Authentication {
    String method();

    byte[] initialData();

    byte[] challenge(byte[] serverData) throws Exception;

    void accepted(byte[] serverData) throws Exception;
}
