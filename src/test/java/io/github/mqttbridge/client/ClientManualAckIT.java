package io.github.mqttbridge.client;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mqttbridge.testing.FaultInjectionProxy;
import io.github.mqttbridge.testing.SharedBroker;
import io.github.mqttbridge.testing.TestBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
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
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.provider.ValueSource;

/** Manual acknowledgement: what the application did not acknowledge before a crash comes back. */
@ParameterizedClass(name = "MQTT version level {0}")
@ValueSource(ints = {4, 5})
class ClientManualAckIT {
    /** Each case runs on MQTT 3.1.1 and on MQTT 5. */
    @Parameter
    int mqttVersion;


    static Stream<Arguments> brokersAndQos() {
        return Stream.of(SharedBroker.values()).flatMap(b -> Stream.of(Arguments.of(b, 1), Arguments.of(b, 2)));
    }

    @ParameterizedTest(name = "{0}, QoS {1}")
    @MethodSource("brokersAndQos")
    void messages_not_acknowledged_before_a_crash_are_redelivered(SharedBroker shared, int qos) throws Exception {
        TestBroker broker = shared.get();
        String id = "ack-" + UUID.randomUUID().toString().substring(0, 8);
        String topic = "it/" + id;
        ConnectOptions options = ConnectOptions.builder().mqttVersion(mqttVersion).cleanSession(false).manualAcks(true)
                .build();
        List<MqttMessage> first = new CopyOnWriteArrayList<>();

        try (MqttClient publisher = new MqttClient(broker.tcpUri(), id + "-p")) {
            publisher.connect(ConnectOptions.builder().mqttVersion(mqttVersion).build()).get(10, TimeUnit.SECONDS);
            try (FaultInjectionProxy proxy = FaultInjectionProxy.to(broker.tcpUri());
                 MqttClient crashing = new MqttClient(proxy.uri("tcp"), id + "-s")) {
                crashing.onMessageArrived(first::add);
                crashing.connect(options).get(10, TimeUnit.SECONDS);
                crashing.subscribe(topic, qos).get(10, TimeUnit.SECONDS);
                for (int i = 0; i < 10; i++) {
                    publisher.publish(topic, ("m" + i).getBytes(), qos, false).get(10, TimeUnit.SECONDS);
                }
                // Some brokers (HiveMQ) send the next message only once the previous one is acknowledged, others
                // (mosquitto) all at once: acknowledge the first five as they come, newest first whenever several
                // wait, so that acks are given out of order where the broker allows it.
                Set<MqttMessage> acked = new HashSet<>();
                while (acked.size() < 5) {
                    await().atMost(Duration.ofSeconds(10)).until(() -> !unacked(first, acked).isEmpty());
                    List<MqttMessage> waiting = unacked(first, acked);
                    Collections.reverse(waiting);
                    for (MqttMessage m : waiting) {
                        m.ack();
                        acked.add(m);
                    }
                }
                await().atMost(Duration.ofSeconds(10)).until(() -> first.stream()
                        .anyMatch(m -> m.payloadString().equals("m5")));
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

    /** The first five messages that arrived and have not been acknowledged yet, in arrival order. */
    private static List<MqttMessage> unacked(List<MqttMessage> arrived, Set<MqttMessage> acked) {
        List<MqttMessage> waiting = new ArrayList<>();
        for (MqttMessage m : arrived) {
            int n = Integer.parseInt(m.payloadString().substring(1));
            if (n < 5 && !acked.contains(m)) {
                waiting.add(m);
            }
        }
        return waiting;
    }
}
