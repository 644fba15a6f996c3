package io.github.mqttbridge.client.internal.codec;

import io.github.mqttbridge.client.internal.codec.packet.MqttVersion;
import io.github.mqttbridge.client.internal.datatypes.MqttDecodeException;
import io.github.mqttbridge.client.internal.codec.packet.ConnectPacket;
import io.github.mqttbridge.client.internal.codec.packet.MqttPacket;
import io.github.mqttbridge.client.internal.codec.packet.PacketType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.ByteBuffer;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every sample, in every direction it travels, of MQTT 3.x and of MQTT 5.0: the sender's encoder and the
 * receiver's decoder agree. Mqtt5CodecRoundTripTest holds what is MQTT 5.0's alone.
 */
class MqttCodecRoundTripTest {

    static Stream<Arguments> samples() {
        return Stream.concat(CodecSamples.inEveryDirection(), CodecSamples.inEveryMqtt5Direction());
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("samples")
    void decodingAnEncodedPacketYieldsAnEqualPacket(PacketRoute direction, MqttPacket packet) throws MqttDecodeException {
        ByteBuffer wire = direction.encode(packet);
        assertEquals(direction.encoders().encodedSize(packet), wire.remaining(), "encodedSize");

        assertEquals(packet, direction.decoder(MqttDecoder.DEFAULT_MAX_PACKET_SIZE).decode(wire));
        assertEquals(0, wire.remaining(), "the whole packet is consumed");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("samples")
    void encodingIntoABufferWritesAtItsPositionAndNothingElse(PacketRoute direction, MqttPacket packet) {
        int size = direction.encoders().encodedSize(packet);
        ByteBuffer out = ByteBuffer.allocate(size + 6);
        out.put(new byte[] {9, 9, 9});

        direction.encoders().encode(packet, out);

        assertEquals(3 + size, out.position());
        assertEquals(CodecSamples.hex(direction.encode(packet)), CodecSamples.hex(out.flip().position(3)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clientSamples")
    void theClientsEncoderWritesWhatTheClientsTableDoes(MqttPacket packet) {
        // MqttEncoder is the face of the client's table that the connection uses.
        MqttEncoder encoder = MqttEncoder.forClient(MqttVersion.MQTT_3_1_1);
        assertEquals(CodecSamples.hex(Direction.CLIENT_TO_SERVER.encode(packet)), CodecSamples.hex(encoder.encode(packet)));
        assertEquals(Direction.CLIENT_TO_SERVER.encoders().encodedSize(packet), encoder.encodedSize(packet));
    }

    static List<MqttPacket> clientSamples() {
        return CodecSamples.sentIn(Direction.CLIENT_TO_SERVER);
    }

    @Test
    void samplesCoverEveryPacketTypeInEachDirectionItTravelsAndBothVersionsOfConnect() {
        for (PacketRoute direction : PacketRoute.all()) {
            Set<PacketType> types = CodecSamples.sentIn(direction).stream().map(MqttPacket::type)
                    .collect(Collectors.toSet());
            Set<PacketType> carried = EnumSet.allOf(PacketType.class).stream().filter(direction::carries)
                    .collect(Collectors.toSet());
            assertEquals(carried, types, direction.toString());
        }
        Set<PacketType> travelling = EnumSet.allOf(PacketType.class).stream()
                .filter(t -> !Direction.carrying(t).isEmpty()).collect(Collectors.toSet());
        Set<MqttVersion> versions = CodecSamples.all().stream().filter(p -> p instanceof ConnectPacket)
                .map(p -> ((ConnectPacket) p).version()).collect(Collectors.toSet());

        Set<PacketType> travellingInMqtt5 = EnumSet.allOf(PacketType.class).stream()
                .filter(t -> !Mqtt5Direction.carrying(t).isEmpty()).collect(Collectors.toSet());

        // AUTH is MQTT 5.0's alone.
        assertEquals(EnumSet.complementOf(EnumSet.of(PacketType.AUTH)), travelling, "every type travels one way or both");
        assertEquals(EnumSet.allOf(PacketType.class), travellingInMqtt5, "in MQTT 5.0 as well");
        assertEquals(EnumSet.of(MqttVersion.MQTT_3_1, MqttVersion.MQTT_3_1_1), versions);
    }
}
