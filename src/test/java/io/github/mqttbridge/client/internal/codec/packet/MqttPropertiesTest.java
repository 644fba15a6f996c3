package io.github.mqttbridge.client.internal.codec.packet;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The properties value: typed accessors, repeated properties in order, binary data held by value. */
class MqttPropertiesTest {

    @Test
    void eachAccessorReadsItsProperty() {
        MqttProperties p = MqttProperties.builder()
                .add(MqttProperty.PAYLOAD_FORMAT_INDICATOR, 1)
                .add(MqttProperty.MESSAGE_EXPIRY_INTERVAL, 0xFFFF_FFFFL)
                .add(MqttProperty.CONTENT_TYPE, "text/plain")
                .add(MqttProperty.RESPONSE_TOPIC, "reply")
                .add(MqttProperty.CORRELATION_DATA, new byte[] {7})
                .add(MqttProperty.SESSION_EXPIRY_INTERVAL, 3600L)
                .add(MqttProperty.ASSIGNED_CLIENT_IDENTIFIER, "auto-1")
                .add(MqttProperty.SERVER_KEEP_ALIVE, 30)
                .add(MqttProperty.AUTHENTICATION_METHOD, "SCRAM-SHA-1")
                .add(MqttProperty.AUTHENTICATION_DATA, new byte[] {8})
                .add(MqttProperty.REQUEST_PROBLEM_INFORMATION, 0)
                .add(MqttProperty.WILL_DELAY_INTERVAL, 5L)
                .add(MqttProperty.REQUEST_RESPONSE_INFORMATION, 1)
                .add(MqttProperty.RESPONSE_INFORMATION, "info")
                .add(MqttProperty.SERVER_REFERENCE, "other:1883")
                .add(MqttProperty.REASON_STRING, "why")
                .add(MqttProperty.RECEIVE_MAXIMUM, 100)
                .add(MqttProperty.TOPIC_ALIAS_MAXIMUM, 10)
                .add(MqttProperty.TOPIC_ALIAS, 3)
                .add(MqttProperty.MAXIMUM_QOS, 1)
                .add(MqttProperty.RETAIN_AVAILABLE, 0)
                .add(MqttProperty.MAXIMUM_PACKET_SIZE, 65536L)
                .add(MqttProperty.WILDCARD_SUBSCRIPTION_AVAILABLE, 1)
                .add(MqttProperty.SUBSCRIPTION_IDENTIFIER_AVAILABLE, 0)
                .add(MqttProperty.SHARED_SUBSCRIPTION_AVAILABLE, 1)
                .build();

        assertEquals(1, p.payloadFormatIndicator());
        assertEquals(0xFFFF_FFFFL, p.messageExpiryInterval());
        assertEquals("text/plain", p.contentType());
        assertEquals("reply", p.responseTopic());
        assertArrayEquals(new byte[] {7}, p.correlationData());
        assertEquals(3600L, p.sessionExpiryInterval());
        assertEquals("auto-1", p.assignedClientIdentifier());
        assertEquals(30, p.serverKeepAlive());
        assertEquals("SCRAM-SHA-1", p.authenticationMethod());
        assertArrayEquals(new byte[] {8}, p.authenticationData());
        assertEquals(0, p.requestProblemInformation());
        assertEquals(5L, p.willDelayInterval());
        assertEquals(1, p.requestResponseInformation());
        assertEquals("info", p.responseInformation());
        assertEquals("other:1883", p.serverReference());
        assertEquals("why", p.reasonString());
        assertEquals(100, p.receiveMaximum());
        assertEquals(10, p.topicAliasMaximum());
        assertEquals(3, p.topicAlias());
        assertEquals(1, p.maximumQos());
        assertEquals(0, p.retainAvailable());
        assertEquals(65536L, p.maximumPacketSize());
        assertEquals(1, p.wildcardSubscriptionAvailable());
        assertEquals(0, p.subscriptionIdentifierAvailable());
        assertEquals(1, p.sharedSubscriptionAvailable());
    }

    @Test
    void absentPropertiesReadAsNullOrEmpty() {
        MqttProperties p = MqttProperties.EMPTY;

        assertNull(p.sessionExpiryInterval());
        assertNull(p.correlationData());
        assertEquals(List.of(), p.userProperties());
        assertEquals(List.of(), p.subscriptionIdentifiers());
        assertSame(MqttProperties.EMPTY, MqttProperties.builder().build(), "no properties are always EMPTY");
    }

    @Test
    void repeatedPropertiesKeepTheirOrder() {
        MqttProperties p = MqttProperties.builder()
                .userProperty("a", "1")
                .add(MqttProperty.SUBSCRIPTION_IDENTIFIER, 9)
                .userProperty("a", "2")
                .add(MqttProperty.SUBSCRIPTION_IDENTIFIER, 4)
                .build();

        assertEquals(List.of(new StringPair("a", "1"), new StringPair("a", "2")), p.userProperties());
        assertEquals(List.of(9, 4), p.subscriptionIdentifiers());
        assertNull(p.problem(PropertyScope.PUBLISH), "both repeat in PUBLISH");
        PropertyProblem twice = p.problem(PropertyScope.SUBSCRIBE);
        assertTrue(twice.message().contains("must not appear more than once in SUBSCRIBE"), twice.message());
        assertEquals(0x82, twice.reasonCode(), "a Protocol Error (MQTT 5.0 section 3.8.2.1.2)");
    }

    @Test
    void binaryDataIsHeldByValue() {
        byte[] data = {1, 2};
        MqttProperties p = MqttProperties.builder().add(MqttProperty.CORRELATION_DATA, data).build();
        data[0] = 9;
        p.correlationData()[1] = 9;

        assertArrayEquals(new byte[] {1, 2}, p.correlationData());
        assertEquals(p, MqttProperties.builder().add(MqttProperty.CORRELATION_DATA, new byte[] {1, 2}).build());
        assertNotEquals(p, MqttProperties.builder().add(MqttProperty.CORRELATION_DATA, new byte[] {1}).build());
        assertEquals("[Correlation Data (0x09)=2 bytes]", p.toString());
    }

    @Test
    void reasonCodesAreNamedAsTheirPacketMeansThem() {
        assertEquals("0x87 Not authorized", ReasonCode.describe(PacketType.SUBACK, 0x87));
        assertEquals("0x00 Granted QoS 0", ReasonCode.describe(PacketType.SUBACK, 0x00));
        assertEquals("0x00 Normal disconnection", ReasonCode.describe(PacketType.DISCONNECT, 0x00));
        assertEquals("0x00 Success", ReasonCode.describe(PacketType.PUBACK, 0x00));
        assertEquals("0x05", ReasonCode.describe(PacketType.CONNACK, 0x05));
        assertEquals(ReasonCode.RE_AUTHENTICATE, ReasonCode.of(PacketType.AUTH, 0x19));
        assertNull(ReasonCode.of(PacketType.AUTH, 0x87));
        assertEquals("PUBACK[packetId=1, reasonCode=0x10 No matching subscribers, properties=[]]",
                new PubAckPacket(1, 0x10, MqttProperties.EMPTY).toString());
    }

    @Test
    void subAckTakesTheReasonCodesOfMqtt5Section392() {
        List<Integer> subAck = new ArrayList<>();
        for (int code = 0; code < 256; code++) {
            if (ReasonCode.of(PacketType.SUBACK, code) != null) {
                subAck.add(code);
            }
        }
        assertEquals(List.of(0x00, 0x01, 0x02, 0x80, 0x83, 0x87, 0x8F, 0x91, 0x97, 0x9E, 0xA1, 0xA2), subAck);
    }
}
