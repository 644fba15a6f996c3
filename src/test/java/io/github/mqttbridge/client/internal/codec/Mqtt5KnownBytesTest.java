package io.github.mqttbridge.client.internal.codec;

import io.github.mqttbridge.client.internal.codec.packet.AuthPacket;
import io.github.mqttbridge.client.internal.codec.packet.ConnAckPacket;
import io.github.mqttbridge.client.internal.codec.packet.ConnectPacket;
import io.github.mqttbridge.client.internal.codec.packet.DisconnectPacket;
import io.github.mqttbridge.client.internal.codec.packet.MqttPacket;
import io.github.mqttbridge.client.internal.codec.packet.MqttProperties;
import io.github.mqttbridge.client.internal.codec.packet.MqttProperty;
import io.github.mqttbridge.client.internal.codec.packet.PacketType;
import io.github.mqttbridge.client.internal.codec.packet.PingReqPacket;
import io.github.mqttbridge.client.internal.codec.packet.PingRespPacket;
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
import io.github.mqttbridge.client.internal.datatypes.MqttDecodeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.github.mqttbridge.client.internal.codec.CodecSamples.hex;
import static io.github.mqttbridge.client.internal.codec.CodecSamples.utf8;
import static io.github.mqttbridge.client.internal.codec.packet.MqttVersion.MQTT_5;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Byte vectors worked out by hand from the MQTT 5.0 specification, independent of our encoder, checked in each
 * direction their packet travels. Together they hold every packet type and every property.
 */
class Mqtt5KnownBytesTest {

