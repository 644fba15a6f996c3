package io.github.mqttbridge.client.codec.decoder;

import io.github.mqttbridge.client.codec.packet.MqttPacket;
import io.github.mqttbridge.client.codec.packet.PacketType;
import io.github.mqttbridge.client.codec.packet.PubRelPacket;

final class Mqtt3PubRelDecoder extends Mqtt3PacketIdDecoder {
    Mqtt3PubRelDecoder() {
        super(PacketType.PUBREL, FixedHeaderFlags.RESERVED_0010);
    }

    @Override
    MqttPacket create(int packetId) {
        return new PubRelPacket(packetId);
    }
}
