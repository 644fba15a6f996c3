package io.github.mqttbridge.connect.source;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mqttbridge.client.ConnectOptions;
import io.github.mqttbridge.client.MqttClient;
import io.github.mqttbridge.testing.KafkaTestClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What the source integration tests send and the connector config they deploy. Message i goes to topic
 * {@code i % topics} with the payload "i", so that a test can tell from Kafka alone which messages arrived, how
 * often, and in which order per MQTT topic.
 */
public final class SourceTraffic {
    public final String id = UUID.randomUUID().toString().substring(0, 8);
    public final List<String> mqttTopics;

    public SourceTraffic(int topics) {
        List<String> t = new ArrayList<>();
        for (int i = 0; i < topics; i++) {
            t.add("it" + id + "/dev-" + i + "/temp");
        }
        mqttTopics = List.copyOf(t);
    }

    public String filter() {
        return "it" + id + "/+/temp";
    }

    /** The Kafka topic {@code {0}.{1}} gives for MQTT topic {@code i}. */
    String kafkaTopic(int topic) {
        return "it" + id + ".dev-" + topic;
    }

    String mqttTopicOf(int message) {
        return mqttTopics.get(message % mqttTopics.size());
    }

    public Map<String, String> connector(String uri, String filters, int qos) {
        return connectorConfig(uri, filters, qos);
    }

    /** A one-task source connector for {@code filters} into Kafka topics {@code {0}.{1}}, reconnecting quickly. */
    static Map<String, String> connectorConfig(String uri, String filters, int qos) {
        Map<String, String> c = new HashMap<>();
        c.put("connector.class", MqttSourceConnector.class.getName());
        c.put("tasks.max", "1");
        c.put("mqtt.server.uris", uri);
        c.put("mqtt.topics", filters);
        c.put("mqtt.qos", Integer.toString(qos));
        c.put("kafka.topic", "{0}.{1}");
        c.put("mqtt.reconnect.backoff.min.ms", "100");
        c.put("mqtt.reconnect.backoff.max.ms", "1000");
        c.put("topic.creation.default.replication.factor", "1");
        c.put("topic.creation.default.partitions", "3");
        return c;
    }

    public static MqttClient publisher(String uri) throws Exception {
        MqttClient p = new MqttClient(uri, "pub-" + UUID.randomUUID().toString().substring(0, 8));
        p.connect(ConnectOptions.builder().reconnect(true).reconnectDelay(Duration.ofMillis(100), Duration.ofSeconds(1))
                .build()).get(10, TimeUnit.SECONDS);
        return p;
    }

    /** Publishes messages {@code from} to {@code to - 1} and returns once the broker has them all. */
    public void publish(MqttClient publisher, int from, int to, int qos) throws Exception {
        Semaphore window = new Semaphore(500);
        List<CompletableFuture<Void>> sent = new ArrayList<>();
        for (int i = from; i < to; i++) {
            window.acquire();
            CompletableFuture<Void> f = publisher.publish(mqttTopicOf(i),
                    Integer.toString(i).getBytes(StandardCharsets.UTF_8), qos, false);
            f.whenComplete((ok, error) -> window.release());
            sent.add(f);
        }
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
    }

    /** Records in the stream's Kafka topics now; a topic the connector has not created yet throws. */
    public long inKafka(KafkaTestClient kafka) {
        long records = 0;
        for (int t = 0; t < mqttTopics.size(); t++) {
            records += kafka.endOffsets(kafkaTopic(t)).values().stream().mapToLong(Long::longValue).sum();
        }
        return records;
    }

    /** Every record of the stream's Kafka topics, once all {@code messages} have arrived at least once. */
    public List<ConsumerRecord<byte[], byte[]>> readAll(KafkaTestClient kafka, int messages, Duration within) {
        List<ConsumerRecord<byte[], byte[]>> all = new ArrayList<>();
        await().atMost(within).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            all.clear();
            for (int t = 0; t < mqttTopics.size(); t++) {
                all.addAll(kafka.readAll(kafkaTopic(t)));
            }
            KafkaTally tally = new KafkaTally(messages, all);
            assertTrue(tally.missing().isEmpty(), tally.toString());
        });
        return all;
    }

    /**
     * Waits until the broker has the connector's subscription, seen from outside (the task may run in another
     * JVM): a probe message matching the filter reaches Kafka only then; before it the broker would drop the
     * stream's first messages.
     */
    public void awaitSubscribed(KafkaTestClient kafka, MqttClient publisher) {
        String probe = "it" + id + "/probe/temp";
        String probeTopic = "it" + id + ".probe";
        await("subscription confirmed through " + probeTopic).atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    publisher.publish(probe, "probe".getBytes(StandardCharsets.UTF_8), 1, false);
                    return kafka.topics().contains(probeTopic);
                });
    }
}
