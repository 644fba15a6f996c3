package io.github.mqttbridge.client.internal.codec;

import io.github.mqttbridge.client.internal.datatypes.MqttDecodeException;
import io.github.mqttbridge.client.internal.codec.packet.MqttPacket;
import io.github.mqttbridge.client.internal.codec.packet.PacketType;
import io.github.mqttbridge.client.internal.codec.packet.PingReqPacket;
import io.github.mqttbridge.client.internal.codec.packet.PublishPacket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import static io.github.mqttbridge.client.internal.codec.CodecSamples.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How the decoder cuts packets out of a stream: partial input, several packets, and the maximum packet size. */
class MqttDecoderFramingTest {
    private final MqttDecoder decoder = new MqttDecoder(MqttDecoder.DEFAULT_MAX_PACKET_SIZE);

    @Test
    void streamFedOneByteAtATimeYieldsTheSamePackets() throws MqttDecodeException {
        List<MqttPacket> sent = CodecSamples.all();
        byte[] stream = concatenatedEncodings(sent);
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

    @Test
    void severalPacketsInOneBufferAreAllDecodedInOrder() throws MqttDecodeException {
        List<MqttPacket> sent = CodecSamples.all();
        ByteBuffer buffer = ByteBuffer.wrap(concatenatedEncodings(sent));
        List<MqttPacket> received = new ArrayList<>();

        for (MqttPacket p = decoder.decode(buffer); p != null; p = decoder.decode(buffer)) {
            received.add(p);
        }

        assertEquals(sent, received);
        assertEquals(0, buffer.remaining());
    }

    @Test
    void incompletePacketIsNotConsumed() throws MqttDecodeException {
        byte[] whole = CodecSamples.encode(new PublishPacket("a/b", new byte[300], 1, false, false, 5));
        for (int length = 0; length < whole.length; length++) {
            ByteBuffer partial = ByteBuffer.wrap(whole, 0, length);

            assertNull(decoder.decode(partial), "prefix of " + length + " bytes");
            assertEquals(0, partial.position(), "position after a prefix of " + length + " bytes");
        }
    }

    @Test
    void decodingStartsAtTheBufferPositionAndStopsAtItsLimit() throws MqttDecodeException {
        ByteBuffer buffer = ByteBuffer.wrap(hex("FF FF C0 00 D0 00 FF"));
        buffer.position(2).limit(6);

        assertEquals(PingReqPacket.INSTANCE, decoder.decode(buffer));
        assertEquals(4, buffer.position());
        assertEquals(PacketType.PINGRESP, decoder.decode(buffer).type());
        assertNull(decoder.decode(buffer));
        assertEquals(6, buffer.position());
    }

    @ParameterizedTest
    @EnumSource(PacketType.class)
    void announcedSizeOverTheMaximumFailsBeforeTheBodyArrives(PacketType type) {
        // Only the fixed header has arrived: a decoder that waited for the body would return null instead.
        byte firstByte = (byte) (type.code() << 4 | (type == PacketType.PUBREL || type == PacketType.SUBSCRIBE
                || type == PacketType.UNSUBSCRIBE ? 0b0010 : 0));
        ByteBuffer header = ByteBuffer.wrap(new byte[] {firstByte, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x7F});

        MqttDecodeException e = assertThrows(MqttDecodeException.class, () -> new MqttDecoder(65536).decode(header));

        assertTrue(e.getMessage().contains("remaining length 268435455 of " + type
                + " exceeds the maximum packet size of 65536 bytes"), e.getMessage());
    }

    @Test
    void maximumPacketSizeCountsTheFixedHeader() throws MqttDecodeException {
        PublishPacket packet = new PublishPacket("t", new byte[1000], 0, false, false, 0);
        int size = MqttEncoder.encodedSize(packet);

        assertEquals(packet, new MqttDecoder(size).decode(MqttEncoder.encode(packet)));
        MqttDecodeException e = assertThrows(MqttDecodeException.class,
                () -> new MqttDecoder(size - 1).decode(MqttEncoder.encode(packet)));
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
        ByteBuffer in = ByteBuffer.wrap(hex("C0 80 00 D0 00"));

        assertEquals(PingReqPacket.INSTANCE, decoder.decode(in));
        assertEquals(3, in.position());
    }

    @Test
    void maximumPacketSizeBelowTheSmallestPacketIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new MqttDecoder(1));
    }

    private static byte[] concatenatedEncodings(List<MqttPacket> packets) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        packets.forEach(p -> out.writeBytes(CodecSamples.encode(p)));
        return out.toByteArray();
    }
}
