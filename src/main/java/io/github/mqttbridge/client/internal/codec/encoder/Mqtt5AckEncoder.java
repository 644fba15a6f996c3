package io.github.mqttbridge.client.internal.codec.encoder;

import io.github.mqttbridge.client.internal.codec.packet.MqttPacket;
import io.github.mqttbridge.client.internal.codec.packet.PropertyScope;
import io.github.mqttbridge.client.internal.codec.packet.QosAck;

import java.nio.ByteBuffer;

/**
 * PUBACK, PUBREC, PUBREL and PUBCOMP in MQTT 5.0, in their shortest form (MQTT 5.0 section 3.4.2.1): the packet
 * id alone for 0x00 Success without properties, the reason code too when there are no properties, else all three.
 */
final class Mqtt5AckEncoder<P extends MqttPacket & QosAck> extends MqttMessageEncoder<P> {
    private static final int PACKET_ID_SIZE = 2;
    private static final int REASON_CODE_SIZE = 1;
    private final int flags;

    Mqtt5AckEncoder(Class<P> packetClass, int flags) {
        super(packetClass);
        this.flags = flags;
    }

    @Override
    long bodyLength(P packet) {
        Mqtt3FieldRules.requirePacketId(packet.packetId(), packet.type());
        Mqtt5FieldRules.requireReasonCode(packet.reasonCode(), packet.type());
        int propertiesSize = Mqtt5PropertyWriter.size(packet.properties(), PropertyScope.of(packet.type()));
        if (!packet.properties().isEmpty()) {
            return PACKET_ID_SIZE + REASON_CODE_SIZE + propertiesSize;
        }
        return packet.reasonCode() == 0 ? PACKET_ID_SIZE : PACKET_ID_SIZE + REASON_CODE_SIZE;
    }

    @Override
    int flags(P packet) {
        return flags;
    }

    @Override
    void encodeBody(P packet, ByteBuffer out) {
        out.putShort((short) packet.packetId());
        if (!packet.properties().isEmpty()) {
            out.put((byte) packet.reasonCode());
            Mqtt5PropertyWriter.write(packet.properties(), out);
        } else if (packet.reasonCode() != 0) {
            out.put((byte) packet.reasonCode());
        }
    }
}
