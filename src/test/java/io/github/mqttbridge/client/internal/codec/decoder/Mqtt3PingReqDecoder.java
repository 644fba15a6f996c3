package io.github.mqttbridge.client.internal.codec.decoder;

import io.github.mqttbridge.client.internal.codec.packet.PacketType;
import io.github.mqttbridge.client.internal.codec.packet.PingReqPacket;

final class Mqtt3PingReqDecoder extends Mqtt3EmptyPacketDecoder {
    Mqtt3PingReqDecoder() {
        super(PacketType.PINGREQ, PingReqPacket.INSTANCE);
    }
}
