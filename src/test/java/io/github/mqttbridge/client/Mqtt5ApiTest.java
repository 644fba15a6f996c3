package io.github.mqttbridge.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The MQTT 5 parts of the API without a broker: message metadata and subscription options keep what they are
 * given, copy what could change behind them, and refuse what MQTT 5 cannot carry, naming the parameter.
 */
class Mqtt5ApiTest {

    private static void refused(Executable call, String... mentions) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        for (String mention : mentions) {
            assertTrue(e.getMessage().contains(mention), "'" + e.getMessage() + "' should mention " + mention);
        }
    }

    @Test
    void user_properties_keep_their_order_and_repeats() {
        MqttMessage m = new MqttMessage("x");
        assertEquals(List.of(), m.userProperties());
        m.addUserProperty("trace-id", "abc");
        m.addUserProperty("site", "plant-7");
        m.addUserProperty("trace-id", "def");
        assertEquals(List.of(new UserProperty("trace-id", "abc"), new UserProperty("site", "plant-7"),
                new UserProperty("trace-id", "def")), m.userProperties());
        assertThrows(UnsupportedOperationException.class, () -> m.userProperties().add(new UserProperty("a", "b")),
                "the list handed out cannot change the message");
    }

    @Test
    void user_properties_must_be_strings_mqtt_can_carry() {
        refused(() -> new UserProperty(null, "v"), "name");
        refused(() -> new UserProperty("n", null), "value");
        refused(() -> new UserProperty("a\u0000b", "v"), "user property name");
        refused(() -> new MqttMessage("x").addUserProperty("n", "x".repeat(65_536)), "user property value");
    }

    @Test
    void metadata_is_absent_until_set_and_kept_once_set() {
        MqttMessage m = new MqttMessage("{}");
        assertNull(m.contentType());
        assertNull(m.responseTopic());
        assertNull(m.correlationData());
        assertNull(m.messageExpiryInterval());
        assertFalse(m.payloadFormatUtf8());
        assertEquals(List.of(), m.subscriptionIdentifiers());

        m.setContentType("application/json");
        m.setResponseTopic("replies/7");
        m.setMessageExpiryInterval(60L);
        m.setPayloadFormatUtf8(true);
        assertEquals("application/json", m.contentType());
        assertEquals("replies/7", m.responseTopic());
        assertEquals(60L, m.messageExpiryInterval());
        assertTrue(m.payloadFormatUtf8());
    }

    @Test
    void correlation_data_is_copied_in_and_out() {
        byte[] data = {1, 2, 3};
        MqttMessage m = new MqttMessage("x");
        m.setCorrelationData(data);
        data[0] = 9;
        assertArrayEquals(new byte[] {1, 2, 3}, m.correlationData());
        m.correlationData()[1] = 9;
        assertArrayEquals(new byte[] {1, 2, 3}, m.correlationData());
        refused(() -> m.setCorrelationData(new byte[65_536]), "correlationData", "65536");
    }

    @Test
    void metadata_out_of_range_is_refused_naming_the_parameter() {
        MqttMessage m = new MqttMessage("x");
        refused(() -> m.setResponseTopic("replies/+"), "responseTopic");
        refused(() -> m.setMessageExpiryInterval(-1L), "messageExpiryInterval", "was -1");
        refused(() -> m.setMessageExpiryInterval(0x1_0000_0000L), "messageExpiryInterval");
        refused(() -> m.setContentType("a\u0000"), "contentType");
        m.setMessageExpiryInterval(0xFFFF_FFFFL);
        assertEquals(0xFFFF_FFFFL, m.messageExpiryInterval());
    }

    @Test
    void subscribe_options_default_to_mqtt_5s_defaults() {
        SubscribeOptions o = SubscribeOptions.qos(1);
        assertEquals(1, o.qos());
        assertFalse(o.noLocal());
        assertFalse(o.retainAsPublished());
        assertEquals(0, o.retainHandling());
        assertEquals(OptionalInt.empty(), o.subscriptionIdentifier());
    }

    @Test
    void subscribe_options_keep_what_they_are_given_and_refuse_what_mqtt_5_cannot_carry() {
        SubscribeOptions o = SubscribeOptions.builder().qos(2).noLocal(true).retainAsPublished(true)
                .retainHandling(2).subscriptionIdentifier(SubscribeOptions.MAX_SUBSCRIPTION_IDENTIFIER).build();
        assertEquals(2, o.qos());
        assertTrue(o.noLocal());
        assertTrue(o.retainAsPublished());
        assertEquals(2, o.retainHandling());
        assertEquals(OptionalInt.of(268_435_455), o.subscriptionIdentifier());

        refused(() -> SubscribeOptions.builder().qos(3), "qos", "was 3");
        refused(() -> SubscribeOptions.builder().retainHandling(3), "retainHandling", "was 3");
        refused(() -> SubscribeOptions.builder().subscriptionIdentifier(0), "subscriptionIdentifier", "was 0");
        refused(() -> SubscribeOptions.builder().subscriptionIdentifier(268_435_456), "subscriptionIdentifier");
    }

    @Test
    void reason_codes_are_minus_one_where_the_server_gave_none() {
        assertEquals(-1, new MqttException(MqttErrorCode.SOCKET_CLOSE, "closed").reasonCode());
        assertEquals(-1, new ConnectionLost(MqttErrorCode.SOCKET_CLOSE, "closed", "tcp://h:1883", null).reasonCode());
        assertEquals(0x8E, new ConnectionLost(MqttErrorCode.SOCKET_CLOSE, "taken over", "tcp://h:1883", null, 0x8E)
                .reasonCode());
    }
}
