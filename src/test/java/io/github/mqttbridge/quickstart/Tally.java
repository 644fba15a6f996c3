package io.github.mqttbridge.quickstart;

import io.github.mqttbridge.client.ConnectOptions;
import io.github.mqttbridge.client.MqttClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Counts, by message id, what reached Kafka (a consumer reading the topic from the start) and what came back to
 * MQTT (a subscriber to {@code echo/#}). Ids, not records, so that a redelivery (at least once) is not taken for a
 * message of its own.
 */
final class Tally implements AutoCloseable {

    record Counts(long inKafka, long echoed, long duplicates) {
    }

    private final String bootstrapServers;
    private final String mqttUri;
    private final String topic;
    private final Set<String> inKafka = ConcurrentHashMap.newKeySet();
    private final Set<String> echoed = ConcurrentHashMap.newKeySet();
    private final AtomicLong duplicates = new AtomicLong();
    private KafkaConsumer<byte[], byte[]> consumer;
    private Thread reader;
    private MqttClient subscriber;

    Tally(String bootstrapServers, String mqttUri, String topic) {
        this.bootstrapServers = bootstrapServers;
        this.mqttUri = mqttUri;
        this.topic = topic;
    }

    void start() {
        subscriber = new MqttClient(mqttUri, "quickstart-echo-watcher");
        subscriber.onMessageArrived(message -> count(echoed, Quickstart.idOf(message.payloadBytes())));
        subscriber.connect(ConnectOptions.builder().cleanSession(true).reconnect(true).build()).join();
        subscriber.subscribe("echo/#", 1).join();

        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()));
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        reader = new Thread(this::read, "quickstart-kafka-reader");
        reader.setDaemon(true);
        reader.start();
    }

    private void read() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    count(inKafka, Quickstart.idOf(record.value()));
                }
            }
        } catch (WakeupException closing) {
            // close() woke the consumer up to end this loop
        } finally {
            consumer.close();
        }
    }

    private void count(Set<String> seen, String id) {
        if (id != null && !seen.add(id)) {
            duplicates.incrementAndGet();
        }
    }

    Counts counts() {
        return new Counts(inKafka.size(), echoed.size(), duplicates.get());
    }

    List<String> missingInKafka(Set<String> published) {
        return published.stream().filter(id -> !inKafka.contains(id)).sorted().toList();
    }

    List<String> missingEchoes(Set<String> published) {
        return published.stream().filter(id -> !echoed.contains(id)).sorted().toList();
    }

    @Override
    public void close() throws InterruptedException {
        if (subscriber != null) {
            subscriber.close();
        }
        if (consumer != null) {
            consumer.wakeup();
            reader.join(Duration.ofSeconds(10).toMillis());
        }
    }

    @Override
    public String toString() {
        return "the Kafka and MQTT watchers";
    }
}
