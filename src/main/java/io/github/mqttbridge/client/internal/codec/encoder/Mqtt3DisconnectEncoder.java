package io.github.mqttbridge.client.internal.codec.encoder;

import io.github.mqttbridge.client.internal.codec.packet.DisconnectPacket;

final class Mqtt3DisconnectEncoder extends Mqtt3EmptyPacketEncoder<DisconnectPacket> {
    Mqtt3DisconnectEncoder() {
        super(DisconnectPacket.class);
    }
}
