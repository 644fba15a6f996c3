package io.github.mqttbridge.client.internal.codec;

import io.github.mqttbridge.client.internal.codec.packet.MqttVersion;
import io.github.mqttbridge.client.internal.datatypes.MqttDecodeException;
import io.github.mqttbridge.client.internal.codec.packet.ConnAckPacket;
import io.github.mqttbridge.client.internal.codec.packet.ConnectPacket;
import io.github.mqttbridge.client.internal.codec.packet.DisconnectPacket;
import io.github.mqttbridge.client.internal.codec.packet.MqttPacket;
import io.github.mqttbridge.client.internal.codec.packet.PingReqPacket;
import io.github.mqttbridge.client.internal.codec.packet.PingRespPacket;
import io.github.mqttbridge.client.internal.codec.packet.PacketType;
import io.github.mqttbridge.client.internal.codec.packet.PubAckPacket;
import io.github.mqttbridge.client.internal.codec.packet.PubCompPacket;
import io.github.mqttbridge.client.internal.codec.packet.PubRecPacket;
import io.github.mqttbridge.client.internal.codec.packet.PubRelPacket;
import io.github.mqttbridge.client.internal.codec.packet.PublishPacket;
import io.github.mqttbridge.client.internal.codec.packet.SubAckPacket;
import io.github.mqttbridge.client.internal.codec.packet.SubscribePacket;
import io.github.mqttbridge.client.internal.codec.packet.SubscribePacket.Subscription;
import io.github.mqttbridge.client.internal.codec.packet.UnsubAckPacket;
import io.github.mqttbridge.client.internal.codec.packet.UnsubscribePacket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.github.mqttbridge.client.internal.codec.CodecSamples.hex;
import static io.github.mqttbridge.client.internal.codec.CodecSamples.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Byte vectors worked out by hand from the MQTT 3.1 / 3.1.1 specifications, independent of our encoder, checked in
 * each direction their packet travels.
 */
class MqttKnownBytesTest {

    static Stream<Arguments> vectors() {
        return Stream.of(
                arguments("C0 00", PingReqPacket.INSTANCE),
                arguments("D0 00", PingRespPacket.INSTANCE),
                arguments("E0 00", DisconnectPacket.INSTANCE),
                arguments("20 02 01 00", new ConnAckPacket(true, 0)),
                arguments("20 02 00 05", new ConnAckPacket(false, 5)),
                arguments("40 02 12 34", new PubAckPacket(0x1234)),
                // PUBREL carries the fixed flags 0010 [MQTT-3.6.1-1].
                arguments("62 02 00 01", new PubRelPacket(1)),
                arguments("50 02 00 02", new PubRecPacket(2)),
                arguments("70 02 FF FF", new PubCompPacket(65535)),
                arguments("B0 02 00 03", new UnsubAckPacket(3)),
                // "MQTT", level 4, clean session, keep alive 60, client id "abc".
                arguments("10 0F 00 04 4D 51 54 54 04 02 00 3C 00 03 61 62 63",
                        new ConnectPacket(MqttVersion.MQTT_3_1_1, "abc", true, 60, null, null, null)),
                // "MQIsdp", level 3.
                arguments("10 11 00 06 4D 51 49 73 64 70 03 02 00 3C 00 03 61 62 63",
                        new ConnectPacket(MqttVersion.MQTT_3_1, "abc", true, 60, null, null, null)),
                // Flags 0xEE: user name, password, will retain, will QoS 1, will, clean session.
                arguments("10 1A 00 04 4D 51 54 54 04 EE 00 0A 00 01 63 00 01 77 00 01 78 00 01 75 00 02 70 77",
                        new ConnectPacket(MqttVersion.MQTT_3_1_1, "c", true, 10,
                                new ConnectPacket.Will("w", utf8("x"), 1, true), "u", utf8("pw"))),
                arguments("30 05 00 01 74 68 69", new PublishPacket("t", utf8("hi"), 0, false, false, 0)),
                // QoS 1, retain; topic "a/b", packet id 10.
                arguments("33 09 00 03 61 2F 62 00 0A 68 69", new PublishPacket("a/b", utf8("hi"), 1, true, false, 10)),
                // DUP, QoS 2; "é" is C3 A9 in UTF-8.
                arguments("3C 06 00 02 C3 A9 00 01", new PublishPacket("é", new byte[0], 2, false, true, 1)),
                arguments("82 08 00 01 00 03 61 2F 23 01",
                        new SubscribePacket(1, List.of(new Subscription("a/#", 1)))),
                arguments("90 04 00 01 02 80", new SubAckPacket(1, List.of(2, 0x80))),
                arguments("A2 05 00 02 00 01 23", new UnsubscribePacket(2, List.of("#"))));
    }

    /** Each vector with each direction its packet travels in. */
    static Stream<Arguments> vectorsInEveryDirection() {
        return vectors().flatMap(v -> {
            MqttPacket packet = (MqttPacket) v.get()[1];
            return Direction.carrying(packet.type()).stream().map(d -> arguments(d, v.get()[0], packet));
        });
    }

    @ParameterizedTest(name = "{0}: {2} <-> {1}")
    @MethodSource("vectorsInEveryDirection")
    void packetEncodesToTheBytesTheSpecDefines(Direction direction, String bytes, MqttPacket packet) {
        assertEquals(bytes, hex(direction.encode(packet)));
    }

    @ParameterizedTest(name = "{0}: {1} -> {2}")
    @MethodSource("vectorsInEveryDirection")
    void bytesTheSpecDefinesDecodeToThePacket(Direction direction, String bytes, MqttPacket packet)
            throws MqttDecodeException {
        assertEquals(packet, direction.decoder(1024).decode(ByteBuffer.wrap(hex(bytes))));
    }

    @Test
    void vectorsCoverEveryPacketTypeInEachDirectionItTravels() {
        Set<String> covered = vectorsInEveryDirection()
                .map(a -> a.get()[0] + " " + ((MqttPacket) a.get()[2]).type()).collect(Collectors.toSet());
        Set<String> travelled = Arrays.stream(PacketType.values())
                .flatMap(t -> Direction.carrying(t).stream().map(d -> d + " " + t)).collect(Collectors.toSet());
        assertEquals(travelled, covered);
    }

    @Test
    void remainingLengthOf128IsEncodedInTwoBytes() {
        // 2 bytes topic length + 1 byte topic + 125 bytes payload = 128 = 0x80 0x01.
        ByteBuffer wire = Direction.CLIENT_TO_SERVER.encode(new PublishPacket("t", new byte[125], 0, false, false, 0));
        assertEquals("30 80 01 00 01 74", hex(wire.limit(6)));
    }
}
