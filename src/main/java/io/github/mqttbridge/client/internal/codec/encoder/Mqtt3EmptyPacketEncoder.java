package io.github.mqttbridge.client.internal.codec.encoder;

import io.github.mqttbridge.client.internal.codec.packet.DisconnectPacket;
import io.github.mqttbridge.client.internal.codec.packet.MqttPacket;

import java.nio.ByteBuffer;

/** The packets that are only a fixed header: PINGREQ, PINGRESP and DISCONNECT. */
abstract class Mqtt3EmptyPacketEncoder<P extends MqttPacket> extends MqttMessageEncoder<P> {

    Mqtt3EmptyPacketEncoder(Class<P> packetClass) {
        super(packetClass);
    }

    @Override
    final long bodyLength(P packet) {
        if (packet instanceof DisconnectPacket d) {
            Mqtt3FieldRules.requireNoReasonCode(d.reasonCode(), d.type());
            Mqtt3FieldRules.requireNoProperties(d.properties(), d.type());
        }
        return 0;
    }

    @Override
    final int flags(P packet) {
        return 0;
    }

    @Override
    final void encodeBody(P packet, ByteBuffer out) {
    }
}
