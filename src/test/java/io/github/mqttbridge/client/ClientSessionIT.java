package io.github.mqttbridge.client;

import static io.github.mqttbridge.client.ClientTesting.clientId;
import static io.github.mqttbridge.client.ClientTesting.join;
import static io.github.mqttbridge.client.ClientTesting.on;
import static io.github.mqttbridge.client.ClientTesting.topic;
import static io.github.mqttbridge.client.ClientTesting.utf8;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.github.mqttbridge.client.ClientTesting.Collector;
import io.github.mqttbridge.testing.FaultInjectionProxy;
import io.github.mqttbridge.testing.SharedBroker;
import io.github.mqttbridge.testing.TestBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.provider.ValueSource;

/** What the broker keeps for a client beyond one connection: its will and its persistent session. */
@ParameterizedClass(name = "MQTT version level {0}")
@ValueSource(ints = {4, 5})
class ClientSessionIT {
    /** Each case runs on MQTT 3.1.1 and on MQTT 5. */
    @Parameter
    int mqttVersion;


    private ConnectOptions withWill(String willTopic) {
        MqttMessage will = new MqttMessage("gone");
        will.setDestinationName(willTopic);
        will.setQos(1);
        return ConnectOptions.builder().mqttVersion(mqttVersion).willMessage(will).build();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(SharedBroker.class)
    void abruptlyLostConnectionPublishesTheWill(SharedBroker shared) throws Exception {
        TestBroker broker = shared.get();
        String willTopic = topic("will");
        Collector<MqttMessage> arrived = new Collector<>();
        Collector<ConnectionLost> lost = new Collector<>();
        try (FaultInjectionProxy proxy = FaultInjectionProxy.to(broker.tcpUri());
             MqttClient watcher = new MqttClient(broker.tcpUri(), clientId("watch")).onMessageArrived(arrived);
             MqttClient dying = new MqttClient(proxy.uri("tcp"), clientId("dying")).onConnectionLost(lost)) {
            join(watcher.connect(ConnectOptions.builder().mqttVersion(mqttVersion).build()));
            join(watcher.subscribe(willTopic, 1));
            join(dying.connect(withWill(willTopic)));

            proxy.cutAll();

            MqttMessage will = arrived.awaitFirst(on(willTopic));
            assertEquals("gone", will.payloadString());
            assertEquals(1, will.qos());
            assertFalse(will.retained());
            await().atMost(ClientTesting.WAIT).until(() -> lost.size() > 0);
            assertNotEquals(MqttErrorCode.OK, lost.items().get(0).errorCode(), "the cut is not a disconnect()");
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(SharedBroker.class)
    void cleanDisconnectDiscardsTheWill(SharedBroker shared) throws Exception {
        TestBroker broker = shared.get();
        String willTopic = topic("will");
        String marker = topic("marker");
        Collector<MqttMessage> arrived = new Collector<>();
        Collector<ConnectionLost> lost = new Collector<>();
        try (MqttClient watcher = new MqttClient(broker.tcpUri(), clientId("watch")).onMessageArrived(arrived);
             MqttClient leaving = new MqttClient(broker.tcpUri(), clientId("leaving")).onConnectionLost(lost)) {
            join(watcher.connect(ConnectOptions.builder().mqttVersion(mqttVersion).build()));
            join(watcher.subscribe(willTopic, 1));
            join(watcher.subscribe(marker, 1));
            join(leaving.connect(withWill(willTopic)));

            join(leaving.disconnect());
            await().atMost(ClientTesting.WAIT).until(() -> lost.size() > 0);
            assertEquals(MqttErrorCode.OK, lost.items().get(0).errorCode(), "disconnect() is reported as OK");

            join(watcher.publish(marker, utf8("after"), 1, false));
            arrived.awaitFirst(on(marker));
            // the broker handles the disconnect on its own schedule; give a wrongly sent will time to show up
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(30))
                    .until(() -> arrived.matching(on(willTopic)).isEmpty());
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(SharedBroker.class)
    void sameClientReconnectingToItsPersistentSessionReceivesWhatWasPublishedWhileAway(SharedBroker shared)
            throws Exception {
        TestBroker broker = shared.get();
        String base = topic("persist-same");
        ConnectOptions persistent = ConnectOptions.builder().mqttVersion(mqttVersion).cleanSession(false).build();
        Collector<MqttMessage> arrived = new Collector<>();
        try (MqttClient client = new MqttClient(broker.tcpUri(), clientId("persist-same")).onMessageArrived(arrived);
             MqttClient publisher = new MqttClient(broker.tcpUri(), clientId("persist-same-pub"))) {
            join(client.connect(persistent));
            join(client.subscribe(base, 1));
            join(client.disconnect());
            join(publisher.connect(ConnectOptions.builder().mqttVersion(mqttVersion).build()));
            for (int i = 0; i < 50; i++) {
                join(publisher.publish(base, utf8("queued " + i), 1, false));
            }
            join(client.connect(persistent));
            arrived.awaitCount(50);
            assertEquals(IntStream.range(0, 50).mapToObj(i -> "queued " + i).toList(),
                    arrived.items().stream().map(MqttMessage::payloadString).toList());
            join(client.disconnect());
            join(client.connect(ConnectOptions.builder().mqttVersion(mqttVersion).build()));
        }
    }

    /** A clean session loses the broker's subscriptions on a lost connection; the client makes them again. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(SharedBroker.class)
    void automaticReconnectRestoresSubscriptionsExceptUnsubscribedOnes(SharedBroker shared) throws Exception {
        TestBroker broker = shared.get();
        String kept = topic("kept");
        String dropped = topic("dropped");
        Collector<MqttMessage> arrived = new Collector<>();
        Collector<Boolean> connects = new Collector<>();
        try (FaultInjectionProxy proxy = FaultInjectionProxy.to(broker.tcpUri());
             MqttClient client = new MqttClient(proxy.uri("tcp"), clientId("resub")).onMessageArrived(arrived)
                     .onConnected((reconnect, uri) -> connects.accept(reconnect));
             MqttClient publisher = new MqttClient(broker.tcpUri(), clientId("resub-pub"))) {
            join(client.connect(ConnectOptions.builder().mqttVersion(mqttVersion).reconnect(true)
                    .reconnectDelay(Duration.ofMillis(100), Duration.ofMillis(500)).build()));
            join(client.subscribe(kept, 1));
            join(client.subscribe(dropped, 1));
            join(client.unsubscribe(dropped));
            join(publisher.connect(ConnectOptions.builder().mqttVersion(mqttVersion).build()));

            proxy.cutAll();
            assertEquals(List.of(false, true), connects.awaitCount(2), "connected, then reconnected on its own");
            // the resubscription is sent right after CONNACK; publish until it has taken effect
            await("resubscribed to " + kept).atMost(ClientTesting.WAIT).pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        publisher.publish(dropped, utf8("dropped"), 1, false);
                        publisher.publish(kept, utf8("kept"), 1, false);
                        return !arrived.matching(on(kept)).isEmpty();
                    });
            assertEquals(List.of(), arrived.matching(on(dropped)), "unsubscribed before the cut: not restored");
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(SharedBroker.class)
    void persistentSessionReceivesWhatWasPublishedWhileAway(SharedBroker shared) throws Exception {
        TestBroker broker = shared.get();
        String id = clientId("persist");
        String base = topic("persist");
        ConnectOptions persistent = ConnectOptions.builder().mqttVersion(mqttVersion).cleanSession(false).build();
        try (MqttClient away = new MqttClient(broker.tcpUri(), id)) {
            join(away.connect(persistent));
            join(away.subscribe(base + "/#", 1));
            join(away.disconnect());
        }

        List<String> sent = IntStream.range(0, 200).mapToObj(i -> "queued " + i).toList();
        try (MqttClient publisher = new MqttClient(broker.tcpUri(), clientId("persist-pub"))) {
            join(publisher.connect(ConnectOptions.builder().mqttVersion(mqttVersion).build()));
            List<CompletableFuture<Void>> acks = new ArrayList<>();
            for (String s : sent) {
                acks.add(publisher.publish(base + "/x", utf8(s), 1, false));
            }
            join(CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)));
        }

        Collector<MqttMessage> arrived = new Collector<>();
        // A new client object: only the broker remembers the subscription, nothing in our process does.
        try (MqttClient back = new MqttClient(broker.tcpUri(), id).onMessageArrived(arrived)) {
            join(back.connect(persistent));
            arrived.awaitCount(sent.size());
            assertEquals(sent, arrived.items().stream().map(MqttMessage::payloadString).toList());
            join(back.disconnect());
            // leave nothing behind on the shared broker
            join(back.connect(ConnectOptions.builder().mqttVersion(mqttVersion).build()));
        }
    }
}
