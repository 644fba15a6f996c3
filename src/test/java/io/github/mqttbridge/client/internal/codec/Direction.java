package io.github.mqttbridge.client.internal.codec;

import io.github.mqttbridge.client.internal.codec.decoder.Mqtt3ClientDecoders;
import io.github.mqttbridge.client.internal.codec.decoder.Mqtt3ServerDecoders;
import io.github.mqttbridge.client.internal.codec.decoder.MqttPacketDecoders;
import io.github.mqttbridge.client.internal.codec.encoder.Mqtt3ClientEncoders;
import io.github.mqttbridge.client.internal.codec.encoder.Mqtt3ServerEncoders;
import io.github.mqttbridge.client.internal.codec.encoder.MqttPacketEncoders;
import io.github.mqttbridge.client.internal.codec.packet.MqttPacket;
import io.github.mqttbridge.client.internal.codec.packet.PacketType;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static io.github.mqttbridge.client.internal.codec.packet.PacketType.CONNACK;
import static io.github.mqttbridge.client.internal.codec.packet.PacketType.CONNECT;
import static io.github.mqttbridge.client.internal.codec.packet.PacketType.DISCONNECT;
import static io.github.mqttbridge.client.internal.codec.packet.PacketType.PINGREQ;
import static io.github.mqttbridge.client.internal.codec.packet.PacketType.PINGRESP;
import static io.github.mqttbridge.client.internal.codec.packet.PacketType.PUBACK;
import static io.github.mqttbridge.client.internal.codec.packet.PacketType.PUBCOMP;
import static io.github.mqttbridge.client.internal.codec.packet.PacketType.PUBLISH;
import static io.github.mqttbridge.client.internal.codec.packet.PacketType.PUBREC;
import static io.github.mqttbridge.client.internal.codec.packet.PacketType.PUBREL;
import static io.github.mqttbridge.client.internal.codec.packet.PacketType.SUBACK;
import static io.github.mqttbridge.client.internal.codec.packet.PacketType.SUBSCRIBE;
import static io.github.mqttbridge.client.internal.codec.packet.PacketType.UNSUBACK;
import static io.github.mqttbridge.client.internal.codec.packet.PacketType.UNSUBSCRIBE;

/**
 * The two ways packets travel, with the encoder of the side that sends and the decoder of the side that receives:
 * the client's tables from main, the server's from test code. The types each carries are written out here from
 * the spec's table (MQTT 3.1.1 section 2.2.1), independently of the tables, so that tests hold the tables to it.
 */
public enum Direction {
    CLIENT_TO_SERVER("a client", Mqtt3ClientEncoders.TABLE, Mqtt3ServerDecoders.TABLE,
            EnumSet.of(CONNECT, PUBLISH, PUBACK, PUBREC, PUBREL, PUBCOMP, SUBSCRIBE, UNSUBSCRIBE, PINGREQ, DISCONNECT)),
    SERVER_TO_CLIENT("a server", Mqtt3ServerEncoders.TABLE, Mqtt3ClientDecoders.TABLE,
            EnumSet.of(CONNACK, PUBLISH, PUBACK, PUBREC, PUBREL, PUBCOMP, SUBACK, UNSUBACK, PINGRESP));

    private final String sender;
    private final MqttPacketEncoders encoders;
    private final MqttPacketDecoders decoders;
    private final Set<PacketType> types;

    Direction(String sender, MqttPacketEncoders encoders, MqttPacketDecoders decoders, Set<PacketType> types) {
        this.sender = sender;
        this.encoders = encoders;
        this.decoders = decoders;
        this.types = types;
    }

    /** The directions a type travels in: both for PUBLISH and its acknowledgements, one for the rest. */
    public static List<Direction> carrying(PacketType type) {
        return Arrays.stream(values()).filter(d -> d.carries(type)).toList();
    }

    public boolean carries(PacketType type) {
        return types.contains(type);
    }

    /** The side that sends, as the codec's messages name it. */
    public String sender() {
        return sender;
    }

    public MqttPacketEncoders encoders() {
        return encoders;
    }

    public MqttDecoder decoder(int maxPacketSize) {
        return new MqttDecoder(maxPacketSize, decoders);
    }

    /** The whole packet in a new buffer, flipped for reading. */
    public ByteBuffer encode(MqttPacket packet) {
        return encoders.encode(packet);
    }

    public byte[] bytes(MqttPacket packet) {
        ByteBuffer b = encode(packet);
        byte[] bytes = new byte[b.remaining()];
        b.get(bytes);
        return bytes;
    }
}
