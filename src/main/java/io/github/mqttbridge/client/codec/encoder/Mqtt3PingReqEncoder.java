package io.github.mqttbridge.client.codec.encoder;

import io.github.mqttbridge.client.codec.packet.PingReqPacket;

final class Mqtt3PingReqEncoder extends Mqtt3EmptyPacketEncoder<PingReqPacket> {
    Mqtt3PingReqEncoder() {
        super(PingReqPacket.class);
    }
}
