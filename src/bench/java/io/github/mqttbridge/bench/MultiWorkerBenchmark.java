package io.github.mqttbridge.bench;

import static org.awaitility.Awaitility.await;

import io.github.mqttbridge.client.MqttClient;
import io.github.mqttbridge.connect.sink.SinkTraffic;
import io.github.mqttbridge.connect.sink.Subscriber;
import io.github.mqttbridge.connect.source.SourceTraffic;
import io.github.mqttbridge.testing.ConnectRest;
import io.github.mqttbridge.testing.ConnectRest.ConnectorStatus;
import io.github.mqttbridge.testing.ConnectRest.TaskStatus;
import io.github.mqttbridge.testing.ConnectWorkerProcess;
import io.github.mqttbridge.testing.KafkaConnectCluster;
import io.github.mqttbridge.testing.Machine;
import io.github.mqttbridge.testing.MosquittoBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * Throughput of the source and the sink connector on a Connect cluster of 1, 2 and 3 distributed workers, each
 * a JVM of its own, on this one machine. The connectors keep their tasks while the cluster grows: a source with
 * six tasks on one shared subscription and a sink with six tasks on a six-partition topic, spread over the
 * workers by Connect. Each round pauses a connector, builds a backlog (QoS 1 messages at Mosquitto, or records in
 * Kafka), resumes it and times the drain into Kafka or to an MQTT subscriber, so the figure is the cluster's
 * rate, not the producer's. Run alone with {@code bench/run --only=multiworker}.
 */
public final class MultiWorkerBenchmark implements BenchSection {

    private static final int MAX_WORKERS = 3;
    private static final int TASKS = 6;
    private static final int PARTITIONS = 6;
    private static final int STANDARD_MESSAGES = 12_000;
    private static final Duration DRAIN = Duration.ofMinutes(5);

    @Override
    public String id() {
        return "multiworker";
    }

    @Override
    public String run(SuiteOptions options) throws Exception {
        int messages = options.scaled(STANDARD_MESSAGES);
        double loadBefore = Machine.loadAverage();
        Map<String, Map<String, Double>> medians = new LinkedHashMap<>();
        List<String> rows = new ArrayList<>();
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<ConnectWorkerProcess> workers = new ArrayList<>();
        try (MosquittoBroker broker = MosquittoBroker.builder().start();
             KafkaConnectCluster kafka = KafkaConnectCluster.builder().startKafkaOnly()) {
            Cluster cluster = new Cluster(kafka, broker, workers, run);
            for (int n = 1; n <= MAX_WORKERS; n++) {
                cluster.addWorker();
                options.out().printf("%d worker(s): tasks %s%n", n, cluster.awaitSpread(n));
                // The new worker's JVM is cold: one short round each way before the measured ones.
                cluster.sourceRound(Math.max(1, messages / 5));
                cluster.sinkRound(Math.max(1, messages / 5));
                List<Double> source = new ArrayList<>();
                List<Double> sink = new ArrayList<>();
                for (int r = 0; r < options.reps(); r++) {
                    source.add(cluster.sourceRound(messages));
                    sink.add(cluster.sinkRound(messages));
                }
                for (var direction : List.of(Map.entry("MQTT to Kafka (source)", source),
                        Map.entry("Kafka to MQTT (sink)", sink))) {
                    Spread spread = Spread.of(direction.getValue());
                    String row = String.format(Locale.ROOT, "| %d | %s | %,d | %,.0f | %,.0f–%,.0f |", n,
                            direction.getKey(), messages, spread.median(), spread.min(), spread.max());
                    options.out().println(row);
                    rows.add(row);
                    medians.computeIfAbsent(direction.getKey(), k -> new LinkedHashMap<>())
                            .put(n + (n == 1 ? " worker" : " workers"), spread.median());
                }
            }
        } finally {
            workers.forEach(ConnectWorkerProcess::close);
        }
        Path chart = Charts.bars(options.chartDir().resolve(id() + "-throughput.png"),
                "Connector throughput by number of Connect workers (median)", "Connect workers", "records/s",
                medians);
        return markdown(options, messages, rows, chart, loadBefore, Machine.loadAverage());
    }

    private static String markdown(SuiteOptions options, int messages, List<String> rows, Path chart,
                                   double loadBefore, double loadAfter) {
        return "## Connectors on 1, 2 and 3 Connect workers\n\n"
                + "One Kafka broker (KRaft, in the benchmark's JVM), Mosquitto, and 1, then 2, then 3 distributed "
                + "Connect workers in one group, each a JVM of its own (`-Xmx512m -XX:+UseSerialGC`), all on the "
                + "same " + Runtime.getRuntime().availableProcessors() + "-core machine, which other builds "
                + "shared. The connectors stay deployed while workers join, and Connect spreads their tasks over "
                + "the workers: a source with " + TASKS + " tasks on one shared subscription at QoS 1 "
                + "(persistent sessions) and a sink with " + TASKS + " tasks on a " + PARTITIONS + "-partition "
                + "topic publishing at QoS 1. A round pauses one connector, builds a backlog of N = "
                + String.format(Locale.ROOT, "%,d", messages) + " (QoS 1 messages of a few bytes at Mosquitto, "
                + "or string records in Kafka), resumes it and times from the resume until Kafka holds N more "
                + "records (source) or an independent subscriber (HiveMQ client) has received N more messages "
                + "(sink). After each worker joins: one unmeasured round each way of N/5, then " + options.reps()
                + " measured round(s) each way; median and range.\n\n"
                + "All workers share two cores with Kafka, Mosquitto and the benchmark itself, so more workers "
                + "add JVMs, not CPU: these figures show what a rebalanced cluster costs on one machine, not how "
                + "the bridge scales over machines. Load average (1 min): "
                + String.format(Locale.ROOT, "%.2f before, %.2f after", loadBefore, loadAfter) + ".\n\n"
                + "| Workers | Direction | N | Records/s (median) | min–max |\n|---:|---|---:|---:|---:|\n"
                + String.join("\n", rows) + "\n\n"
                + options.chartLink("Connector throughput by number of Connect workers", chart) + "\n";
    }

