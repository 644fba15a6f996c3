package io.github.mqttbridge.client.internal.codec;

import io.github.mqttbridge.client.internal.codec.decoder.MqttPacketDecoders;
import io.github.mqttbridge.client.internal.codec.encoder.MqttPacketEncoders;
import io.github.mqttbridge.client.internal.codec.packet.MqttPacket;
import io.github.mqttbridge.client.internal.codec.packet.PacketType;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One way packets travel in one protocol version, with the encoder of the side that sends and the decoder of the
 * side that receives: {@link Direction} for MQTT 3.1 and 3.1.1, {@link Mqtt5Direction} for MQTT 5.0.
 */
public interface PacketRoute {

    /** Every route of every version: what the fuzzers feed each input to. */
    static List<PacketRoute> all() {
        List<PacketRoute> routes = new ArrayList<>(List.of(Direction.values()));
        routes.addAll(List.of(Mqtt5Direction.values()));
        return routes;
    }

    /**
     * What a route is made of: the side that sends, as the codec's messages name it, its encoders, the other
     * side's decoders, and the types the route carries as the spec's table lists them.
     */
    record Tables(String sender, MqttPacketEncoders encoders, MqttPacketDecoders decoders, Set<PacketType> types) {
    }

    Tables tables();

    boolean isMqtt5();

    default boolean carries(PacketType type) {
        return tables().types().contains(type);
    }

    /** Whether this side may send this very packet: its type, and any rule of the spec on what it holds. */
    default boolean carries(MqttPacket packet) {
        return carries(packet.type());
    }

    /** The side that sends, as the codec's messages name it. */
    default String sender() {
        return tables().sender();
    }

    default MqttPacketEncoders encoders() {
        return tables().encoders();
    }

    default MqttPacketDecoders decoders() {
        return tables().decoders();
    }

    default MqttDecoder decoder(int maxPacketSize) {
        return new MqttDecoder(maxPacketSize, decoders());
    }

    /** The whole packet in a new buffer, flipped for reading. */
    default ByteBuffer encode(MqttPacket packet) {
        return encoders().encode(packet);
    }

    default byte[] bytes(MqttPacket packet) {
        ByteBuffer b = encode(packet);
        byte[] bytes = new byte[b.remaining()];
        b.get(bytes);
        return bytes;
    }
}
