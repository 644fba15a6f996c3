package io.github.mqttbridge.client.internal.codec.encoder;

import io.github.mqttbridge.client.internal.codec.packet.ConnAckPacket;
import io.github.mqttbridge.client.internal.codec.packet.PropertyScope;

import java.nio.ByteBuffer;

/**
 * CONNACK in MQTT 5.0, as the tests' server encodes it: flags, reason code, properties (MQTT 5.0 section 3.2). The
 * MQTT 3 return code 0x01 (unacceptable protocol version) goes out in MQTT 3's form, as a server that does not speak
 * MQTT 5 refuses an MQTT 5 CONNECT; the client's MQTT 5 decoder takes that one form too.
 */
final class Mqtt5ConnAckEncoder extends MqttMessageEncoder<ConnAckPacket> {
    private static final int FLAGS_AND_REASON_CODE_SIZE = 2;
    private static final int MQTT3_UNACCEPTABLE_PROTOCOL_VERSION = 0x01;

    Mqtt5ConnAckEncoder() {
        super(ConnAckPacket.class);
    }

    @Override
    long bodyLength(ConnAckPacket packet) {
        if (isMqtt3Refusal(packet)) {
            return FLAGS_AND_REASON_CODE_SIZE;
        }
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
        if (!isMqtt3Refusal(packet)) {
            Mqtt5PropertyWriter.write(packet.properties(), out);
        }
    }

    private static boolean isMqtt3Refusal(ConnAckPacket packet) {
        return packet.returnCode() == MQTT3_UNACCEPTABLE_PROTOCOL_VERSION && !packet.sessionPresent()
                && packet.properties().isEmpty();
    }
}
