package io.github.mqttbridge.client;

import static io.github.mqttbridge.client.ClientTesting.clientId;
import static io.github.mqttbridge.client.ClientTesting.join;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.github.mqttbridge.testing.ScriptedBroker;
import java.time.Duration;
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
                // PUBLISH QoS 0 whose properties hold the payload format indicator twice
                Arguments.of("a property given twice", new int[] {0x30, 0x08, 0x00, 0x01, 't', 0x04, 0x01, 0x01,
                        0x01, 0x01}, 0x81),
                // PUBACK for packet id 7, which we never used
                Arguments.of("an acknowledgement for an id we never used", new int[] {0x40, 0x02, 0x00, 0x07},
                        0x82));
    }

    /** With manual acknowledgement nothing is acknowledged, so the third QoS 1 PUBLISH is one past our maximum of 2. */
    @Test
    void a_server_that_exceeds_our_receive_maximum_is_told_with_0x93() throws Exception {
        CompletableFuture<byte[]> disconnect = new CompletableFuture<>();
        try (ScriptedBroker broker = ScriptedBroker.mqtt5(peer -> {
                 for (int id = 1; id <= 3; id++) {
                     peer.send(0x32, 0x06, 0x00, 0x01, 't', 0x00, id, 0x00);
                 }
                 disconnect.complete(peer.readUntil(14));
             });
             MqttClient client = new MqttClient(broker.uri(), clientId("v5-receive-max"))) {
            join(client.connect(ConnectOptions.builder().mqttVersion(5).receiveMaximum(2).manualAcks(true).build()));
            assertArrayEquals(new byte[] {(byte) 0xE0, 0x01, (byte) 0x93}, disconnect.get(30, TimeUnit.SECONDS));
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
}
