package io.github.mqttbridge.client.internal.codec.encoder;

import io.github.mqttbridge.client.internal.codec.packet.PingReqPacket;

final class Mqtt3PingReqEncoder extends Mqtt3EmptyPacketEncoder<PingReqPacket> {
    Mqtt3PingReqEncoder() {
        super(PingReqPacket.class);
    }
}
