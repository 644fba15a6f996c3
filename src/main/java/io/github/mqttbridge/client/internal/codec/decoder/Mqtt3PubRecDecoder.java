package io.github.mqttbridge.client.internal.codec.decoder;

import io.github.mqttbridge.client.internal.codec.packet.MqttPacket;
import io.github.mqttbridge.client.internal.codec.packet.PacketType;
import io.github.mqttbridge.client.internal.codec.packet.PubRecPacket;

final class Mqtt3PubRecDecoder extends Mqtt3PacketIdDecoder {
    Mqtt3PubRecDecoder() {
        super(PacketType.PUBREC, FixedHeaderFlags.RESERVED_0000);
    }

    @Override
    MqttPacket create(int packetId) {
        return new PubRecPacket(packetId);
    }
}
