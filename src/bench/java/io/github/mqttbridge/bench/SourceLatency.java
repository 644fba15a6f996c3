package io.github.mqttbridge.bench;

import static io.github.mqttbridge.bench.SourceBenchmark.percentile;

import io.github.mqttbridge.testing.SteadyStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * End-to-end latency of the source at a fixed offered load, with the default settings and with the low-latency
 * ones the source guide documents: Kafka 4's producer waits 5 ms ({@code linger.ms}) for more records before it
 * sends a batch, which at a few thousand messages a second only adds delay.
 */
final class SourceLatency {
    static final double RATE = 5_000;
    private static final int QOS = 1;
    private static final int CHUNK = 50;
    private static final Duration CHUNK_PERIOD = Duration.ofMillis(10);

    /** One way to configure the connector, its aim, and the latencies of its runs (sorted, in microseconds). */
    record Setting(String name, double aimMillis, List<long[]> runs) {
        double p99Millis() {
            return SourceBenchmark.median(runs.stream().map(l -> percentile(l, 99) / 1000.0).toList());
        }
    }

    private final List<Setting> settings = new ArrayList<>();
    private String profile = "";

    void run(ConnectorBench bench, SuiteOptions options) throws Exception {
        settings.add(measure(bench, options, "defaults", Map.of(), 20));
        settings.add(measure(bench, options, "`producer.override.linger.ms=0`",
                Map.of("producer.override.linger.ms", "0"), 10));
    }

    void addTargets(TargetTable targets) {
        for (Setting s : settings) {
            targets.below("p99 latency at " + (int) RATE + " msg/s, " + s.name() + " (ms, median of "
                    + s.runs().size() + ")", s.p99Millis(), s.aimMillis(), "%.1f");
        }
    }

    /**
     * Messages published at {@link #RATE} a second through one task configured with {@code overrides}, after a
     * warm-up run of a quarter of that; profiled once more if p99 misses {@code aimMillis}.
     */
    private Setting measure(ConnectorBench bench, SuiteOptions options, String settingName,
                            Map<String, String> overrides, double aimMillis) throws Exception {
        String name = SourceThroughput.startConnector(bench, QOS, 1, overrides);
        int chunks = options.scaled(400);
        List<long[]> runs = new ArrayList<>();
        try (MqttLoad load = new MqttLoad(bench.broker.tcpUri())) {
            publishPaced(bench, load, name, chunks / 4);
            for (int rep = 0; rep < options.reps(); rep++) {
                Map<TopicPartition, Long> from = bench.kafkaClient().endOffsets(name);
                publishPaced(bench, load, name, chunks);
                long[] micros = bench.kafkaClient().readAll(name).stream()
                        .filter(r -> r.offset() >= from.get(new TopicPartition(r.topic(), r.partition())))
                        .mapToLong(SourceLatency::latencyMicros).sorted().toArray();
                if (micros.length != chunks * CHUNK) {
                    throw new IllegalStateException("latency run: " + micros.length + " of " + chunks * CHUNK
                            + " records");
                }
                runs.add(micros);
                options.out().printf(Locale.ROOT, "latency at %,.0f msg/s, %s: p50 %.1f ms, p99 %.1f ms%n", RATE,
                        settingName, percentile(micros, 50) / 1000.0, percentile(micros, 99) / 1000.0);
            }
            Setting setting = new Setting(settingName, aimMillis, runs);
            if (setting.p99Millis() >= aimMillis && profile.isEmpty()) {
                profile = profiledRun(bench, load, name, chunks, settingName);
            }
            return setting;
        } finally {
            bench.rest().deleteConnector(name);
        }
    }

