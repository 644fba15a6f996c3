package io.github.mqttbridge.client.internal.codec.decoder;

import io.github.mqttbridge.client.internal.codec.packet.MqttPacket;
import io.github.mqttbridge.client.internal.codec.packet.PacketType;
import io.github.mqttbridge.client.internal.codec.packet.PubRelPacket;

final class Mqtt3PubRelDecoder extends Mqtt3PacketIdDecoder {
    Mqtt3PubRelDecoder() {
        super(PacketType.PUBREL, FixedHeaderFlags.RESERVED_0010);
    }

    @Override
    MqttPacket create(int packetId) {
        return new PubRelPacket(packetId);
    }
}
