package io.github.mqttbridge.bench;

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
 * The source connector, MQTT to Kafka: sustained throughput at each QoS with one task and with two tasks sharing a
 * subscription, against our raw client's receive rate with the same publisher in the same run, end-to-end
 * latency at a fixed offered load, the payload formats ({@link SourcePayloadFormats}) and what exactly once costs
 * ({@link SourceExactlyOnce}).
 */
public final class SourceBenchmark implements BenchSection {
    static final double LATENCY_RATE = 5_000;
    static final double P99_TARGET_MS = 20;
    private static final int LATENCY_QOS = 1;
    private static final int CHUNK = 50;
    private static final Duration CHUNK_PERIOD = Duration.ofMillis(10);
    static final String PROFILE_INTRO = " CPU samples of the Connect worker's JVM (every millisecond per thread "
            + "running Java code; threads blocked in socket calls or waiting are not sampled).\n\nThreads "
            + "(`task-thread-*` runs poll() and hands records to the producer, `kafka-producer-network-thread` "
            + "sends them, `mqtt-<client id>-*` are our MQTT client's):\n\n";

    /** The sorted latencies of each run in microseconds, and the profile of an extra run if p99 missed its target. */
    private record Latency(List<long[]> runs, String profile) {
        double p99Millis() {
            return median(runs.stream().map(l -> percentile(l, 99) / 1000.0).toList());
        }
    }

    @Override
    public String id() {
        return "source";
    }

    @Override
    public String run(SuiteOptions options) throws Exception {
        ConnectorBench bench = ConnectorBench.shared();
        long startNanos = System.nanoTime();
        double loadBefore = ConnectorBench.loadAverage();
        SourceThroughput throughput = new SourceThroughput();
        throughput.run(bench, options);
        Latency latency = latency(bench, options);
        String formats = new SourcePayloadFormats().run(bench, options);
        String exactlyOnce = new SourceExactlyOnce().run(bench, options);

        TargetTable targets = new TargetTable();
        throughput.addTargets(targets);
        targets.below("p99 latency at " + (int) LATENCY_RATE + " msg/s (ms, median of " + latency.runs().size() + ")",
                latency.p99Millis(), P99_TARGET_MS, "%.1f");

        StringBuilder md = new StringBuilder("## Source connector (MQTT to Kafka)\n\n");
        md.append(throughput.markdown(options, id()));
        md.append(bench.loadNote(loadBefore, startNanos));
        md.append(latencyMarkdown(options, latency.runs()));
        md.append(formats);
        md.append(exactlyOnce);
        md.append("### Targets\n\n").append(targets.markdown()).append('\n');
        md.append(throughput.profiles());
        return md.append(latency.profile()).toString();
    }

    /** Issue #17's aim for a connector's rate over our raw client's, source and sink alike, at {@code qos}. */
    static double ratioAim(int qos) {
        return qos == 0 ? 0.6 : 0.8;
    }

    /**
     * Messages published at {@link #LATENCY_RATE} a second through one task; each record's latency is Kafka's
     * append time minus the publish time in its payload, in microseconds, sorted.
     */
    private static Latency latency(ConnectorBench bench, SuiteOptions options) throws Exception {
        String name = SourceThroughput.startConnector(bench, LATENCY_QOS, 1);
        int chunks = options.scaled(400);
        int messages = chunks * CHUNK;
        List<long[]> runs = new ArrayList<>();
        try (MqttLoad load = new MqttLoad(bench.broker.tcpUri())) {
            // a warm-up run, so that the measured ones do not include the first JIT compilations
            long before = bench.sourceCommitted(name, 1);
            publishPaced(load, name, chunks / 4);
            ConnectorBench.awaitCount(() -> bench.sourceCommitted(name, 1), before + (chunks / 4) * CHUNK,
                    Duration.ofMinutes(5), new long[1]);
            for (int rep = 0; rep < options.reps(); rep++) {
                Map<TopicPartition, Long> from = bench.kafkaClient().endOffsets(name);
                long committed = bench.sourceCommitted(name, 1);
                publishPaced(load, name, chunks);
                ConnectorBench.awaitCount(() -> bench.sourceCommitted(name, 1), committed + messages,
                        Duration.ofMinutes(5), new long[1]);
                long[] micros = bench.kafkaClient().readAll(name).stream()
                        .filter(r -> r.offset() >= from.get(new TopicPartition(r.topic(), r.partition())))
                        .mapToLong(SourceBenchmark::latencyMicros).sorted().toArray();
                if (micros.length != messages) {
                    throw new IllegalStateException("latency run: " + micros.length + " of " + messages + " records");
                }
                runs.add(micros);
                options.out().printf(Locale.ROOT, "latency at %,.0f msg/s: p50 %.1f ms, p99 %.1f ms, p99.9 %.1f ms%n",
                        LATENCY_RATE, percentile(micros, 50) / 1000.0, percentile(micros, 99) / 1000.0,
                        percentile(micros, 99.9) / 1000.0);
            }
            Latency measured = new Latency(runs, "");
            return measured.p99Millis() < P99_TARGET_MS ? measured
                    : new Latency(runs, profileLatency(bench, load, name, chunks));
        } finally {
            bench.rest().deleteConnector(name);
        }
    }