    /** Publishes {@code chunks} chunks at {@link #RATE} a second and waits until Kafka confirmed them all. */
    private static void publishPaced(ConnectorBench bench, MqttLoad load, String name, int chunks) throws Exception {
        long committed = bench.sourceCommitted(name, 1);
        try (SteadyStream stream = SteadyStream.start("bk-paced", chunks, CHUNK_PERIOD,
                i -> load.publish(m -> "bk/" + name + "/" + (m % SourceThroughput.MQTT_TOPICS), i * CHUNK,
                        (i + 1) * CHUNK, QOS))) {
            stream.await(Duration.ofMinutes(5));
        }
        ConnectorBench.awaitCount(() -> bench.sourceCommitted(name, 1), committed + (long) chunks * CHUNK,
                Duration.ofMinutes(5), new long[1]);
    }

    private static long latencyMicros(ConsumerRecord<byte[], byte[]> record) {
        return record.timestamp() * 1000 - MqttLoad.publishedMicros(record.value());
    }

    String markdown(SuiteOptions options, String sectionId) throws Exception {
        int messages = settings.get(0).runs().get(0).length;
        StringBuilder sb = new StringBuilder("### End-to-end latency\n\n");
        sb.append(String.format(Locale.ROOT, "%,d messages at QoS %d published at %,.0f a second (chunks of %d every "
                        + "%d ms), through one task (after a warm-up run of a quarter of that) into a topic with "
                        + "`message.timestamp.type=LogAppendTime`: a record's latency is the time Kafka appended it "
                        + "minus the publish time (microseconds since the epoch) the publisher wrote into its "
                        + "payload, both from this machine's clock. Kafka's append time has millisecond resolution, "
                        + "so each latency may read up to 1 ms short. Once with the default settings, once with the "
                        + "producer sending at once (`linger.ms=0`; Kafka 4 waits 5 ms for more records by default); "
                        + "%d runs each; median (min–max) of their percentiles.%n%n", messages, QOS, RATE, CHUNK,
                CHUNK_PERIOD.toMillis(), settings.get(0).runs().size()));
        sb.append("| Settings | p50 ms | p99 ms | p99.9 ms | max ms |\n|---|---:|---:|---:|---:|\n");
        Map<String, List<double[]>> curves = new LinkedHashMap<>();
        double[] percentiles = {50, 75, 90, 95, 99, 99.5, 99.9, 99.95, 99.99};
        for (Setting s : settings) {
            sb.append("| ").append(s.name()).append(" | ");
            for (double p : new double[] {50, 99, 99.9, 100}) {
                Spread spread = Spread.of(s.runs().stream().map(r -> percentile(r, p) / 1000.0).toList());
                sb.append(String.format(Locale.ROOT, "%.1f (%.1f–%.1f) | ", spread.median(), spread.min(),
                        spread.max()));
            }
            sb.append('\n');
            long[] first = s.runs().get(0);
            curves.put(s.name().replace("`", ""), Arrays.stream(percentiles)
                    .mapToObj(p -> new double[] {100 / (100 - p), percentile(first, p) / 1000.0}).toList());
        }
        sb.append('\n');
        Path file = Charts.lines(options.chartDir().resolve(sectionId + "-latency.png"),
                "MQTT publish to Kafka append at " + (int) RATE + " msg/s (first run of each)",
                "percentile as 1/(1-p): 2 = p50, 100 = p99, 1000 = p99.9", "latency (ms)", true, curves);
        return sb.append(options.chartLink("Source latency percentiles", file)).append("\n\n").toString();
    }

    /** The profile of an extra run of the first setting that missed its aim, or nothing. */
    String profile() {
        return profile;
    }

    private static String profiledRun(ConnectorBench bench, MqttLoad load, String name, int chunks, String setting)
            throws Exception {
        Profile profile = bench.jvm.profile(WorkerJvm.CPU_SAMPLES, "jdk.ExecutionSample",
                SourceBenchmark.PROFILE_INTRO, () -> publishPaced(bench, load, name, chunks));
        return "### Where the worker's time goes at " + (int) RATE + " msg/s, " + setting + " (latency aim missed)"
                + "\n\nOne extra latency run, recorded with JFR.\n\n" + profile.markdown() + "\n";
    }
}
