package io.github.mqttbridge.bench;

import io.github.mqttbridge.testing.SteadyStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * What exactly once costs the source, in one run: one task at QoS 2 delivering at least once on the shared worker,
 * against the same in Kafka Connect's exactly-once mode (KIP-618) on a worker with exactly-once source support,
 * its transactions bounded by each poll and by a 1 s interval. Records a second and the worker's CPU per record at
 * full speed, and at a paced load the latency until a read_committed consumer sees a record, which is what a
 * transaction delays.
 */
final class SourceExactlyOnce {
    private static final int QOS = 2;
    private static final int PARTITIONS = 3;
    private static final int TOPICS = 8;
    private static final int CHUNK = 10;
    private static final Duration CHUNK_PERIOD = Duration.ofMillis(10);
    private static final double LATENCY_RATE = CHUNK * 1000.0 / CHUNK_PERIOD.toMillis();
    private static final Duration LATENCY_LIMIT = Duration.ofMinutes(5);

    /** How the source delivers, and the worker and connector settings that make it so. */
    private enum Mode {
        AT_LEAST_ONCE("at least once", false, Map.of()),
        POLL("exactly once, `transaction.boundary=poll`", true, Map.of("exactly.once.support", "required",
                "transaction.boundary", "poll")),
        INTERVAL("exactly once, `transaction.boundary=interval`, 1 s", true, Map.of("exactly.once.support",
                "required", "transaction.boundary", "interval", "transaction.boundary.interval.ms", "1000"));

        final String label;
        final boolean exactlyOnce;
        final Map<String, String> config;

        Mode(String label, boolean exactlyOnce, Map<String, String> config) {
            this.label = label;
            this.exactlyOnce = exactlyOnce;
            this.config = config;
        }

        BenchWorker worker(ConnectorBench bench) throws Exception {
            return exactlyOnce ? bench.exactlyOnceWorker() : bench.worker;
        }
    }

    /** Each repetition's records a second, worker CPU µs and allocated bytes per record, sorted latencies (µs). */
    private record Rounds(List<Double> rates, List<Double> cpuMicros, List<Double> allocatedBytes,
                          List<long[]> latencies) {
    }

    private final Map<Mode, Rounds> results = new EnumMap<>(Mode.class);
    private int messages;
    private int latencyMessages;

    /** Runs the rounds, interleaved so that a change in the machine's load hits every mode alike. */
    String run(ConnectorBench bench, SuiteOptions options) throws Exception {
        messages = options.scaled(10_000);
        latencyMessages = options.scaled(5_000) / CHUNK * CHUNK;
        Map<Mode, String> connectors = new EnumMap<>(Mode.class);
        try (MqttLoad load = new MqttLoad(bench.broker.tcpUri())) {
            for (Mode mode : Mode.values()) {
                String name = "bk-eos-" + ConnectorBench.uniqueId();
                bench.createTopic(name, PARTITIONS);
                Map<String, String> config = new HashMap<>(bench.sourceConfig("bk/" + name + "/+", QOS, 1, name));
                // Exactly once needs the session kept; the at-least-once task keeps it too, to differ in nothing else.
                config.put("mqtt.clean.session", "false");
                config.putAll(mode.config);
                mode.worker(bench).startSource(name, config);
                connectors.put(mode, name);
                results.put(mode, new Rounds(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(),
                        new ArrayList<>()));
            }
            for (Mode mode : Mode.values()) {
                throughput(bench, load, mode, connectors.get(mode), Math.min(messages, 2_000));
            }
            for (int rep = 0; rep < options.reps(); rep++) {
                for (Mode mode : Mode.values()) {
                    double[] r = throughput(bench, load, mode, connectors.get(mode), messages);
                    results.get(mode).rates().add(r[0]);
                    results.get(mode).cpuMicros().add(r[1]);
                    results.get(mode).allocatedBytes().add(r[2]);
                }
                for (Mode mode : Mode.values()) {
                    results.get(mode).latencies().add(latency(bench, load, connectors.get(mode)));
                }
            }
        } finally {
            for (Mode mode : Mode.values()) {
                if (connectors.containsKey(mode)) {
                    mode.worker(bench).rest().deleteConnector(connectors.get(mode));
                }
            }
        }
        results.forEach((mode, r) -> options.out().printf(Locale.ROOT,
                "source QoS 2 %s: %,.0f rec/s, %.1f us CPU/record, p99 %s ms read_committed%n", mode.label,
                SourceBenchmark.median(r.rates()), SourceBenchmark.median(r.cpuMicros()), millis(r, 99)));
        return markdown(options);
    }

    private static double[] throughput(ConnectorBench bench, MqttLoad load, Mode mode, String name, int count)
            throws Exception {
        return mode.worker(bench).sourceRound(name, load, i -> "bk/" + name + "/" + (i % TOPICS),
                MqttLoad::payload, count, QOS);
    }

