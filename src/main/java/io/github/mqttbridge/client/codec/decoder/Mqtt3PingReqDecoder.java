package io.github.mqttbridge.client.codec.decoder;

import io.github.mqttbridge.client.codec.packet.PacketType;
import io.github.mqttbridge.client.codec.packet.PingReqPacket;

final class Mqtt3PingReqDecoder extends Mqtt3EmptyPacketDecoder {
    Mqtt3PingReqDecoder() {
        super(PacketType.PINGREQ, PingReqPacket.INSTANCE);
    }
}
