package io.github.mqttbridge.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Wrong arguments and calls in the wrong state are refused at the call, before anything reaches a server, with a
 * message that names the parameter and the bad value. No broker is needed: every check here happens first.
 */
class ClientValidationTest {

    private final MqttClient client = new MqttClient("127.0.0.1", 1883, "validation");

    @AfterEach
    void closeClient() {
        client.close();
    }

    private static IllegalArgumentException refused(Executable call, String... mentions) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        for (String mention : mentions) {
            assertTrue(e.getMessage().contains(mention), "'" + e.getMessage() + "' should mention " + mention);
        }
        return e;
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 3, 42})
    void qosOutsideZeroToTwoIsRefusedEverywhere(int qos) {
        String value = "was " + qos;
        refused(() -> client.publish("t", new byte[0], qos, false), "qos", value);
        refused(() -> client.subscribe("t/#", qos), "qos", value);
        MqttMessage message = new MqttMessage("x");
        refused(() -> message.setQos(qos), "qos", value);
        assertEquals(0, message.qos(), "a refused QoS must not be kept");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a/+", "a/#", "+", "#", "a\u0000b"})
    void publishTopicMustBeEmptyOfWildcardsAndNul(String topic) {
        refused(() -> client.publish(topic, new byte[0], 0, false), "topic");
        refused(() -> new MqttMessage("x").setDestinationName(topic), "destinationName");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a/#/b", "a+", "a/b#", "", "a/+b"})
    void malformedFiltersAreRefusedBySubscribeAndUnsubscribe(String filter) {
        refused(() -> client.subscribe(filter, 1), "filter");
        refused(() -> client.unsubscribe(filter), "filter");
    }

    @Test
    void clientIdTooLongForMqtt31IsRefusedByConnectBeforeAnythingIsSent() throws IOException {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String id = "x".repeat(24);
            try (MqttClient tooLong = new MqttClient("127.0.0.1", server.getLocalPort(), id)) {
                refused(() -> tooLong.connect(ConnectOptions.builder().mqttVersion(3).build()),
                        "clientId", "23", "24");
            }
            // the refusal is synchronous, so a connection made by it would already be waiting to be accepted
            server.setSoTimeout(300);
            assertThrows(SocketTimeoutException.class, server::accept, "connect() must not open a connection");
        }
    }

    @Test
    void clientIdOfTwentyThreeCharactersIsFineForMqtt31() {
        try (MqttClient ok = new MqttClient("127.0.0.1", 1, "x".repeat(23))) {
            ok.connect(ConnectOptions.builder().mqttVersion(3).timeout(Duration.ofSeconds(1)).build());
        }
    }

    @Test
    void negativeKeepAliveIsRefused() {
        refused(() -> ConnectOptions.builder().keepAliveInterval(Duration.ofSeconds(-1)), "keepAliveInterval",
                "-1");
    }

    @Test
    void passwordWithoutUserNameIsRefusedWithoutShowingThePassword() {
        IllegalArgumentException e = refused(
                () -> ConnectOptions.builder().password("hunter2-secret".toCharArray()).build(), "password",
                "userName");
        assertFalse(e.getMessage().contains("hunter2-secret"), "the message must not leak the password");
        assertFalse(ConnectOptions.builder().userName("u").password("hunter2-secret".toCharArray()).build()
                .toString().contains("hunter2-secret"), "toString must not leak the password");
    }

    @Test
    void unknownUriSchemeIsRefused() {
        refused(() -> new MqttClient("foo://x", "id"), "foo");
        refused(() -> ConnectOptions.builder().hosts(List.of("tcp://ok:1883", "foo://x")), "hosts[1]", "foo");
    }

    @Test
    void payloadStringOfNonUtf8BytesIsRefused() {
        MqttMessage message = new MqttMessage(new byte[] {(byte) 0xC3, 0x28});
        refused(message::payloadString, "UTF-8");
        assertEquals(2, message.payloadBytes().length, "payloadBytes still works");
    }

    @Test
    void publishingWhenNotConnectedIsAnIllegalState() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> client.publish("t", new byte[0], 1, false));
        assertTrue(e.getMessage().contains("not connected"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> client.subscribe("t", 1));
    }

    @Test
    void connectingTwiceIsAnIllegalState() throws IOException {
        int deadPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            deadPort = s.getLocalPort();
        }
        // retrying keeps the client connecting however fast the refusals come, so the second call always races it
        ConnectOptions retrying = ConnectOptions.builder().retryInitialConnect(true)
                .reconnectDelay(Duration.ofSeconds(5), Duration.ofSeconds(5)).build();
        try (MqttClient twice = new MqttClient("127.0.0.1", deadPort, ClientTesting.clientId("twice"))) {
            twice.connect(retrying);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> twice.connect(retrying));
            assertTrue(e.getMessage().contains("already"), e.getMessage());
        }
    }

    @Test
    void aClosedClientRefusesEverything() {
        client.close();
        assertThrows(IllegalStateException.class, client::connect);
        assertThrows(IllegalStateException.class, () -> client.publish("t", new byte[0], 0, false));
    }
}
