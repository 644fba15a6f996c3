package io.github.mqttbridge.client.internal.codec.encoder;

import io.github.mqttbridge.client.internal.datatypes.MqttVariableByteInteger;
import io.github.mqttbridge.client.internal.codec.packet.MqttPacket;
import io.github.mqttbridge.client.internal.codec.packet.PacketType;

import java.nio.ByteBuffer;

/** Looks up the encoder of a packet's type by its code. */
public final class MqttPacketEncoders {
    private static final Mqtt3MessageEncoder<?>[] BY_CODE = new Mqtt3MessageEncoder<?>[16];

    static {
        BY_CODE[PacketType.CONNECT.code()] = new Mqtt3ConnectEncoder();
        BY_CODE[PacketType.CONNACK.code()] = new Mqtt3ConnAckEncoder();
        BY_CODE[PacketType.PUBLISH.code()] = new Mqtt3PublishEncoder();
        BY_CODE[PacketType.PUBACK.code()] = new Mqtt3PubAckEncoder();
        BY_CODE[PacketType.PUBREC.code()] = new Mqtt3PubRecEncoder();
        BY_CODE[PacketType.PUBREL.code()] = new Mqtt3PubRelEncoder();
        BY_CODE[PacketType.PUBCOMP.code()] = new Mqtt3PubCompEncoder();
        BY_CODE[PacketType.SUBSCRIBE.code()] = new Mqtt3SubscribeEncoder();
        BY_CODE[PacketType.SUBACK.code()] = new Mqtt3SubAckEncoder();
        BY_CODE[PacketType.UNSUBSCRIBE.code()] = new Mqtt3UnsubscribeEncoder();
        BY_CODE[PacketType.UNSUBACK.code()] = new Mqtt3UnsubAckEncoder();
        BY_CODE[PacketType.PINGREQ.code()] = new Mqtt3PingReqEncoder();
        BY_CODE[PacketType.PINGRESP.code()] = new Mqtt3PingRespEncoder();
        BY_CODE[PacketType.DISCONNECT.code()] = new Mqtt3DisconnectEncoder();
    }

    private MqttPacketEncoders() {
    }

    /**
     * The packet's remaining length, after checking that it can be encoded.
     *
     * @throws IllegalArgumentException when the packet would be malformed on the wire
     */
    public static int remainingLength(MqttPacket packet) {
        long length = encoder(packet).remainingLength(packet);
        if (length > MqttVariableByteInteger.MAX_VALUE) {
            throw new IllegalArgumentException(packet.type() + " would have a remaining length of " + length
                    + " bytes, more than the " + MqttVariableByteInteger.MAX_VALUE + " MQTT can express");
        }
        return (int) length;
    }

    /** Writes the whole packet; {@code remainingLength} must come from {@link #remainingLength}. */
    public static void encode(MqttPacket packet, int remainingLength, ByteBuffer out) {
        encoder(packet).encode(packet, remainingLength, out);
    }

    private static Mqtt3MessageEncoder<?> encoder(MqttPacket packet) {
        return BY_CODE[packet.type().code()];
    }
}
