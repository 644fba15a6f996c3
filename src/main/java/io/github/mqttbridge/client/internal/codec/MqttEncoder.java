package io.github.mqttbridge.client.internal.codec;

import io.github.mqttbridge.client.internal.codec.encoder.Mqtt3ClientEncoders;
import io.github.mqttbridge.client.internal.codec.encoder.Mqtt5ClientEncoders;
import io.github.mqttbridge.client.internal.codec.encoder.MqttPacketEncoders;
import io.github.mqttbridge.client.internal.codec.packet.MqttPacket;
import io.github.mqttbridge.client.internal.codec.packet.MqttVersion;

import java.nio.ByteBuffer;

/**
 * The client's encoder for one protocol version: the packets a client sends, through {@link Mqtt3ClientEncoders}
 * for MQTT 3.1 and 3.1.1 or {@link Mqtt5ClientEncoders} for MQTT 5.0. Stateless, so one instance per version
 * serves every connection. Every method first checks that the packet can be encoded and throws
 * {@link IllegalArgumentException} otherwise, before a byte is written; a type only a server sends, such as
 * CONNACK, is refused the same way.
 */
public final class MqttEncoder {
    private static final MqttEncoder MQTT_3 = new MqttEncoder(Mqtt3ClientEncoders.TABLE);
    private static final MqttEncoder MQTT_5 = new MqttEncoder(Mqtt5ClientEncoders.TABLE);

    private final MqttPacketEncoders encoders;

    private MqttEncoder(MqttPacketEncoders encoders) {
        this.encoders = encoders;
    }

    /** The client's encoder for this version; 3.1 and 3.1.1 share one. */
    public static MqttEncoder forClient(MqttVersion version) {
        return version.isMqtt5() ? MQTT_5 : MQTT_3;
    }

    /** The size of the whole packet, fixed header included. */
    public int encodedSize(MqttPacket packet) {
        return encoders.encodedSize(packet);
    }

    /**
     * Writes the whole packet at the buffer's position; the caller makes room for {@link #encodedSize}. The buffer
     * must keep ByteBuffer's default big-endian order, which is MQTT's network byte order.
     */
    public void encode(MqttPacket packet, ByteBuffer out) {
        encoders.encode(packet, out);
    }

    /**
     * The remaining length of a packet, checking it can be encoded: compute it once and pass it to
     * {@link #sizeOf(int)} and {@link #encode(MqttPacket, int, ByteBuffer)}, as the hot path does.
     */
    public int remainingLength(MqttPacket packet) {
        return encoders.remainingLength(packet);
    }

    /** The size of a whole packet with this remaining length. */
    public static int sizeOf(int remainingLength) {
        return MqttPacketEncoders.sizeOf(remainingLength);
    }

    /** Writes a packet whose remaining length {@link #remainingLength} gave. */
    public void encode(MqttPacket packet, int remainingLength, ByteBuffer out) {
        encoders.encode(packet, remainingLength, out);
    }

    /** The whole packet in a new buffer, flipped for reading. */
    public ByteBuffer encode(MqttPacket packet) {
        return encoders.encode(packet);
    }
}
