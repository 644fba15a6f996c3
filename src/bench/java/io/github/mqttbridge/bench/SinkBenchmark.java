package io.github.mqttbridge.bench;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The sink connector, Kafka to MQTT: sustained throughput at each QoS against our raw client's publish rate to the
 * same broker in the same run, in {@link SteadyRound}s, with what each record cost the worker (or each message our
 * raw client) and how the machine's cores were shared.
 */
public final class SinkBenchmark implements BenchSection {
    /**
     * The worker CPU a QoS 1 record cost the sink before the work to halve it (the run of 2026-12-02 on this
     * machine, recorded in the performance issue): the aim is half of it.
     */
    static final double QOS1_MICROS_BEFORE = 24.7;
    private static final String RAW = "raw";
    private static final String SINK = "sink";
    private static final int PARTITIONS = 4;

    /** The state of the run under way, fresh in each {@link #run}. */
    private SteadyResults results;
    private Map<Integer, String> profiles;
    private SteadyRound round;

    @Override
    public String id() {
        return "sink";
    }

    @Override
    public String run(SuiteOptions options) throws Exception {
        ConnectorBench bench = ConnectorBench.shared();
        long startNanos = System.nanoTime();
        double loadBefore = ConnectorBench.loadAverage();
        results = new SteadyResults();
        profiles = new TreeMap<>();
        round = SteadyRound.of(bench, options);
        options.out().println("sink: Kafka -> MQTT, " + round.describe() + " a round, " + options.reps()
                + " repetitions");
        options.out().println("| QoS | raw publish msg/s | sink rec/s | ratio |");
        try (KafkaProducer<byte[], byte[]> producer = feedProducer(bench);
             MqttLoad load = new MqttLoad(bench.broker.tcpUri())) {
            for (int qos = 0; qos <= 2; qos++) {
                throughput(bench, options, producer, load, qos);
                options.out().printf(Locale.ROOT, "| %d | %,.0f | %,.0f | %.2f |%n", qos,
                        SourceBenchmark.median(results.rates(qos, RAW)),
                        SourceBenchmark.median(results.rates(qos, SINK)), ratio(qos));
            }
        }
        TargetTable targets = new TargetTable();
        results.qosLevels().forEach(qos -> targets.atLeast("QoS " + qos + ": sink / our raw publisher", ratio(qos),
                SourceBenchmark.ratioAim(qos), "%.2f"));
        if (results.qosLevels().contains(1)) {
            targets.below("QoS 1: worker CPU µs per record (half of " + QOS1_MICROS_BEFORE + " before)",
                    results.workerMicrosPerRecord(1, SINK), QOS1_MICROS_BEFORE / 2, "%.1f");
        }
        return "## Sink connector (Kafka to MQTT)\n\n" + method(options)
                + results.throughputTable(RAW, "Raw publish msg/s", List.of(SINK)) + chart(options)
                + results.costTable(RAW, List.of(SINK), "the raw publisher", "reader, writer, callbacks, completions,"
                        + " timer) and of the thread that calls `publish()` (`" + MqttFeed.THREAD_PREFIX + "*`, which"
                        + " also builds each " + MqttLoad.SIZE + "-byte payload")
                + results.splitTable()
                + (results.qosLevels().contains(1) ? results.threadTable(1, SINK) : "")
                + bench.loadNote(loadBefore, startNanos)
                + "### Targets\n\n" + targets.markdown() + "\n" + String.join("", profiles.values());
    }

    private void throughput(ConnectorBench bench, SuiteOptions options, KafkaProducer<byte[], byte[]> producer,
            MqttLoad load, int qos) throws Exception {
        String name = startConnector(bench, qos, PARTITIONS, 1);
        try {
            for (int rep = 0; rep < options.reps(); rep++) {
                results.add(qos, RAW, rawRound(load, qos));
                results.add(qos, SINK, sinkRound(bench, producer, name, qos));
            }
            if (ratio(qos) < SourceBenchmark.ratioAim(qos)) {
                profiles.put(qos, profile(bench, producer, name, qos));
            }
        } finally {
            bench.rest().deleteConnector(name);
        }
    }

    /** Our client publishing: messages the broker acknowledged (written to the socket at QoS 0). */
    private SteadyResult rawRound(MqttLoad load, int qos) throws Exception {
        String prefix = "bk/raw-" + ConnectorBench.uniqueId() + "/";
        return round.run(new MqttFeed(load, i -> prefix + (i % PARTITIONS), qos), load::completed, qos,
                List.of(load.clientThreadPrefix(), MqttFeed.THREAD_PREFIX));
    }

