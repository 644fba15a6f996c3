package io.github.mqttbridge.bench;

import io.github.mqttbridge.client.ConnectOptions;
import io.github.mqttbridge.client.MqttClient;
import io.github.mqttbridge.testing.SteadyStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * The source connector, MQTT to Kafka: sustained throughput at each QoS with one task and with two tasks sharing a
 * subscription, against our raw client's receive rate with the same publisher in the same run, end-to-end
 * latency at a fixed offered load, the payload formats ({@link SourcePayloadFormats}) and what exactly once costs
 * ({@link SourceExactlyOnce}).
 */
public final class SourceBenchmark implements BenchSection {
    static final double RATIO_TARGET = 0.7;
    static final double LATENCY_RATE = 5_000;
    static final double P99_TARGET_MS = 20;
    private static final int LATENCY_QOS = 1;
    private static final int MQTT_TOPICS = 8;
    private static final int PARTITIONS = 3;
    private static final Duration QUIET = Duration.ofSeconds(3);
    private static final int CHUNK = 50;
    private static final Duration CHUNK_PERIOD = Duration.ofMillis(10);
    static final String PROFILE_INTRO = " CPU samples of the Connect worker's JVM (every millisecond per thread "
            + "running Java code; threads blocked in socket calls or waiting are not sampled).\n\nThreads "
            + "(`task-thread-*` runs poll() and hands records to the producer, `kafka-producer-network-thread` "
            + "sends them, `mqtt-<client id>-*` are our MQTT client's):\n\n";

    /**
     * The rates of one QoS: our raw subscriber's and the connector's with one and two tasks, per repetition; and,
     * when one task missed its target, the profile of an extra round (else empty).
     */
    private record QosRates(List<Double> raw, List<Double> oneTask, List<Double> twoTasks, long lost,
                            String profile) {
        double ratio() {
            return median(ratios(oneTask, raw));
        }
    }

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
        int messages = options.scaled(10_000);
        Map<Integer, QosRates> byQos = new TreeMap<>();
        options.out().println("source: MQTT -> Kafka, " + messages + " messages a round, " + options.reps()
                + " repetitions");
        options.out().println("| QoS | raw msg/s | 1 task rec/s | 2 tasks rec/s | ratio 1 task | ratio 2 tasks |");
        for (int qos = 0; qos <= 2; qos++) {
            QosRates rates = throughput(bench, options, qos, messages);
            byQos.put(qos, rates);
            options.out().printf(Locale.ROOT, "| %d | %,.0f | %,.0f | %,.0f | %.2f | %.2f |%n", qos,
                    median(rates.raw()), median(rates.oneTask()), median(rates.twoTasks()),
                    median(ratios(rates.oneTask(), rates.raw())), median(ratios(rates.twoTasks(), rates.raw())));
        }
        Latency latency = latency(bench, options);
        String formats = new SourcePayloadFormats().run(bench, options);
        String exactlyOnce = new SourceExactlyOnce().run(bench, options);

        TargetTable targets = new TargetTable();
        byQos.forEach((qos, r) -> targets.atLeast("QoS " + qos + ": one task / our raw subscriber", r.ratio(),
                RATIO_TARGET, "%.2f"));
        targets.below("p99 latency at " + (int) LATENCY_RATE + " msg/s (ms, median of " + latency.runs().size() + ")",
                latency.p99Millis(), P99_TARGET_MS, "%.1f");

