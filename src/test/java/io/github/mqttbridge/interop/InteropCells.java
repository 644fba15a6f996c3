package io.github.mqttbridge.interop;

import static io.github.mqttbridge.client.ClientTesting.clientId;
import static io.github.mqttbridge.client.ClientTesting.join;
import static io.github.mqttbridge.client.ClientTesting.topic;
import static io.github.mqttbridge.client.ClientTesting.utf8;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mqttbridge.client.ClientTesting;
import io.github.mqttbridge.client.ClientTesting.Collector;
import io.github.mqttbridge.client.ConnectOptions;
import io.github.mqttbridge.client.ConnectionLost;
import io.github.mqttbridge.client.MqttClient;
import io.github.mqttbridge.client.MqttMessage;
import io.github.mqttbridge.testing.FaultInjectionProxy;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The cases of our client that every broker of the suite runs, each a row of docs/compatibility.md. A broker class
 * starts its broker once (some take 10-30 s) and overrides the cells where the broker is at fault, marking them
 * {@link BrokerFault} and asserting what our client does instead. Every cell uses its own client ids and topics.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(CompatibilityRecorder.class)
abstract class InteropCells {

    static final int BULK = 500;
    /** Reconnecting as a bridge does, from a short first delay, so that a reconnect loop shows within seconds. */
    static final ConnectOptions RECONNECTING = ConnectOptions.builder().reconnect(true)
            .reconnectDelay(Duration.ofMillis(100), Duration.ofSeconds(2)).build();

    protected InteropBroker broker;

    /** Starts this class's broker; skips its cells when the broker is not installed. */
    protected abstract InteropBroker startBroker();

    @BeforeAll
    void startTheBroker() {
        broker = startBroker();
    }

    @AfterAll
    void stopTheBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    @Cell(row = 1, value = "Connect with MQTT 3.1")
    void connectMqtt31() throws Exception {
        roundTripOnOneClient(ConnectOptions.builder().mqttVersion(3).build());
    }

    @Test
    @Cell(row = 2, value = "Connect with MQTT 3.1.1")
    void connectMqtt311() throws Exception {
        roundTripOnOneClient(ConnectOptions.builder().mqttVersion(4).build());
    }

    @Test
    @Cell(row = 3, value = "QoS 0, 500 messages")
    void qos0Bulk() throws Exception {
        Exchange exchange = Exchange.bulk(broker, 0, ConnectOptions.defaults());
        // QoS 0 promises no order, but on one TCP path nothing may go missing
        assertEquals(Exchange.numbered(BULK).stream().sorted().toList(),
                exchange.payloads().stream().sorted().toList());
    }

    @Test
    @Cell(row = 4, value = "QoS 1, 500 messages, in order")
    void qos1Bulk() throws Exception {
        Exchange.bulk(broker, 1, ConnectOptions.defaults()).assertAllInOrderAt(1);
    }

    @Test
    @Cell(row = 5, value = "QoS 2, 500 messages, in order, once")
    void qos2Bulk() throws Exception {
        Exchange.bulk(broker, 2, ConnectOptions.defaults()).assertAllInOrderAt(2);
    }

    @Test
    @Cell(row = 6, value = "Retained message, and clearing it")
    void retained() throws Exception {
        String t = topic("retained");
        try (MqttClient publisher = Exchange.connected(broker.tcpUri(), "ret-pub")) {
            join(publisher.publish(t, utf8("kept"), 1, true));
            MqttMessage first = Exchange.firstMessage(broker.tcpUri(), t);
            assertEquals("kept", first.payloadString());
            assertTrue(first.retained(), "a message delivered for a new subscription is flagged retained");

            join(publisher.publish(t, new byte[0], 1, true));
            MqttMessage afterClearing = Exchange.firstMessage(broker.tcpUri(), t,
                    () -> join(publisher.publish(t, utf8("live"), 1, false)));
            assertEquals("live", afterClearing.payloadString(), "an empty retained message clears the topic");
        }
    }

