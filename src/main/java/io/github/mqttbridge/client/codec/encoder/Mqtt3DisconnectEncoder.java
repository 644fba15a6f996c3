package io.github.mqttbridge.client.codec.encoder;

import io.github.mqttbridge.client.codec.packet.DisconnectPacket;

final class Mqtt3DisconnectEncoder extends Mqtt3EmptyPacketEncoder<DisconnectPacket> {
    Mqtt3DisconnectEncoder() {
        super(DisconnectPacket.class);
    }
}
