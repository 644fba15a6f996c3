package io.github.mqttbridge.client.internal.codec;

import io.github.mqttbridge.client.internal.codec.packet.AuthPacket;
import io.github.mqttbridge.client.internal.codec.packet.ConnAckPacket;
import io.github.mqttbridge.client.internal.codec.packet.ConnectPacket;
import io.github.mqttbridge.client.internal.codec.packet.DisconnectPacket;
import io.github.mqttbridge.client.internal.codec.packet.MqttPacket;
import io.github.mqttbridge.client.internal.codec.packet.MqttProperties;
import io.github.mqttbridge.client.internal.codec.packet.MqttProperty;
import io.github.mqttbridge.client.internal.codec.packet.PubAckPacket;
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

import java.util.List;
import java.util.stream.Stream;

import static io.github.mqttbridge.client.internal.codec.CodecSamples.utf8;
import static io.github.mqttbridge.client.internal.codec.packet.MqttVersion.MQTT_3_1_1;
import static io.github.mqttbridge.client.internal.codec.packet.MqttVersion.MQTT_5;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The MQTT 5.0 encoder of each direction a packet's type travels in refuses, before writing a byte, a packet whose
 * properties, reason codes or options break the rules the decoder holds the peer to; the 3.x encoders refuse what
 * only MQTT 5.0 can carry rather than drop it.
 */
class Mqtt5EncoderValidationTest {
    private static final byte[] PAYLOAD = utf8("x");

