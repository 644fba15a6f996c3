package io.github.mqttbridge.client.internal.codec.encoder;

import io.github.mqttbridge.client.internal.codec.packet.PubAckPacket;

final class Mqtt3PubAckEncoder extends Mqtt3PacketIdEncoder<PubAckPacket> {
    Mqtt3PubAckEncoder() {
        super(PubAckPacket.class, 0b0000);
    }

    @Override
    int packetId(PubAckPacket packet) {
        return packet.packetId();
    }
}
