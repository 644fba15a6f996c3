package io.github.mqttbridge.client.internal.engine;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mqttbridge.client.internal.codec.packet.MqttProperties;
import io.github.mqttbridge.client.internal.codec.packet.MqttProperty;
import io.github.mqttbridge.client.internal.session.ProtocolViolationException;
import org.junit.jupiter.api.Test;

class EnhancedAuthenticationTest {
    private static final MqttProperties NAMES_A_METHOD = MqttProperties.builder()
            .add(MqttProperty.AUTHENTICATION_METHOD, "SCRAM-SHA-1").build();

    @Test
    void a_connack_naming_a_method_the_connect_did_not_ask_for_is_a_protocol_error() {
        ProtocolViolationException e = assertThrows(ProtocolViolationException.class,
                () -> EnhancedAuthentication.checkConnAck(NAMES_A_METHOD, null));
        assertTrue(e.getMessage().contains("'SCRAM-SHA-1'") && e.getMessage().contains("[MQTT-4.12.0-6]"),
                e.getMessage());
        assertEquals(0x82, e.reasonCode());
    }

    @Test
    void a_connack_without_a_method_is_fine_with_or_without_enhanced_authentication() {
        assertDoesNotThrow(() -> EnhancedAuthentication.checkConnAck(MqttProperties.EMPTY, null));
        assertDoesNotThrow(() -> EnhancedAuthentication.checkConnAck(NAMES_A_METHOD, new Scram()));
    }

    /** Names the method the CONNACK names; the check never calls it. */
    private static final class Scram implements Authentication {
        @Override
        public String method() {
            return "SCRAM-SHA-1";
        }

        @Override
        public byte[] initialData() {
            return null;
        }

        @Override
        public byte[] challenge(byte[] serverData) {
            return serverData;
        }

        @Override
        public void accepted(byte[] serverData) {
        }
    }
}
