package io.github.mqttbridge.client.internal.codec.encoder;

import io.github.mqttbridge.client.internal.codec.packet.ConnAckPacket;

import java.nio.ByteBuffer;

/** CONNACK, as the tests' server encodes it: the client itself only receives it. */
final class Mqtt3ConnAckEncoder extends MqttMessageEncoder<ConnAckPacket> {
    private static final int BODY_LENGTH = 2;

    Mqtt3ConnAckEncoder() {
        super(ConnAckPacket.class);
    }

    @Override
    long bodyLength(ConnAckPacket packet) {
        if (packet.returnCode() < 0 || packet.returnCode() > 255) {
            throw new IllegalArgumentException("returnCode of CONNACK must fit a byte, was " + packet.returnCode());
        }
        return BODY_LENGTH;
    }

    @Override
    int flags(ConnAckPacket packet) {
        return 0;
    }

    @Override
    void encodeBody(ConnAckPacket packet, ByteBuffer out) {
        out.put((byte) (packet.sessionPresent() ? 1 : 0));
        out.put((byte) packet.returnCode());
    }
}
