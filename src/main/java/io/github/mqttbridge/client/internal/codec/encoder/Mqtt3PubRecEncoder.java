package io.github.mqttbridge.client.internal.codec.encoder;

import io.github.mqttbridge.client.internal.codec.packet.PubRecPacket;

final class Mqtt3PubRecEncoder extends Mqtt3PacketIdEncoder<PubRecPacket> {
    Mqtt3PubRecEncoder() {
        super(PubRecPacket.class, 0b0000);
    }

    @Override
    int packetId(PubRecPacket packet) {
        return packet.packetId();
    }
}
