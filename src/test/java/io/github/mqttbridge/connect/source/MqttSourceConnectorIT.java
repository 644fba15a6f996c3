package io.github.mqttbridge.connect.source;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mqttbridge.client.MqttClient;
import io.github.mqttbridge.testing.ClassResource;
import io.github.mqttbridge.testing.ConnectRest;
import io.github.mqttbridge.testing.FreePorts;
import io.github.mqttbridge.testing.KafkaConnectCluster;
import io.github.mqttbridge.testing.SharedBroker;
import io.github.mqttbridge.testing.TestBroker;
import io.github.mqttbridge.testing.TestCertificates;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The source connector deployed through the REST API of a real Connect worker, writing to a real Kafka broker,
 * reading from a real MQTT broker (the embedded HiveMQ CE, and Mosquitto when installed).
 */
class MqttSourceConnectorIT {
    private static final Duration ARRIVAL = Duration.ofSeconds(120);

    @RegisterExtension
    static final ClassResource<KafkaConnectCluster> cluster =
            ClassResource.of(() -> KafkaConnectCluster.builder().start());

    static List<Object[]> brokersAndQos() {
        List<Object[]> cases = new ArrayList<>();
        for (SharedBroker b : SharedBroker.values()) {
            cases.add(new Object[] {b, 1});
            cases.add(new Object[] {b, 2});
        }
        return cases;
    }

    private static List<ConsumerRecord<byte[], byte[]>> readAll(SourceTraffic traffic, int expected) {
        List<ConsumerRecord<byte[], byte[]>> all = new ArrayList<>();
        await().atMost(ARRIVAL).untilAsserted(() -> {
            all.clear();
            for (int t = 0; t < traffic.mqttTopics.size(); t++) {
                all.addAll(cluster.get().kafka().readAll(traffic.kafkaTopic(t)));
            }
            assertTrue(new KafkaTally(expected, all).missing().isEmpty(), new KafkaTally(expected, all).toString());
        });
        return all;
    }

    private static String header(ConsumerRecord<byte[], byte[]> r, String key) {
        Header h = r.headers().lastHeader(key);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "{0}, QoS {1}")
    @MethodSource("brokersAndQos")
    void ten_thousand_messages_arrive_with_their_topics_keys_values_and_headers_in_order(SharedBroker shared, int qos)
            throws Exception {
        TestBroker broker = shared.get();
        int messages = 10_000;
        SourceTraffic traffic = new SourceTraffic(4);
        String name = "src-order-" + traffic.id;
        cluster.get().rest().createConnector(name, traffic.connector(broker.tcpUri(), traffic.filter(), qos));
        cluster.get().rest().awaitRunning(name, 1);
        try (MqttClient publisher = SourceTraffic.publisher(broker.tcpUri())) {
            awaitSubscribed(name, 1);
            traffic.publish(publisher, 0, messages, qos);
            List<ConsumerRecord<byte[], byte[]>> records = readAll(traffic, messages);
            KafkaTally tally = new KafkaTally(messages, records);
            System.out.printf("%s QoS %d: %d records, %s%n", shared, qos, records.size(), tally);
            assertEquals(0, tally.duplicates(), "no failure, so no duplicate");
            assertEquals(List.of(), tally.outOfOrderKeys());
            for (ConsumerRecord<byte[], byte[]> r : records) {
                int n = Integer.parseInt(new String(r.value(), StandardCharsets.UTF_8));
                String mqttTopic = traffic.mqttTopicOf(n);
                assertEquals(traffic.kafkaTopic(n % traffic.mqttTopics.size()), r.topic());
                assertEquals(mqttTopic, new String(r.key(), StandardCharsets.UTF_8));
                assertEquals(mqttTopic, header(r, "mqtt.topic"));
                assertEquals(Integer.toString(qos), header(r, "mqtt.qos"));
                assertEquals("false", header(r, "mqtt.retained"));
                assertEquals("false", header(r, "mqtt.duplicate"));
                assertTrue(Integer.parseInt(header(r, "mqtt.message.id")) > 0, header(r, "mqtt.message.id"));
            }
        } finally {
            cluster.get().rest().deleteConnector(name);
        }
    }

