package io.github.mqttbridge.client.internal.codec.decoder;

import io.github.mqttbridge.client.internal.codec.packet.PacketType;
import io.github.mqttbridge.client.internal.codec.packet.DisconnectPacket;

final class Mqtt3DisconnectDecoder extends Mqtt3EmptyPacketDecoder {
    Mqtt3DisconnectDecoder() {
        super(PacketType.DISCONNECT, DisconnectPacket.INSTANCE);
    }
}
