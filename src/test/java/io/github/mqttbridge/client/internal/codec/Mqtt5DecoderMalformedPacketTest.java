package io.github.mqttbridge.client.internal.codec;

import io.github.mqttbridge.client.internal.codec.packet.PacketType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static io.github.mqttbridge.client.internal.codec.CodecSamples.hex;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * One broken rule per case, in an otherwise valid MQTT 5.0 packet: the v5 decoder of each direction the type
 * travels in must reject it with a message that names the rule, and with the reason code a DISCONNECT gives for
 * it: 0x81 Malformed Packet, or where the packet sections call it so 0x82 Protocol Error (a property given twice or
 * out of range) or 0x94 Topic Alias invalid. Each case is {@code (rule, bytes, expected message fragment)}, with the
 * reason code where it is not always 0x81. Most carriers are a QoS 0 PUBLISH to topic "t", {@code 30 LL 00 01 74},
 * then the property length.
 */
class Mqtt5DecoderMalformedPacketTest {
    private static final String CONNECT_HEAD = "00 04 4D 51 54 54 05 02 00 3C";
    /** The same with the will flag: will properties, will topic "w" and an empty will message follow client id "c". */
    private static final String WILL_CONNECT_HEAD = "00 04 4D 51 54 54 05 06 00 3C";

    static Stream<Arguments> propertyEncoding() {
        return Stream.of(
                arguments("property identifier must be known", "30 06 00 01 74 02 05 00",
                        "unknown property identifier 0x05 in PUBLISH (MQTT 5.0 section 2.2.2.2)"),
                arguments("property length has at most 4 bytes", "30 08 00 01 74 FF FF FF FF 01",
                        "malformed variable byte integer in property length of PUBLISH: more than 4 bytes"),
                arguments("property length ends within the packet", "30 04 00 01 74 80",
                        "PUBLISH too short for its property length"),
                arguments("property length takes the fewest bytes", "30 05 00 01 74 80 00",
                        "property length of PUBLISH: 0 must be encoded in the minimum number of bytes [MQTT-1.5.5-1]"),
                arguments("a variable byte integer value takes the fewest bytes", "30 07 00 01 74 03 0B 81 00",
                        "Subscription Identifier (0x0B) of PUBLISH: 1 must be encoded in the minimum number of bytes"),
                arguments("a variable byte integer value has at most 4 bytes",
                        "82 0D 00 01 06 0B FF FF FF FF 01 00 01 23 00",
                        "malformed variable byte integer in Subscription Identifier (0x0B) of SUBSCRIBE"),
                arguments("properties end within the packet", "30 05 00 01 74 05 01",
                        "the properties of PUBLISH is 5 bytes, past the end of the packet"),
                arguments("a property ends within the property length", "30 09 00 01 74 02 02 00 00 00 3C",
                        "PUBLISH too short for its Message Expiry Interval (0x02)"),
                arguments("a string property is well-formed UTF-8", "30 08 00 01 74 04 03 00 01 FF",
                        "invalid UTF-8 in Content Type (0x03) of PUBLISH"),
                arguments("a user property name holds no U+0000", "30 0B 00 01 74 07 26 00 01 00 00 01 62",
                        "invalid UTF-8 in User Property (0x26) name of PUBLISH"),
                arguments("a will property is well-formed UTF-8",
                        "10 18 " + WILL_CONNECT_HEAD + " 00 00 01 63 04 03 00 01 C3 00 01 77 00 00",
                        "invalid UTF-8 in Content Type (0x03) of CONNECT"));
    }

    static Stream<Arguments> propertyPlaceAndCount() {
        return Stream.of(
                arguments("session expiry interval is not a PUBLISH property", "30 09 00 01 74 05 11 00 00 00 0A",
                        "Session Expiry Interval (0x11) is not allowed in PUBLISH (MQTT 5.0 section 2.2.2.2)", 0x81),
                arguments("will delay interval is a will property, not a CONNECT one",
                        "10 13 " + CONNECT_HEAD + " 05 18 00 00 00 05 00 01 63",
                        "Will Delay Interval (0x18) is not allowed in CONNECT", 0x81),
                arguments("session expiry interval is not a will property",
                        "10 19 " + WILL_CONNECT_HEAD + " 00 00 01 63 05 11 00 00 00 0A 00 01 77 00 00",
                        "Session Expiry Interval (0x11) is not allowed in will properties of CONNECT", 0x81),
                arguments("reason string is not a SUBSCRIBE property",
                        "82 0B 00 01 04 1F 00 01 72 00 01 23 00",
                        "Reason String (0x1F) is not allowed in SUBSCRIBE", 0x81),
                arguments("a property appears once", "30 0C 00 01 74 08 03 00 01 61 03 00 01 62",
                        "Content Type (0x03) must not appear more than once in PUBLISH (MQTT 5.0 section 2.2.2.2)",
                        0x82),
                arguments("a subscription identifier appears once in SUBSCRIBE", "82 0B 00 01 04 0B 01 0B 02 00 01 23 00",
                        "Subscription Identifier (0x0B) must not appear more than once in SUBSCRIBE", 0x82),
                arguments("receive maximum appears once in CONNACK", "20 09 00 00 06 21 00 01 21 00 02",
                        "Receive Maximum (0x21) must not appear more than once in CONNACK", 0x82));
    }

