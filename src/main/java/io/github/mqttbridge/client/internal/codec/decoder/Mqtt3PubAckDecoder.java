package io.github.mqttbridge.client.internal.codec.decoder;

import io.github.mqttbridge.client.internal.codec.packet.MqttPacket;
import io.github.mqttbridge.client.internal.codec.packet.PacketType;
import io.github.mqttbridge.client.internal.codec.packet.PubAckPacket;

final class Mqtt3PubAckDecoder extends Mqtt3PacketIdDecoder {
    Mqtt3PubAckDecoder() {
        super(PacketType.PUBACK, FixedHeaderFlags.RESERVED_0000);
    }

    @Override
    MqttPacket create(int packetId) {
        return new PubAckPacket(packetId);
    }
}