    /** The broker, Kafka, the workers and both connectors, with one round of each measurement. */
    private static final class Cluster {
        private final KafkaConnectCluster kafka;
        private final MosquittoBroker broker;
        private final List<ConnectWorkerProcess> workers;
        private final String group;
        private final String source;
        private final String sink;
        private final String kafkaTopic;
        private final String sinkTopic;
        private int sinkPerPartition;

        Cluster(KafkaConnectCluster kafka, MosquittoBroker broker, List<ConnectWorkerProcess> workers, String run) {
            this.kafka = kafka;
            this.broker = broker;
            this.workers = workers;
            this.group = "bench-mw-" + run;
            this.source = "bench-src-" + run;
            this.sink = "bench-sink-" + run;
            this.kafkaTopic = "bench-from-mqtt-" + run;
            this.sinkTopic = "bench-to-mqtt-" + run;
        }

        /** Starts one more worker; the first one also gets the topics and both connectors. */
        void addWorker() {
            workers.add(ConnectWorkerProcess.builder(kafka.bootstrapServers()).group(group).start());
            if (workers.size() > 1) {
                return;
            }
            kafka.createTopic(kafkaTopic, PARTITIONS);
            kafka.createTopic(sinkTopic, PARTITIONS);
            Map<String, String> sourceConfig = new SourceTraffic(1).connector(broker.tcpUri(),
                    "$share/bench/+/+/temp", 1);
            sourceConfig.put("tasks.max", Integer.toString(TASKS));
            sourceConfig.put("kafka.topic", kafkaTopic);
            Map<String, String> sinkConfig = SinkTraffic.sinkConfig(sinkTopic, broker.tcpUri(), 1);
            sinkConfig.put("tasks.max", Integer.toString(TASKS));
            sinkConfig.put("mqtt.topic", sink + "/{partition}");
            rest().createConnector(source, sourceConfig);
            rest().createConnector(sink, sinkConfig);
        }

        /** Waits until every task of both connectors runs and all {@code n} workers have some; the placement. */
        String awaitSpread(int n) {
            Map<String, ConnectorStatus> statuses = await("tasks spread over " + n + " workers")
                    .atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                    .until(() -> Map.of(source, rest().connectorStatus(source), sink, rest().connectorStatus(sink)),
                            s -> s.values().stream().allMatch(c -> c.runningWith(TASKS))
                                    && s.values().stream().flatMap(c -> c.tasks().stream())
                                    .map(TaskStatus::workerId).distinct().count() == n);
            return statuses.values().stream().flatMap(c -> c.tasks().stream()).collect(Collectors.groupingBy(
                    TaskStatus::workerId, Collectors.counting())).toString();
        }

        /** Records per second from MQTT into Kafka, draining a backlog of {@code messages}. */
        double sourceRound(int messages) throws Exception {
            pause(source);
            long before = inKafka();
            SourceTraffic traffic = new SourceTraffic(8);
            try (MqttClient publisher = SourceTraffic.publisher(broker.tcpUri())) {
                traffic.publish(publisher, 0, messages, 1);
            }
            long start = System.nanoTime();
            rest().resume(source);
            await().atMost(DRAIN).pollInterval(Duration.ofMillis(20)).until(() -> inKafka() >= before + messages);
            return messages / ((System.nanoTime() - start) / 1e9);
        }

        /** Records per second from Kafka to an MQTT subscriber, draining a backlog of {@code messages}. */
        double sinkRound(int messages) throws Exception {
            int perPartition = Math.max(1, messages / PARTITIONS);
            int total = perPartition * PARTITIONS;
            pause(sink);
            try (Subscriber subscriber = new HiveMqSubscriber(broker.tcpUri(), sink + "/#");
                 KafkaProducer<String, String> producer = SinkTraffic.producer(kafka.bootstrapServers())) {
                SinkTraffic.produce(producer, List.of(sinkTopic), PARTITIONS, sinkPerPartition,
                        sinkPerPartition + perPartition);
                sinkPerPartition += perPartition;
                long start = System.nanoTime();
                rest().resume(sink);
                await().atMost(DRAIN).pollInterval(Duration.ofMillis(20)).until(() -> subscriber.count() >= total);
                return total / ((System.nanoTime() - start) / 1e9);
            }
        }

        private void pause(String connector) {
            rest().pause(connector);
            await(connector + " paused").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(100))
                    .until(() -> rest().connectorStatus(connector), s -> "PAUSED".equals(s.state())
                            && s.tasks().size() == TASKS
                            && s.tasks().stream().allMatch(t -> "PAUSED".equals(t.state())));
        }

        private long inKafka() {
            return kafka.kafka().endOffsets(kafkaTopic).values().stream().mapToLong(Long::longValue).sum();
        }

        private ConnectRest rest() {
            return workers.get(0).rest();
        }
    }
}