    static Stream<Arguments> vectors() {
        return Stream.of(
                arguments("C0 00", PingReqPacket.INSTANCE),
                arguments("D0 00", PingRespPacket.INSTANCE),
                // Remaining length 0: 0x00 Normal disconnection, no properties (MQTT 5.0 section 3.14.2.1).
                arguments("E0 00", DisconnectPacket.INSTANCE),
                arguments("E0 01 04", new DisconnectPacket(0x04, MqttProperties.EMPTY)),
                // 0x8B Server shutting down, properties of 4 bytes: reason string "r".
                arguments("E0 06 8B 04 1F 00 01 72", new DisconnectPacket(0x8B, props(MqttProperty.REASON_STRING, "r"))),
                arguments("F0 00", new AuthPacket(0x00, MqttProperties.EMPTY)),
                // Unlike DISCONNECT, AUTH leaves out the property length only together with the reason code.
                arguments("F0 02 19 00", new AuthPacket(0x19, MqttProperties.EMPTY)),
                // 0x18 Continue authentication; authentication method "m", authentication data 01.
                arguments("F0 0A 18 08 15 00 01 6D 16 00 01 01", new AuthPacket(0x18, MqttProperties.builder()
                        .add(MqttProperty.AUTHENTICATION_METHOD, "m")
                        .add(MqttProperty.AUTHENTICATION_DATA, new byte[] {1}).build())),
                // The short forms: packet id alone for Success, packet id and reason code without properties.
                arguments("40 02 00 01", new PubAckPacket(1)),
                arguments("40 03 00 02 10", new PubAckPacket(2, 0x10, MqttProperties.EMPTY)),
                arguments("40 09 00 03 87 05 1F 00 02 6E 6F",
                        new PubAckPacket(3, 0x87, props(MqttProperty.REASON_STRING, "no"))),
                // Success with a user property ("a", "b"): the reason code must then be written.
                arguments("50 0B 00 04 00 07 26 00 01 61 00 01 62",
                        new PubRecPacket(4, 0x00, MqttProperties.builder().userProperty("a", "b").build())),
                arguments("62 03 00 05 92", new PubRelPacket(5, 0x92, MqttProperties.EMPTY)),
                arguments("70 02 00 06", new PubCompPacket(6)),
                arguments("20 03 00 00 00", new ConnAckPacket(false, 0)),
                arguments("20 03 00 87 00", new ConnAckPacket(false, 0x87)),
                arguments("20 3F 01 00 3C 11 00 00 00 3C 21 00 0A 24 01 25 00 27 00 00 10 00 12 00 01 63 22 00 05"
                        + " 1F 00 01 72 26 00 01 6B 00 01 76 28 01 29 01 2A 00 13 00 1E 1A 00 01 69 1C 00 01 73"
                        + " 15 00 01 6D 16 00 01 FF", new ConnAckPacket(true, 0, MqttProperties.builder()
                        .add(MqttProperty.SESSION_EXPIRY_INTERVAL, 60L)
                        .add(MqttProperty.RECEIVE_MAXIMUM, 10)
                        .add(MqttProperty.MAXIMUM_QOS, 1)
                        .add(MqttProperty.RETAIN_AVAILABLE, 0)
                        .add(MqttProperty.MAXIMUM_PACKET_SIZE, 4096L)
                        .add(MqttProperty.ASSIGNED_CLIENT_IDENTIFIER, "c")
                        .add(MqttProperty.TOPIC_ALIAS_MAXIMUM, 5)
                        .add(MqttProperty.REASON_STRING, "r")
                        .userProperty("k", "v")
                        .add(MqttProperty.WILDCARD_SUBSCRIPTION_AVAILABLE, 1)
                        .add(MqttProperty.SUBSCRIPTION_IDENTIFIER_AVAILABLE, 1)
                        .add(MqttProperty.SHARED_SUBSCRIPTION_AVAILABLE, 0)
                        .add(MqttProperty.SERVER_KEEP_ALIVE, 30)
                        .add(MqttProperty.RESPONSE_INFORMATION, "i")
                        .add(MqttProperty.SERVER_REFERENCE, "s")
                        .add(MqttProperty.AUTHENTICATION_METHOD, "m")
                        .add(MqttProperty.AUTHENTICATION_DATA, new byte[] {(byte) 0xFF}).build())),
                // Property length 0 between the topic and the payload.
                arguments("30 06 00 01 74 00 68 69", new PublishPacket("t", utf8("hi"), 0, false, false, 0)),
                // QoS 1, retain, packet id 10, then 35 bytes of properties; subscription identifier 128 is 80 01.
                arguments("33 2D 00 03 61 2F 62 00 0A 23 01 01 02 00 00 00 3C 03 00 01 74 08 00 01 72 09 00 02 01 02"
                        + " 0B 01 0B 80 01 23 00 01 26 00 01 6B 00 01 76 68 69",
                        new PublishPacket("a/b", utf8("hi"), 1, true, false, 10, MqttProperties.builder()
                                .add(MqttProperty.PAYLOAD_FORMAT_INDICATOR, 1)
                                .add(MqttProperty.MESSAGE_EXPIRY_INTERVAL, 60L)
                                .add(MqttProperty.CONTENT_TYPE, "t")
                                .add(MqttProperty.RESPONSE_TOPIC, "r")
                                .add(MqttProperty.CORRELATION_DATA, new byte[] {1, 2})
                                .add(MqttProperty.SUBSCRIPTION_IDENTIFIER, 1)
                                .add(MqttProperty.SUBSCRIPTION_IDENTIFIER, 128)
                                .add(MqttProperty.TOPIC_ALIAS, 1)
                                .userProperty("k", "v").build())),
                // An empty topic name stands for topic alias 5.
                arguments("30 07 00 00 03 23 00 05 78",
                        new PublishPacket("", utf8("x"), 0, false, false, 0, props(MqttProperty.TOPIC_ALIAS, 5))),
                // Options 0x2D: QoS 1, no local, retain as published, retain handling 2; subscription identifier 5.
                arguments("82 0B 00 01 02 0B 05 00 03 61 2F 23 2D", new SubscribePacket(1,
                        List.of(new Subscription("a/#", 1, true, true, 2)), props(MqttProperty.SUBSCRIPTION_IDENTIFIER, 5))),
                arguments("82 07 00 02 00 00 01 23 00", new SubscribePacket(2, List.of(new Subscription("#", 0)))),
                arguments("90 09 00 01 04 1F 00 01 78 01 87",
                        new SubAckPacket(1, List.of(0x01, 0x87), props(MqttProperty.REASON_STRING, "x"))),
                arguments("90 04 00 02 00 00", new SubAckPacket(2, List.of(0x00))),
                arguments("A2 0D 00 03 07 26 00 01 61 00 01 62 00 01 23", new UnsubscribePacket(3, List.of("#"),
                        MqttProperties.builder().userProperty("a", "b").build())),
                arguments("B0 05 00 03 00 00 11", new UnsubAckPacket(3, List.of(0x00, 0x11), MqttProperties.EMPTY)),
                // "MQTT", level 5, clean start, keep alive 60, property length 0, client id "abc".
                arguments("10 10 00 04 4D 51 54 54 05 02 00 3C 00 00 03 61 62 63",
                        new ConnectPacket(MQTT_5, "abc", true, 60, null, null, null)),
                // Flags 0x6E: password without user name, will retain, will QoS 1, will, clean start; 35 bytes of
                // CONNECT properties after keep alive 10, 31 bytes of will properties before will topic "w".
                arguments("10 5B 00 04 4D 51 54 54 05 6E 00 0A 23 11 00 00 00 0A 21 00 14 27 00 00 04 00 22 00 0A"
                        + " 19 01 17 00 26 00 01 61 00 01 62 15 00 01 6D 16 00 01 01 00 01 63 1F 18 00 00 00 05"
                        + " 01 01 02 00 00 00 3C 03 00 01 74 08 00 01 72 09 00 01 63 26 00 01 6B 00 01 76"
                        + " 00 01 77 00 01 78 00 02 70 77",
                        new ConnectPacket(MQTT_5, "c", true, 10, new ConnectPacket.Will("w", utf8("x"), 1, true,
                                MqttProperties.builder()
                                        .add(MqttProperty.WILL_DELAY_INTERVAL, 5L)
                                        .add(MqttProperty.PAYLOAD_FORMAT_INDICATOR, 1)
                                        .add(MqttProperty.MESSAGE_EXPIRY_INTERVAL, 60L)
                                        .add(MqttProperty.CONTENT_TYPE, "t")
                                        .add(MqttProperty.RESPONSE_TOPIC, "r")
                                        .add(MqttProperty.CORRELATION_DATA, utf8("c"))
                                        .userProperty("k", "v").build()),
                                null, utf8("pw"), MqttProperties.builder()
                                .add(MqttProperty.SESSION_EXPIRY_INTERVAL, 10L)
                                .add(MqttProperty.RECEIVE_MAXIMUM, 20)
                                .add(MqttProperty.MAXIMUM_PACKET_SIZE, 1024L)
                                .add(MqttProperty.TOPIC_ALIAS_MAXIMUM, 10)
                                .add(MqttProperty.REQUEST_RESPONSE_INFORMATION, 1)
                                .add(MqttProperty.REQUEST_PROBLEM_INFORMATION, 0)
                                .userProperty("a", "b")
                                .add(MqttProperty.AUTHENTICATION_METHOD, "m")
                                .add(MqttProperty.AUTHENTICATION_DATA, new byte[] {1}).build())));
    }