    @Test
    @Cell(row = 7, value = "Will message on an abrupt close")
    void willOnAbruptClose() throws Exception {
        String t = topic("will");
        Collector<MqttMessage> wills = new Collector<>();
        MqttMessage will = new MqttMessage(utf8("gone"));
        will.setDestinationName(t);
        will.setQos(1);
        try (MqttClient watcher = Exchange.connected(broker.tcpUri(), "will-watch").onMessageArrived(wills);
                FaultInjectionProxy proxy = FaultInjectionProxy.to(broker.tcpUri());
                MqttClient dying = new MqttClient(proxy.uri("tcp"), clientId("will-die"))) {
            join(watcher.subscribe(t, 1));
            join(dying.connect(ConnectOptions.builder().willMessage(will).build()));
            assertTrue(wills.items().isEmpty(), "no will while its client is connected");
            proxy.cutAll();
            assertEquals("gone", wills.awaitCount(1).get(0).payloadString());
        }
    }

    @Test
    @Cell(row = 8, value = "Persistent session: messages queued while offline")
    void persistentSession() throws Exception {
        String t = topic("offline");
        String id = clientId("persist");
        ConnectOptions persistent = ConnectOptions.builder().cleanSession(false).build();
        try (MqttClient offline = new MqttClient(broker.tcpUri(), id)) {
            join(offline.connect(persistent));
            join(offline.subscribe(t, 1));
            join(offline.disconnect());
        }
        List<String> sent = Exchange.numbered(50);
        try (MqttClient publisher = Exchange.connected(broker.tcpUri(), "persist-pub")) {
            Exchange.publishAll(publisher, t, sent, 1);
        }
        Collector<MqttMessage> arrived = new Collector<>();
        try (MqttClient back = new MqttClient(broker.tcpUri(), id).onMessageArrived(arrived)) {
            join(back.connect(persistent));
            assertEquals(sent, arrived.awaitCount(sent.size()).stream().map(MqttMessage::payloadString).toList());
            join(back.disconnect());
        }
        try (MqttClient cleanup = new MqttClient(broker.tcpUri(), id)) {
            join(cleanup.connect()); // a clean session discards the broker's state for this id
        }
    }

    @Test
    @Cell(row = 9, value = "Unsubscribe")
    void unsubscribe() throws Exception {
        String dropped = topic("dropped");
        String kept = topic("kept");
        Collector<MqttMessage> arrived = new Collector<>();
        try (MqttClient subscriber = Exchange.connected(broker.tcpUri(), "unsub-sub").onMessageArrived(arrived);
                MqttClient publisher = Exchange.connected(broker.tcpUri(), "unsub-pub")) {
            join(subscriber.subscribe(dropped, 1));
            join(subscriber.subscribe(kept, 1));
            join(publisher.publish(dropped, utf8("before"), 1, false));
            arrived.awaitFirst(ClientTesting.on(dropped));
            join(subscriber.unsubscribe(dropped));
            join(publisher.publish(dropped, utf8("after"), 1, false));
            join(publisher.publish(kept, utf8("marker"), 1, false));
            arrived.awaitFirst(ClientTesting.on(kept));
            assertEquals(List.of("before"), arrived.matching(ClientTesting.on(dropped)).stream()
                    .map(MqttMessage::payloadString).toList());
        }
    }

