package io.github.mqttbridge.testing;

import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Plain Kafka access for connector tests: topics, writing records, reading them back (with partitions, keys,
 * headers and timestamps) and the offsets a consumer group committed. Works on bytes; the {@code String}
 * overloads use UTF-8 like Connect's StringConverter.
 */
public final class KafkaTestClient implements AutoCloseable {

    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(60);

    private final String bootstrapServers;
    private final Admin admin;
    private KafkaProducer<byte[], byte[]> producer;

    public KafkaTestClient(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    /** The group a sink connector's tasks consume in, as Connect names it. */
    public static String sinkGroupId(String connectorName) {
        return "connect-" + connectorName;
    }

    public static Header header(String key, String value) {
        return new RecordHeader(key, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    public static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    public Admin admin() {
        return admin;
    }

    /** Creates the topic with replication factor 1 and waits until every partition has a leader. */
    public void createTopic(String topic, int partitions) {
        createTopic(topic, partitions, Map.of());
    }

    /** The same with topic configs, e.g. {@code message.timestamp.type=LogAppendTime}. */
    public void createTopic(String topic, int partitions, Map<String, String> configs) {
        get(admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1).configs(configs))).all());
        // On a loaded machine the broker may answer "unknown topic" for a moment after creating it.
        await("leaders for " + topic).atMost(ADMIN_TIMEOUT).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                .until(() -> get(admin.describeTopics(List.of(topic)).allTopicNames()).get(topic).partitions()
                        .stream().allMatch(p -> p.leader() != null));
    }

    public int partitionCount(String topic) {
        return get(admin.describeTopics(List.of(topic)).allTopicNames()).get(topic).partitions().size();
    }

    /**
     * Writes one record and waits for the broker's acknowledgement. {@code partition} null lets the producer's
     * partitioner choose (by key hash when there is a key).
     */
    public RecordMetadata produce(String topic, Integer partition, byte[] key, byte[] value, Header... headers) {
        return produce(topic, partition, null, key, value, headers);
    }

    public RecordMetadata produce(String topic, Integer partition, Long timestamp, byte[] key, byte[] value,
                                  Header... headers) {
        ProducerRecord<byte[], byte[]> record =
                new ProducerRecord<>(topic, partition, timestamp, key, value, List.of(headers));
        return get(producer().send(record));
    }

    public RecordMetadata produce(String topic, Integer partition, String key, String value, Header... headers) {
        return produce(topic, partition, key == null ? null : key.getBytes(StandardCharsets.UTF_8),
                value == null ? null : value.getBytes(StandardCharsets.UTF_8), headers);
    }

    /** Writes many records at once and returns when the broker has acknowledged every one of them. */
    public void produceAll(List<ProducerRecord<byte[], byte[]>> records) {
        List<Future<RecordMetadata>> sent = new ArrayList<>(records.size());
        records.forEach(r -> sent.add(producer().send(r)));
        producer().flush();
        sent.forEach(KafkaTestClient::get);
    }

    /**
     * Reads the topic from the beginning, without a consumer group, until at least {@code count} records
     * arrived; fails with what was read if they do not come within {@code timeout}. Records are in the order
     * they were polled: ordered within a partition, interleaved across partitions.
     */
    public List<ConsumerRecord<byte[], byte[]>> read(String topic, int count, Duration timeout) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            consumer.assign(awaitPartitions(consumer, topic));
            consumer.seekToBeginning(consumer.assignment());
            long deadline = System.nanoTime() + timeout.toNanos();
            while (records.size() < count && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        if (records.size() < count) {
            throw new AssertionError("expected at least " + count + " records in " + topic + " within " + timeout
                    + ", got " + records.size() + ": " + describe(records));
        }
        return records;
    }

    /**
     * Everything the topic holds now: reads from the beginning up to the end offsets taken at the call, so it
     * returns as soon as those are reached rather than waiting out a quiet period.
     */
    public List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = awaitPartitions(consumer, topic);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, ADMIN_TIMEOUT);
            long deadline = System.nanoTime() + ADMIN_TIMEOUT.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + topic + " up to " + end + " within "
                            + ADMIN_TIMEOUT + ", got " + records.size() + " records");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (r.offset() < end.get(new TopicPartition(r.topic(), r.partition()))) {
                        records.add(r);
                    }
                });
            }
        }
        return records;
    }

    /**
     * {@code count} records of the partition from offset {@code from} on, read_uncommitted: aborted ones too, which
     * a read_committed consumer never sees.
     */
    public List<ConsumerRecord<byte[], byte[]>> readUncommitted(TopicPartition partition, long from, int count) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer("read_uncommitted")) {
            consumer.assign(List.of(partition));
            consumer.seek(partition, from);
            long deadline = System.nanoTime() + ADMIN_TIMEOUT.toNanos();
            while (records.size() < count) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + count + " records of " + partition + " from offset "
                            + from + " within " + ADMIN_TIMEOUT + ", got " + records.size());
                }
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (records.size() < count) {
                        records.add(r);
                    }
                });
            }
        }
        return records;
    }

    /** The log-end offset of every partition of the topic. */
    public Map<TopicPartition, Long> endOffsets(String topic) {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (int p = 0; p < partitionCount(topic); p++) {
            request.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        return get(admin.listOffsets(request).all()).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    /**
     * The offsets the group committed (the next offset it will read, per partition); partitions without a
     * commit are absent. For a sink connector pass {@link #sinkGroupId(String)}.
     */
    public Map<TopicPartition, Long> committedOffsets(String groupId) {
        Map<TopicPartition, OffsetAndMetadata> committed =
                get(admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata());
        Map<TopicPartition, Long> offsets = new HashMap<>();
        committed.forEach((tp, om) -> {
            if (om != null) {
                offsets.put(tp, om.offset());
            }
        });
        return offsets;
    }

    /** Kafka's open transactions: to describe them, or to abort those Kafka left hanging. */
    public KafkaTransactions transactions() {
        return new KafkaTransactions(admin);
    }

    public Set<String> topics() {
        return get(admin.listTopics().names());
    }

    @Override
    public void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(10));
        }
        admin.close(Duration.ofSeconds(10));
    }

    private synchronized KafkaProducer<byte[], byte[]> producer() {
        if (producer == null) {
            Map<String, Object> config = new HashMap<>();
            config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            config.put(ProducerConfig.ACKS_CONFIG, "all");
            config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        // Committed data only: a transactional source connector's aborted records must not count.
        return consumer("read_committed");
    }

    private KafkaConsumer<byte[], byte[]> consumer(String isolationLevel) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolationLevel);
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** A source connector creates its topic on first write, so the test may ask before the topic exists. */
    private static List<TopicPartition> awaitPartitions(KafkaConsumer<byte[], byte[]> consumer, String topic) {
        List<TopicPartition> partitions = new ArrayList<>();
        await("topic " + topic + " exists").atMost(ADMIN_TIMEOUT).pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    partitions.clear();
                    consumer.listTopics(Duration.ofSeconds(10)).getOrDefault(topic, List.of())
                            .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
                    return !partitions.isEmpty();
                });
        return partitions;
    }

    private static String describe(List<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream().limit(20)
                .map(r -> r.partition() + "@" + r.offset() + " " + text(r.key()) + "=" + text(r.value()))
                .collect(Collectors.joining(", ", "[", records.size() > 20 ? ", ...]" : "]"));
    }

    /** The admin request's answer, failing with its error, or after the admin timeout. */
    static <T> T get(Future<T> future) {
        try {
            return future.get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer within " + ADMIN_TIMEOUT, e);
        }
    }
}
