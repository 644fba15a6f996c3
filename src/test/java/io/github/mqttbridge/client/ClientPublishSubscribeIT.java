package io.github.mqttbridge.client;

import static io.github.mqttbridge.client.ClientTesting.clientId;
import static io.github.mqttbridge.client.ClientTesting.join;
import static io.github.mqttbridge.client.ClientTesting.on;
import static io.github.mqttbridge.client.ClientTesting.topic;
import static io.github.mqttbridge.client.ClientTesting.utf8;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mqttbridge.client.ClientTesting.Collector;
import io.github.mqttbridge.testing.EmbeddedBroker;
import io.github.mqttbridge.testing.FaultInjectionProxy;
import io.github.mqttbridge.testing.SharedBroker;
import io.github.mqttbridge.testing.TestBroker;
import io.github.mqttbridge.testing.TestCertificates;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Messages go through every broker at every QoS over every transport, and retained messages behave. */
class ClientPublishSubscribeIT {

    private static final int MESSAGES = 300;

    /** How a test reaches a broker; the WebSocket case covers both the four-argument constructor and ws:// URIs. */
    enum Transport {
        TCP, TLS, WEBSOCKET, SECURE_WEBSOCKET;

        MqttClient client(TestBroker broker, String id, boolean constructorWithPath) {
            return switch (this) {
                case TCP -> new MqttClient(broker.tcpUri(), id);
                case TLS -> new MqttClient(broker.sslUri(), id);
                case WEBSOCKET -> {
                    if (!constructorWithPath) {
                        yield new MqttClient(broker.wsUri(), id);
                    }
                    URI ws = URI.create(broker.wsUri());
                    yield new MqttClient(ws.getHost(), ws.getPort(), ws.getPath(), id);
                }
                case SECURE_WEBSOCKET -> new MqttClient(broker.wssUri(), id);
            };
        }

        ConnectOptions options() {
            ConnectOptions.Builder b = ConnectOptions.builder();
            if (this == TLS || this == SECURE_WEBSOCKET) {
                b.sslContext(TestCertificates.shared().trustingCa());
            }
            return b.build();
        }
    }

    static Stream<Arguments> brokersTransportsAndQos() {
        return Stream.of(SharedBroker.values()).flatMap(broker -> Stream.of(Transport.values())
                .flatMap(transport -> IntStream.rangeClosed(0, 2).mapToObj(qos -> Arguments.of(broker, transport, qos))));
    }

    @ParameterizedTest(name = "{0} over {1} at QoS {2}")
    @MethodSource("brokersTransportsAndQos")
    void everyMessageArrivesInOrderWithItsTopicPayloadAndQos(SharedBroker shared, Transport transport, int qos)
            throws Exception {
        TestBroker broker = shared.get();
        String base = topic("pubsub");
        Collector<MqttMessage> arrived = new Collector<>();
        Collector<MqttMessage> delivered = new Collector<>();
        try (MqttClient subscriber = transport.client(broker, clientId("sub"), false).onMessageArrived(arrived);
             MqttClient publisher = transport.client(broker, clientId("pub"), true).onMessageDelivered(delivered)) {
            join(subscriber.connect(transport.options()));
            join(publisher.connect(transport.options()));
            assertEquals(qos, join(subscriber.subscribe(base + "/#", qos)), "granted QoS");

            List<CompletableFuture<Void>> sent = new ArrayList<>();
            for (int i = 0; i < MESSAGES; i++) {
                // Binary bytes around the number check that payloads are not treated as text.
                byte[] payload = payload(i);
                sent.add(i % 2 == 0 ? publisher.publish(base + "/" + (i % 3), payload, qos, false)
                        : publisher.send(message(base + "/" + (i % 3), payload, qos)));
            }
            join(CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)));

