package io.github.mqttbridge.client.internal.codec.encoder;

import io.github.mqttbridge.client.internal.codec.packet.PingRespPacket;

final class Mqtt3PingRespEncoder extends Mqtt3EmptyPacketEncoder<PingRespPacket> {
    Mqtt3PingRespEncoder() {
        super(PingRespPacket.class);
    }
}