    /**
     * The worker stops while messages stream in and starts again. Every message reaches Kafka; the duplicates are
     * the messages Kafka had but the broker had not seen acknowledged, so at most what was between the broker and
     * Kafka: the hand-over queue, the client's inbound buffer and the producer's unacknowledged batches, each
     * bounded by a configured size ({@link SourceInFlightBound}), not by how fast Kafka answered.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(SharedBroker.class)
    void a_worker_stopped_mid_stream_and_started_again_loses_nothing(SharedBroker shared) throws Exception {
        TestBroker broker = shared.get();
        int messages = 6_000;
        SourceTraffic traffic = new SourceTraffic(3);
        String name = "src-restart-" + traffic.id;
        Map<String, String> config = SourceInFlightBound.applyTo(
                traffic.connector(broker.tcpUri(), traffic.filter(), 1));
        cluster.get().rest().createConnector(name, config);
        cluster.get().rest().awaitRunning(name, 1);
        try (MqttClient publisher = SourceTraffic.publisher(broker.tcpUri())) {
            awaitSubscribed(name, 1);
            CompletableFuture<Void> stream = CompletableFuture.runAsync(() -> {
                try {
                    traffic.publish(publisher, 0, messages, 1);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            await().atMost(ARRIVAL)
                    .until(() -> cluster.get().kafka().readAll(traffic.kafkaTopic(0)).size() > messages / 10);
            cluster.get().stopWorker();
            cluster.get().startWorker();
            cluster.get().rest().awaitRunning(name, 1);
            stream.get(120, java.util.concurrent.TimeUnit.SECONDS);
            KafkaTally tally = new KafkaTally(messages, readAll(traffic, messages));
            int bound = SourceInFlightBound.DUPLICATES;
            System.out.printf("%s, worker restarted mid-stream: %s (bound %d)%n", shared, tally, bound);
            assertTrue(tally.duplicates() <= bound, tally + ", more than the bound " + bound);
            assertEquals(List.of(), tally.outOfOrderKeys());
        } finally {
            cluster.get().rest().deleteConnector(name);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(SharedBroker.class)
    void three_tasks_on_a_shared_subscription_deliver_every_message_once(SharedBroker shared) throws Exception {
        TestBroker broker = shared.get();
        int messages = 6_000;
        SourceTraffic traffic = new SourceTraffic(6);
        String name = "src-shared-" + traffic.id;
        Map<String, String> config = traffic.connector(broker.tcpUri(), "$share/g" + traffic.id + "/" + traffic.filter(), 1);
        config.put("tasks.max", "3");
        cluster.get().rest().createConnector(name, config);
        cluster.get().rest().awaitRunning(name, 3);
        try (MqttClient publisher = SourceTraffic.publisher(broker.tcpUri())) {
            awaitSubscribed(name, 3);
            traffic.publish(publisher, 0, messages, 1);
            List<ConsumerRecord<byte[], byte[]>> records = readAll(traffic, messages);
            KafkaTally tally = new KafkaTally(messages, records);
            System.out.printf("%s, 3 tasks on a shared subscription: %d records, %s%n", shared, records.size(), tally);
            assertEquals(0, tally.duplicates(), tally.toString());
        } finally {
            cluster.get().rest().deleteConnector(name);
        }
    }

    @Test
    void the_validate_endpoint_names_the_key_to_fix() {
        Map<String, String> config = new SourceTraffic(1).connector("tcp://localhost:1883", "a/#/b", 3);
        config.put("name", "src-validate");
        config.put("kafka.topic", "x.{1}");
        ConnectRest.Validation v = cluster.get().rest().validate(MqttSourceConnector.class.getName(), config);
        assertEquals(List.of("mqtt.topics", "mqtt.qos"), List.copyOf(v.errors().keySet()), v.errors().toString());
        assertTrue(v.errors().get("mqtt.topics").get(0).contains("'#' only as the whole last level"));

        config.put("mqtt.topics", "a/#");
        config.put("mqtt.qos", "1");
        TestCertificates certs = TestCertificates.shared();
        config.put("mqtt.ssl.keystore.location", certs.client().pkcs12().toString());
        config.put("mqtt.ssl.keystore.password", new String(TestCertificates.STORE_PASSWORD));
        config.put("mqtt.ssl.cert.pem", certs.client().certPem().toString());
        config.put("mqtt.ssl.key.pem", certs.client().keyPem().toString());
        v = cluster.get().rest().validate(MqttSourceConnector.class.getName(), config);
        assertEquals(List.of("kafka.topic", "mqtt.ssl.ca.pem"), v.errors().keySet().stream().sorted().toList(),
                v.errors().toString());
        assertTrue(v.errors().get("kafka.topic").get(0).contains("'a/#'"), v.errors().toString());
    }

    @Test
    void an_unreachable_broker_keeps_the_task_running_and_retrying() {
        String name = "src-unreachable-" + new SourceTraffic(1).id;
        cluster.get().rest().createConnector(name,
                new SourceTraffic(1).connector("tcp://127.0.0.1:" + FreePorts.next(), "a/+", 1));
        try {
            cluster.get().rest().awaitRunning(name, 1);
            await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(30))
                    .until(() -> cluster.get().rest().connectorStatus(name).runningWith(1));
        } finally {
            cluster.get().rest().deleteConnector(name);
        }
    }

    /** Messages published before the broker confirmed the subscription would not be for us. */
    private static void awaitSubscribed(String connector, int tasks) {
        await().atMost(Duration.ofSeconds(30)).until(() -> java.util.stream.IntStream.range(0, tasks)
                .allMatch(t -> SourceTaskProbe.subscribed(connector, t)));
    }
}
