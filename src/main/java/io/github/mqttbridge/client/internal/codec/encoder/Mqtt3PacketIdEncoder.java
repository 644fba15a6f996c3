package io.github.mqttbridge.client.internal.codec.encoder;

import io.github.mqttbridge.client.internal.codec.packet.MqttPacket;
import io.github.mqttbridge.client.internal.codec.packet.QosAck;

import java.nio.ByteBuffer;

/** The acknowledgements whose whole body is a packet id: PUBACK, PUBREC, PUBREL, PUBCOMP and UNSUBACK. */
abstract class Mqtt3PacketIdEncoder<P extends MqttPacket> extends MqttMessageEncoder<P> {
    private static final int PACKET_ID_SIZE = 2;
    private final int flags;

    Mqtt3PacketIdEncoder(Class<P> packetClass, int flags) {
        super(packetClass);
        this.flags = flags;
    }

    @Override
    final long bodyLength(P packet) {
        Mqtt3FieldRules.requirePacketId(packetId(packet), packet.type());
        if (packet instanceof QosAck ack) {
            Mqtt3FieldRules.requireNoReasonCode(ack.reasonCode(), packet.type());
            Mqtt3FieldRules.requireNoProperties(ack.properties(), packet.type());
        }
        return PACKET_ID_SIZE;
    }

    @Override
    final int flags(P packet) {
        return flags;
    }

    @Override
    final void encodeBody(P packet, ByteBuffer out) {
        out.putShort((short) packetId(packet));
    }

    abstract int packetId(P packet);
}