            List<MqttMessage> received = arrived.awaitCount(MESSAGES);
            assertEquals(MESSAGES, received.size(), "no message may arrive twice");
            for (int i = 0; i < MESSAGES; i++) {
                MqttMessage m = received.get(i);
                assertArrayEquals(payload(i), m.payloadBytes(), "message " + i + " (the broker keeps order)");
                assertEquals(base + "/" + (i % 3), m.destinationName(), "topic of message " + i);
                assertEquals(qos, m.qos(), "QoS of message " + i);
                assertFalse(m.retained(), "a live message is not marked retained");
            }
            List<MqttMessage> done = delivered.awaitCount(MESSAGES);
            assertEquals(MESSAGES, done.size(), "onMessageDelivered once per sent message");
            for (int i = 0; i < MESSAGES; i++) {
                assertArrayEquals(payload(i), done.get(i).payloadBytes(), "delivered message " + i);
                assertEquals(base + "/" + (i % 3), done.get(i).destinationName());
            }
        }
    }

    private static MqttMessage message(String topic, byte[] payload, int qos) {
        MqttMessage m = new MqttMessage(payload);
        m.setDestinationName(topic);
        m.setQos(qos);
        return m;
    }

    static Stream<Arguments> brokersAndTransports() {
        return Stream.of(SharedBroker.values()).flatMap(broker -> Stream.of(Transport.values())
                .map(transport -> Arguments.of(broker, transport)));
    }

    /**
     * Larger than a TLS record and the WebSocket frames mosquitto sends, so it is split and joined again on the
     * way. Not much larger: mosquitto sends big messages to WebSocket clients at about 40 KB/s (its issue #1390,
     * the same from any client), which would make a megabyte take half a minute.
     */
    @ParameterizedTest(name = "{0} over {1}")
    @MethodSource("brokersAndTransports")
    void largePayloadArrivesIntact(SharedBroker shared, Transport transport) throws Exception {
        TestBroker broker = shared.get();
        String t = topic("large");
        byte[] payload = new byte[64 * 1024];
        new java.util.Random(42).nextBytes(payload);
        Collector<MqttMessage> arrived = new Collector<>();
        try (MqttClient client = transport.client(broker, clientId("large"), true).onMessageArrived(arrived)) {
            join(client.connect(transport.options()));
            join(client.subscribe(t, 1));
            join(client.publish(t, payload, 1, false));
            assertArrayEquals(payload, arrived.awaitFirst(on(t)).payloadBytes());
        }
    }

    private static byte[] payload(int i) {
        byte[] number = utf8(Integer.toString(i));
        byte[] payload = new byte[number.length + 2];
        payload[0] = (byte) 0xFF;
        System.arraycopy(number, 0, payload, 1, number.length);
        payload[payload.length - 1] = 0;
        return payload;
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(SharedBroker.class)
    void retainedMessageReachesALaterSubscriberUntilAnEmptyRetainedPublishClearsIt(SharedBroker shared)
            throws Exception {
        TestBroker broker = shared.get();
        String base = topic("retained");
        String retainedTopic = base + "/state";
        String marker = base + "/marker";
        try (MqttClient publisher = new MqttClient(broker.tcpUri(), clientId("ret-pub"))) {
            join(publisher.connect());
            join(publisher.publish(retainedTopic, utf8("on"), 1, true));

            Collector<MqttMessage> first = new Collector<>();
            try (MqttClient late = new MqttClient(broker.tcpUri(), clientId("ret-late")).onMessageArrived(first)) {
                join(late.connect());
                join(late.subscribe(base + "/#", 1));
                MqttMessage m = first.awaitFirst(on(retainedTopic));
                assertTrue(m.retained(), "a stored message is marked retained");
                assertEquals("on", m.payloadString());
            }

            join(publisher.publish(retainedTopic, new byte[0], 1, true));
            Collector<MqttMessage> second = new Collector<>();
            try (MqttClient later = new MqttClient(broker.tcpUri(), clientId("ret-later")).onMessageArrived(second)) {
                join(later.connect());
                join(later.subscribe(base + "/#", 1));
                // A retained message is queued at subscribe time, so it would arrive before this marker.
                join(publisher.publish(marker, utf8("m"), 1, false));
                second.awaitFirst(on(marker));
                assertEquals(List.of(), second.matching(on(retainedTopic)), "the empty publish cleared it");
            }
        }
    }

    /**
     * A batch of writes holds its thread's publishes until it is closed or flushed: what the thread sent within it
     * arrives, in order, and a flushed publish completes while the batch stays open.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(SharedBroker.class)
    void aWriteBatchSendsEverythingItHeldInOrder(SharedBroker shared) throws Exception {
        TestBroker broker = shared.get();
        String base = topic("batch");
        Collector<MqttMessage> arrived = new Collector<>();
        try (MqttClient subscriber = new MqttClient(broker.tcpUri(), clientId("batch-sub")).onMessageArrived(arrived);
             MqttClient publisher = new MqttClient(broker.tcpUri(), clientId("batch-pub"))) {
            join(subscriber.connect());
            join(publisher.connect());
            join(subscriber.subscribe(base, 1));
            List<CompletableFuture<Void>> sent = new ArrayList<>();
            try (MqttClient.WriteBatch batch = publisher.batchWrites()) {
                sent.add(publisher.publish(base, utf8("0"), 1, false));
                batch.flush();
                join(sent.get(0));
                for (int i = 1; i < MESSAGES; i++) {
                    sent.add(publisher.publish(base, utf8(Integer.toString(i)), 1, false));
                }
            }
            join(CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)));
            List<MqttMessage> received = arrived.awaitCount(MESSAGES);
            assertEquals(IntStream.range(0, MESSAGES).mapToObj(Integer::toString).toList(),
                    received.stream().map(MqttMessage::payloadString).toList());
        }
    }

    @Test
    void aWriteBatchEndsOnTheThreadThatBeganIt() throws Exception {
        try (MqttClient client = new MqttClient(SharedBroker.EMBEDDED.get().tcpUri(), clientId("batch-thread"))) {
            MqttClient.WriteBatch batch = client.batchWrites();
            CompletableFuture<Throwable> elsewhere = CompletableFuture.supplyAsync(() -> {
                try {
                    batch.close();
                    return null;
                } catch (IllegalStateException e) {
                    return e;
                }
            });
            assertTrue(join(elsewhere).getMessage().contains("thread that began it"), "closed on another thread");
            batch.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(SharedBroker.class)
    void unsubscribedFilterNoLongerDelivers(SharedBroker shared) throws Exception {
        TestBroker broker = shared.get();
        String base = topic("unsub");
        String dropped = base + "/dropped";
        String kept = base + "/kept";
        Collector<MqttMessage> arrived = new Collector<>();
        try (MqttClient subscriber = new MqttClient(broker.tcpUri(), clientId("unsub")).onMessageArrived(arrived);
             MqttClient publisher = new MqttClient(broker.tcpUri(), clientId("unsub-pub"))) {
            join(subscriber.connect());
            join(publisher.connect());
            join(subscriber.subscribe(dropped, 1));
            join(subscriber.subscribe(kept, 1));
            join(publisher.publish(dropped, utf8("before"), 1, false));
            arrived.awaitFirst(on(dropped));

            join(subscriber.unsubscribe(dropped));
            for (int i = 0; i < 10; i++) {
                join(publisher.publish(dropped, utf8("after " + i), 1, false));
            }
            // Same publisher, same QoS: the broker forwards in order, so the marker comes after anything dropped.
            join(publisher.publish(kept, utf8("marker"), 1, false));
            arrived.awaitFirst(on(kept));
            assertEquals(List.of("before"), arrived.matching(on(dropped)).stream().map(MqttMessage::payloadString)
                    .toList());
        }
    }

    /**
     * Only the embedded broker refuses subscriptions here: Debian's mosquitto 2.0.11 grants an MQTT 3.1.1
     * subscription its ACL denies (and then delivers nothing), so it never sends SUBACK 0x80.
     */
    @Test
    void subscriptionRefusedByTheBrokerFailsWithSubscribeFailed() throws Exception {
        TestBroker broker = SharedBroker.EMBEDDED.get();
        String refused = EmbeddedBroker.REFUSED_FILTER_PREFIX + topic("sub");
        try (MqttClient client = new MqttClient(broker.tcpUri(), clientId("refused"))) {
            join(client.connect());
            MqttException e = ClientTesting.failure(client.subscribe(refused, 1));
            assertEquals(MqttErrorCode.SUBSCRIBE_FAILED, e.code(), e.getMessage());
            assertEquals(0x80, e.returnCode());
            assertTrue(e.getMessage().contains(refused), "names the filter: " + e.getMessage());
            assertTrue(client.isConnected(), "a refused subscription does not end the connection");
            assertEquals(1, join(client.subscribe(topic("allowed"), 1)));
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(SharedBroker.class)
    void closeEndsEveryThreadOfTheClient(SharedBroker shared) throws Exception {
        TestBroker broker = shared.get();
        String id = clientId("threads");
        MqttClient client = new MqttClient(broker.tcpUri(), id).onMessageArrived(m -> { });
        join(client.connect());
        join(client.subscribe(topic("threads"), 1));
        join(client.publish(topic("threads"), utf8("x"), 1, false));
        assertTrue(clientThreads(id).count() > 0, "a connected client runs threads named mqtt-<clientId>");
        client.close();
        await("threads of " + id + " end").atMost(Duration.ofSeconds(10))
                .until(() -> clientThreads(id).toList(), List::isEmpty);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(SharedBroker.class)
    void closeWhileWaitingToReconnectEndsEveryThreadOfTheClient(SharedBroker shared) throws Exception {
        TestBroker broker = shared.get();
        String id = clientId("threads-rc");
        Collector<ConnectionLost> lost = new Collector<>();
        try (FaultInjectionProxy proxy = FaultInjectionProxy.to(broker.tcpUri())) {
            MqttClient client = new MqttClient(proxy.uri("tcp"), id).onConnectionLost(lost);
            join(client.connect(ConnectOptions.builder().reconnect(true)
                    .reconnectDelay(Duration.ofMillis(100), Duration.ofMillis(200)).build()));
            proxy.refuseNew(true);
            proxy.cutAll();
            lost.awaitCount(1);
            assertTrue(clientThreads(id).count() > 0, "a reconnecting client keeps its timer");
            client.close();
            await("threads of " + id + " end").atMost(Duration.ofSeconds(10))
                    .until(() -> clientThreads(id).toList(), List::isEmpty);
            assertFalse(client.isConnected());
        }
    }

    private static Stream<Thread> clientThreads(String id) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("mqtt-" + id));
    }
}
