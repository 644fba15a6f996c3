package io.github.mqttbridge.client.internal.codec;

import io.github.mqttbridge.client.internal.codec.packet.MqttVersion;
import io.github.mqttbridge.client.internal.codec.packet.ConnAckPacket;
import io.github.mqttbridge.client.internal.codec.packet.ConnectPacket;
import io.github.mqttbridge.client.internal.codec.packet.MqttPacket;
import io.github.mqttbridge.client.internal.codec.packet.PubAckPacket;
import io.github.mqttbridge.client.internal.codec.packet.PubRelPacket;
import io.github.mqttbridge.client.internal.codec.packet.PublishPacket;
import io.github.mqttbridge.client.internal.codec.packet.SubAckPacket;
import io.github.mqttbridge.client.internal.codec.packet.SubscribePacket;
import io.github.mqttbridge.client.internal.codec.packet.SubscribePacket.Subscription;
import io.github.mqttbridge.client.internal.codec.packet.UnsubscribePacket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.stream.Stream;

import static io.github.mqttbridge.client.internal.codec.CodecSamples.utf8;
import static io.github.mqttbridge.client.internal.codec.packet.MqttVersion.MQTT_3_1_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The encoder of each direction a packet's type travels in refuses, before writing a byte, any packet that would
 * be malformed on the wire.
 */
class MqttEncoderValidationTest {

    static Stream<Arguments> malformedPackets() {
        byte[] p = utf8("x");
        return Stream.of(
                arguments("QoS 0 PUBLISH must not be DUP", new PublishPacket("t", p, 0, false, true, 0), "[MQTT-3.3.1-2]"),
                arguments("PUBLISH QoS must be 0..2", new PublishPacket("t", p, 3, false, false, 1), "qos of PUBLISH"),
                arguments("PUBLISH topic must not hold wildcards", new PublishPacket("a/+", p, 0, false, false, 0),
                        "topic of PUBLISH must not contain the wildcards"),
                arguments("PUBLISH topic must not be empty", new PublishPacket("", p, 0, false, false, 0),
                        "topic of PUBLISH must not be empty"),
                arguments("PUBLISH topic must not hold an unpaired surrogate",
                        new PublishPacket("a\uD800", p, 0, false, false, 0), "unpaired surrogate"),
                arguments("PUBLISH QoS 1 packet id must not be 0", new PublishPacket("t", p, 1, false, false, 0),
                        "packetId of PUBLISH must be 1..65535"),
                arguments("PUBLISH QoS 0 has no packet id", new PublishPacket("t", p, 0, false, false, 5),
                        "packetId of a QoS 0 PUBLISH must be 0"),
                arguments("PUBLISH payload must not be null", new PublishPacket("t", null, 0, false, false, 0),
                        "payload of PUBLISH must not be null"),
                arguments("packet id must fit 16 bits", new PubAckPacket(65536), "packetId of PUBACK must be 1..65535"),
                arguments("PUBREL packet id must not be 0", new PubRelPacket(0), "packetId of PUBREL must be 1..65535"),
                arguments("SUBSCRIBE needs a filter", new SubscribePacket(1, List.of()), "[MQTT-3.8.3-3]"),
                arguments("SUBSCRIBE filter must be valid", new SubscribePacket(1, List.of(new Subscription("a#", 0))),
                        "filter of SUBSCRIBE may hold '#' only"),
                arguments("SUBSCRIBE QoS must be 0..2", new SubscribePacket(1, List.of(new Subscription("a", 3))),
                        "qos of SUBSCRIBE"),
                arguments("UNSUBSCRIBE needs a filter", new UnsubscribePacket(1, List.of()), "[MQTT-3.10.3-2]"),
                arguments("SUBACK return code must be 0, 1, 2 or 0x80", new SubAckPacket(1, List.of(3)), "[MQTT-3.9.3-2]"),
                arguments("CONNACK return code must fit a byte", new ConnAckPacket(false, 256), "returnCode of CONNACK"),
                arguments("3.1.1 password needs a user name",
                        new ConnectPacket(MQTT_3_1_1, "c", true, 60, null, null, p), "[MQTT-3.1.2-22]"),
                arguments("keep alive must fit 16 bits", new ConnectPacket(MQTT_3_1_1, "c", true, 65536, null, null, null),
                        "keepAliveSeconds must be 0..65535"),
                arguments("client id must not hold U+0000",
                        new ConnectPacket(MQTT_3_1_1, "a\u0000", true, 60, null, null, null), "clientId must not contain"),
                arguments("will QoS must be 0..2", new ConnectPacket(MQTT_3_1_1, "c", true, 60,
                        new ConnectPacket.Will("w", p, 3, false), null, null), "will qos"),
                arguments("will topic must not hold wildcards", new ConnectPacket(MQTT_3_1_1, "c", true, 60,
                        new ConnectPacket.Will("w/#", p, 0, false), null, null), "will topic must not contain"),
                arguments("password must fit a 16-bit length", new ConnectPacket(MQTT_3_1_1, "c", true, 60, null, "u",
                        new byte[65536]), "password must not be longer than 65535 bytes"),
                arguments("strings must fit a 16-bit length",
                        new ConnectPacket(MQTT_3_1_1, "c", true, 60, null, "u".repeat(65536), null),
                        "userName must not be longer than 65535 bytes"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedPackets")
    void packetThatWouldBeMalformedIsRefusedBeforeWriting(String rule, MqttPacket packet, String message) {
        EncoderRefusals.assertRefused(Direction.carrying(packet.type()), packet, message);
    }

    @Test
    void remainingLengthOverTheVariableByteIntegerMaximumIsRefused() {
        // 268,435,455 is the largest remaining length; topic length 2 + topic 1 + payload pushes one past it.
        PublishPacket tooLarge = new PublishPacket("t", new byte[268_435_455 - 2], 0, false, false, 0);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MqttEncoder.forClient(MQTT_3_1_1).encodedSize(tooLarge));

        assertTrue(e.getMessage().contains("remaining length of 268435456 bytes"), e.getMessage());
    }
}
