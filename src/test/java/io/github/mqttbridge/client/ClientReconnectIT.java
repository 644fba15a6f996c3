package io.github.mqttbridge.client;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mqttbridge.testing.FaultInjectionProxy;
import io.github.mqttbridge.testing.Receipts;
import io.github.mqttbridge.testing.SharedBroker;
import io.github.mqttbridge.testing.TestBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.provider.ValueSource;

/** Automatic reconnect and session resumption, with the network broken for real by a proxy. */
@ParameterizedClass(name = "MQTT version level {0}")
@ValueSource(ints = {4, 5})
class ClientReconnectIT {
    /** Each case runs on MQTT 3.1.1 and on MQTT 5. */
    @Parameter
    int mqttVersion;

    private static final int MESSAGES = 10_000;
    private static final int CUTS = 10;

    static Stream<Arguments> brokersAndQos() {
        return Stream.of(SharedBroker.values()).flatMap(b -> Stream.of(Arguments.of(b, 1), Arguments.of(b, 2)));
    }

    private ConnectOptions.Builder resilient(String clientId) {
        return ConnectOptions.builder().mqttVersion(mqttVersion)
                .cleanSession(false)
                .reconnect(true)
                .reconnectDelay(Duration.ofMillis(50), Duration.ofMillis(400))
                .keepAliveInterval(Duration.ofSeconds(10))
                .timeout(Duration.ofSeconds(10));
    }

