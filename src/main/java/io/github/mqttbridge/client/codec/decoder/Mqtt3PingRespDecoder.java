package io.github.mqttbridge.client.codec.decoder;

import io.github.mqttbridge.client.codec.packet.PacketType;
import io.github.mqttbridge.client.codec.packet.PingRespPacket;

final class Mqtt3PingRespDecoder extends Mqtt3EmptyPacketDecoder {
    Mqtt3PingRespDecoder() {
        super(PacketType.PINGRESP, PingRespPacket.INSTANCE);
    }
}
