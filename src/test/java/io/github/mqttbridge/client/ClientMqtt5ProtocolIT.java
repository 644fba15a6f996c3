package io.github.mqttbridge.client;

import static io.github.mqttbridge.client.ClientTesting.clientId;
import static io.github.mqttbridge.client.ClientTesting.join;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mqttbridge.testing.CapturedLog;
import io.github.mqttbridge.testing.ScriptedBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An MQTT 5 server that breaks the protocol is told why before the client hangs up: a DISCONNECT with the reason
 * code of the rule it broke (MQTT 5 section 4.13), then the client reconnects as it does after any loss.
 * Scripted, as no real broker breaks these rules on purpose.
 */
class ClientMqtt5ProtocolIT {

    static Stream<Arguments> violations() {
        return Stream.of(
                // PUBLISH QoS 0 to "t" with topic alias 5, which a client allowing no aliases never offered
                Arguments.of("topic alias beyond our maximum", new int[] {0x30, 0x07, 0x00, 0x01, 't', 0x03, 0x23,
                        0x00, 0x05}, 0x94),
                // PUBLISH QoS 0 to "t" with topic alias 0, which no sender may use [MQTT-3.3.2-8]
                Arguments.of("topic alias 0", new int[] {0x30, 0x07, 0x00, 0x01, 't', 0x03, 0x23, 0x00, 0x00}, 0x94),
                // PUBLISH QoS 0 with an empty topic and no topic alias to stand for it (section 3.3.2.3.4)
                Arguments.of("an empty topic without a topic alias", new int[] {0x30, 0x04, 0x00, 0x00, 0x00, 'x'},
                        0x82),
                // PUBLISH QoS 0 whose properties hold the payload format indicator twice (section 3.3.2.3.2)
                Arguments.of("a property given twice", new int[] {0x30, 0x08, 0x00, 0x01, 't', 0x04, 0x01, 0x01,
                        0x01, 0x01}, 0x82),
                // PUBLISH QoS 0 with subscription identifier 0 (section 3.3.2.3.8)
                Arguments.of("subscription identifier 0", new int[] {0x30, 0x06, 0x00, 0x01, 't', 0x02, 0x0B, 0x00},
                        0x82),
                // PUBLISH QoS 0 with a Session Expiry Interval, a property PUBLISH does not have (section 2.2.2.2)
                Arguments.of("a property the packet does not have", new int[] {0x30, 0x09, 0x00, 0x01, 't', 0x05,
                        0x11, 0x00, 0x00, 0x00, 0x0A}, 0x81),
                // AUTH success, though the CONNECT asked for no enhanced authentication [MQTT-4.12.0-6]
                Arguments.of("an AUTH we never asked for", new int[] {0xF0, 0x00}, 0x82),
                // PUBACK for packet id 7, which we never used
                Arguments.of("an acknowledgement for an id we never used", new int[] {0x40, 0x02, 0x00, 0x07},
                        0x82));
    }

