package io.github.mqttbridge.client.internal.codec.encoder;

import io.github.mqttbridge.client.internal.codec.packet.MqttProperties;
import io.github.mqttbridge.client.internal.codec.packet.PacketType;

/** The value ranges that the wire format itself imposes, enforced before anything is written. */
final class Mqtt3FieldRules {
    static final int MAX_PACKET_ID = 65535;

    private Mqtt3FieldRules() {
    }

    static void requirePacketId(int packetId, PacketType type) {
        if (packetId < 1 || packetId > MAX_PACKET_ID) {
            throw new IllegalArgumentException(
                    "packetId of " + type + " must be 1.." + MAX_PACKET_ID + " [MQTT-2.3.1-1], was " + packetId);
        }
    }

    static void requireQos(int qos, String field) {
        if (qos < 0 || qos > 2) {
            throw new IllegalArgumentException(field + " must be 0, 1 or 2, was " + qos);
        }
    }

    /** MQTT 3.x has no properties: refused rather than silently left out. */
    static void requireNoProperties(MqttProperties properties, Object field) {
        if (!properties.isEmpty()) {
            throw new IllegalArgumentException("properties of " + field + " need MQTT 5.0, MQTT 3.x has none");
        }
    }

    /** MQTT 3.x has no reason codes: only 0x00, the success every 3.x packet means, can be sent. */
    static void requireNoReasonCode(int reasonCode, PacketType type) {
        if (reasonCode != 0) {
            throw new IllegalArgumentException("reasonCode of " + type + " needs MQTT 5.0, MQTT 3.x has only success,"
                    + " was " + reasonCode);
        }
    }

    static void requireTopicRule(String problem, String field, String value) {
        if (problem != null) {
            throw new IllegalArgumentException(field + " " + problem + ", was '" + value + "'");
        }
    }
}
