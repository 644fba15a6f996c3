package io.github.mqttbridge.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The sink connector, Kafka to MQTT: sustained throughput at each QoS against our raw client's publish rate to the
 * same broker in the same run.
 */
public final class SinkBenchmark implements BenchSection {
    private static final int PARTITIONS = 4;

    /** The rates of one QoS per repetition, and the profile of an extra round if the target was missed. */
    private record QosRates(List<Double> raw, List<Double> sink, String profile) {
        double ratio() {
            return SourceBenchmark.median(SourceBenchmark.ratios(sink, raw));
        }
    }

    @Override
    public String id() {
        return "sink";
    }

    @Override
    public String run(SuiteOptions options) throws Exception {
        ConnectorBench bench = ConnectorBench.shared();
        long startNanos = System.nanoTime();
        double loadBefore = ConnectorBench.loadAverage();
        int records = options.scaled(20_000);
        Map<Integer, QosRates> byQos = new TreeMap<>();
        options.out().println("sink: Kafka -> MQTT, " + records + " records a round, " + options.reps()
                + " repetitions");
        options.out().println("| QoS | raw publish msg/s | sink rec/s | ratio |");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                bench.kafka.bootstrapServers(), "linger.ms", "5"), new ByteArraySerializer(),
                new ByteArraySerializer());
             MqttLoad load = new MqttLoad(bench.broker.tcpUri())) {
            for (int qos = 0; qos <= 2; qos++) {
                QosRates rates = throughput(bench, options, producer, load, qos, records);
                byQos.put(qos, rates);
                options.out().printf(Locale.ROOT, "| %d | %,.0f | %,.0f | %.2f |%n", qos,
                        SourceBenchmark.median(rates.raw()), SourceBenchmark.median(rates.sink()),
                        rates.ratio());
            }
            TargetTable targets = new TargetTable();
            byQos.forEach((qos, r) -> targets.atLeast("QoS " + qos + ": sink / our raw publisher", r.ratio(),
                    SourceBenchmark.RATIO_TARGET, "%.2f"));
            StringBuilder md = new StringBuilder("## Sink connector (Kafka to MQTT)\n\n");
            md.append(method(options, records)).append(table(byQos, records)).append(chart(options, byQos));
        md.append(bench.loadNote(loadBefore, startNanos));
            md.append("### Targets\n\n").append(targets.markdown()).append('\n');
            byQos.values().forEach(r -> md.append(r.profile()));
            return md.toString();
        }
    }

    private QosRates throughput(ConnectorBench bench, SuiteOptions options, KafkaProducer<byte[], byte[]> producer,
            MqttLoad load, int qos, int records) throws Exception {
        String name = startConnector(bench, qos);
        List<Double> raw = new ArrayList<>();
        List<Double> sink = new ArrayList<>();
        try {
            int warmUp = Math.min(records, 2_000);
            rawRound(load, qos, warmUp);
            sinkRound(bench, producer, name, warmUp);
            for (int rep = 0; rep < options.reps(); rep++) {
                raw.add(rawRound(load, qos, records));
                sink.add(sinkRound(bench, producer, name, records));
            }
            QosRates measured = new QosRates(raw, sink, "");
            return measured.ratio() >= SourceBenchmark.RATIO_TARGET ? measured
                    : new QosRates(raw, sink, profile(bench, producer, name, qos, records));
        } finally {
            bench.rest().deleteConnector(name);
        }
    }

    private static String startConnector(ConnectorBench bench, int qos) throws Exception {
        String name = "bk-snk-" + ConnectorBench.uniqueId();
        bench.createTopic(name, PARTITIONS);
        bench.startSink(name, bench.sinkConfig(name, "bk/" + name + "/{partition}", qos));
        return name;
    }

    /** Our client publishing: messages a second from the first publish to the last one the broker acknowledged. */
    private static double rawRound(MqttLoad load, int qos, int messages) throws Exception {
        String prefix = "bk/raw-" + ConnectorBench.uniqueId() + "/";
        long start = System.nanoTime();
        load.publish(i -> prefix + (i % PARTITIONS), 0, messages, qos);
        return messages / ((System.nanoTime() - start) / 1e9);
    }

    /**
     * The records are put into Kafka while the connector is paused; the rate runs from the resume until the
     * broker acknowledged the last publish to the task (its {@code RecordsAcknowledged} JMX attribute).
     */
    private static double sinkRound(ConnectorBench bench, KafkaProducer<byte[], byte[]> producer, String name,
            int records) throws Exception {
        bench.pause(name, 1);
        for (int i = 0; i < records; i++) {
            producer.send(new ProducerRecord<>(name, i % PARTITIONS, null, MqttLoad.payload(i)));
        }
        producer.flush();
        long before = bench.sinkAcknowledged(name);
        long start = System.nanoTime();
        bench.rest().resume(name);
        long[] reached = new long[1];
        long end = ConnectorBench.awaitCount(() -> bench.sinkAcknowledged(name), before + records,
                Duration.ofMinutes(5), reached);
        if (reached[0] < before + records) {
            throw new IllegalStateException(name + ": only " + (reached[0] - before) + " of " + records);
        }
        return records / ((end - start) / 1e9);
    }

    private static String method(SuiteOptions options, int records) {
        return ConnectorBench.SETUP + " Rounds of " + String.format(Locale.ROOT, "%,d", records) + " messages of "
                + MqttLoad.SIZE + " bytes, no subscriber on their MQTT topics:\n\n"
                + "- **raw**: our own `MqttClient` (in the benchmark's JVM) publishes them as fast as it can (up to "
                + "1,000 in flight); the rate runs from the first publish to the last one Mosquitto acknowledged "
                + "(PUBACK at QoS 1, PUBCOMP at QoS 2, written to the socket at QoS 0);\n"
                + "- **sink**: one sink task reads them from a Kafka topic of " + PARTITIONS + " partitions, where "
                + "they were put while the connector was paused, and publishes them to one MQTT topic per "
                + "partition; the rate runs from the REST call that resumes the connector to the last publish "
                + "Mosquitto acknowledged (the task's `RecordsAcknowledged` JMX attribute, read every 5 ms), so it includes the "
                + "resume and the first fetch from Kafka.\n\n"
                + "Each QoS has a warm-up round of each, then " + options.reps() + " repetitions of raw and sink in "
                + "turn; the ratio is the sink's rate divided by the raw client's of the same repetition. At QoS 0 "
                + "a publish is complete once written to the socket, so the raw rate there is how fast our client "
                + "hands messages to the kernel, a bound the sink, which first reads each record from Kafka, cannot "
                + "approach.\n\n";
    }

    private static String table(Map<Integer, QosRates> byQos, int records) {
        StringBuilder sb = new StringBuilder("| QoS | Messages | Raw publish msg/s | Sink rec/s | Ratio |\n"
                + "|---:|---:|---:|---:|---:|\n");
        byQos.forEach((qos, r) -> sb.append(String.format(Locale.ROOT, "| %d | %,d | %s | %s | %s |%n", qos, records,
                SourceBenchmark.rate(r.raw()), SourceBenchmark.rate(r.sink()),
                SourceBenchmark.ratio(r.sink(), r.raw()))));
        return sb.append("\nRates as median (min–max) of the repetitions; ratios as median (min–max) of the "
                + "per-repetition ratios.\n\n").toString();
    }

    private String chart(SuiteOptions options, Map<Integer, QosRates> byQos) throws Exception {
        Map<String, Map<String, Double>> series = new LinkedHashMap<>();
        byQos.forEach((qos, r) -> {
            series.computeIfAbsent("raw publisher", k -> new LinkedHashMap<>()).put("QoS " + qos,
                    SourceBenchmark.median(r.raw()));
            series.computeIfAbsent("sink, 1 task", k -> new LinkedHashMap<>()).put("QoS " + qos,
                    SourceBenchmark.median(r.sink()));
        });
        Path file = Charts.bars(options.chartDir().resolve(id() + "-throughput.png"),
                "Kafka to MQTT: sink connector and our raw publisher", "QoS", "messages/s (median)", series);
        return options.chartLink("Sink throughput by QoS", file) + "\n\n";
    }

    private static final String PROFILE_INTRO = " CPU samples of the Connect worker's JVM (every millisecond per "
            + "thread running Java code; threads blocked in socket calls or waiting are not sampled).\n\nThreads "
            + "(`task-thread-*` polls Kafka and calls put(), `mqtt-<client id>-*` are our MQTT client's):\n\n";

    private static String profile(ConnectorBench bench, KafkaProducer<byte[], byte[]> producer, String name,
            int qos, int records) throws Exception {
        Profile profile = bench.jvm.profile(WorkerJvm.CPU_SAMPLES, "jdk.ExecutionSample", PROFILE_INTRO,
                () -> sinkRound(bench, producer, name, records));
        return "### Where the worker's time goes at QoS " + qos + " (target missed)\n\nOne extra round of "
                + String.format(Locale.ROOT, "%,d", records) + " records, recorded with JFR from before the pause to "
                + "the last acknowledgement.\n\n" + profile.markdown() + "\n";
    }
}