    @ParameterizedTest(name = "{0}, QoS {1}")
    @MethodSource("brokersAndQos")
    void every_message_arrives_through_ten_connection_cuts(SharedBroker shared, int qos) throws Exception {
        TestBroker broker = shared.get();
        String id = "cuts-" + UUID.randomUUID().toString().substring(0, 8);
        String topic = "it/" + id;
        long seed = System.nanoTime();
        Random random = new Random(seed);
        Receipts receipts = new Receipts(MESSAGES);
        AtomicInteger lost = new AtomicInteger();
        AtomicInteger reconnects = new AtomicInteger();
        List<Throwable> failures = new CopyOnWriteArrayList<>();

        try (FaultInjectionProxy proxy = FaultInjectionProxy.to(broker.tcpUri());
             MqttClient subscriber = new MqttClient(proxy.uri("tcp"), id + "-s");
             MqttClient publisher = new MqttClient(proxy.uri("tcp"), id + "-p")) {
            subscriber.onMessageArrived(m -> receipts.record(m.payloadBytes()));
            subscriber.onConnectionLost(l -> lost.incrementAndGet());
            subscriber.onConnected((reconnect, uri) -> {
                if (reconnect) {
                    reconnects.incrementAndGet();
                }
            });
            subscriber.connect(resilient(id).build()).get(10, TimeUnit.SECONDS);
            subscriber.subscribe(topic, qos).get(10, TimeUnit.SECONDS);
            publisher.connect(resilient(id).disconnectedPublishing(true).disconnectedBufferSize(MESSAGES)
                    .maxInflight(200).build()).get(10, TimeUnit.SECONDS);

            List<Integer> cutAt = new ArrayList<>();
            for (int i = 0; i < CUTS; i++) {
                cutAt.add(random.nextInt(MESSAGES));
            }
            Collections.sort(cutAt);
            Semaphore window = new Semaphore(500);
            List<CompletableFuture<Void>> sent = new ArrayList<>(MESSAGES);
            int cuts = 0;
            for (int i = 0; i < MESSAGES; i++) {
                while (cuts < CUTS && cutAt.get(cuts) == i) {
                    // Each cut must hit a live connection, or it breaks nothing.
                    await().atMost(Duration.ofSeconds(30)).until(() -> publisher.isConnected() && subscriber.isConnected());
                    proxy.cutAll();
                    cuts++;
                }
                window.acquire();
                CompletableFuture<Void> f = publisher.publish(topic, Receipts.payload(i, 64), qos, false);
                f.whenComplete((ok, error) -> {
                    window.release();
                    if (error != null) {
                        failures.add(error);
                    }
                });
                sent.add(f);
            }
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(120)).until(receipts::allArrived);

            assertTrue(failures.isEmpty(), "publishes failed: " + failures);
            assertEquals(CUTS, cuts);
            assertTrue(lost.get() >= CUTS, "the subscriber lost its connection " + lost + " times");
            assertEquals(lost.get(), reconnects.get(), "one reconnect per loss, the callback once per loss");
            if (qos == 2) {
                assertEquals(0, receipts.duplicates(), "QoS 2 must arrive exactly once: " + receipts);
            }
            System.out.printf("%s QoS %d: %d messages through %d cuts (seed %d): %s%n", shared, qos, MESSAGES, cuts,
                    seed, receipts);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(SharedBroker.class)
    void a_black_holed_connection_is_detected_by_the_ping_timeout_and_replaced(SharedBroker shared) throws Exception {
        TestBroker broker = shared.get();
        String id = "hole-" + UUID.randomUUID().toString().substring(0, 8);
        List<ConnectionLost> losses = new CopyOnWriteArrayList<>();
        AtomicInteger reconnected = new AtomicInteger();
        try (FaultInjectionProxy proxy = FaultInjectionProxy.to(broker.tcpUri());
             MqttClient client = new MqttClient(proxy.uri("tcp"), id)) {
            client.onConnectionLost(losses::add);
            client.onConnected((reconnect, uri) -> {
                if (reconnect) {
                    reconnected.incrementAndGet();
                }
            });
            client.connect(resilient(id).keepAliveInterval(Duration.ofSeconds(1)).timeout(Duration.ofSeconds(2))
                    .build()).get(10, TimeUnit.SECONDS);
            proxy.blackHole(true);
            await().atMost(Duration.ofSeconds(10)).until(() -> !losses.isEmpty());
            assertEquals(MqttErrorCode.PING_TIMEOUT, losses.get(0).errorCode(), losses.get(0).errorMessage());
            proxy.blackHole(false);
            await().atMost(Duration.ofSeconds(20)).until(() -> reconnected.get() >= 1 && client.isConnected());
            client.subscribe("it/" + id, 1).get(10, TimeUnit.SECONDS);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(SharedBroker.class)
    void subscriptions_of_a_clean_session_are_made_again_after_reconnect(SharedBroker shared) throws Exception {
        TestBroker broker = shared.get();
        String id = "resub-" + UUID.randomUUID().toString().substring(0, 8);
        String topic = "it/" + id;
        List<String> got = new CopyOnWriteArrayList<>();
        try (FaultInjectionProxy proxy = FaultInjectionProxy.to(broker.tcpUri());
             MqttClient subscriber = new MqttClient(proxy.uri("tcp"), id + "-s");
             MqttClient publisher = new MqttClient(broker.tcpUri(), id + "-p")) {
            subscriber.onMessageArrived(m -> got.add(m.payloadString()));
            AtomicInteger reconnected = new AtomicInteger();
            subscriber.onConnected((reconnect, uri) -> {
                if (reconnect) {
                    reconnected.incrementAndGet();
                }
            });
            subscriber.connect(resilient(id).cleanSession(true).build()).get(10, TimeUnit.SECONDS);
            subscriber.subscribe(topic, 1).get(10, TimeUnit.SECONDS);
            publisher.connect(ConnectOptions.builder().mqttVersion(mqttVersion).build()).get(10, TimeUnit.SECONDS);
            proxy.cutAll();
            await().atMost(Duration.ofSeconds(20)).until(() -> reconnected.get() == 1);
            // The SUBSCRIBE goes out right after CONNACK; keep publishing until the new subscription takes effect.
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> {
                publisher.publish(topic, "after".getBytes(), 1, false).get(5, TimeUnit.SECONDS);
                return got.contains("after");
            });
        }
    }

    @Test
    void the_first_connect_is_retried_until_the_server_is_reachable_when_asked_to() throws Exception {
        TestBroker broker = SharedBroker.EMBEDDED.get();
        String id = "first-" + UUID.randomUUID().toString().substring(0, 8);
        try (FaultInjectionProxy proxy = FaultInjectionProxy.to(broker.tcpUri());
             MqttClient client = new MqttClient(proxy.uri("tcp"), id)) {
            proxy.refuseNew(true);
            CompletableFuture<Void> connected = client.connect(ConnectOptions.builder().mqttVersion(mqttVersion)
                    .retryInitialConnect(true).reconnect(true).reconnectDelay(Duration.ofMillis(50), Duration.ofMillis(200))
                    .timeout(Duration.ofSeconds(2)).build());
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(30)).until(() -> !connected.isDone());
            proxy.refuseNew(false);
            connected.get(20, TimeUnit.SECONDS);
            assertTrue(client.isConnected());
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(SharedBroker.class)
    void publishes_while_disconnected_wait_up_to_the_bound_and_go_out_on_reconnect(SharedBroker shared)
            throws Exception {
        TestBroker broker = shared.get();
        String id = "buffer-" + UUID.randomUUID().toString().substring(0, 8);
        String topic = "it/" + id;
        List<String> got = new CopyOnWriteArrayList<>();
        try (FaultInjectionProxy proxy = FaultInjectionProxy.to(broker.tcpUri());
             MqttClient subscriber = new MqttClient(broker.tcpUri(), id + "-s");
             MqttClient publisher = new MqttClient(proxy.uri("tcp"), id + "-p")) {
            subscriber.onMessageArrived(m -> got.add(m.payloadString()));
            subscriber.connect(ConnectOptions.builder().mqttVersion(mqttVersion).build()).get(10, TimeUnit.SECONDS);
            subscriber.subscribe(topic, 1).get(10, TimeUnit.SECONDS);
            publisher.connect(resilient(id).disconnectedPublishing(true).disconnectedBufferSize(4).build())
                    .get(10, TimeUnit.SECONDS);
            proxy.refuseNew(true);
            proxy.cutAll();
            await().atMost(Duration.ofSeconds(30)).until(() -> !publisher.isConnected());

            List<CompletableFuture<Void>> buffered = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                buffered.add(publisher.publish(topic, ("b" + i).getBytes(), i % 2, false));
            }
            CompletableFuture<Void> overflow = publisher.publish(topic, "over".getBytes(), 1, false);
            ExecutionException full = assertThrows(ExecutionException.class, () -> overflow.get(5, TimeUnit.SECONDS));
            assertEquals(MqttErrorCode.BUFFER_FULL, ((MqttException) full.getCause()).code());
            assertTrue(buffered.stream().noneMatch(CompletableFuture::isDone), "buffered publishes wait");

            proxy.refuseNew(false);
            CompletableFuture.allOf(buffered.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(10)).until(() -> got.size() >= 4);
            assertEquals(Set.of("b0", "b1", "b2", "b3"), Set.copyOf(got));
            assertEquals(List.of("b1", "b3"), got.stream().filter(Set.of("b1", "b3")::contains).toList(),
                    "QoS 1 messages keep their order");
        }
    }

    @Test
    void disconnect_during_the_reconnect_cycle_stops_it() throws Exception {
        TestBroker broker = SharedBroker.EMBEDDED.get();
        String id = "stop-" + UUID.randomUUID().toString().substring(0, 8);
        try (FaultInjectionProxy proxy = FaultInjectionProxy.to(broker.tcpUri());
             MqttClient client = new MqttClient(proxy.uri("tcp"), id)) {
            client.connect(resilient(id).build()).get(10, TimeUnit.SECONDS);
            int before = proxy.acceptedConnections();
            proxy.refuseNew(true);
            proxy.cutAll();
            await().atMost(Duration.ofSeconds(30)).until(() -> !client.isConnected());
            client.disconnect().get(5, TimeUnit.SECONDS);
            proxy.refuseNew(false);
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(30))
                    .until(() -> !client.isConnected() && proxy.acceptedConnections() == before);
        }
    }
}
