package io.github.mqttbridge.client.internal.codec.decoder;

import io.github.mqttbridge.client.internal.datatypes.MqttDecodeException;
import io.github.mqttbridge.client.internal.codec.packet.MqttPacket;
import io.github.mqttbridge.client.internal.codec.packet.PacketType;

import java.nio.ByteBuffer;

/** Hands a packet's body to the decoder of its type, and holds the decoder to the body's exact length. */
public final class MqttPacketDecoders {
    private static final Mqtt3MessageDecoder[] BY_CODE = new Mqtt3MessageDecoder[16];

    static {
        BY_CODE[PacketType.CONNECT.code()] = new Mqtt3ConnectDecoder();
        BY_CODE[PacketType.CONNACK.code()] = new Mqtt3ConnAckDecoder();
        BY_CODE[PacketType.PUBLISH.code()] = new Mqtt3PublishDecoder();
        BY_CODE[PacketType.PUBACK.code()] = new Mqtt3PubAckDecoder();
        BY_CODE[PacketType.PUBREC.code()] = new Mqtt3PubRecDecoder();
        BY_CODE[PacketType.PUBREL.code()] = new Mqtt3PubRelDecoder();
        BY_CODE[PacketType.PUBCOMP.code()] = new Mqtt3PubCompDecoder();
        BY_CODE[PacketType.SUBSCRIBE.code()] = new Mqtt3SubscribeDecoder();
        BY_CODE[PacketType.SUBACK.code()] = new Mqtt3SubAckDecoder();
        BY_CODE[PacketType.UNSUBSCRIBE.code()] = new Mqtt3UnsubscribeDecoder();
        BY_CODE[PacketType.UNSUBACK.code()] = new Mqtt3UnsubAckDecoder();
        BY_CODE[PacketType.PINGREQ.code()] = new Mqtt3PingReqDecoder();
        BY_CODE[PacketType.PINGRESP.code()] = new Mqtt3PingRespDecoder();
        BY_CODE[PacketType.DISCONNECT.code()] = new Mqtt3DisconnectDecoder();
    }

    private MqttPacketDecoders() {
    }

    /**
     * Decodes one packet's variable header and payload.
     *
     * @param flags bits 3-0 of the fixed header
     * @param body  exactly the remaining length; its position is advanced past what was read
     */
    public static MqttPacket decode(PacketType type, int flags, ByteBuffer body) throws MqttDecodeException {
        MqttBodyReader reader = new MqttBodyReader(type, body);
        MqttPacket packet = BY_CODE[type.code()].decode(flags, reader);
        if (reader.remaining() != 0) {
            throw new MqttDecodeException(type + " has " + reader.remaining()
                    + " bytes left over after its last field: the remaining length is too long");
        }
        return packet;
    }
}
