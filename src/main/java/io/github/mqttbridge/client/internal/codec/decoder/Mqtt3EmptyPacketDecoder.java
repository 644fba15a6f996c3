package io.github.mqttbridge.client.internal.codec.decoder;

import io.github.mqttbridge.client.internal.datatypes.MqttDecodeException;
import io.github.mqttbridge.client.internal.codec.packet.MqttPacket;
import io.github.mqttbridge.client.internal.codec.packet.PacketType;

/** The packets that are only a fixed header: PINGREQ, PINGRESP and DISCONNECT. */
abstract class Mqtt3EmptyPacketDecoder implements MqttMessageDecoder {
    private final PacketType type;
    private final MqttPacket instance;

    Mqtt3EmptyPacketDecoder(PacketType type, MqttPacket instance) {
        this.type = type;
        this.instance = instance;
    }

    @Override
    public final MqttPacket decode(int flags, MqttBodyReader body) throws MqttDecodeException {
        FixedHeaderFlags.require(type, flags, FixedHeaderFlags.RESERVED_0000);
        body.requireRemainingLength(0);
        return instance;
    }
}
