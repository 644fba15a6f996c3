package io.github.mqttbridge.client;

import static io.github.mqttbridge.client.ClientTesting.clientId;
import static io.github.mqttbridge.client.ClientTesting.join;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PayloadFormatIndicator;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.github.mqttbridge.testing.SharedBroker;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Our client and the two MQTT 5 clients Java users pick most, HiveMQ's and Paho's mqttv5, on one broker: what each
 * publishes with every PUBLISH property, the other reads back unchanged. The properties cross a real broker, so
 * this also pins down that both brokers forward them.
 */
class ForeignMqtt5ClientsIT {
    private static final List<UserProperty> PROPERTIES = List.of(new UserProperty("site", "plant-7"),
            new UserProperty("trace", "abc"), new UserProperty("site", "plant-8"));
    private static final byte[] CORRELATION = {1, 2, 3, (byte) 0xFF};
    /** Paho mqttv5 logs every PUBREL at INFO through java.util.logging; held, or the level is forgotten. */
    private static final Logger PAHO_LOG = Logger.getLogger("org.eclipse.paho.mqttv5.client");

    static {
        PAHO_LOG.setLevel(Level.WARNING);
    }

    private static MqttMessage ours(String payload) {
        MqttMessage m = new MqttMessage(payload);
        PROPERTIES.forEach(p -> m.addUserProperty(p.getKey(), p.getValue()));
        m.setContentType("application/json");
        m.setResponseTopic("replies/7");
        m.setCorrelationData(CORRELATION);
        m.setMessageExpiryInterval(600L);
        m.setPayloadFormatUtf8(true);
        m.setQos(1);
        return m;
    }

    private static void assertOurs(MqttMessage m) {
        assertEquals(PROPERTIES.stream().map(p -> new io.github.mqttbridge.client.UserProperty(p.getKey(),
                p.getValue())).toList(), m.userProperties());
        assertEquals("application/json", m.contentType());
        assertEquals("replies/7", m.responseTopic());
        assertArrayEquals(CORRELATION, m.correlationData());
        assertTrue(m.messageExpiryInterval() > 590 && m.messageExpiryInterval() <= 600);
        assertTrue(m.payloadFormatUtf8());
    }

    private static MqttClient connectOurs(String uri, String name) throws Exception {
        MqttClient client = new MqttClient(uri, clientId(name));
        join(client.connect(ConnectOptions.builder().mqttVersion(5).build()));
        return client;
    }

    private static Mqtt5AsyncClient hiveMq(String uri, String name) throws Exception {
        URI parsed = URI.create(uri);
        Mqtt5AsyncClient client = com.hivemq.client.mqtt.MqttClient.builder().useMqttVersion5()
                .identifier(clientId(name)).serverHost(parsed.getHost()).serverPort(parsed.getPort()).buildAsync();
        client.connect().get(30, TimeUnit.SECONDS);
        return client;
    }

