package io.github.mqttbridge.client.internal.codec;

import io.github.mqttbridge.client.internal.codec.packet.MqttPacket;
import io.github.mqttbridge.client.internal.codec.packet.MqttVersion;
import io.github.mqttbridge.client.internal.codec.packet.PacketType;
import io.github.mqttbridge.client.internal.datatypes.MqttDecodeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Each side's tables hold only what it receives and sends (MQTT 3.1.1 section 2.2.1): a packet of any other type
 * is refused by the decoder, named by its type, as a protocol error (MQTT 5 reason code 0x82), and refused by the
 * encoder before a byte is written.
 */
class MqttPacketDirectionTest {

    /**
     * Each direction of each version with each type it does not carry: CONNECT, SUBSCRIBE... from a server,
     * CONNACK... from a client. AUTH does not exist in MQTT 3.x, where its code 15 is reserved, as
     * MqttDecoderMalformedPacketTest checks.
     */
    static Stream<Arguments> typesNotSent() {
        return PacketRoute.all().stream().flatMap(d -> Arrays.stream(PacketType.values())
                .filter(t -> !d.carries(t) && (d.isMqtt5() || t != PacketType.AUTH)).map(t -> Arguments.of(d, t)));
    }

    private static String mustNotSend(PacketRoute route, PacketType type) {
        return route.sender() + " must not send " + type
                + (route.isMqtt5() ? " (MQTT 5.0 section 2.1.2)" : " (MQTT 3.1.1 section 2.2.1)");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("typesNotSent")
    void aTypeTheSenderMustNotSendIsRejectedFromItsFirstByte(PacketRoute direction, PacketType type) {
        // The first byte alone, with the flags the type's own rules ask for: nothing but the type is wrong.
        ByteBuffer in = ByteBuffer.wrap(new byte[] {CodecSamples.firstByte(type)});

        MqttDecodeException e = assertThrows(MqttDecodeException.class, () -> direction.decoder(1024).decode(in));

        assertEquals(mustNotSend(direction, type), e.getMessage());
        assertEquals(0x82, e.reasonCode(), "a Protocol Error on MQTT 5: the packet could be read, not sent");
        assertEquals(0, in.position(), "a rejected packet is not consumed");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("typesNotSent")
    void aTypeThisSideMustNotSendIsRefusedBeforeWriting(PacketRoute direction, PacketType type) {
        MqttPacket packet = Stream.concat(CodecSamples.all().stream(), Mqtt5CodecSamples.all().stream())
                .filter(p -> p.type() == type).findFirst().orElseThrow();
        ByteBuffer out = ByteBuffer.allocate(1024);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> direction.encoders().encode(packet, out));

        assertEquals(mustNotSend(direction, type), e.getMessage());
        assertEquals(0, out.position(), "nothing written");
    }

    @Test
    void theClientsDecoderRejectsASubscribeFromAServer() {
        ByteBuffer subscribe = ByteBuffer.wrap(CodecSamples.hex("82 08 00 01 00 03 61 2F 23 01"));

        MqttDecodeException e = assertThrows(MqttDecodeException.class,
                () -> MqttDecoder.forClient(1024, MqttVersion.MQTT_3_1_1).decode(subscribe));

        assertEquals("a server must not send SUBSCRIBE (MQTT 3.1.1 section 2.2.1)", e.getMessage());
    }

    @Test
    void theClientsEncoderRefusesAConnAck() {
        MqttPacket connAck = CodecSamples.all().stream().filter(p -> p.type() == PacketType.CONNACK).findFirst()
                .orElseThrow();

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MqttEncoder.forClient(MqttVersion.MQTT_3_1_1).encode(connAck));

        assertEquals("a client must not send CONNACK (MQTT 3.1.1 section 2.2.1)", e.getMessage());
    }
}