    /**
     * With manual acknowledgement nothing is acknowledged, so the third QoS 1 PUBLISH is one past our maximum of 2:
     * taken all the same, with one WARN, since disconnecting would only make the server send it again.
     */
    @Test
    void a_server_past_our_receive_maximum_is_warned_about_and_its_messages_are_taken() throws Exception {
        try (CapturedLog log = CapturedLog.install();
             ScriptedBroker broker = ScriptedBroker.mqtt5(peer -> {
                 for (int id = 1; id <= 4; id++) {
                     peer.send(0x32, 0x06, 0x00, 0x01, 't', 0x00, id, 0x00);
                 }
                 peer.serveWell();
             });
             MqttClient client = new MqttClient(broker.uri(), clientId("v5-receive-max"))) {
            List<MqttMessage> arrived = new CopyOnWriteArrayList<>();
            client.onMessageArrived(arrived::add);
            join(client.connect(ConnectOptions.builder().mqttVersion(5).receiveMaximum(2).manualAcks(true).build()));
            await().atMost(Duration.ofSeconds(30)).until(() -> arrived.size() == 4);
            assertTrue(client.isConnected());
            assertEquals(1, log.text().split("more than our receive maximum of 2", -1).length - 1, log.text());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("violations")
    void the_client_disconnects_with_the_rules_reason_code_and_reconnects(String rule, int[] packet, int reasonCode)
            throws Exception {
        CompletableFuture<byte[]> disconnect = new CompletableFuture<>();
        try (ScriptedBroker broker = ScriptedBroker.mqtt5(peer -> {
                 peer.send(packet);
                 disconnect.complete(peer.readUntil(14));
             });
             MqttClient client = new MqttClient(broker.uri(), clientId("v5-violation"))) {
            join(client.connect(ConnectOptions.builder().mqttVersion(5).reconnect(true)
                    .reconnectDelay(Duration.ofMillis(100), Duration.ofMillis(500)).build()));
            assertArrayEquals(new byte[] {(byte) 0xE0, 0x01, (byte) reasonCode},
                    disconnect.get(30, TimeUnit.SECONDS), "DISCONNECT with reason code " + reasonCode);
            await().atMost(ClientTesting.WAIT).until(() -> broker.connections() == 2 && client.isConnected());
        }
    }

    /** A CONNACK with a Topic Alias, which is a PUBLISH property: Malformed (section 2.2.2.2), refused before use. */
    @Test
    void a_connack_with_a_property_it_does_not_have_fails_the_connect_with_disconnect_0x81() throws Exception {
        CompletableFuture<byte[]> disconnect = new CompletableFuture<>();
        try (ScriptedBroker broker = ScriptedBroker.mqtt5Handshake(peer -> {
                 // CONNACK success with Topic Alias 1
                 peer.send(0x20, 0x06, 0x00, 0x00, 0x03, 0x23, 0x00, 0x01);
                 disconnect.complete(peer.readUntil(14));
             });
             MqttClient client = new MqttClient(broker.uri(), clientId("v5-connack-property"))) {
            MqttException e = ClientTesting.failure(client.connect(ConnectOptions.builder().mqttVersion(5).build()));
            assertTrue(e.getMessage().contains("Topic Alias (0x23) is not allowed in CONNACK"), e.getMessage());
            assertArrayEquals(new byte[] {(byte) 0xE0, 0x01, (byte) 0x81}, disconnect.get(30, TimeUnit.SECONDS));
            assertFalse(client.isConnected());
        }
    }

    @Test
    void a_connack_naming_an_authentication_method_we_did_not_ask_for_fails_the_connect_with_0x82() throws Exception {
        CompletableFuture<byte[]> disconnect = new CompletableFuture<>();
        try (ScriptedBroker broker = ScriptedBroker.mqtt5Handshake(peer -> {
                 // CONNACK success with authentication method "TEST" [MQTT-4.12.0-6]
                 peer.send(0x20, 0x0A, 0x00, 0x00, 0x07, 0x15, 0x00, 0x04, 'T', 'E', 'S', 'T');
                 disconnect.complete(peer.readUntil(14));
             });
             MqttClient client = new MqttClient(broker.uri(), clientId("v5-connack-auth"))) {
            MqttException e = ClientTesting.failure(client.connect(ConnectOptions.builder().mqttVersion(5).build()));
            assertTrue(e.getMessage().contains("asked for no enhanced authentication"), e.getMessage());
            assertArrayEquals(new byte[] {(byte) 0xE0, 0x01, (byte) 0x82}, disconnect.get(30, TimeUnit.SECONDS));
        }
    }

    /**
     * Enhanced authentication by challenge and response: the CONNECT names the method and carries the first data,
     * the server's AUTH challenge is answered by the application's authenticator, and the CONNACK's final data is
     * shown to it.
     */
    @Test
    void enhanced_authentication_answers_the_servers_challenge_before_the_connack() throws Exception {
        CompletableFuture<byte[]> answer = new CompletableFuture<>();
        CompletableFuture<byte[]> finalData = new CompletableFuture<>();
        try (ScriptedBroker broker = ScriptedBroker.mqtt5Handshake(peer -> {
                 // AUTH 0x18, method "TEST", data "nonce"
                 peer.send(0xF0, 0x11, 0x18, 0x0F, 0x15, 0x00, 0x04, 'T', 'E', 'S', 'T', 0x16, 0x00, 0x05,
                         'n', 'o', 'n', 'c', 'e');
                 answer.complete(peer.readUntil(15));
                 // CONNACK success with authentication method and data "ok"
                 peer.send(0x20, 0x0F, 0x00, 0x00, 0x0C, 0x15, 0x00, 0x04, 'T', 'E', 'S', 'T', 0x16, 0x00, 0x02,
                         'o', 'k');
                 peer.serveWell();
             });
             MqttClient client = new MqttClient(broker.uri(), clientId("v5-auth"))) {
            MqttAuthenticator signer = new Signer("hello", finalData::complete);
            join(client.connect(ConnectOptions.builder().mqttVersion(5).authenticator(signer).build()));
            String connect = new String(broker.connectPacket(), StandardCharsets.ISO_8859_1);
            assertTrue(connect.contains("\u0015\u0000\u0004TEST") && connect.contains("\u0016\u0000\u0005hello"),
                    "the CONNECT names the method and carries the first data");
            String response = new String(answer.get(30, TimeUnit.SECONDS), StandardCharsets.ISO_8859_1);
            assertTrue(response.startsWith("\u00F0") && response.contains("nonce-signed"),
                    "the AUTH answers the challenge: " + response);
            assertArrayEquals("ok".getBytes(StandardCharsets.UTF_8), finalData.get(30, TimeUnit.SECONDS));
            assertTrue(client.isConnected());
        }
    }

    @Test
    void an_authenticator_that_refuses_the_challenge_ends_the_attempt_with_disconnect_0x87() throws Exception {
        CompletableFuture<byte[]> disconnect = new CompletableFuture<>();
        try (ScriptedBroker broker = ScriptedBroker.mqtt5Handshake(peer -> {
                 peer.send(0xF0, 0x0C, 0x18, 0x0A, 0x15, 0x00, 0x04, 'T', 'E', 'S', 'T', 0x16, 0x00, 0x00);
                 disconnect.complete(peer.readUntil(14));
             });
             MqttClient client = new MqttClient(broker.uri(), clientId("v5-auth-refused"))) {
            MqttAuthenticator refusing = new MqttAuthenticator() {
                @Override
                public String method() {
                    return "TEST";
                }

                @Override
                public byte[] initialData() {
                    return null;
                }

                @Override
                public byte[] challenge(byte[] serverData) {
                    throw new IllegalStateException("no key for this server");
                }
            };
            MqttException e = ClientTesting.failure(client.connect(ConnectOptions.builder().mqttVersion(5)
                    .authenticator(refusing).build()));
            assertEquals(0x87, e.reasonCode(), e.getMessage());
            assertTrue(e.getMessage().contains("no key for this server"), e.getMessage());
            assertArrayEquals(new byte[] {(byte) 0xE0, 0x01, (byte) 0x87}, disconnect.get(30, TimeUnit.SECONDS));
        }
    }

    @Test
    void response_information_asked_for_in_the_connect_is_what_the_connack_gave() throws Exception {
        try (ScriptedBroker broker = ScriptedBroker.mqtt5Handshake(peer -> {
                 // CONNACK success with Response Information "replies/7"
                 peer.send(0x20, 0x0F, 0x00, 0x00, 0x0C, 0x1A, 0x00, 0x09, 'r', 'e', 'p', 'l', 'i', 'e', 's', '/', '7');
                 peer.serveWell();
             });
             MqttClient client = new MqttClient(broker.uri(), clientId("v5-response-info"))) {
            join(client.connect(ConnectOptions.builder().mqttVersion(5).requestResponseInformation(true).build()));
            String connect = new String(broker.connectPacket(), StandardCharsets.ISO_8859_1);
            assertTrue(connect.contains("\u0019\u0001"), "the CONNECT asks for it (0x19 = 1)");
            assertEquals("replies/7", client.responseInformation());
        }
    }

    /** A server whose CONNACK says it takes no subscription identifiers would end the connection over one. */
    @Test
    void a_subscription_identifier_is_left_out_for_a_server_that_takes_none() throws Exception {
        CompletableFuture<byte[]> subscribe = new CompletableFuture<>();
        try (ScriptedBroker broker = ScriptedBroker.mqtt5Handshake(peer -> {
                 // CONNACK success with Subscription Identifier Available 0
                 peer.send(0x20, 0x05, 0x00, 0x00, 0x02, 0x29, 0x00);
                 byte[] packet = peer.readUntil(8);
                 subscribe.complete(packet);
                 // SUBACK granting QoS 1 to packet id 1, no properties
                 peer.send(0x90, 0x04, 0x00, 0x01, 0x00, 0x01);
                 peer.serveWell();
             });
             MqttClient client = new MqttClient(broker.uri(), clientId("v5-no-sub-ids"))) {
            join(client.connect(ConnectOptions.builder().mqttVersion(5).build()));
            CompletableFuture<Integer> granted = client.subscribe("a/#",
                    SubscribeOptions.builder().qos(1).subscriptionIdentifier(7).build());
            // SUBSCRIBE, packet id 1, no properties, filter "a/#", options QoS 1
            assertArrayEquals(new byte[] {(byte) 0x82, 0x09, 0x00, 0x01, 0x00, 0x00, 0x03, 'a', '/', '#', 0x01},
                    subscribe.get(30, TimeUnit.SECONDS));
            assertEquals(1, join(granted));
        }
    }

    /** The server allows one alias: the first topic gets it, its next message uses it, another topic goes in full. */
    @Test
    void the_first_topics_are_published_by_alias_up_to_what_the_server_allows() throws Exception {
        CompletableFuture<List<byte[]>> publishes = new CompletableFuture<>();
        try (ScriptedBroker broker = ScriptedBroker.mqtt5Handshake(peer -> {
                 // CONNACK success with Topic Alias Maximum 1
                 peer.send(0x20, 0x06, 0x00, 0x00, 0x03, 0x22, 0x00, 0x01);
                 List<byte[]> got = new java.util.ArrayList<>();
                 for (int i = 0; i < 3; i++) {
                     got.add(peer.readUntil(3));
                 }
                 publishes.complete(got);
             });
             MqttClient client = new MqttClient(broker.uri(), clientId("v5-alias-out"))) {
            join(client.connect(ConnectOptions.builder().mqttVersion(5).outboundTopicAliases(10).build()));
            join(client.publish("a", new byte[] {1}, 0, false));
            join(client.publish("a", new byte[] {2}, 0, false));
            join(client.publish("b", new byte[] {3}, 0, false));
            List<byte[]> got = publishes.get(30, TimeUnit.SECONDS);
            // topic "a", properties: topic alias 1, payload 1
            assertArrayEquals(new byte[] {0x30, 0x08, 0x00, 0x01, 'a', 0x03, 0x23, 0x00, 0x01, 0x01}, got.get(0));
            // empty topic, topic alias 1, payload 2
            assertArrayEquals(new byte[] {0x30, 0x07, 0x00, 0x00, 0x03, 0x23, 0x00, 0x01, 0x02}, got.get(1));
            // topic "b" in full: the server's one alias is taken
            assertArrayEquals(new byte[] {0x30, 0x05, 0x00, 0x01, 'b', 0x00, 0x03}, got.get(2));
        }
    }

    @Test
    void re_authentication_on_a_live_connection_answers_the_servers_challenge() throws Exception {
        CompletableFuture<byte[]> start = new CompletableFuture<>();
        CompletableFuture<byte[]> answer = new CompletableFuture<>();
        List<byte[]> accepted = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (ScriptedBroker broker = ScriptedBroker.mqtt5Handshake(peer -> {
                 // CONNACK success with authentication method "TEST" and no challenge
                 peer.send(0x20, 0x0A, 0x00, 0x00, 0x07, 0x15, 0x00, 0x04, 'T', 'E', 'S', 'T');
                 start.complete(peer.readUntil(15));
                 // AUTH 0x18 "again"
                 peer.send(0xF0, 0x11, 0x18, 0x0F, 0x15, 0x00, 0x04, 'T', 'E', 'S', 'T', 0x16, 0x00, 0x05,
                         'a', 'g', 'a', 'i', 'n');
                 answer.complete(peer.readUntil(15));
                 // AUTH 0x00 success with data "ok"
                 peer.send(0xF0, 0x0E, 0x00, 0x0C, 0x15, 0x00, 0x04, 'T', 'E', 'S', 'T', 0x16, 0x00, 0x02, 'o', 'k');
                 peer.serveWell();
             });
             MqttClient client = new MqttClient(broker.uri(), clientId("v5-reauth"))) {
            MqttAuthenticator signer = new Signer("token", data -> accepted.add(data == null ? new byte[0] : data));
            join(client.connect(ConnectOptions.builder().mqttVersion(5).authenticator(signer).build()));
            join(client.reauthenticate());
            String first = new String(start.get(30, TimeUnit.SECONDS), StandardCharsets.ISO_8859_1);
            assertTrue(first.startsWith("\u00F0") && first.contains("\u0019") && first.contains("token"),
                    "AUTH 0x19 with the method and fresh data: " + first);
            assertTrue(new String(answer.get(30, TimeUnit.SECONDS), StandardCharsets.ISO_8859_1)
                    .contains("again-signed"));
            await().atMost(ClientTesting.WAIT).until(() -> accepted.size() == 2);
            assertArrayEquals("ok".getBytes(StandardCharsets.UTF_8), accepted.get(1));
            assertTrue(client.isConnected());
        }
    }

    /** Method "TEST": sends {@code initialData}, answers a challenge with the challenge and "-signed". */
    private record Signer(String initialText, java.util.function.Consumer<byte[]> onAccepted)
            implements MqttAuthenticator {
        @Override
        public String method() {
            return "TEST";
        }

        @Override
        public byte[] initialData() {
            return initialText.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public byte[] challenge(byte[] serverData) {
            return (new String(serverData, StandardCharsets.UTF_8) + "-signed").getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public void accepted(byte[] serverData) {
            onAccepted.accept(serverData);
        }
    }
}