        StringBuilder md = new StringBuilder("## Source connector (MQTT to Kafka)\n\n");
        md.append(method(options, messages));
        md.append(bench.loadNote(loadBefore, startNanos));
        md.append(throughputTable(byQos, messages));
        md.append(chart(options, byQos));
        md.append(latencyMarkdown(options, latency.runs()));
        md.append(formats);
        md.append(exactlyOnce);
        md.append("### Targets\n\n").append(targets.markdown()).append('\n');
        byQos.values().forEach(r -> md.append(r.profile()));
        return md.append(latency.profile()).toString();
    }

    private QosRates throughput(ConnectorBench bench, SuiteOptions options, int qos, int messages)
            throws Exception {
        String one = startConnector(bench, qos, 1);
        String two = startConnector(bench, qos, 2);
        List<Double> raw = new ArrayList<>();
        List<Double> oneTask = new ArrayList<>();
        List<Double> twoTasks = new ArrayList<>();
        long lost = 0;
        try (MqttLoad load = new MqttLoad(bench.broker.tcpUri())) {
            int warmUp = Math.min(messages, 2_000);
            rawRound(bench, load, qos, warmUp);
            connectorRound(bench, load, one, 1, qos, warmUp);
            connectorRound(bench, load, two, 2, qos, warmUp);
            // Interleaved, so that a change in the machine's load hits the raw client and the connector alike.
            for (int rep = 0; rep < options.reps(); rep++) {
                raw.add(rawRound(bench, load, qos, messages));
                double[] r1 = connectorRound(bench, load, one, 1, qos, messages);
                double[] r2 = connectorRound(bench, load, two, 2, qos, messages);
                oneTask.add(r1[0]);
                twoTasks.add(r2[0]);
                lost += (long) (r1[1] + r2[1]);
            }
            QosRates measured = new QosRates(raw, oneTask, twoTasks, lost, "");
            return measured.ratio() >= RATIO_TARGET ? measured
                    : new QosRates(raw, oneTask, twoTasks, lost, profileThroughput(bench, load, one, qos, messages));
        } finally {
            bench.rest().deleteConnector(one);
            bench.rest().deleteConnector(two);
        }
    }

    /** A connector reading {@code bk/<name>/+} (through a shared subscription with two tasks). */
    private static String startConnector(ConnectorBench bench, int qos, int tasks) throws Exception {
        String name = "bk-src-" + ConnectorBench.uniqueId();
        String filter = "bk/" + name + "/+";
        bench.createTopic(name, PARTITIONS);
        bench.startSource(name, bench.sourceConfig(tasks > 1 ? "$share/" + name + "/" + filter : filter, qos,
                tasks, name));
        return name;
    }

    /** Our client as the subscriber: messages a second from the first publish to the last message received. */
    private static double rawRound(ConnectorBench bench, MqttLoad load, int qos, int messages) throws Exception {
        String prefix = "bk/raw-" + ConnectorBench.uniqueId() + "/";
        Receiver receiver = new Receiver(messages);
        MqttClient subscriber = new MqttClient(bench.broker.tcpUri(), "bk-raw-" + ConnectorBench.uniqueId());
        try {
            subscriber.onMessageArrived(m -> receiver.accept(m.payloadBytes()));
            subscriber.connect(ConnectOptions.defaults()).get(30, TimeUnit.SECONDS);
            subscriber.subscribe(prefix + "+", qos).get(30, TimeUnit.SECONDS);
            long start = System.nanoTime();
            load.publish(i -> prefix + (i % MQTT_TOPICS), 0, messages, qos);
            long end = receiver.awaitLast(qos, "raw subscriber at QoS " + qos);
            return receiver.distinct() / ((end - start) / 1e9);
        } finally {
            subscriber.disconnect().get(30, TimeUnit.SECONDS);
            subscriber.close();
        }
    }

    /**
     * The connector as the subscriber: records a second from the first publish until Kafka confirmed the last
     * record to the task, and how many of the messages never arrived (QoS 0 only may lose any).
     */
    private static double[] connectorRound(ConnectorBench bench, MqttLoad load, String name, int tasks, int qos,
            int messages) throws Exception {
        long before = bench.sourceCommitted(name, tasks);
        long start = System.nanoTime();
        load.publish(i -> "bk/" + name + "/" + (i % MQTT_TOPICS), 0, messages, qos);
        long[] reached = new long[1];
        long end = ConnectorBench.awaitCount(() -> bench.sourceCommitted(name, tasks), before + messages,
                qos == 0 ? QUIET : Duration.ofMinutes(5), reached);
        long arrived = reached[0] - before;
        if (qos > 0 && arrived < messages) {
            throw new IllegalStateException(name + " QoS " + qos + ": only " + arrived + " of " + messages);
        }
        return new double[] {arrived / ((end - start) / 1e9), messages - arrived};
    }

    /**
     * Messages published at {@link #LATENCY_RATE} a second through one task; each record's latency is Kafka's
     * append time minus the publish time in its payload, in microseconds, sorted.
     */
    private static Latency latency(ConnectorBench bench, SuiteOptions options) throws Exception {
        String name = startConnector(bench, LATENCY_QOS, 1);
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
                i -> load.publish(m -> "bk/" + name + "/" + (m % MQTT_TOPICS), i * CHUNK, (i + 1) * CHUNK,
                        LATENCY_QOS))) {
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

    private static String method(SuiteOptions options, int messages) {
        return ConnectorBench.SETUP + " Kafka topics with " + PARTITIONS + " partitions. One publisher (our client, in the benchmark's JVM) publishes "
                + String.format(Locale.ROOT, "%,d", messages) + " messages of " + MqttLoad.SIZE + " bytes over "
                + MQTT_TOPICS + " MQTT topics as fast as it can (up to 1,000 in flight) to whichever subscriber the "
                + "round measures:\n\n"
                + "- **raw**: our own `MqttClient` subscribed at the same QoS in the benchmark's JVM; the rate runs "
                + "from the first publish to the last message received;\n"
                + "- **1 task**: the source connector with one task; the rate runs from the first publish until "
                + "Kafka confirmed the last record to the task (its `RecordsCommitted` JMX attribute);\n"
                + "- **2 tasks**: the same with `tasks.max=2` on a shared subscription `$share/<group>/<filter>`, "
                + "which Mosquitto balances between the two tasks.\n\n"
                + "Each QoS has a warm-up round of each kind, then " + options.reps() + " repetitions, each running "
                + "raw, 1 task and 2 tasks in turn, so that a change in the load of this shared " + Runtime
                .getRuntime().availableProcessors() + "-core machine hits all three alike. The ratio is the "
                + "connector's rate divided by the raw subscriber's of the same repetition. At QoS 1 and 2 each "
                + "message is acknowledged to the broker only after Kafka confirmed its record, so the connector "
                + "pays a Kafka round trip that the raw subscriber does not.\n\n";
    }

    private static String throughputTable(Map<Integer, QosRates> byQos, int messages) {
        StringBuilder sb = new StringBuilder("| QoS | Messages | Raw msg/s | 1 task rec/s | 2 tasks rec/s | Ratio 1 task "
                + "| Ratio 2 tasks | Lost (QoS 0) |\n|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        byQos.forEach((qos, r) -> sb.append(String.format(Locale.ROOT, "| %d | %,d | %s | %s | %s | %s | %s | %d |%n",
                qos, messages, rate(r.raw()), rate(r.oneTask()), rate(r.twoTasks()), ratio(r.oneTask(), r.raw()),
                ratio(r.twoTasks(), r.raw()), r.lost())));
        return sb.append("\nRates as median (min–max) of the repetitions; ratios as median (min–max) of the "
                + "per-repetition ratios.\n\n").toString();
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

    private String chart(SuiteOptions options, Map<Integer, QosRates> byQos) throws Exception {
        Map<String, Map<String, Double>> series = new LinkedHashMap<>();
        byQos.forEach((qos, r) -> {
            series.computeIfAbsent("raw subscriber", k -> new LinkedHashMap<>()).put("QoS " + qos, median(r.raw()));
            series.computeIfAbsent("source, 1 task", k -> new LinkedHashMap<>()).put("QoS " + qos,
                    median(r.oneTask()));
            series.computeIfAbsent("source, 2 tasks", k -> new LinkedHashMap<>()).put("QoS " + qos,
                    median(r.twoTasks()));
        });
        Path file = Charts.bars(options.chartDir().resolve(id() + "-throughput.png"),
                "MQTT to Kafka: source connector and our raw subscriber", "QoS", "messages/s (median)", series);
        return options.chartLink("Source throughput by QoS", file) + "\n\n";
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

    private static String profileThroughput(ConnectorBench bench, MqttLoad load, String name, int qos,
            int messages) throws Exception {
        Profile profile = bench.jvm.profile(WorkerJvm.CPU_SAMPLES, "jdk.ExecutionSample", PROFILE_INTRO,
                () -> connectorRound(bench, load, name, 1, qos, messages));
        return "### Where the worker's time goes at QoS " + qos + " (target missed)\n\nOne extra round of "
                + String.format(Locale.ROOT, "%,d", messages) + " messages through one task, recorded with JFR.\n\n"
                + profile.markdown() + "\n";
    }

    private static String profileLatency(ConnectorBench bench, MqttLoad load, String name, int chunks)
            throws Exception {
        Profile profile = bench.jvm.profile(WorkerJvm.CPU_SAMPLES, "jdk.ExecutionSample", PROFILE_INTRO,
                () -> publishPaced(load, name, chunks));
        return "### Where the worker's time goes at " + (int) LATENCY_RATE + " msg/s (latency target missed)\n\n"
                + "One extra latency run, recorded with JFR.\n\n" + profile.markdown() + "\n";
    }
}
