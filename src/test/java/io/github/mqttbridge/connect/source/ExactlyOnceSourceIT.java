package io.github.mqttbridge.connect.source;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.mqttbridge.client.MqttClient;
import io.github.mqttbridge.testing.ClassResource;
import io.github.mqttbridge.testing.ConnectRest;
import io.github.mqttbridge.testing.KafkaConnectCluster;
import io.github.mqttbridge.testing.SharedBroker;
import io.github.mqttbridge.testing.TestBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The source on a worker with Connect's exactly-once support: QoS 2 messages reach Kafka (read committed) once
 * each, the broker's releases are answered, and validate() says what a config lacks for the guarantee. The kill
 * tests that prove it across crashes are {@code ExactlyOnceSourceKillIT}'s.
 */
class ExactlyOnceSourceIT {
    private static final Duration ARRIVAL = Duration.ofSeconds(120);

    @RegisterExtension
    static final ClassResource<KafkaConnectCluster> cluster = ClassResource.of(() -> KafkaConnectCluster.builder()
            .workerProperty("exactly.once.source.support", "enabled").start());

    static Map<String, String> exactlyOnce(Map<String, String> config) {
        config.put("exactly.once.support", "required");
        config.put("mqtt.clean.session", "false");
        return config;
    }

    @ParameterizedTest(name = "{0}, MQTT {1}")
    @CsvSource({"EMBEDDED, 3.1.1", "MOSQUITTO, 3.1.1", "EMBEDDED, 5", "MOSQUITTO, 5"})
    void every_message_arrives_once_and_every_release_is_committed(SharedBroker shared, String version)
            throws Exception {
        TestBroker broker = shared.get();
        SourceTraffic traffic = new SourceTraffic(3);
        String name = "eos-" + traffic.id;
        ConnectRest rest = deploy(name, traffic, broker, Map.of("mqtt.version", version));
        int messages = 3_000;
        try (MqttClient publisher = SourceTraffic.publisher(broker.tcpUri())) {
            traffic.awaitSubscribed(cluster.get().kafka(), publisher);
            traffic.publish(publisher, 0, messages, 2);
        }
        traffic.readAll(cluster.get().kafka(), messages, ARRIVAL);
        awaitNothingHeld(rest, name);
        KafkaTally tally = new KafkaTally(messages, traffic.readAll(cluster.get().kafka(), messages, ARRIVAL));
        assertEquals(0, tally.duplicates(), tally.toString());
        assertFalse(cluster.get().kafka().readAll("__mqtt-bridge-heartbeat").isEmpty(),
                "the last releases came when no message flowed: a heartbeat committed them");
        rest.deleteConnector(name);
    }

    @Test
    void identical_payloads_each_arrive_once_across_task_restarts() throws Exception {
        TestBroker broker = SharedBroker.MOSQUITTO.get();
        SourceTraffic traffic = new SourceTraffic(1);
        String name = "eos-same-" + traffic.id;
        String kafkaTopic = "eos-same-" + traffic.id;
        ConnectRest rest = deploy(name, traffic, broker, Map.of("kafka.topic", kafkaTopic));
        int messages = 2_000;
        byte[] same = "the same reading".getBytes(StandardCharsets.UTF_8);
        try (MqttClient publisher = SourceTraffic.publisher(broker.tcpUri())) {
            await().atMost(ARRIVAL).until(() -> {
                publisher.publish(traffic.mqttTopics.get(0), same, 2, false).get(10, TimeUnit.SECONDS);
                return !cluster.get().kafka().readAll(kafkaTopic).isEmpty();
            });
            int before = cluster.get().kafka().readAll(kafkaTopic).size();
            List<CompletableFuture<Void>> sent = new ArrayList<>();
            for (int i = 0; i < messages; i++) {
                sent.add(publisher.publish(traffic.mqttTopics.get(0), same, 2, false));
                if (i % 500 == 250) {
                    rest.restartTask(name, 0);
                }
            }
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
            await("every message in Kafka").atMost(ARRIVAL).pollInterval(Duration.ofSeconds(1))
                    .until(() -> cluster.get().kafka().readAll(kafkaTopic).size() >= before + messages);
            awaitNothingHeld(rest, name);
            assertEquals(before + messages, cluster.get().kafka().readAll(kafkaTopic).size(),
                    "one record per message though every payload is the same: the flow is the identity");
        }
        rest.deleteConnector(name);
    }

    @Test
    void validate_names_the_key_that_keeps_exactly_once_from_holding() {
        SourceTraffic traffic = new SourceTraffic(1);
        Map<String, String> config = exactlyOnce(traffic.connector("tcp://127.0.0.1:1883",
                "$share/g/" + traffic.filter(), 1));
        config.put("name", "eos-invalid-" + traffic.id);
        config.put("mqtt.clean.session", "true");
        ConnectRest.Validation v = cluster.get().rest().validate(MqttSourceConnector.class.getName(), config);
        assertTrue(v.errors().get("mqtt.qos").get(0).contains("needs mqtt.qos=2"), v.errors().toString());
        assertTrue(v.errors().get("mqtt.clean.session").get(0).contains("a session the broker keeps"),
                v.errors().toString());
        assertTrue(v.errors().get("mqtt.topics").get(0).contains("without $share/"), v.errors().toString());
        assertTrue(v.errors().containsKey("exactly.once.support"), "the worker refuses it too: " + v.errors());

        Map<String, String> valid = exactlyOnce(traffic.connector("tcp://127.0.0.1:1883", traffic.filter(), 2));
        valid.put("name", "eos-valid-" + traffic.id);
        ConnectRest.Validation accepted = cluster.get().rest().validate(MqttSourceConnector.class.getName(), valid);
        assertEquals(0, accepted.errorCount(), accepted.errors().toString());
    }

    /** Runs an exactly-once connector for the traffic's filter at QoS 2, with {@code overrides}. */
    private static ConnectRest deploy(String name, SourceTraffic traffic, TestBroker broker,
                                      Map<String, String> overrides) {
        Map<String, String> config = exactlyOnce(traffic.connector(broker.tcpUri(), traffic.filter(), 2));
        config.putAll(overrides);
        ConnectRest rest = cluster.get().rest();
        rest.createConnector(name, config);
        rest.awaitRunning(name, 1);
        return rest;
    }

    /**
     * Waits until the committed offset holds no QoS 2 receipt: every message is in Kafka, the broker released each
     * and got its PUBCOMP, so nothing it sends later can be a redelivery, and a count taken now is final.
     */
    private static void awaitNothingHeld(ConnectRest rest, String name) {
        await("no QoS 2 receipt left in the committed offset").atMost(ARRIVAL).pollInterval(Duration.ofMillis(500))
                .until(() -> "".equals(heldInOffsets(rest, name)));
    }

    /** The QoS 2 ids the connector's last committed offset holds, or null before it committed one. */
    private static String heldInOffsets(ConnectRest rest, String name) {
        for (JsonNode entry : rest.offsets(name).path("offsets")) {
            JsonNode held = entry.path("offset").path(TransactionalReceipts.OFFSET_HELD);
            if (!held.isMissingNode()) {
                return held.asText();
            }
        }
        return null;
    }
}
