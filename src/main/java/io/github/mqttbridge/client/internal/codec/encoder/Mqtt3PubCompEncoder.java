package io.github.mqttbridge.client.internal.codec.encoder;

import io.github.mqttbridge.client.internal.codec.packet.PubCompPacket;

final class Mqtt3PubCompEncoder extends Mqtt3PacketIdEncoder<PubCompPacket> {
    Mqtt3PubCompEncoder() {
        super(PubCompPacket.class, 0b0000);
    }

    @Override
    int packetId(PubCompPacket packet) {
        return packet.packetId();
    }
}
