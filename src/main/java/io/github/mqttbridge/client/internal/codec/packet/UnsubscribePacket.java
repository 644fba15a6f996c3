package io.github.mqttbridge.client.internal.codec.packet;

import java.util.List;

/** UNSUBSCRIBE: one or more topic filters; MQTT 5.0 adds properties (user properties). */
public record UnsubscribePacket(int packetId, List<String> filters, MqttProperties properties) implements MqttPacket {
    public UnsubscribePacket {
        filters = List.copyOf(filters);
    }

    /** The MQTT 3.x form, without properties. */
    public UnsubscribePacket(int packetId, List<String> filters) {
        this(packetId, filters, MqttProperties.EMPTY);
    }

    @Override
    public PacketType type() {
        return PacketType.UNSUBSCRIBE;
    }
}