    static Stream<Arguments> propertyValues() {
        return Stream.of(
                arguments("receive maximum is not 0", "20 06 00 00 03 21 00 00",
                        "Receive Maximum (0x21) in CONNACK must not be 0 (MQTT 5.0 section 3.1.2.11.3)", 0x82),
                arguments("maximum packet size is not 0", "20 08 00 00 05 27 00 00 00 00",
                        "Maximum Packet Size (0x27) in CONNACK must not be 0", 0x82),
                arguments("payload format indicator is 0 or 1", "30 06 00 01 74 02 01 02",
                        "Payload Format Indicator (0x01) in PUBLISH must be 0 or 1, was 2", 0x82),
                arguments("will payload format indicator is 0 or 1",
                        "10 16 " + WILL_CONNECT_HEAD + " 00 00 01 63 02 01 05 00 01 77 00 00",
                        "Payload Format Indicator (0x01) in will properties of CONNECT must be 0 or 1, was 5", 0x82),
                arguments("request problem information is 0 or 1", "10 10 " + CONNECT_HEAD + " 02 17 02 00 01 63",
                        "Request Problem Information (0x17) in CONNECT must be 0 or 1, was 2", 0x82),
                arguments("request response information is 0 or 1", "10 10 " + CONNECT_HEAD + " 02 19 02 00 01 63",
                        "Request Response Information (0x19) in CONNECT must be 0 or 1, was 2", 0x82),
                arguments("maximum QoS is 0 or 1", "20 05 00 00 02 24 02",
                        "Maximum QoS (0x24) in CONNACK must be 0 or 1", 0x82),
                arguments("retain available is 0 or 1", "20 05 00 00 02 25 02",
                        "Retain Available (0x25) in CONNACK must be 0 or 1", 0x82),
                arguments("wildcard subscription available is 0 or 1", "20 05 00 00 02 28 02",
                        "Wildcard Subscription Available (0x28) in CONNACK must be 0 or 1", 0x82),
                arguments("subscription identifier available is 0 or 1", "20 05 00 00 02 29 02",
                        "Subscription Identifier Available (0x29) in CONNACK must be 0 or 1", 0x82),
                arguments("shared subscription available is 0 or 1", "20 05 00 00 02 2A 02",
                        "Shared Subscription Available (0x2A) in CONNACK must be 0 or 1", 0x82),
                arguments("subscription identifier is not 0 in SUBSCRIBE", "82 09 00 01 02 0B 00 00 01 23 00",
                        "Subscription Identifier (0x0B) in SUBSCRIBE must not be 0 (MQTT 5.0 section 3.8.2.1.2)",
                        0x82),
                arguments("subscription identifier is not 0 in PUBLISH", "30 06 00 01 74 02 0B 00",
                        "Subscription Identifier (0x0B) in PUBLISH must not be 0", 0x82),
                arguments("topic alias is not 0", "30 07 00 01 74 03 23 00 00",
                        "Topic Alias (0x23) in PUBLISH must not be 0", 0x94),
                arguments("response topic holds no wildcards", "30 08 00 01 74 04 08 00 01 23",
                        "Response Topic (0x08) in PUBLISH must not contain the wildcards", 0x81));
    }

