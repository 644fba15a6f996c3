package io.github.mqttbridge.client.internal.codec.decoder;

import io.github.mqttbridge.client.internal.codec.packet.PacketType;
import io.github.mqttbridge.client.internal.codec.packet.PingRespPacket;

final class Mqtt3PingRespDecoder extends Mqtt3EmptyPacketDecoder {
    Mqtt3PingRespDecoder() {
        super(PacketType.PINGRESP, PingRespPacket.INSTANCE);
    }
}
