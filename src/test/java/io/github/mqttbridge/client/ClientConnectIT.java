package io.github.mqttbridge.client;

import static io.github.mqttbridge.client.ClientTesting.clientId;
import static io.github.mqttbridge.client.ClientTesting.failure;
import static io.github.mqttbridge.client.ClientTesting.join;
import static io.github.mqttbridge.client.ClientTesting.on;
import static io.github.mqttbridge.client.ClientTesting.topic;
import static io.github.mqttbridge.client.ClientTesting.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mqttbridge.client.ClientTesting.Collector;
import io.github.mqttbridge.testing.FreePorts;
import io.github.mqttbridge.testing.MosquittoBroker;
import io.github.mqttbridge.testing.SharedBroker;
import io.github.mqttbridge.testing.TestBroker;
import java.io.DataInputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Connecting: refusals, protocol versions and failing over between servers. */
class ClientConnectIT {

    @ParameterizedTest(name = "{0}")
    @EnumSource(SharedBroker.class)
    void wrongPasswordFailsWithTheConnackReturnCode(SharedBroker shared) throws Exception {
        TestBroker broker = shared.get();
        Collector<String> connected = new Collector<>();
        try (MqttClient client = new MqttClient(broker.tcpUri(), clientId("badpw"))
                .onConnected((reconnect, uri) -> connected.accept(uri))) {
            MqttException e = failure(client.connect(ConnectOptions.builder().userName(broker.username())
                    .password("not-the-password".toCharArray()).build()));
            assertEquals(MqttErrorCode.CONNACK_RETURNCODE, e.code(), e.getMessage());
            assertTrue(e.returnCode() == 4 || e.returnCode() == 5, "bad credentials or not authorized: " + e);
            assertTrue(e.getMessage().contains("return code " + e.returnCode()), e.getMessage());
            assertFalse(e.getMessage().contains("not-the-password"), "the message must not leak the password");
            assertFalse(client.isConnected());
            assertEquals(List.of(), connected.items());
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(SharedBroker.class)
    void rightPasswordIsAccepted(SharedBroker shared) throws Exception {
        TestBroker broker = shared.get();
        try (MqttClient client = new MqttClient(broker.tcpUri(), clientId("goodpw"))) {
            join(client.connect(ConnectOptions.builder().userName(broker.username())
                    .password(broker.password().toCharArray()).build()));
            assertTrue(client.isConnected());
        }
    }

    /** HiveMQ CE and mosquitto both still speak MQTT 3.1 ("MQIsdp"). */
    @ParameterizedTest(name = "{0}")
    @EnumSource(SharedBroker.class)
    void mqtt31PublishesAndSubscribes(SharedBroker shared) throws Exception {
        TestBroker broker = shared.get();
        String t = topic("v31");
        ConnectOptions v31 = ConnectOptions.builder().mqttVersion(3).build();
        Collector<MqttMessage> arrived = new Collector<>();
        String id = clientId("v31");
        try (MqttClient client = new MqttClient(broker.tcpUri(), id).onMessageArrived(arrived)) {
            join(client.connect(v31));
            assertEquals(2, join(client.subscribe(t, 2)));
            for (int qos = 0; qos <= 2; qos++) {
                join(client.publish(t, utf8("qos " + qos), qos, false));
            }
            arrived.awaitCount(3);
            // MQTT orders messages only within one QoS, so the three may come in any order
            assertEquals(List.of("qos 0", "qos 1", "qos 2"),
                    arrived.items().stream().map(MqttMessage::payloadString).sorted().toList());
            assertTrue(arrived.items().stream().allMatch(m -> m.payloadString().equals("qos " + m.qos())),
                    "each arrives at the QoS it was sent with: " + arrived.items());
        }
        if (broker instanceof MosquittoBroker mosquitto) {
            // mosquitto logs the protocol of each client: p1 is MQTT 3.1, p2 is 3.1.1
            assertTrue(mosquitto.log().contains(" as " + id + " (p1,"), "connected with 3.1:\n" + mosquitto.log());
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(SharedBroker.class)
    void unsetVersionConnectsWithMqtt311(SharedBroker shared) throws Exception {
        TestBroker broker = shared.get();
        String id = clientId("v311");
        try (MqttClient client = new MqttClient(broker.tcpUri(), id)) {
            join(client.connect());
            assertTrue(client.isConnected());
        }
        if (broker instanceof MosquittoBroker mosquitto) {
            assertTrue(mosquitto.log().contains(" as " + id + " (p2,"), "connected with 3.1.1:\n" + mosquitto.log());
        }
    }

    /** Whatever the broker, the first CONNECT of an unset version names protocol "MQTT" level 4. */
    @Test
    void unsetVersionSendsAnMqtt311Connect() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             MqttClient client = new MqttClient("127.0.0.1", server.getLocalPort(), clientId("v311raw"))) {
            client.connect(ConnectOptions.builder().timeout(Duration.ofSeconds(5)).build());
            server.setSoTimeout((int) ClientTesting.WAIT.toMillis());
            try (Socket socket = server.accept()) {
                InputStream in = socket.getInputStream();
                assertEquals(0x10, in.read(), "CONNECT");
                in.read(); // remaining length: one byte for a packet this small
                byte[] protocol = new byte[7];
                new DataInputStream(in).readFully(protocol);
                assertArrayEquals(new byte[] {0, 4, 'M', 'Q', 'T', 'T', 4}, protocol,
                        new String(protocol, StandardCharsets.ISO_8859_1));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(SharedBroker.class)
    void failsOverToTheNextHostWhenTheFirstIsDown(SharedBroker shared) throws Exception {
        TestBroker broker = shared.get();
        String dead = "tcp://127.0.0.1:" + FreePorts.next();
        Collector<String> connectedTo = new Collector<>();
        Collector<MqttMessage> arrived = new Collector<>();
        String t = topic("failover");
        try (MqttClient client = new MqttClient(dead, clientId("failover"))
                .onConnected((reconnect, uri) -> connectedTo.accept(uri)).onMessageArrived(arrived)) {
            join(client.connect(ConnectOptions.builder().hosts(List.of(dead, broker.tcpUri())).build()));
            assertEquals(List.of(broker.tcpUri()), connectedTo.awaitCount(1));
            join(client.subscribe(t, 1));
            join(client.publish(t, utf8("via the second host"), 1, false));
            assertEquals("via the second host", arrived.awaitFirst(on(t)).payloadString());
        }
    }

    @Test
    void allHostsDownFailsTheConnect() throws Exception {
        List<String> dead = List.of("tcp://127.0.0.1:" + FreePorts.next(), "tcp://127.0.0.1:" + FreePorts.next());
        try (MqttClient client = new MqttClient(dead.get(0), clientId("alldead"))) {
            MqttException e = failure(client.connect(ConnectOptions.builder().hosts(dead).build()));
            assertEquals(MqttErrorCode.SOCKET_ERROR, e.code(), e.getMessage());
            assertTrue(e.getMessage().contains(dead.get(1)), "names the last host tried: " + e.getMessage());
            assertFalse(client.isConnected());
        }
    }
}
