package io.github.mqttbridge.client.internal.codec.encoder;

import io.github.mqttbridge.client.internal.codec.packet.UnsubAckPacket;

final class Mqtt3UnsubAckEncoder extends Mqtt3PacketIdEncoder<UnsubAckPacket> {
    Mqtt3UnsubAckEncoder() {
        super(UnsubAckPacket.class, 0b0000);
    }

    @Override
    int packetId(UnsubAckPacket packet) {
        return packet.packetId();
    }
}