    /** The producer that feeds the sinks' topics. */
    static KafkaProducer<byte[], byte[]> feedProducer(ConnectorBench bench) {
        return new KafkaProducer<>(Map.of("bootstrap.servers", bench.kafka.bootstrapServers(), "linger.ms", "5"),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    /**
     * A sink connector with {@code tasks} tasks reading a topic of its own name with {@code partitions} partitions
     * and publishing each partition's records to an MQTT topic of its own; returns its name.
     */
    static String startConnector(ConnectorBench bench, int qos, int partitions, int tasks) {
        String name = "bk-snk-" + ConnectorBench.uniqueId();
        bench.createTopic(name, partitions);
        bench.startSink(name, bench.sinkConfig(name, "bk/" + name + "/{partition}", qos, tasks));
        return name;
    }

    /**
     * The sink {@code name} fed from Kafka over its topic's {@code partitions}: publishes the broker acknowledged
     * to its {@code tasks} tasks (their RecordsAcknowledged).
     */
    static SteadyResult connectorRound(SteadyRound round, ConnectorBench bench, KafkaProducer<byte[], byte[]> producer,
            String name, int partitions, int tasks, int qos) throws Exception {
        return round.run(new KafkaFeed(producer, name, partitions), () -> bench.sinkAcknowledged(name, tasks), qos,
                List.of());
    }

    private SteadyResult sinkRound(ConnectorBench bench, KafkaProducer<byte[], byte[]> producer, String name,
            int qos) throws Exception {
        return connectorRound(round, bench, producer, name, PARTITIONS, 1, qos);
    }

    /** The median of the repetitions' ratios of the sink to the raw publisher measured next to it. */
    private double ratio(int qos) {
        return SourceBenchmark.median(SourceBenchmark.ratios(results.rates(qos, SINK), results.rates(qos, RAW)));
    }

    private String method(SuiteOptions options) {
        return ConnectorBench.SETUP + " Messages of " + MqttLoad.SIZE + " bytes, no subscriber on their MQTT "
                + "topics:\n\n"
                + "- **raw**: our own `MqttClient` (in the benchmark's JVM) publishes them as fast as it can (up to "
                + "1,000 in flight), counting those Mosquitto acknowledged (PUBACK at QoS 1, PUBCOMP at QoS 2, "
                + "written to the socket at QoS 0);\n"
                + "- **sink**: one sink task reads them from a Kafka topic of " + PARTITIONS + " partitions and "
                + "publishes them to one MQTT topic per partition, counting the publishes Mosquitto acknowledged "
                + "(the task's `RecordsAcknowledged` JMX attribute). A Kafka producer in the benchmark's JVM keeps "
                + String.format(Locale.ROOT, "%,d", SteadyRound.BACKLOG) + " records in the topic ahead of that "
                + "count (topped up every " + ConnectorBench.POLL.toMillis() + " ms), so the task always has records "
                + "to fetch and the producer runs only as fast as the sink drains, as it would behind a steady "
                + "stream of data; the connector runs throughout, without the pause and resume of a pre-filled "
                + "burst.\n\n"
                + round.method() + options.reps() + " repetitions of raw and sink in turn; the ratio is the sink's "
                + "rate divided by the raw client's of the same repetition. The smallest backlog the sink had "
                + "waiting during a window: " + String.format(Locale.ROOT, "%,d", results.minBacklog(List.of(SINK)))
                + " messages. At QoS 0 a publish is complete once written to the socket, so in a steady flow the raw "
                + "rate is as fast as Mosquitto takes the bytes off it.\n\n";
    }

    private String chart(SuiteOptions options) throws Exception {
        Map<String, Map<String, Double>> series = new LinkedHashMap<>();
        for (int qos : results.qosLevels()) {
            series.computeIfAbsent("raw publisher", k -> new LinkedHashMap<>()).put("QoS " + qos,
                    SourceBenchmark.median(results.rates(qos, RAW)));
            series.computeIfAbsent("sink, 1 task", k -> new LinkedHashMap<>()).put("QoS " + qos,
                    SourceBenchmark.median(results.rates(qos, SINK)));
        }
        Path file = Charts.bars(options.chartDir().resolve(id() + "-throughput.png"),
                "Kafka to MQTT: sink connector and our raw publisher", "QoS", "messages/s (median)", series);
        return options.chartLink("Sink throughput by QoS", file) + "\n\n";
    }

    private static final String PROFILE_INTRO = " CPU samples of the Connect worker's JVM (every millisecond per "
            + "thread running Java code; threads blocked in socket calls or waiting are not sampled).\n\nThreads "
            + "(`task-thread-*` polls Kafka and calls put(), `mqtt-<client id>-*` are our MQTT client's):\n\n";

    private String profile(ConnectorBench bench, KafkaProducer<byte[], byte[]> producer, String name, int qos)
            throws Exception {
        Profile profile = bench.jvm.profile(WorkerJvm.CPU_SAMPLES, "jdk.ExecutionSample", PROFILE_INTRO,
                () -> sinkRound(bench, producer, name, qos));
        return "### Where the worker's time goes at QoS " + qos + " (target missed)\n\nOne extra round, recorded "
                + "with JFR from its start to its last acknowledgement.\n\n" + profile.markdown() + "\n";
    }
}
