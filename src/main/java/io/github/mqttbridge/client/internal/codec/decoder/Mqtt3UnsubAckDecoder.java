package io.github.mqttbridge.client.internal.codec.decoder;

import io.github.mqttbridge.client.internal.codec.packet.MqttPacket;
import io.github.mqttbridge.client.internal.codec.packet.PacketType;
import io.github.mqttbridge.client.internal.codec.packet.UnsubAckPacket;

final class Mqtt3UnsubAckDecoder extends Mqtt3PacketIdDecoder {
    Mqtt3UnsubAckDecoder() {
        super(PacketType.UNSUBACK, FixedHeaderFlags.RESERVED_0000);
    }

    @Override
    MqttPacket create(int packetId) {
        return new UnsubAckPacket(packetId);
    }
}