    private static MqttProperties props(MqttProperty property, Object value) {
        return MqttProperties.builder().add(property, value).build();
    }

    /** Each vector with each direction its packet travels in. */
    static Stream<Arguments> vectorsInEveryDirection() {
        return vectors().flatMap(v -> {
            MqttPacket packet = (MqttPacket) v.get()[1];
            return Mqtt5Direction.carrying(packet).stream().map(d -> arguments(d, v.get()[0], packet));
        });
    }

    @ParameterizedTest(name = "{0}: {2} <-> {1}")
    @MethodSource("vectorsInEveryDirection")
    void packetEncodesToTheBytesTheSpecDefines(Mqtt5Direction direction, String bytes, MqttPacket packet) {
        assertEquals(bytes, hex(direction.encode(packet)));
    }

    @ParameterizedTest(name = "{0}: {1} -> {2}")
    @MethodSource("vectorsInEveryDirection")
    void bytesTheSpecDefinesDecodeToThePacket(Mqtt5Direction direction, String bytes, MqttPacket packet)
            throws MqttDecodeException {
        assertEquals(packet, direction.decoder(1024).decode(ByteBuffer.wrap(hex(bytes))));
    }

    static Stream<Arguments> longerForms() {
        return Stream.of(
                // An acknowledgement may spell out what its short form leaves implicit (MQTT 5.0 section 3.4.2.1).
                arguments("40 03 00 01 00", new PubAckPacket(1)),
                arguments("40 04 00 01 00 00", new PubAckPacket(1)),
                arguments("62 04 00 05 92 00", new PubRelPacket(5, 0x92, MqttProperties.EMPTY)),
                arguments("E0 01 00", DisconnectPacket.INSTANCE),
                arguments("E0 02 00 00", DisconnectPacket.INSTANCE),
                arguments("F0 02 00 00", new AuthPacket(0x00, MqttProperties.EMPTY)));
    }

    /** A server that speaks only MQTT 3 refuses our MQTT 5 CONNECT in its own dialect; that is the fallback cue. */
    @Test
    void anMqtt3RefusalOfTheProtocolVersionDecodesForTheClient() throws MqttDecodeException {
        assertEquals(new ConnAckPacket(false, 0x01),
                Mqtt5Direction.SERVER_TO_CLIENT.decoder(1024).decode(ByteBuffer.wrap(hex("20 02 00 01"))));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("longerForms")
    void theDecoderAcceptsTheLongerFormsOfWhatTheEncoderShortens(String bytes, MqttPacket packet)
            throws MqttDecodeException {
        for (Mqtt5Direction direction : Mqtt5Direction.carrying(packet.type())) {
            assertEquals(packet, direction.decoder(1024).decode(ByteBuffer.wrap(hex(bytes))), direction.name());
        }
    }

    @Test
    void vectorsCoverEveryPacketTypeInEachDirectionItTravels() {
        Set<String> covered = vectorsInEveryDirection()
                .map(a -> a.get()[0] + " " + ((MqttPacket) a.get()[2]).type()).collect(Collectors.toSet());
        Set<String> travelled = Arrays.stream(PacketType.values())
                .flatMap(t -> Mqtt5Direction.carrying(t).stream().map(d -> d + " " + t)).collect(Collectors.toSet());
        assertEquals(travelled, covered);
    }

    @Test
    void vectorsCoverEveryProperty() {
        Set<MqttProperty> covered = EnumSet.noneOf(MqttProperty.class);
        vectors().map(a -> (MqttPacket) a.get()[1]).forEach(p -> covered.addAll(Mqtt5CodecSamples.propertiesOf(p)));
        assertEquals(EnumSet.allOf(MqttProperty.class), covered);
    }
}
