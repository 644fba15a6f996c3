package io.github.mqttbridge.client.internal.codec.encoder;

import io.github.mqttbridge.client.internal.datatypes.MqttVariableByteInteger;
import io.github.mqttbridge.client.internal.codec.packet.MqttPacket;
import io.github.mqttbridge.client.internal.codec.packet.PacketType;

import java.nio.ByteBuffer;
import java.util.Map;

/**
 * The encoders of one direction and protocol version, looked up by the packet type's code: what one side may send
 * to the other (MQTT 3.1.1 section 2.2.1, MQTT 5.0 section 2.1.2). Every method first checks that the packet can
 * be encoded, and that this side sends its type, and throws {@link IllegalArgumentException} otherwise, before a
 * byte is written. {@link Mqtt3ClientEncoders} and {@link Mqtt5ClientEncoders} hold the client's tables; the
 * server's, which only tests need, live with them.
 */
public final class MqttPacketEncoders {
    private static final int TYPE_AND_FLAGS_SIZE = 1;

    private final String sender;
    private final boolean mqtt5;
    private final MqttMessageEncoder<?>[] byCode = new MqttMessageEncoder<?>[16];

    /**
     * @param sender the side that sends these packets, as the error message names it, e.g. "a client"
     * @param mqtt5  whether the table is MQTT 5.0's, which names its own section in the error message
     */
    MqttPacketEncoders(String sender, boolean mqtt5, Map<PacketType, MqttMessageEncoder<?>> encoders) {
        this.sender = sender;
        this.mqtt5 = mqtt5;
        encoders.forEach((type, encoder) -> byCode[type.code()] = encoder);
    }

    /**
     * The remaining length of a packet, checking it can be encoded: compute it once and pass it to
     * {@link #sizeOf(int)} and {@link #encode(MqttPacket, int, ByteBuffer)}, as the hot path does.
     */
    public int remainingLength(MqttPacket packet) {
        long length = encoderOf(packet).remainingLength(packet);
        if (length > MqttVariableByteInteger.MAX_VALUE) {
            throw new IllegalArgumentException(packet.type() + " would have a remaining length of " + length
                    + " bytes, more than the " + MqttVariableByteInteger.MAX_VALUE + " MQTT can express");
        }
        return (int) length;
    }

    /** The size of a whole packet with this remaining length. */
    public static int sizeOf(int remainingLength) {
        return TYPE_AND_FLAGS_SIZE + MqttVariableByteInteger.encodedSize(remainingLength) + remainingLength;
    }

    /**
     * Writes a packet whose remaining length {@link #remainingLength} gave. The buffer must keep ByteBuffer's
     * default big-endian order, which is MQTT's network byte order.
     */
    public void encode(MqttPacket packet, int remainingLength, ByteBuffer out) {
        encoderOf(packet).encode(packet, remainingLength, out);
    }

    /** The size of the whole packet, fixed header included. */
    public int encodedSize(MqttPacket packet) {
        return sizeOf(remainingLength(packet));
    }

    /** Writes the whole packet at the buffer's position; the caller makes room for {@link #encodedSize}. */
    public void encode(MqttPacket packet, ByteBuffer out) {
        encode(packet, remainingLength(packet), out);
    }

    /** The whole packet in a new buffer, flipped for reading. */
    public ByteBuffer encode(MqttPacket packet) {
        int remainingLength = remainingLength(packet);
        ByteBuffer out = ByteBuffer.allocate(sizeOf(remainingLength));
        encode(packet, remainingLength, out);
        return out.flip();
    }

    private MqttMessageEncoder<?> encoderOf(MqttPacket packet) {
        MqttMessageEncoder<?> encoder = byCode[packet.type().code()];
        if (encoder == null) {
            throw new IllegalArgumentException(sender + " must not send " + packet.type()
                    + (mqtt5 ? " (MQTT 5.0 section 2.1.2)" : " (MQTT 3.1.1 section 2.2.1)"));
        }
        return encoder;
    }
}
