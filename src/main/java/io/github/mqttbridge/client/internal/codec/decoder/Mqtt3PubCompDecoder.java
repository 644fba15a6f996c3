package io.github.mqttbridge.client.internal.codec.decoder;

import io.github.mqttbridge.client.internal.codec.packet.MqttPacket;
import io.github.mqttbridge.client.internal.codec.packet.PacketType;
import io.github.mqttbridge.client.internal.codec.packet.PubCompPacket;

final class Mqtt3PubCompDecoder extends Mqtt3PacketIdDecoder {
    Mqtt3PubCompDecoder() {
        super(PacketType.PUBCOMP, FixedHeaderFlags.RESERVED_0000);
    }

    @Override
    MqttPacket create(int packetId) {
        return new PubCompPacket(packetId);
    }
}
