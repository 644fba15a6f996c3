package io.github.mqttbridge.client;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mqttbridge.testing.FaultInjectionProxy;
import io.github.mqttbridge.testing.SharedBroker;
import io.github.mqttbridge.testing.TestBroker;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import java.util.stream.Stream;

/** Manual acknowledgement: what the application did not acknowledge before a crash comes back. */
class ClientManualAckIT {

    static Stream<Arguments> brokersAndQos() {
        return Stream.of(SharedBroker.values()).flatMap(b -> Stream.of(Arguments.of(b, 1), Arguments.of(b, 2)));
    }

    @ParameterizedTest(name = "{0}, QoS {1}")
    @MethodSource("brokersAndQos")
    void messages_not_acknowledged_before_a_crash_are_redelivered(SharedBroker shared, int qos) throws Exception {
        TestBroker broker = shared.get();
        String id = "ack-" + UUID.randomUUID().toString().substring(0, 8);
        String topic = "it/" + id;
        ConnectOptions options = ConnectOptions.builder().cleanSession(false).manualAcks(true).build();
        List<MqttMessage> first = new CopyOnWriteArrayList<>();

        try (MqttClient publisher = new MqttClient(broker.tcpUri(), id + "-p")) {
            publisher.connect().get(10, TimeUnit.SECONDS);
            try (FaultInjectionProxy proxy = FaultInjectionProxy.to(broker.tcpUri());
                 MqttClient crashing = new MqttClient(proxy.uri("tcp"), id + "-s")) {
                crashing.onMessageArrived(first::add);
                crashing.connect(options).get(10, TimeUnit.SECONDS);
                crashing.subscribe(topic, qos).get(10, TimeUnit.SECONDS);
                for (int i = 0; i < 10; i++) {
                    publisher.publish(topic, ("m" + i).getBytes(), qos, false).get(10, TimeUnit.SECONDS);
                }
                await().atMost(Duration.ofSeconds(10)).until(() -> first.size() == 10);
                // Acknowledge out of order: 2, 0, 1, 4, 3; the client must send the acks in arrival order.
                for (int i : new int[] {2, 0, 1, 4, 3}) {
                    first.get(i).ack();
                }
                // The broker answers in order: once this SUBACK is back, it has processed the acks sent before it.
                crashing.subscribe(topic + "/sync", 0).get(10, TimeUnit.SECONDS);
                // The crash: the network goes, the application never acknowledges messages 5 to 9.
                proxy.cutAll();
            }
            Set<String> redelivered = new TreeSet<>();
            try (MqttClient restarted = new MqttClient(broker.tcpUri(), id + "-s")) {
                restarted.onMessageArrived(m -> {
                    redelivered.add(m.payloadString());
                    m.ack();
                });
                restarted.connect(options).get(10, TimeUnit.SECONDS);
                await().atMost(Duration.ofSeconds(20)).until(() -> redelivered.containsAll(
                        Set.of("m5", "m6", "m7", "m8", "m9")));
            }
            assertTrue(redelivered.stream().noneMatch(Set.of("m0", "m1", "m2", "m3", "m4")::contains),
                    "acknowledged messages must not come back: " + redelivered);
            assertEquals(Set.of("m5", "m6", "m7", "m8", "m9"), redelivered);
        }
    }
}