    static Stream<Arguments> malformedPackets() {
        return Stream.of(
                arguments("a property stands where it is allowed", publish(props(MqttProperty.SESSION_EXPIRY_INTERVAL, 1L)),
                        "properties of PUBLISH: Session Expiry Interval (0x11) is not allowed in PUBLISH"),
                arguments("a will property stands where it is allowed", new ConnectPacket(MQTT_5, "c", true, 60,
                        new ConnectPacket.Will("w", PAYLOAD, 0, false, props(MqttProperty.RECEIVE_MAXIMUM, 1)), null, null),
                        "Receive Maximum (0x21) is not allowed in will properties of CONNECT"),
                arguments("a property appears once", publish(MqttProperties.builder()
                        .add(MqttProperty.CONTENT_TYPE, "a").add(MqttProperty.CONTENT_TYPE, "b").build()),
                        "Content Type (0x03) must not appear more than once in PUBLISH"),
                arguments("receive maximum is not 0", connect(props(MqttProperty.RECEIVE_MAXIMUM, 0)),
                        "Receive Maximum (0x21) in CONNECT must not be 0"),
                arguments("maximum packet size is not 0", connect(props(MqttProperty.MAXIMUM_PACKET_SIZE, 0L)),
                        "Maximum Packet Size (0x27) in CONNECT must not be 0"),
                arguments("request problem information is 0 or 1", connect(props(MqttProperty.REQUEST_PROBLEM_INFORMATION, 2)),
                        "Request Problem Information (0x17) in CONNECT must be 0 or 1, was 2"),
                arguments("payload format indicator is 0 or 1", publish(props(MqttProperty.PAYLOAD_FORMAT_INDICATOR, 2)),
                        "Payload Format Indicator (0x01) in PUBLISH must be 0 or 1"),
                arguments("a four-byte integer fits 32 bits", publish(props(MqttProperty.MESSAGE_EXPIRY_INTERVAL, 1L << 32)),
                        "Message Expiry Interval (0x02) in PUBLISH must be 0..4294967295, was 4294967296"),
                arguments("a byte fits 8 bits", new ConnAckPacket(false, 0, props(MqttProperty.MAXIMUM_QOS, 256)),
                        "Maximum QoS (0x24) in CONNACK must be 0..255"),
                arguments("topic alias is not 0", publish(props(MqttProperty.TOPIC_ALIAS, 0)),
                        "Topic Alias (0x23) in PUBLISH must not be 0"),
                arguments("response topic holds no wildcards", publish(props(MqttProperty.RESPONSE_TOPIC, "a/+")),
                        "Response Topic (0x08) in PUBLISH must not contain the wildcards"),
                arguments("subscription identifier is not 0", subscribe(new Subscription("a", 0),
                        props(MqttProperty.SUBSCRIPTION_IDENTIFIER, 0)), "Subscription Identifier (0x0B) in SUBSCRIBE must not be 0"),
                arguments("subscription identifier fits a variable byte integer", subscribe(new Subscription("a", 0),
                        props(MqttProperty.SUBSCRIPTION_IDENTIFIER, 268_435_456)),
                        "Subscription Identifier (0x0B) in SUBSCRIBE must be 0..268435455"),
                arguments("a string property holds no unpaired surrogate", publish(props(MqttProperty.CONTENT_TYPE, "a\uD800")),
                        "Content Type (0x03) of PUBLISH must not contain an unpaired surrogate"),
                arguments("a user property has a name", publish(MqttProperties.builder().userProperty(null, "v").build()),
                        "User Property (0x26) of PUBLISH name must not be null"),
                arguments("binary data fits a 16-bit length", publish(props(MqttProperty.CORRELATION_DATA, new byte[65536])),
                        "Correlation Data (0x09) of PUBLISH must not be longer than 65535 bytes"),
                arguments("properties are never null", new PubAckPacket(1, 0, null), "properties of PUBACK must not be null"),
                arguments("a reason code is one the packet may carry", new PubAckPacket(1, 0x92, MqttProperties.EMPTY),
                        "reasonCode of PUBACK must be one of its reason codes (MQTT 5.0 section 2.4), was 0x92"),
                arguments("PUBREL reason codes are 0x00 and 0x92", new PubRelPacket(1, 0x87, MqttProperties.EMPTY),
                        "reasonCode of PUBREL must be one of its reason codes"),
                arguments("DISCONNECT reason codes are DISCONNECT's", new DisconnectPacket(0x18, MqttProperties.EMPTY),
                        "reasonCode of DISCONNECT must be one of its reason codes"),
                arguments("AUTH reason codes are AUTH's", new AuthPacket(0x87, MqttProperties.EMPTY),
                        "reasonCode of AUTH must be one of its reason codes"),
                arguments("SUBACK reason codes are SUBACK's", new SubAckPacket(1, List.of(0x03)),
                        "reasonCode of SUBACK must be one of its reason codes"),
                arguments("UNSUBACK holds a reason code per filter", new UnsubAckPacket(1),
                        "UNSUBACK must hold at least one reason code"),
                arguments("CONNACK with an error has no session present", new ConnAckPacket(true, 0x87),
                        "[MQTT-3.2.2-6]"),
                arguments("retain handling is 0, 1 or 2", subscribe(new Subscription("a", 0, false, false, 3),
                        MqttProperties.EMPTY), "retainHandling of SUBSCRIBE must be 0, 1 or 2"),
                arguments("no local is not set on a shared subscription",
                        subscribe(new Subscription("$share/g/a", 0, true, false, 0), MqttProperties.EMPTY), "[MQTT-3.8.3-4]"),
                arguments("the topic is empty only with a topic alias", new PublishPacket("", PAYLOAD, 0, false, false, 0),
                        "topic of PUBLISH must not be empty"),
                arguments("the MQTT 5.0 encoder sends MQTT 5.0 CONNECTs",
                        new ConnectPacket(MQTT_3_1_1, "c", true, 60, null, null, null),
                        "the MQTT 5.0 encoder sends only a CONNECT of MQTT 5.0"));
    }

