package io.github.mqttbridge.client.internal.codec.encoder;

import io.github.mqttbridge.client.internal.codec.packet.SubAckPacket;

import java.nio.ByteBuffer;

/** SUBACK, as the tests' server encodes it: the client itself only receives it. */
final class Mqtt3SubAckEncoder extends MqttMessageEncoder<SubAckPacket> {
    private static final int PACKET_ID_SIZE = 2;

    Mqtt3SubAckEncoder() {
        super(SubAckPacket.class);
    }

    @Override
    long bodyLength(SubAckPacket packet) {
        Mqtt3FieldRules.requirePacketId(packet.packetId(), packet.type());
        if (packet.returnCodes().isEmpty()) {
            throw new IllegalArgumentException("SUBACK must hold at least one return code");
        }
        for (int code : packet.returnCodes()) {
            if ((code < 0 || code > 2) && code != SubAckPacket.FAILURE) {
                throw new IllegalArgumentException(
                        "SUBACK return code must be 0, 1, 2 or 0x80 [MQTT-3.9.3-2], was " + code);
            }
        }
        return PACKET_ID_SIZE + (long) packet.returnCodes().size();
    }

    @Override
    int flags(SubAckPacket packet) {
        return 0;
    }

    @Override
    void encodeBody(SubAckPacket packet, ByteBuffer out) {
        out.putShort((short) packet.packetId());
        for (int code : packet.returnCodes()) {
            out.put((byte) code);
        }
    }
}
