package io.github.mqttbridge.client.internal.codec;

import io.github.mqttbridge.client.internal.datatypes.MqttVariableByteInteger;
import io.github.mqttbridge.client.internal.codec.encoder.MqttPacketEncoders;
import io.github.mqttbridge.client.internal.codec.packet.MqttPacket;

import java.nio.ByteBuffer;

/**
 * Encodes MQTT 3.1 / 3.1.1 packets. Every method first checks that the packet can be encoded and throws
 * {@link IllegalArgumentException} otherwise, before a byte is written.
 */
public final class MqttEncoder {
    private static final int TYPE_AND_FLAGS_SIZE = 1;

    private MqttEncoder() {
    }

    /** The size of the whole packet, fixed header included. */
    public static int encodedSize(MqttPacket packet) {
        return packetSize(MqttPacketEncoders.remainingLength(packet));
    }

    /**
     * Writes the whole packet at the buffer's position; the caller makes room for {@link #encodedSize}. The buffer
     * must keep ByteBuffer's default big-endian order, which is MQTT's network byte order.
     */
    public static void encode(MqttPacket packet, ByteBuffer out) {
        MqttPacketEncoders.encode(packet, MqttPacketEncoders.remainingLength(packet), out);
    }

    /**
     * The remaining length of a packet, checking it can be encoded: compute it once and pass it to
     * {@link #sizeOf(int)} and {@link #encode(MqttPacket, int, ByteBuffer)}, as the hot path does.
     */
    public static int remainingLength(MqttPacket packet) {
        return MqttPacketEncoders.remainingLength(packet);
    }

    /** The size of a whole packet with this remaining length. */
    public static int sizeOf(int remainingLength) {
        return packetSize(remainingLength);
    }

    /** Writes a packet whose remaining length {@link #remainingLength} gave. */
    public static void encode(MqttPacket packet, int remainingLength, ByteBuffer out) {
        MqttPacketEncoders.encode(packet, remainingLength, out);
    }

    /** The whole packet in a new buffer, flipped for reading. */
    public static ByteBuffer encode(MqttPacket packet) {
        int remainingLength = MqttPacketEncoders.remainingLength(packet);
        ByteBuffer out = ByteBuffer.allocate(packetSize(remainingLength));
        MqttPacketEncoders.encode(packet, remainingLength, out);
        return out.flip();
    }

    private static int packetSize(int remainingLength) {
        return TYPE_AND_FLAGS_SIZE + MqttVariableByteInteger.encodedSize(remainingLength) + remainingLength;
    }
}
