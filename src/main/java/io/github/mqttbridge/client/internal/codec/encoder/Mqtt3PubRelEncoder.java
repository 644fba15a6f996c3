package io.github.mqttbridge.client.internal.codec.encoder;

import io.github.mqttbridge.client.internal.codec.packet.PubRelPacket;

final class Mqtt3PubRelEncoder extends Mqtt3PacketIdEncoder<PubRelPacket> {
    Mqtt3PubRelEncoder() {
        // Bits 3-0 of PUBREL are fixed at 0010 [MQTT-3.6.1-1].
        super(PubRelPacket.class, 0b0010);
    }

    @Override
    int packetId(PubRelPacket packet) {
        return packet.packetId();
    }
}
