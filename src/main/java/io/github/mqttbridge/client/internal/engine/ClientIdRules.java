package io.github.mqttbridge.client.internal.engine;

import io.github.mqttbridge.client.internal.codec.packet.MqttVersion;

/** What the protocol versions allow of a client id, checked before any connection is tried. */
final class ClientIdRules {
    private ClientIdRules() {
    }

    static void check(String clientId, EngineOptions o) {
        MqttVersion version = o.versions().get(0);
        if (clientId.isEmpty() && !o.cleanSession()) {
            throw new IllegalArgumentException("clientId must not be empty when cleanSession is false: the server"
                    + " needs an id to keep the session under");
        }
        if (clientId.isEmpty() && version == MqttVersion.MQTT_3_1) {
            throw new IllegalArgumentException("clientId must not be empty for MQTT 3.1 (mqttVersion 3)");
        }
        if (clientId.length() > version.maxClientIdLength()) {
            throw new IllegalArgumentException("clientId must be at most " + version.maxClientIdLength()
                    + " characters for mqttVersion " + version.level() + ", was " + clientId.length()
                    + " characters: '" + clientId + "'");
        }
    }
}
