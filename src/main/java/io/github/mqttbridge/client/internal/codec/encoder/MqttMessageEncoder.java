package io.github.mqttbridge.client.internal.codec.encoder;

import io.github.mqttbridge.client.internal.datatypes.MqttVariableByteInteger;
import io.github.mqttbridge.client.internal.codec.packet.MqttPacket;

import java.nio.ByteBuffer;

/**
 * Encodes one packet type in one protocol version. Sizing and writing are split so that a caller can size a buffer first; sizing also
 * validates, so nothing is written for a packet that would be malformed on the wire.
 */
abstract class MqttMessageEncoder<P extends MqttPacket> {
    private final Class<P> packetClass;

    MqttMessageEncoder(Class<P> packetClass) {
        this.packetClass = packetClass;
    }

    final long remainingLength(MqttPacket packet) {
        return bodyLength(packetClass.cast(packet));
    }

    final void encode(MqttPacket packet, int remainingLength, ByteBuffer out) {
        P p = packetClass.cast(packet);
        out.put((byte) (p.type().code() << 4 | flags(p)));
        MqttVariableByteInteger.encode(remainingLength, out);
        encodeBody(p, out);
    }

    /** The variable header and payload size; long because a huge payload plus headers can overflow an int. */
    abstract long bodyLength(P packet);

    /** Bits 3-0 of the fixed header. */
    abstract int flags(P packet);

    abstract void encodeBody(P packet, ByteBuffer out);
}
