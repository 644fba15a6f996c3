package io.github.mqttbridge.connect.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mqttbridge.testing.KafkaTestClient;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * What the sink integration tests produce, the connector config they deploy and how they check what arrived.
 * Payloads are {@code <topic>:<partition>:<seq>}, seq being the record's offset in a topic that holds only these
 * records, and each partition goes to an MQTT topic of its own, so order and gaps per partition can be read off
 * what arrives.
 */
public final class SinkTraffic {
    private SinkTraffic() {
    }

    public static Map<String, String> sinkConfig(String topics, String brokerUri, int qos) {
        Map<String, String> c = new HashMap<>();
        c.put("connector.class", MqttSinkConnector.class.getName());
        c.put("topics", topics);
        c.put("tasks.max", "2");
        c.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
        c.put("mqtt.server.uris", brokerUri);
        c.put("mqtt.qos", String.valueOf(qos));
        c.put("mqtt.reconnect.backoff.min.ms", "200");
        c.put("mqtt.reconnect.backoff.max.ms", "1000");
        return c;
    }

    public static KafkaProducer<String, String> producer(String bootstrapServers) {
        return new KafkaProducer<>(Map.of("bootstrap.servers", bootstrapServers, "linger.ms", "5", "acks", "all"),
                new StringSerializer(), new StringSerializer());
    }

    /** Produces {@code perPartition} records to each partition of each topic; values name their place. */
    static void produce(String bootstrapServers, List<String> topics, int partitions, int from, int to) {
        try (KafkaProducer<String, String> producer = producer(bootstrapServers)) {
            produce(producer, topics, partitions, from, to);
        }
    }

    /** Records {@code from} to {@code to - 1} of each partition of each topic; returns once Kafka has them. */
    public static void produce(KafkaProducer<String, String> producer, List<String> topics, int partitions, int from,
                        int to) {
        for (int i = from; i < to; i++) {
            for (String topic : topics) {
                for (int p = 0; p < partitions; p++) {
                    producer.send(new ProducerRecord<>(topic, p, "k" + p, topic + ":" + p + ":" + i));
                }
            }
        }
        producer.flush();
    }

    /** Checks that each partition's records arrived complete and in order (a resend may repeat a run). */
    static void assertCompleteAndOrdered(Subscriber sub, String prefix, List<String> topics, int partitions,
                                         int perPartition) {
        Map<String, List<String>> byTopic = sub.byTopic();
        for (String topic : topics) {
            for (int p = 0; p < partitions; p++) {
                String mqttTopic = prefix + topic + "/" + p;
                List<String> got = byTopic.getOrDefault(mqttTopic, List.of());
                int expected = 0;
                for (String payload : got) {
                    int seq = Integer.parseInt(payload.substring(payload.lastIndexOf(':') + 1));
                    assertEquals(topic + ":" + p + ":" + seq, payload, sub.name() + " wrong payload on " + mqttTopic);
                    // A resend after a reconnect starts again at an earlier record, never skips one.
                    assertTrue(seq <= expected, sub.name() + " on " + mqttTopic + ": got " + seq + " when "
                            + expected + " was due");
                    if (seq == expected) {
                        expected++;
                    }
                }
                assertEquals(perPartition, expected, sub.name() + " on " + mqttTopic + " is missing records");
            }
        }
    }

    /** Every committed offset N of the sink's group means the subscriber has the record at N - 1. */
    static boolean committedWithinReceived(KafkaTestClient kafka, String connector, Subscriber sub) {
        return committedWithinReceived(kafka.committedOffsets(KafkaTestClient.sinkGroupId(connector)), sub);
    }

    static boolean committedWithinReceived(Map<TopicPartition, Long> committed, Subscriber sub) {
        Map<String, Long> received = sub.distinctCounts();
        for (Map.Entry<TopicPartition, Long> e : committed.entrySet()) {
            long next = e.getValue();
            if (next > 0 && !received.containsKey(e.getKey().topic() + ":" + e.getKey().partition() + ":"
                    + (next - 1))) {
                throw new AssertionError("committed " + e + " but the subscriber has no record " + (next - 1));
            }
        }
        return true;
    }

    static boolean committedAll(KafkaTestClient kafka, String topic, int partitions, long perPartition) {
        Map<TopicPartition, Long> committed = kafka.committedOffsets(KafkaTestClient.sinkGroupId(topic));
        for (int p = 0; p < partitions; p++) {
            if (committed.getOrDefault(new TopicPartition(topic, p), 0L) != perPartition) {
                return false;
            }
        }
        return true;
    }
}