    static Stream<Arguments> partsOnlyMqtt5Has() {
        MqttProperties reason = props(MqttProperty.REASON_STRING, "r");
        return Stream.of(
                arguments("PUBLISH properties", publish(props(MqttProperty.CONTENT_TYPE, "t")),
                        "properties of PUBLISH need MQTT 5.0"),
                arguments("PUBACK reason code", new PubAckPacket(1, 0x10, MqttProperties.EMPTY),
                        "reasonCode of PUBACK needs MQTT 5.0"),
                arguments("PUBREL properties", new PubRelPacket(1, 0, reason), "properties of PUBREL need MQTT 5.0"),
                arguments("CONNECT properties", new ConnectPacket(MQTT_3_1_1, "c", true, 60, null, null, null,
                        props(MqttProperty.RECEIVE_MAXIMUM, 1)), "properties of CONNECT need MQTT 5.0"),
                arguments("will properties", new ConnectPacket(MQTT_3_1_1, "c", true, 60,
                        new ConnectPacket.Will("w", PAYLOAD, 0, false, props(MqttProperty.WILL_DELAY_INTERVAL, 1L)),
                        null, null), "properties of the will need MQTT 5.0"),
                arguments("a CONNECT of MQTT 5.0", new ConnectPacket(MQTT_5, "c", true, 60, null, null, null),
                        "a CONNECT of MQTT 5.0 needs the MQTT 5.0 encoder"),
                arguments("subscription options", subscribe(new Subscription("a", 0, true, false, 0), MqttProperties.EMPTY),
                        "subscription options noLocal, retainAsPublished and retainHandling need MQTT 5.0"),
                arguments("SUBSCRIBE properties", subscribe(new Subscription("a", 0),
                        props(MqttProperty.SUBSCRIPTION_IDENTIFIER, 1)), "properties of SUBSCRIBE need MQTT 5.0"),
                arguments("UNSUBSCRIBE properties", new UnsubscribePacket(1, List.of("a"),
                        MqttProperties.builder().userProperty("k", "v").build()), "properties of UNSUBSCRIBE need MQTT 5.0"),
                arguments("DISCONNECT reason code", new DisconnectPacket(0x04, MqttProperties.EMPTY),
                        "reasonCode of DISCONNECT needs MQTT 5.0"),
                arguments("AUTH", new AuthPacket(0, MqttProperties.EMPTY), "a client must not send AUTH"));
    }

    private static MqttProperties props(MqttProperty property, Object value) {
        return MqttProperties.builder().add(property, value).build();
    }

    private static PublishPacket publish(MqttProperties properties) {
        return new PublishPacket("t", PAYLOAD, 1, false, false, 1, properties);
    }

    private static ConnectPacket connect(MqttProperties properties) {
        return new ConnectPacket(MQTT_5, "c", true, 60, null, null, null, properties);
    }

    private static SubscribePacket subscribe(Subscription subscription, MqttProperties properties) {
        return new SubscribePacket(1, List.of(subscription), properties);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedPackets")
    void packetThatWouldBeMalformedIsRefusedBeforeWriting(String rule, MqttPacket packet, String message) {
        EncoderRefusals.assertRefused(Mqtt5Direction.carrying(packet.type()), packet, message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("partsOnlyMqtt5Has")
    void theMqtt3ClientRefusesWhatOnlyMqtt5Carries(String part, MqttPacket packet, String message) {
        EncoderRefusals.assertRefused(List.of(Direction.CLIENT_TO_SERVER), packet, message);
    }

    @Test
    void theClientsPublishCarriesNoSubscriptionIdentifier() {
        EncoderRefusals.assertRefused(List.of(Mqtt5Direction.CLIENT_TO_SERVER),
                publish(props(MqttProperty.SUBSCRIPTION_IDENTIFIER, 1)), "[MQTT-3.3.4-6]");
    }

    @Test
    void aPropertyValueMustBeOfItsTypesJavaClass() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MqttProperties.builder().add(MqttProperty.RECEIVE_MAXIMUM, "10"));

        assertEquals("Receive Maximum (0x21) takes a Integer, was a String", e.getMessage());
    }
}