    static Stream<Arguments> packets() {
        return Stream.of(
                arguments("CONNECT of MQTT 5.0 has level 5", "10 0E 00 04 4D 51 54 54 04 02 00 3C 00 00 01 63",
                        "unsupported protocol name 'MQTT' with level 4, must be 'MQTT' with level 5"),
                arguments("CONNACK acknowledge flags bits 7-1 are 0", "20 03 02 00 00", "[MQTT-3.2.2-1]"),
                arguments("CONNACK with an error has no session present", "20 03 01 87 00", "[MQTT-3.2.2-6]"),
                arguments("CONNACK reason code is one of CONNACK's", "20 03 00 05 00",
                        "reason code 0x05 is not one a CONNACK may carry (MQTT 5.0 section 2.4)"),
                arguments("PUBACK reason code is one of PUBACK's", "40 03 00 01 92",
                        "reason code 0x92 Packet Identifier not found is not one a PUBACK may carry"),
                arguments("PUBREL reason code is one of PUBREL's", "62 03 00 01 10",
                        "reason code 0x10 No matching subscribers is not one a PUBREL may carry"),
                arguments("SUBACK reason code is one of SUBACK's", "90 04 00 01 00 03",
                        "reason code 0x03 is not one a SUBACK may carry"),
                arguments("SUBACK holds a reason code", "90 03 00 01 00", "SUBACK payload must contain at least one reason code"),
                arguments("UNSUBACK reason code is one of UNSUBACK's", "B0 04 00 01 00 01",
                        "reason code 0x01 Granted QoS 1 is not one a UNSUBACK may carry"),
                arguments("DISCONNECT reason code is one of DISCONNECT's", "E0 01 18",
                        "reason code 0x18 Continue authentication is not one a DISCONNECT may carry"),
                arguments("AUTH reason code is one of AUTH's", "F0 01 87", "reason code 0x87 Not authorized is not one a AUTH may carry"),
                arguments("AUTH has a property length after a reason code", "F0 01 18",
                        "AUTH too short for its property length"),
                arguments("AUTH leaves out both or neither", "F0 01 00", "AUTH too short for its property length"),
                arguments("AUTH flags are 0000", "F1 00", "Illegal BIT 0 in fixed header of AUTH, must be 0"),
                arguments("SUBSCRIBE options bits 7-6 are reserved", "82 07 00 01 00 00 01 23 40", "[MQTT-3.8.3-5]"),
                arguments("SUBSCRIBE retain handling is not 3", "82 07 00 01 00 00 01 23 30",
                        "SUBSCRIBE with retain handling 3"),
                arguments("SUBSCRIBE maximum QoS is not 3", "82 07 00 01 00 00 01 23 03", "SUBSCRIBE with maximum QoS 3"),
                arguments("no local is not set on a shared subscription",
                        "82 10 00 01 00 00 0A 24 73 68 61 72 65 2F 67 2F 74 04",
                        "no local must be 0 on the shared subscription '$share/g/t' [MQTT-3.8.3-4]"),
                arguments("SUBSCRIBE holds a filter", "82 03 00 01 00", "[MQTT-3.8.3-2]"),
                arguments("UNSUBSCRIBE holds a filter", "A2 03 00 01 00", "[MQTT-3.10.3-2]"));
    }

    @Test
    void aServerRejectsASubscriptionIdentifierInAClientsPublish() {
        DecoderRejections.assertRejected(List.of(Mqtt5Direction.CLIENT_TO_SERVER), "30 06 00 01 74 02 0B 01",
                "a PUBLISH from a client must not carry a subscription identifier [MQTT-3.3.4-6]");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("propertyEncoding")
    void propertiesFollowTheEncodingRules(String rule, String bytes, String message) {
        assertRejected(bytes, message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("propertyPlaceAndCount")
    void propertiesStandOnlyWhereAndAsOftenAsAllowed(String rule, String bytes, String message, int reasonCode) {
        assertRejected(bytes, message, reasonCode);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("propertyValues")
    void propertyValuesStayInTheirRange(String rule, String bytes, String message, int reasonCode) {
        assertRejected(bytes, message, reasonCode);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("packets")
    void packetsFollowTheirMqtt5Rules(String rule, String bytes, String message) {
        assertRejected(bytes, message);
    }

    @Test
    void aPublishTopicIsEmptyOnlyWithATopicAlias() {
        assertRejected("30 04 00 00 00 78", "topic name of an inbound PUBLISH must not be empty", 0x82);
    }

    private static void assertRejected(String bytes, String message) {
        assertRejected(bytes, message, 0x81);
    }

    /** By the v5 decoder of each direction the packet's type travels in. */
    private static void assertRejected(String bytes, String message, int reasonCode) {
        PacketType type = PacketType.ofCode((hex(bytes)[0] & 0xFF) >>> 4);
        List<Mqtt5Direction> directions = Mqtt5Direction.carrying(type);
        DecoderRejections.assertRejected(directions, bytes, message, reasonCode);
    }
}
