package io.github.mqttbridge.client.internal.codec;

import io.github.mqttbridge.client.internal.datatypes.MqttDecodeException;
import io.github.mqttbridge.client.internal.codec.packet.ConnectPacket;
import io.github.mqttbridge.client.internal.codec.packet.MqttPacket;
import io.github.mqttbridge.client.internal.codec.packet.PacketType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.ByteBuffer;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MqttCodecRoundTripTest {
    private final MqttDecoder decoder = new MqttDecoder(MqttDecoder.DEFAULT_MAX_PACKET_SIZE);

    static List<MqttPacket> samples() {
        return CodecSamples.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void decodingAnEncodedPacketYieldsAnEqualPacket(MqttPacket packet) throws MqttDecodeException {
        ByteBuffer wire = MqttEncoder.encode(packet);
        assertEquals(MqttEncoder.encodedSize(packet), wire.remaining(), "encodedSize");

        assertEquals(packet, decoder.decode(wire));
        assertEquals(0, wire.remaining(), "the whole packet is consumed");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void encodingIntoABufferWritesAtItsPositionAndNothingElse(MqttPacket packet) {
        int size = MqttEncoder.encodedSize(packet);
        ByteBuffer out = ByteBuffer.allocate(size + 6);
        out.put(new byte[] {9, 9, 9});

        MqttEncoder.encode(packet, out);

        assertEquals(3 + size, out.position());
        assertEquals(CodecSamples.hex(MqttEncoder.encode(packet)), CodecSamples.hex(out.flip().position(3)));
    }

    @Test
    void samplesCoverEveryPacketTypeAndBothVersionsOfConnect() {
        Set<PacketType> types = samples().stream().map(MqttPacket::type).collect(Collectors.toSet());
        Set<MqttVersion> versions = samples().stream().filter(p -> p instanceof ConnectPacket)
                .map(p -> ((ConnectPacket) p).version()).collect(Collectors.toSet());

        assertEquals(EnumSet.allOf(PacketType.class), types);
        assertEquals(EnumSet.allOf(MqttVersion.class), versions);
    }
}