    /** Messages 0 to {@code chunks * CHUNK - 1} at {@link #LATENCY_RATE} a second, to the connector's filter. */
    private static void publishPaced(MqttLoad load, String name, int chunks) throws Exception {
        try (SteadyStream stream = SteadyStream.start("bk-paced", chunks, CHUNK_PERIOD,
                i -> load.publish(m -> "bk/" + name + "/" + (m % SourceThroughput.MQTT_TOPICS), i * CHUNK,
                        (i + 1) * CHUNK, LATENCY_QOS))) {
            stream.await(Duration.ofMinutes(5));
        }
    }

    private static long latencyMicros(ConsumerRecord<byte[], byte[]> record) {
        return record.timestamp() * 1000 - MqttLoad.publishedMicros(record.value());
    }

    /** The nearest-rank percentile; the slack keeps 99.9 % of 1,000 at rank 999 despite binary fractions. */
    static double percentile(long[] sorted, double p) {
        int index = (int) Math.ceil(p * sorted.length / 100 - 1e-9) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    static double median(List<Double> values) {
        return Spread.of(values).median();
    }

    static String rate(List<Double> values) {
        Spread s = Spread.of(values);
        return String.format(Locale.ROOT, "%,.0f (%,.0f–%,.0f)", s.median(), s.min(), s.max());
    }

    /** The ratio of each repetition: the connector's rate over the raw client's measured next to it. */
    static List<Double> ratios(List<Double> numerators, List<Double> denominators) {
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < numerators.size(); i++) {
            ratios.add(numerators.get(i) / denominators.get(i));
        }
        return ratios;
    }

    static String ratio(List<Double> numerators, List<Double> denominators) {
        Spread s = Spread.of(ratios(numerators, denominators));
        return String.format(Locale.ROOT, "%.2f (%.2f–%.2f)", s.median(), s.min(), s.max());
    }

    private String latencyMarkdown(SuiteOptions options, List<long[]> runs) throws Exception {
        int messages = runs.get(0).length;
        StringBuilder sb = new StringBuilder("### End-to-end latency\n\n");
        sb.append(String.format(Locale.ROOT, "%,d messages at QoS %d published at %,.0f a second (chunks of %d every "
                        + "%d ms), through one task (after a warm-up run of a quarter of that) into a topic with "
                        + "`message.timestamp.type=LogAppendTime`: a "
                        + "record's latency is the time Kafka appended it minus the publish time (microseconds since "
                        + "the epoch) the publisher wrote into its payload, both from this machine's clock. Kafka's "
                        + "append time has millisecond resolution, so each latency may read up to 1 ms short. %d "
                        + "runs; median (min–max) of their percentiles.%n%n", messages, LATENCY_QOS, LATENCY_RATE,
                CHUNK, CHUNK_PERIOD.toMillis(), runs.size()));
        sb.append("| p50 ms | p99 ms | p99.9 ms | max ms |\n|---:|---:|---:|---:|\n| ");
        for (double p : new double[] {50, 99, 99.9, 100}) {
            Spread s = Spread.of(runs.stream().map(r -> percentile(r, p) / 1000.0).toList());
            sb.append(String.format(Locale.ROOT, "%.1f (%.1f–%.1f) | ", s.median(), s.min(), s.max()));
        }
        sb.append("\n\n");
        Map<String, List<double[]>> curves = new LinkedHashMap<>();
        double[] percentiles = {50, 75, 90, 95, 99, 99.5, 99.9, 99.95, 99.99};
        for (int i = 0; i < runs.size(); i++) {
            long[] run = runs.get(i);
            curves.put("run " + (i + 1), Arrays.stream(percentiles)
                    .mapToObj(p -> new double[] {100 / (100 - p), percentile(run, p) / 1000.0}).toList());
        }
        Path file = Charts.lines(options.chartDir().resolve(id() + "-latency.png"),
                "MQTT publish to Kafka append at " + (int) LATENCY_RATE + " msg/s",
                "percentile as 1/(1-p): 2 = p50, 100 = p99, 1000 = p99.9", "latency (ms)", true, curves);
        return sb.append(options.chartLink("Source latency percentiles", file)).append("\n\n").toString();
    }

    private static String profileLatency(ConnectorBench bench, MqttLoad load, String name, int chunks)
            throws Exception {
        Profile profile = bench.jvm.profile(WorkerJvm.CPU_SAMPLES, "jdk.ExecutionSample", PROFILE_INTRO,
                () -> publishPaced(load, name, chunks));
        return "### Where the worker's time goes at " + (int) LATENCY_RATE + " msg/s (latency target missed)\n\n"
                + "One extra latency run, recorded with JFR.\n\n" + profile.markdown() + "\n";
    }
}
