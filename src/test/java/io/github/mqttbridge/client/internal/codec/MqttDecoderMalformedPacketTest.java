package io.github.mqttbridge.client.internal.codec;

import io.github.mqttbridge.client.internal.codec.packet.PacketType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static io.github.mqttbridge.client.internal.codec.CodecSamples.hex;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * One broken byte per case, in an otherwise valid packet: the decoder of each direction the type travels in must
 * reject it with a message that names the rule. Each case is {@code (rule, bytes, expected message fragment)}.
 */
class MqttDecoderMalformedPacketTest {
    private static final String CONNECT_HEAD = "00 04 4D 51 54 54 04";

    static Stream<Arguments> reservedFixedHeaderFlags() {
        return Stream.of(
                arguments("CONNECT flags must be 0000", "18 0F " + CONNECT_HEAD + " 02 00 3C 00 03 61 62 63",
                        "Illegal BIT 3 in fixed header of CONNECT, must be 0"),
                arguments("CONNACK flags must be 0000", "21 02 00 00", "Illegal BIT 0 in fixed header of CONNACK, must be 0"),
                arguments("PUBACK flags must be 0000", "48 02 00 01", "Illegal BIT 3 in fixed header of PUBACK, must be 0"),
                arguments("PUBREC flags must be 0000", "54 02 00 01", "Illegal BIT 2 in fixed header of PUBREC, must be 0"),
                arguments("PUBREL flags must be 0010", "60 02 00 01", "Illegal BIT 1 in fixed header of PUBREL, must be 1"),
                arguments("PUBCOMP flags must be 0000", "71 02 00 01", "Illegal BIT 0 in fixed header of PUBCOMP, must be 0"),
                arguments("SUBSCRIBE flags must be 0010", "80 08 00 01 00 03 61 2F 23 01",
                        "Illegal BIT 1 in fixed header of SUBSCRIBE, must be 1"),
                arguments("SUBACK flags must be 0000", "92 03 00 01 00", "Illegal BIT 1 in fixed header of SUBACK, must be 0"),
                arguments("UNSUBSCRIBE flags must be 0010", "A3 05 00 02 00 01 23",
                        "Illegal BIT 0 in fixed header of UNSUBSCRIBE, must be 0"),
                arguments("UNSUBACK flags must be 0000", "B8 02 00 01", "Illegal BIT 3 in fixed header of UNSUBACK, must be 0"),
                arguments("PINGREQ flags must be 0000", "C1 00", "Illegal BIT 0 in fixed header of PINGREQ, must be 0"),
                arguments("PINGRESP flags must be 0000", "D4 00", "Illegal BIT 2 in fixed header of PINGRESP, must be 0"),
                arguments("DISCONNECT flags must be 0000", "E2 00", "Illegal BIT 1 in fixed header of DISCONNECT, must be 0"),
                arguments("PUBLISH must not have QoS 3", "36 05 00 01 74 68 69", "PUBLISH with QoS 3"),
                arguments("PUBLISH QoS 0 must not have DUP", "38 05 00 01 74 68 69", "[MQTT-3.3.1-2]"));
    }

