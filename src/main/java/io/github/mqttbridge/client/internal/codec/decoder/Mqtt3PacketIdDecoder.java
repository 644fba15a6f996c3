package io.github.mqttbridge.client.internal.codec.decoder;

import io.github.mqttbridge.client.internal.datatypes.MqttDecodeException;
import io.github.mqttbridge.client.internal.codec.packet.MqttPacket;
import io.github.mqttbridge.client.internal.codec.packet.PacketType;

/** The acknowledgements whose whole body is a packet id: PUBACK, PUBREC, PUBREL, PUBCOMP and UNSUBACK. */
abstract class Mqtt3PacketIdDecoder implements MqttMessageDecoder {
    private final PacketType type;
    private final int flags;

    Mqtt3PacketIdDecoder(PacketType type, int flags) {
        this.type = type;
        this.flags = flags;
    }

    @Override
    public final MqttPacket decode(int flags, MqttBodyReader body) throws MqttDecodeException {
        FixedHeaderFlags.require(type, flags, this.flags);
        body.requireRemainingLength(2);
        return create(body.readPacketId());
    }

    abstract MqttPacket create(int packetId);
}