    private static MqttAsyncClient paho(String uri, CompletableFuture<org.eclipse.paho.mqttv5.common.MqttMessage>
            arrived, String name) throws Exception {
        MqttAsyncClient client = new MqttAsyncClient(uri, clientId(name), new MemoryPersistence());
        client.setCallback(new MqttCallback() {
            @Override
            public void disconnected(MqttDisconnectResponse response) {
            }

            @Override
            public void mqttErrorOccurred(org.eclipse.paho.mqttv5.common.MqttException failure) {
            }

            @Override
            public void messageArrived(String topic, org.eclipse.paho.mqttv5.common.MqttMessage message) {
                arrived.complete(message);
            }

            @Override
            public void deliveryComplete(IMqttToken token) {
            }

            @Override
            public void connectComplete(boolean reconnect, String serverUri) {
            }

            @Override
            public void authPacketArrived(int reasonCode, MqttProperties properties) {
            }
        });
        client.connect(new MqttConnectionOptions()).waitForCompletion(30_000);
        return client;
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(SharedBroker.class)
    void what_we_publish_the_hivemq_client_reads_with_every_property(SharedBroker shared) throws Exception {
        String uri = shared.get().tcpUri();
        String topic = "foreign5/" + clientId("to-hivemq");
        Mqtt5AsyncClient hive = hiveMq(uri, "hive-sub");
        try (MqttClient ours = connectOurs(uri, "to-hivemq")) {
            CompletableFuture<Mqtt5Publish> arrived = new CompletableFuture<>();
            hive.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).callback(arrived::complete).send()
                    .get(30, TimeUnit.SECONDS);
            MqttMessage m = ours("{\"t\":1}");
            m.setDestinationName(topic);
            join(ours.send(m));
            Mqtt5Publish p = arrived.get(30, TimeUnit.SECONDS);
            assertEquals(PROPERTIES.stream().map(u -> u.getKey() + "=" + u.getValue()).toList(),
                    p.getUserProperties().asList().stream().map(u -> u.getName() + "=" + u.getValue()).toList());
            assertEquals("application/json", p.getContentType().orElseThrow().toString());
            assertEquals("replies/7", p.getResponseTopic().orElseThrow().toString());
            assertArrayEquals(CORRELATION, bytes(p.getCorrelationData().orElseThrow()));
            assertTrue(p.getMessageExpiryInterval().orElseThrow() > 590);
            assertEquals(Mqtt5PayloadFormatIndicator.UTF_8, p.getPayloadFormatIndicator().orElseThrow());
            assertEquals("{\"t\":1}", new String(p.getPayloadAsBytes(), StandardCharsets.UTF_8));
        } finally {
            hive.disconnect().get(30, TimeUnit.SECONDS);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(SharedBroker.class)
    void what_the_hivemq_client_publishes_we_read_with_every_property(SharedBroker shared) throws Exception {
        String uri = shared.get().tcpUri();
        String topic = "foreign5/" + clientId("from-hivemq");
        Mqtt5AsyncClient hive = hiveMq(uri, "hive-pub");
        try (MqttClient ours = connectOurs(uri, "from-hivemq")) {
            CompletableFuture<MqttMessage> arrived = new CompletableFuture<>();
            ours.onMessageArrived(arrived::complete);
            join(ours.subscribe(topic, 1));
            var properties = com.hivemq.client.mqtt.mqtt5.datatypes.Mqtt5UserProperties.builder();
            PROPERTIES.forEach(u -> properties.add(u.getKey(), u.getValue()));
            hive.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload("{\"t\":2}".getBytes(StandardCharsets.UTF_8))
                    .userProperties(properties.build()).contentType("application/json").responseTopic("replies/7")
                    .correlationData(CORRELATION).messageExpiryInterval(600)
                    .payloadFormatIndicator(Mqtt5PayloadFormatIndicator.UTF_8).send().get(30, TimeUnit.SECONDS);
            MqttMessage m = arrived.get(30, TimeUnit.SECONDS);
            assertOurs(m);
            assertEquals("{\"t\":2}", m.payloadString());
        } finally {
            hive.disconnect().get(30, TimeUnit.SECONDS);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(SharedBroker.class)
    void what_we_publish_paho_reads_with_every_property(SharedBroker shared) throws Exception {
        String uri = shared.get().tcpUri();
        String topic = "foreign5/" + clientId("to-paho");
        CompletableFuture<org.eclipse.paho.mqttv5.common.MqttMessage> arrived = new CompletableFuture<>();
        MqttAsyncClient paho = paho(uri, arrived, "paho-sub");
        try (MqttClient ours = connectOurs(uri, "to-paho")) {
            paho.subscribe(topic, 1).waitForCompletion(30_000);
            MqttMessage m = ours("{\"t\":3}");
            m.setDestinationName(topic);
            join(ours.send(m));
            MqttProperties p = arrived.get(30, TimeUnit.SECONDS).getProperties();
            assertEquals(PROPERTIES.stream().map(u -> u.getKey() + "=" + u.getValue()).toList(),
                    p.getUserProperties().stream().map(u -> u.getKey() + "=" + u.getValue()).toList());
            assertEquals("application/json", p.getContentType());
            assertEquals("replies/7", p.getResponseTopic());
            assertArrayEquals(CORRELATION, p.getCorrelationData());
            assertTrue(p.getMessageExpiryInterval() > 590);
            assertTrue(p.getPayloadFormat());
        } finally {
            paho.disconnect().waitForCompletion(30_000);
            paho.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(SharedBroker.class)
    void what_paho_publishes_we_read_with_every_property(SharedBroker shared) throws Exception {
        String uri = shared.get().tcpUri();
        String topic = "foreign5/" + clientId("from-paho");
        MqttAsyncClient paho = paho(uri, new CompletableFuture<>(), "paho-pub");
        try (MqttClient ours = connectOurs(uri, "from-paho")) {
            CompletableFuture<MqttMessage> arrived = new CompletableFuture<>();
            ours.onMessageArrived(arrived::complete);
            join(ours.subscribe(topic, 1));
            MqttProperties properties = new MqttProperties();
            properties.setUserProperties(new ArrayList<>(PROPERTIES));
            properties.setContentType("application/json");
            properties.setResponseTopic("replies/7");
            properties.setCorrelationData(CORRELATION);
            properties.setMessageExpiryInterval(600L);
            properties.setPayloadFormat(true);
            org.eclipse.paho.mqttv5.common.MqttMessage message = new org.eclipse.paho.mqttv5.common.MqttMessage(
                    "{\"t\":4}".getBytes(StandardCharsets.UTF_8));
            message.setQos(1);
            message.setProperties(properties);
            paho.publish(topic, message).waitForCompletion(30_000);
            MqttMessage m = arrived.get(30, TimeUnit.SECONDS);
            assertOurs(m);
            assertEquals("{\"t\":4}", m.payloadString());
        } finally {
            paho.disconnect().waitForCompletion(30_000);
            paho.close();
        }
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] b = new byte[buffer.remaining()];
        buffer.duplicate().get(b);
        return b;
    }
}