    static Stream<Arguments> remainingLength() {
        return Stream.of(
                arguments("CONNACK has 2 bytes", "20 03 00 00 00", "remaining length 3 does not match the 2 bytes a CONNACK has"),
                arguments("PUBACK has 2 bytes", "40 03 00 01 00", "remaining length 3 does not match the 2 bytes a PUBACK has"),
                arguments("PUBREC has 2 bytes", "50 01 00", "remaining length 1 does not match the 2 bytes a PUBREC has"),
                arguments("PUBREL has 2 bytes", "62 00", "remaining length 0 does not match the 2 bytes a PUBREL has"),
                arguments("PUBCOMP has 2 bytes", "70 04 00 01 00 00",
                        "remaining length 4 does not match the 2 bytes a PUBCOMP has"),
                arguments("UNSUBACK has 2 bytes", "B0 01 01", "remaining length 1 does not match the 2 bytes a UNSUBACK has"),
                arguments("PINGREQ has 0 bytes", "C0 01 00", "remaining length 1 does not match the 0 bytes a PINGREQ has"),
                arguments("PINGRESP has 0 bytes", "D0 01 00", "remaining length 1 does not match the 0 bytes a PINGRESP has"),
                arguments("DISCONNECT has 0 bytes", "E0 01 00",
                        "remaining length 1 does not match the 0 bytes a DISCONNECT has"),
                arguments("CONNECT ends with its last field", "10 10 " + CONNECT_HEAD + " 02 00 3C 00 03 61 62 63 00",
                        "CONNECT has 1 bytes left over after its last field"),
                arguments("CONNECT holds its last field", "10 0E " + CONNECT_HEAD + " 02 00 3C 00 03 61 62",
                        "CONNECT too short for its client identifier"),
                arguments("PUBLISH holds its topic", "30 03 00 05 74", "PUBLISH too short for its topic name"),
                arguments("PUBLISH QoS 1 holds its packet id", "32 04 00 01 74 00", "PUBLISH too short for its packet id"),
                arguments("SUBSCRIBE holds the QoS of each filter", "82 07 00 01 00 03 61 2F 23",
                        "SUBSCRIBE too short for its requested QoS"),
                arguments("SUBACK holds a return code", "90 02 00 01", "SUBACK payload must contain at least one return code"),
                arguments("SUBSCRIBE holds a filter", "82 02 00 01", "SUBSCRIBE payload must contain at least one topic filter"),
                arguments("UNSUBSCRIBE holds a filter", "A2 02 00 02",
                        "UNSUBSCRIBE payload must contain at least one topic filter"));
    }

    static Stream<Arguments> connect() {
        return Stream.of(
                arguments("protocol name must be MQTT or MQIsdp",
                        "10 0F 00 04 4D 51 54 58 04 02 00 3C 00 03 61 62 63", "unsupported protocol name 'MQTX'"),
                arguments("MQTT goes with level 4", "10 0F 00 04 4D 51 54 54 03 02 00 3C 00 03 61 62 63",
                        "unsupported protocol name 'MQTT' with level 3"),
                arguments("MQIsdp goes with level 3", "10 11 00 06 4D 51 49 73 64 70 04 02 00 3C 00 03 61 62 63",
                        "unsupported protocol name 'MQIsdp' with level 4"),
                arguments("reserved connect flag must be 0", "10 0F " + CONNECT_HEAD + " 03 00 3C 00 03 61 62 63",
                        "reserved bit 0 of the CONNECT flags must be 0"),
                arguments("will QoS must be 0 without will", "10 0F " + CONNECT_HEAD + " 0A 00 3C 00 03 61 62 63",
                        "[MQTT-3.1.2-13]"),
                arguments("will retain must be 0 without will", "10 0F " + CONNECT_HEAD + " 22 00 3C 00 03 61 62 63",
                        "[MQTT-3.1.2-15]"),
                arguments("will QoS must not be 3", "10 0F " + CONNECT_HEAD + " 1E 00 3C 00 03 61 62 63",
                        "will QoS 3"),
                arguments("3.1.1 password needs a user name", "10 11 " + CONNECT_HEAD + " 42 00 3C 00 01 63 00 02 70 77",
                        "[MQTT-3.1.2-22]"),
                arguments("will topic must not hold wildcards", "10 12 " + CONNECT_HEAD + " 06 00 3C 00 01 63 00 01 23 00 00",
                        "will topic of CONNECT must not contain the wildcards"),
                arguments("client id must be valid UTF-8", "10 0D " + CONNECT_HEAD + " 02 00 3C 00 01 C3",
                        "invalid UTF-8 in client identifier"),
                arguments("user name must be present when flagged", "10 0D " + CONNECT_HEAD + " 82 00 3C 00 01 63",
                        "CONNECT too short for its length of user name"));
    }

