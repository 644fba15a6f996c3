package io.github.mqttbridge.client.internal.codec;

import io.github.mqttbridge.client.internal.datatypes.MqttDecodeException;
import io.github.mqttbridge.client.internal.codec.packet.MqttPacket;
import io.github.mqttbridge.client.internal.codec.packet.MqttVersion;
import io.github.mqttbridge.client.internal.codec.packet.PacketType;
import io.github.mqttbridge.client.internal.codec.packet.PingRespPacket;
import io.github.mqttbridge.client.internal.codec.packet.PublishPacket;
import io.github.mqttbridge.client.internal.codec.packet.UnsubAckPacket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static io.github.mqttbridge.client.internal.codec.CodecSamples.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How the decoder cuts packets out of a stream: partial input, several packets, and the maximum packet size, in
 * both directions.
 */
class MqttDecoderFramingTest {
    private final MqttDecoder decoder = MqttDecoder.forClient(MqttDecoder.DEFAULT_MAX_PACKET_SIZE, MqttVersion.MQTT_3_1_1);

    @ParameterizedTest
    @EnumSource(Direction.class)
    void streamFedOneByteAtATimeYieldsTheSamePackets(Direction direction) throws MqttDecodeException {
        List<MqttPacket> sent = CodecSamples.sentIn(direction);
        byte[] stream = concatenatedEncodings(direction, sent);
        MqttDecoder decoder = direction.decoder(MqttDecoder.DEFAULT_MAX_PACKET_SIZE);
        // Raising the limit one byte at a time stands for bytes arriving, without copying the stream around.
        ByteBuffer buffer = ByteBuffer.wrap(stream).limit(0);
        List<MqttPacket> received = new ArrayList<>();

        while (buffer.limit() < stream.length) {
            buffer.limit(buffer.limit() + 1);
            for (MqttPacket p = decoder.decode(buffer); p != null; p = decoder.decode(buffer)) {
                received.add(p);
            }
        }

        assertEquals(sent, received);
        assertEquals(0, buffer.remaining(), "no bytes left over");
    }

    @ParameterizedTest
    @EnumSource(Direction.class)
    void severalPacketsInOneBufferAreAllDecodedInOrder(Direction direction) throws MqttDecodeException {
        List<MqttPacket> sent = CodecSamples.sentIn(direction);
        ByteBuffer buffer = ByteBuffer.wrap(concatenatedEncodings(direction, sent));
        MqttDecoder decoder = direction.decoder(MqttDecoder.DEFAULT_MAX_PACKET_SIZE);
        List<MqttPacket> received = new ArrayList<>();

        for (MqttPacket p = decoder.decode(buffer); p != null; p = decoder.decode(buffer)) {
            received.add(p);
        }

        assertEquals(sent, received);
        assertEquals(0, buffer.remaining());
    }

    @Test
    void incompletePacketIsNotConsumed() throws MqttDecodeException {
        byte[] whole = Direction.SERVER_TO_CLIENT.bytes(new PublishPacket("a/b", new byte[300], 1, false, false, 5));
        for (int length = 0; length < whole.length; length++) {
            ByteBuffer partial = ByteBuffer.wrap(whole, 0, length);

            assertNull(decoder.decode(partial), "prefix of " + length + " bytes");
            assertEquals(0, partial.position(), "position after a prefix of " + length + " bytes");
        }
    }

    @Test
    void decodingStartsAtTheBufferPositionAndStopsAtItsLimit() throws MqttDecodeException {
        ByteBuffer buffer = ByteBuffer.wrap(hex("FF FF D0 00 B0 02 00 07 FF"));
        buffer.position(2).limit(8);

        assertEquals(PingRespPacket.INSTANCE, decoder.decode(buffer));
        assertEquals(4, buffer.position());
        assertEquals(new UnsubAckPacket(7), decoder.decode(buffer));
        assertNull(decoder.decode(buffer));
        assertEquals(8, buffer.position());
    }

    static Stream<Arguments> everyTypeInEachDirectionItTravels() {
        return Arrays.stream(PacketType.values())
                .flatMap(t -> Direction.carrying(t).stream().map(d -> Arguments.of(d, t)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("everyTypeInEachDirectionItTravels")
    void announcedSizeOverTheMaximumFailsBeforeTheBodyArrives(Direction direction, PacketType type) {
        // Only the fixed header has arrived: a decoder that waited for the body would return null instead.
        ByteBuffer header = ByteBuffer.wrap(
                new byte[] {CodecSamples.firstByte(type), (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x7F});

        MqttDecodeException e = assertThrows(MqttDecodeException.class, () -> direction.decoder(65536).decode(header));

        assertTrue(e.getMessage().contains("remaining length 268435455 of " + type
                + " exceeds the maximum packet size of 65536 bytes"), e.getMessage());
        assertEquals(0x95, e.reasonCode(), "MQTT 5's Packet too large");
    }

    @Test
    void maximumPacketSizeCountsTheFixedHeader() throws MqttDecodeException {
        PublishPacket packet = new PublishPacket("t", new byte[1000], 0, false, false, 0);
        Direction direction = Direction.SERVER_TO_CLIENT;
        int size = direction.encoders().encodedSize(packet);

        assertEquals(packet, direction.decoder(size).decode(direction.encode(packet)));
        MqttDecodeException e = assertThrows(MqttDecodeException.class,
                () -> direction.decoder(size - 1).decode(direction.encode(packet)));
        assertTrue(e.getMessage().contains("exceeds the maximum packet size of " + (size - 1) + " bytes"),
                e.getMessage());
    }

    @Test
    void reservedPacketTypeIsRejectedFromItsFirstByte() {
        assertThrows(MqttDecodeException.class, () -> decoder.decode(ByteBuffer.wrap(hex("00"))));
        assertThrows(MqttDecodeException.class, () -> decoder.decode(ByteBuffer.wrap(hex("F0"))));
    }

    @Test
    void remainingLengthWithFiveBytesIsMalformedEvenBeforeTheBody() {
        ByteBuffer in = ByteBuffer.wrap(hex("30 80 80 80 80 01"));

        MqttDecodeException e = assertThrows(MqttDecodeException.class, () -> decoder.decode(in));

        assertEquals("malformed remaining length: more than 4 bytes", e.getMessage());
        assertEquals(0, in.position());
    }

    @Test
    void remainingLengthInMoreBytesThanNeededIsAccepted() throws MqttDecodeException {
        // MQTT 3.1.1 gives an encoding algorithm but, unlike MQTT 5, no rule that the shortest form be used.
        ByteBuffer in = ByteBuffer.wrap(hex("D0 80 00 D0 00"));

        assertEquals(PingRespPacket.INSTANCE, decoder.decode(in));
        assertEquals(3, in.position());
    }

    @Test
    void maximumPacketSizeBelowTheSmallestPacketIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> MqttDecoder.forClient(1, MqttVersion.MQTT_3_1_1));
    }

    private static byte[] concatenatedEncodings(Direction direction, List<MqttPacket> packets) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        packets.forEach(p -> out.writeBytes(direction.bytes(p)));
        return out.toByteArray();
    }
}
