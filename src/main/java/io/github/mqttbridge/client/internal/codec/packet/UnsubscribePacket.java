package io.github.mqttbridge.client.internal.codec.packet;

import java.util.List;

/** UNSUBSCRIBE: one or more topic filters. */
public record UnsubscribePacket(int packetId, List<String> filters) implements MqttPacket {
    public UnsubscribePacket {
        filters = List.copyOf(filters);
    }

    @Override
    public PacketType type() {
        return PacketType.UNSUBSCRIBE;
    }
}