    @Test
    @Cell(row = 10, value = "Keep-alive: idle for 3 × 1 s, still connected")
    void keepAlive() throws Exception {
        Collector<ConnectionLost> lost = new Collector<>();
        ConnectOptions options = ConnectOptions.builder().keepAliveInterval(Duration.ofSeconds(1)).build();
        try (MqttClient idle = new MqttClient(broker.tcpUri(), clientId("keepalive")).onConnectionLost(lost)) {
            join(idle.connect(options));
            // brokers close a connection silent for 1.5 × the keep-alive; only our PINGREQs keep this one open
            await("idle past the keep-alive").during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(6))
                    .until(() -> idle.isConnected() && lost.size() == 0);
            Exchange.assertEchoes(idle, topic("keepalive"));
        }
    }

    @Test
    @Cell(row = 11, value = "Large payload (256 KiB), byte-exact")
    void largePayload() throws Exception {
        byte[] payload = new byte[256 * 1024];
        new Random(19).nextBytes(payload);
        String t = topic("large");
        Collector<MqttMessage> arrived = new Collector<>();
        try (MqttClient subscriber = Exchange.connected(broker.tcpUri(), "large-sub").onMessageArrived(arrived);
                MqttClient publisher = Exchange.connected(broker.tcpUri(), "large-pub")) {
            join(subscriber.subscribe(t, 1));
            join(publisher.publish(t, payload, 1, false));
            assertArrayEquals(payload, arrived.awaitCount(1).get(0).payloadBytes());
        }
    }

    @Test
    @Cell(row = 12, value = "Wildcards `+` and `#`")
    void wildcards() throws Exception {
        Wildcards.assertMatching(broker);
    }

    @Test
    @Cell(row = 13, value = "`#` does not match `$` topics")
    void dollarTopics() throws Exception {
        Wildcards.DollarTopic seen = Wildcards.publishDollarTopic(broker);
        assertTrue(seen.byMultiLevelWildcard().isEmpty(), "`#` must not match topics that start with `$`"
                + " (MQTT-4.7.2-1), but it delivered " + seen.byMultiLevelWildcard());
    }

    @Test
    @Cell(row = 14, value = "WebSocket, 100 messages at QoS 1")
    void webSocket() throws Exception {
        Exchange.bulk(broker.wsUri(), 1, ConnectOptions.defaults(), 100).assertAllInOrderAt(1);
    }

    @Test
    @Cell(row = 15, value = "Byte-exact exchange with MQTT.js, both ways")
    void mqttJsExchange() throws Exception {
        List<byte[]> payloads = ForeignPayloads.tricky();
        String toMqttJs = topic("to-mqttjs");
        try (MqttJs.Subscriber mqttJs = MqttJs.subscribe(broker.tcpUri(), toMqttJs, 1, payloads.size());
                MqttClient publisher = Exchange.connected(broker.tcpUri(), "js-pub")) {
            for (byte[] payload : payloads) {
                join(publisher.publish(toMqttJs, payload, 1, false));
            }
            ForeignPayloads.assertSame(payloads, mqttJs.payloads());
        }
        String fromMqttJs = topic("from-mqttjs");
        Collector<MqttMessage> arrived = new Collector<>();
        try (MqttClient subscriber = Exchange.connected(broker.tcpUri(), "js-sub").onMessageArrived(arrived)) {
            join(subscriber.subscribe(fromMqttJs, 1));
            MqttJs.publish(broker.tcpUri(), fromMqttJs, 1, payloads);
            ForeignPayloads.assertSame(payloads, arrived.awaitCount(payloads.size()).stream()
                    .map(MqttMessage::payloadBytes).toList());
        }
    }

    @Test
    @Cell(row = 16, value = "QoS 2 publish with reconnect on: completes once, connection stays up")
    void qos2WithReconnect() throws Exception {
        String t = topic("qos2-reconnect");
        Collector<MqttMessage> arrived = new Collector<>();
        Collector<ConnectionLost> lost = new Collector<>();
        try (MqttClient subscriber = Exchange.connected(broker.tcpUri(), "rc-sub").onMessageArrived(arrived);
                MqttClient publisher = new MqttClient(broker.tcpUri(), clientId("rc-pub")).onConnectionLost(lost)) {
            join(subscriber.subscribe(t, 2));
            join(publisher.connect(RECONNECTING));
            join(publisher.publish(t, utf8("once"), 2, false));
            arrived.awaitCount(1);
            await("one copy, no reconnect").during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                    .until(() -> arrived.size() == 1 && lost.size() == 0);
        }
    }

    /** Connects with {@code options}, subscribes at QoS 1 and receives its own QoS 1 message. */
    @Test
    @Cell(row = 17, value = "Automatic version: MQTT 5 where the broker speaks it, else 3.1.1")
    void automaticVersion() throws Exception {
        try (MqttClient client = new MqttClient(broker.tcpUri(), clientId("auto-version"))) {
            join(client.connect(ConnectOptions.builder().mqttVersion(ConnectOptions.MQTT_VERSION_AUTO).build()));
            assertEquals(broker.speaksMqtt5() ? 5 : 4, client.mqttVersion(), "the version negotiated");
            Exchange.assertEchoes(client, topic("auto-version"));
        }
    }

    protected void roundTripOnOneClient(ConnectOptions options) throws Exception {
        try (MqttClient client = new MqttClient(broker.tcpUri(), clientId("version"))) {
            join(client.connect(options));
            Exchange.assertEchoes(client, topic("version"));
        }
    }
}
