package io.github.mqttbridge.connect.source;

import io.github.mqttbridge.client.ConnectOptions;
import io.github.mqttbridge.client.MqttClient;
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

/**
 * What the source integration tests send and the connector config they deploy. Message i goes to topic
 * {@code i % topics} with the payload "i", so that a test can tell from Kafka alone which messages arrived, how
 * often, and in which order per MQTT topic.
 */
final class SourceTraffic {
    final String id = UUID.randomUUID().toString().substring(0, 8);
    final List<String> mqttTopics;

    SourceTraffic(int topics) {
        List<String> t = new ArrayList<>();
        for (int i = 0; i < topics; i++) {
            t.add("it" + id + "/dev-" + i + "/temp");
        }
        mqttTopics = List.copyOf(t);
    }

    String filter() {
        return "it" + id + "/+/temp";
    }

    /** The Kafka topic {@code {0}.{1}} gives for MQTT topic {@code i}. */
    String kafkaTopic(int topic) {
        return "it" + id + ".dev-" + topic;
    }

    String mqttTopicOf(int message) {
        return mqttTopics.get(message % mqttTopics.size());
    }

    Map<String, String> connector(String uri, String filters, int qos) {
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

    static MqttClient publisher(String uri) throws Exception {
        MqttClient p = new MqttClient(uri, "pub-" + UUID.randomUUID().toString().substring(0, 8));
        p.connect(ConnectOptions.builder().reconnect(true).reconnectDelay(Duration.ofMillis(100), Duration.ofSeconds(1))
                .build()).get(10, TimeUnit.SECONDS);
        return p;
    }

    /** Publishes messages {@code from} to {@code to - 1} and returns once the broker has them all. */
    void publish(MqttClient publisher, int from, int to, int qos) throws Exception {
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
}
