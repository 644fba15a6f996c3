package io.github.mqttbridge.interop;

/** A broker of the interoperability suite, started by the suite on free ports of 127.0.0.1 and stopped after. */
public interface InteropBroker extends AutoCloseable {

    /** MQTT over TCP. */
    String tcpUri();

    /** MQTT over WebSocket, at the path this broker serves it on. */
    String wsUri();

    /** Whether the broker speaks MQTT 5, so that the automatic version should settle on it. */
    default boolean speaksMqtt5() {
        return false;
    }

    /** What the broker logged, for assertion messages. */
    String diagnostics();

    @Override
    void close();
}
