package io.github.mqttbridge.client.internal.codec.encoder;

import io.github.mqttbridge.client.internal.codec.packet.ConnAckPacket;
import io.github.mqttbridge.client.internal.codec.packet.PropertyScope;

import java.nio.ByteBuffer;

/** CONNACK in MQTT 5.0, as the tests' server encodes it: flags, reason code, properties (MQTT 5.0 section 3.2). */
final class Mqtt5ConnAckEncoder extends MqttMessageEncoder<ConnAckPacket> {
    private static final int FLAGS_AND_REASON_CODE_SIZE = 2;

    Mqtt5ConnAckEncoder() {
        super(ConnAckPacket.class);
    }

    @Override
    long bodyLength(ConnAckPacket packet) {
        Mqtt5FieldRules.requireReasonCode(packet.returnCode(), packet.type());
        if (packet.sessionPresent() && packet.returnCode() != 0) {
            throw new IllegalArgumentException("sessionPresent must be false with an error reason code [MQTT-3.2.2-6]");
        }
        return FLAGS_AND_REASON_CODE_SIZE + Mqtt5PropertyWriter.size(packet.properties(), PropertyScope.CONNACK);
    }

    @Override
    int flags(ConnAckPacket packet) {
        return 0;
    }

    @Override
    void encodeBody(ConnAckPacket packet, ByteBuffer out) {
        out.put((byte) (packet.sessionPresent() ? 1 : 0));
        out.put((byte) packet.returnCode());
        Mqtt5PropertyWriter.write(packet.properties(), out);
    }
}