    /**
     * Publishes {@link #latencyMessages} at {@link #LATENCY_RATE} a second while a read_committed consumer reads
     * the topic from its end; a record's latency is the time the consumer got it minus the publish time in its
     * payload, in microseconds, sorted.
     */
    private long[] latency(ConnectorBench bench, MqttLoad load, String name) throws Exception {
        long[] micros = new long[latencyMessages];
        try (KafkaConsumer<byte[], byte[]> consumer = readCommitted(bench)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (int p = 0; p < PARTITIONS; p++) {
                partitions.add(new TopicPartition(name, p));
            }
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            int received = 0;
            long deadline = System.nanoTime() + LATENCY_LIMIT.toNanos();
            try (SteadyStream stream = SteadyStream.start("bk-eos-paced", latencyMessages / CHUNK, CHUNK_PERIOD,
                    i -> load.publish(m -> "bk/" + name + "/" + (m % TOPICS), i * CHUNK, (i + 1) * CHUNK, QOS))) {
                while (received < latencyMessages) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException(name + ": " + received + " of " + latencyMessages
                                + " records seen read_committed within " + LATENCY_LIMIT);
                    }
                    ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(100));
                    long now = nowMicros();
                    for (ConsumerRecord<byte[], byte[]> record : records) {
                        if (received < latencyMessages) {
                            micros[received++] = now - MqttLoad.publishedMicros(record.value());
                        }
                    }
                }
                stream.await(LATENCY_LIMIT);
            }
        }
        Arrays.sort(micros);
        return micros;
    }

    private static KafkaConsumer<byte[], byte[]> readCommitted(ConnectorBench bench) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bench.kafka.bootstrapServers());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
    }

    private String markdown(SuiteOptions options) {
        StringBuilder md = new StringBuilder("### Exactly once\n\n");
        md.append(String.format(Locale.ROOT, "The same machine, broker and Kafka: one source connector per mode with"
                + " one task at QoS %d and a persistent session, over %d MQTT topics into %d partitions. Mosquitto"
                + " runs without an in-flight limit (`max_inflight_messages 0`): with `interval`, PUBREC waits for"
                + " the transaction, and the default limit of 20 would hold the task to 20 messages an interval. At least"
                + " once runs on the worker of the sections above; exactly once (`exactly.once.support=required`)"
                + " on a second worker like it, a Connect cluster of its own with"
                + " `exactly.once.source.support=enabled`, as that support puts every source task of a cluster in"
                + " transactions. Throughput: %,d messages a round as fast as the publisher can, records a second"
                + " from the first publish until Kafka confirmed the last record to the task (for exactly once, its"
                + " transaction committed), and the growth of that worker process's CPU time over the round divided"
                + " by its records (good to %.1f µs at this round size), and the bytes its live threads allocated"
                + " over the round per record. Latency: %,d messages published at %,.0f a"
                + " second (chunks of %d every %d ms) while a read_committed consumer in the benchmark's JVM reads"
                + " the topic; a record's latency is the time the consumer got it minus the publish time in its"
                + " payload. A warm-up round each, then %d repetition(s), each running the three modes in turn,"
                + " throughput then latency.%n%n", QOS, TOPICS, PARTITIONS, messages, 10_000.0 / messages,
                latencyMessages, LATENCY_RATE, CHUNK, CHUNK_PERIOD.toMillis(), options.reps()));
        md.append("| QoS 2 source | Rec/s | Ratio to at least once | Worker CPU µs/record | CPU ratio to at least once"
                + " | Worker B/record | p50 ms read_committed | p99 ms read_committed |\n"
                + "|---|---:|---:|---:|---:|---:|---:|---:|\n");
        Rounds atLeastOnce = results.get(Mode.AT_LEAST_ONCE);
        results.forEach((mode, r) -> md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s |%n",
                mode.label, SourceBenchmark.rate(r.rates()), SourceBenchmark.ratio(r.rates(), atLeastOnce.rates()),
                SourcePayloadFormats.micros(r.cpuMicros()),
                SourceBenchmark.ratio(r.cpuMicros(), atLeastOnce.cpuMicros()), SteadyResults.bytes(r.allocatedBytes()),
                millis(r, 50), millis(r, 99))));
        return md.append("\nMedian (min–max) of the repetitions; ratios per repetition against the at-least-once round"
                + " run next to it.\n\n").toString();
    }

    private static String millis(Rounds rounds, double percentile) {
        Spread s = Spread.of(rounds.latencies().stream()
                .map(l -> SourceBenchmark.percentile(l, percentile) / 1000.0).toList());
        return String.format(Locale.ROOT, "%.1f (%.1f–%.1f)", s.median(), s.min(), s.max());
    }
}