    static Stream<Arguments> connAckAndPublish() {
        return Stream.of(
                arguments("CONNACK acknowledge flags bits 7-1 must be 0", "20 02 02 00",
                        "wrong CONNACK flags, bits 7-1 of the acknowledge flags must be 0"),
                arguments("PUBLISH topic must not hold wildcards", "30 05 00 01 23 68 69",
                        "topic name of an inbound PUBLISH must not contain the wildcards"),
                arguments("PUBLISH topic must not be empty", "30 04 00 00 68 69",
                        "topic name of an inbound PUBLISH must not be empty"),
                arguments("PUBLISH topic must be well-formed UTF-8", "30 05 00 01 FF 68 69", "invalid UTF-8 in topic name"),
                arguments("PUBLISH topic must not hold U+0000", "30 05 00 01 00 68 69", "invalid UTF-8 in topic name"),
                arguments("PUBLISH topic must not hold an encoded surrogate", "30 07 00 03 ED A0 80 68 69",
                        "invalid UTF-8 in topic name"),
                arguments("PUBLISH QoS 1 packet id must not be 0", "32 07 00 01 74 00 00 68 69",
                        "packet id must not be 0 in PUBLISH"));
    }

    static Stream<Arguments> packetIdsAndSubscriptions() {
        return Stream.of(
                arguments("PUBACK packet id must not be 0", "40 02 00 00", "packet id must not be 0 in PUBACK"),
                arguments("PUBREL packet id must not be 0", "62 02 00 00", "packet id must not be 0 in PUBREL"),
                arguments("SUBSCRIBE packet id must not be 0", "82 08 00 00 00 03 61 2F 23 01",
                        "packet id must not be 0 in SUBSCRIBE"),
                arguments("SUBSCRIBE QoS must not be 3", "82 08 00 01 00 03 61 2F 23 03", "SUBSCRIBE with requested QoS 3"),
                arguments("SUBSCRIBE QoS bits 7-2 are reserved", "82 08 00 01 00 03 61 2F 23 41",
                        "bits 7-2 of the requested QoS byte in SUBSCRIBE are reserved"),
                arguments("SUBSCRIBE filter must be valid", "82 0A 00 01 00 05 61 2F 23 2F 62 01",
                        "topic filter of SUBSCRIBE may hold '#' only as the whole last level"),
                arguments("UNSUBSCRIBE filter must be valid", "A2 06 00 02 00 02 61 2B",
                        "topic filter of UNSUBSCRIBE may hold '+' only as a whole level"),
                arguments("SUBACK return code must be 0, 1, 2 or 0x80", "90 03 00 01 03",
                        "SUBACK return code 0x3 is reserved"),
                arguments("packet type 0 is reserved", "00 00", "reserved packet type 0"),
                arguments("packet type 15 is reserved", "F0 00", "reserved packet type 15"),
                arguments("remaining length has at most 4 bytes", "30 FF FF FF FF 01",
                        "malformed remaining length: more than 4 bytes"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("reservedFixedHeaderFlags")
    void fixedHeaderFlagsFollowTheirTypesRule(String rule, String bytes, String message) {
        assertRejected(bytes, message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("remainingLength")
    void remainingLengthMatchesTheFieldsOfTheType(String rule, String bytes, String message) {
        assertRejected(bytes, message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("connect")
    void connectFollowsItsRules(String rule, String bytes, String message) {
        assertRejected(bytes, message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("connAckAndPublish")
    void connAckAndPublishFollowTheirRules(String rule, String bytes, String message) {
        assertRejected(bytes, message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("packetIdsAndSubscriptions")
    void packetIdsSubscriptionsAndTypesFollowTheirRules(String rule, String bytes, String message) {
        assertRejected(bytes, message);
    }

    /** By the decoder of each direction the packet's type travels in; a type 3.x reserves (0, and 15) by both. */
    private static void assertRejected(String bytes, String message) {
        PacketType type = PacketType.ofCode((hex(bytes)[0] & 0xFF) >>> 4);
        List<Direction> directions = type == null || type == PacketType.AUTH
                ? List.of(Direction.values()) : Direction.carrying(type);
        DecoderRejections.assertRejected(directions, bytes, message);
    }
}
