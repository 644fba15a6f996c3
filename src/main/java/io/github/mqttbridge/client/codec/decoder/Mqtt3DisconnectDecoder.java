package io.github.mqttbridge.client.codec.decoder;

import io.github.mqttbridge.client.codec.packet.PacketType;
import io.github.mqttbridge.client.codec.packet.DisconnectPacket;

final class Mqtt3DisconnectDecoder extends Mqtt3EmptyPacketDecoder {
    Mqtt3DisconnectDecoder() {
        super(PacketType.DISCONNECT, DisconnectPacket.INSTANCE);
    }
}
