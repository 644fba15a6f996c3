package io.github.mqttbridge.client.internal.codec;

import io.github.mqttbridge.client.internal.codec.encoder.Mqtt3ClientEncoders;
import io.github.mqttbridge.client.internal.codec.encoder.MqttPacketEncoders;
import io.github.mqttbridge.client.internal.codec.packet.MqttPacket;

import java.nio.ByteBuffer;

/**
 * The client's encoder: MQTT 3.1 / 3.1.1 packets of the types a client sends, through {@link Mqtt3ClientEncoders}.
 * Every method first checks that the packet can be encoded and throws {@link IllegalArgumentException} otherwise,
 * before a byte is written; a type only a server sends, such as CONNACK, is refused the same way.
 */
public final class MqttEncoder {
    private static final MqttPacketEncoders CLIENT = Mqtt3ClientEncoders.TABLE;

    private MqttEncoder() {
    }

    /** The size of the whole packet, fixed header included. */
    public static int encodedSize(MqttPacket packet) {
        return CLIENT.encodedSize(packet);
    }

    /**
     * Writes the whole packet at the buffer's position; the caller makes room for {@link #encodedSize}. The buffer
     * must keep ByteBuffer's default big-endian order, which is MQTT's network byte order.
     */
    public static void encode(MqttPacket packet, ByteBuffer out) {
        CLIENT.encode(packet, out);
    }

    /**
     * The remaining length of a packet, checking it can be encoded: compute it once and pass it to
     * {@link #sizeOf(int)} and {@link #encode(MqttPacket, int, ByteBuffer)}, as the hot path does.
     */
    public static int remainingLength(MqttPacket packet) {
        return CLIENT.remainingLength(packet);
    }

    /** The size of a whole packet with this remaining length. */
    public static int sizeOf(int remainingLength) {
        return MqttPacketEncoders.sizeOf(remainingLength);
    }

    /** Writes a packet whose remaining length {@link #remainingLength} gave. */
    public static void encode(MqttPacket packet, int remainingLength, ByteBuffer out) {
        CLIENT.encode(packet, remainingLength, out);
    }

    /** The whole packet in a new buffer, flipped for reading. */
    public static ByteBuffer encode(MqttPacket packet) {
        return CLIENT.encode(packet);
    }
}
