package io.github.mqttbridge.bench;

import static org.awaitility.Awaitility.await;

import io.github.mqttbridge.client.ConnectOptions;
import io.github.mqttbridge.client.MqttClient;
import io.github.mqttbridge.testing.AutoCloseableBroker;
import io.github.mqttbridge.testing.EmbeddedBroker;
import io.github.mqttbridge.testing.KafkaConnectCluster;
import io.github.mqttbridge.testing.MosquittoBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * MQTT to Kafka throughput of the source connector at QoS 0 and 1 (not a test; run with
 * {@code mvn -q -Pbench test-compile exec:exec -Dbench.main=io.github.mqttbridge.bench.SourceBenchmark}).
 * One in-process Kafka broker and Connect worker, one MQTT broker (Mosquitto when installed, else the embedded
 * HiveMQ CE), one task. A backlog of N messages is published while the connector is paused, then the connector
 * is resumed and the time until Kafka holds N records is measured, so the figure is the connector's rate, not
 * the publisher's. Replaces its section of BENCHMARKS.md, between markers, and leaves the rest alone.
 */
public final class SourceBenchmark {
    private static final String BEGIN = "<!-- source-bench-begin -->";
    private static final String END = "<!-- source-bench-end -->";
    private static final int SIZE = 64;

    private SourceBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        List<String> rows = new ArrayList<>();
        String brokerName;
        try (AutoCloseableBroker broker = MosquittoBroker.isAvailable() ? MosquittoBroker.builder().start()
                : new EmbeddedBroker().start();
             KafkaConnectCluster cluster = KafkaConnectCluster.builder().start()) {
            brokerName = broker.name();
            for (int qos : new int[] {0, 1}) {
                run(cluster, broker.tcpUri(), qos, Math.min(messages, 5_000)); // warm-up
                List<Double> rates = new ArrayList<>();
                for (int r = 0; r < reps; r++) {
                    rates.add(run(cluster, broker.tcpUri(), qos, messages));
                }
                rates.sort(null);
                double median = rates.get(rates.size() / 2);
                rows.add(String.format("| %d | %d | %,.0f | %,.0f–%,.0f | %.2f |", qos, messages, median,
                        rates.get(0), rates.get(rates.size() - 1), median * SIZE / 1e6));
                System.out.println(rows.get(rows.size() - 1));
            }
        }
        write(messages, reps, brokerName, rows);
    }

    /** One round: the backlog published while paused, then records per second into Kafka after the resume. */
    private static double run(KafkaConnectCluster cluster, String uri, int qos, int messages) throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 8);
        String name = "bench-" + id;
        String kafkaTopic = "bench-" + id;
        cluster.createTopic(kafkaTopic, 3);
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", "io.github.mqttbridge.connect.source.MqttSourceConnector");
        config.put("tasks.max", "1");
        config.put("mqtt.server.uris", uri);
        config.put("mqtt.topics", "bench/" + id + "/+");
        config.put("mqtt.qos", Integer.toString(qos));
        config.put("kafka.topic", kafkaTopic);
        cluster.rest().createConnector(name, config);
        cluster.rest().awaitRunning(name, 1);
        awaitSubscribed(name);
        cluster.rest().pause(name);
        cluster.rest().awaitState(name, 0, "PAUSED", Duration.ofSeconds(30));
        try (MqttClient publisher = new MqttClient(uri, "bench-pub-" + id)) {
            publisher.connect(ConnectOptions.defaults()).get(10, TimeUnit.SECONDS);
            Semaphore window = new Semaphore(1000);
            List<CompletableFuture<Void>> sent = new ArrayList<>(messages);
            for (int i = 0; i < messages; i++) {
                window.acquire();
                CompletableFuture<Void> f = publisher.publish("bench/" + id + "/" + (i % 8), new byte[SIZE], qos, false);
                f.whenComplete((ok, e) -> window.release());
                sent.add(f);
            }
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
        }
        long start = System.nanoTime();
        cluster.rest().resume(name);
        long deadline = start + TimeUnit.MINUTES.toNanos(5);
        long inKafka = 0;
        long lastChange = System.nanoTime();
        while (inKafka < messages && System.nanoTime() < deadline) {
            long now = cluster.kafka().endOffsets(kafkaTopic).values().stream().mapToLong(Long::longValue).sum();
            if (now != inKafka) {
                inKafka = now;
                lastChange = System.nanoTime();
            } else if (qos == 0 && System.nanoTime() - lastChange > TimeUnit.SECONDS.toNanos(10)) {
                break; // QoS 0 may lose what the broker could not queue: measure what arrived
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
        double seconds = (lastChange - start) / 1e9;
        cluster.rest().deleteConnector(name);
        System.out.printf("QoS %d: %d of %d records in %.2f s%n", qos, inKafka, messages, seconds);
        if (qos > 0 && inKafka < messages) {
            throw new IllegalStateException("QoS " + qos + ": only " + inKafka + " of " + messages + " arrived");
        }
        return inKafka / seconds;
    }

    private static void awaitSubscribed(String connector) throws Exception {
        var server = java.lang.management.ManagementFactory.getPlatformMBeanServer();
        var bean = new javax.management.ObjectName(
                "io.github.mqttbridge:type=mqtt-source-task,connector=" + connector + ",task=0");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> server.isRegistered(bean) && Boolean.TRUE.equals(server.getAttribute(bean, "Subscribed")));
    }

    private static void write(int messages, int reps, String broker, List<String> rows) throws Exception {
        String section = BEGIN + "\n# Source connector benchmark (MQTT to Kafka)\n\nGenerated by `"
                + SourceBenchmark.class.getName() + "` on "
                + ZonedDateTime.now().format(DateTimeFormatter.RFC_1123_DATE_TIME) + ":\n\n```\n"
                + "mvn -q -Pbench test-compile exec:exec -Dbench.main=" + SourceBenchmark.class.getName()
                + " -Dbench.args=\"" + messages + " " + reps + "\"\n```\n\n"
                + "One in-process Kafka broker and Connect worker (JVM of the benchmark), MQTT broker: " + broker
                + ", one task, " + SIZE + "-byte payloads over 8 MQTT topics, Kafka topic with 3 partitions, "
                + "ByteArrayConverter. A backlog of N messages is published while the connector is paused; the "
                + "time runs from the resume until Kafka holds the records (the last change for QoS 0). Median and "
                + "range of " + reps + " rounds after a warm-up. Machine: " + Runtime.getRuntime().availableProcessors()
                + " cores shared with other builds, so the figures are noisy. At QoS 1 each message is acknowledged "
                + "to the broker only after Kafka confirmed its record.\n\n"
                + "| QoS | Messages | Records/s (median) | Range | MB/s |\n|---|---|---|---|---|\n"
                + String.join("\n", rows) + "\n" + END + "\n";
        Path file = Path.of("BENCHMARKS.md");
        String text = Files.exists(file) ? Files.readString(file) : "";
        int b = text.indexOf(BEGIN);
        int e = text.indexOf(END);
        text = b >= 0 && e > b ? text.substring(0, b) + section + text.substring(e + END.length() + 1)
                : text + (text.endsWith("\n") ? "\n" : "\n\n") + section;
        Files.writeString(file, text);
    }
}
