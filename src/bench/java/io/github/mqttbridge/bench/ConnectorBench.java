package io.github.mqttbridge.bench;

import static org.awaitility.Awaitility.await;

import io.github.mqttbridge.connect.sink.MqttSinkConnector;
import io.github.mqttbridge.connect.sink.MqttSinkConnectorConfig;
import io.github.mqttbridge.connect.source.MqttSourceConnector;
import io.github.mqttbridge.testing.ConnectRest;
import io.github.mqttbridge.testing.KafkaConnectCluster;
import io.github.mqttbridge.testing.KafkaTestClient;
import io.github.mqttbridge.testing.MosquittoBroker;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import javax.management.ObjectName;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.errors.GroupIdNotFoundException;

/**
 * What the connector sections share, started once per benchmark JVM: a Mosquitto, a Kafka node in this JVM and one
 * Connect worker in a JVM of its own (its default heap settings, 512 MiB and the serial collector), watched
 * through {@link WorkerJvm}; and, started on first use, a second worker like it with exactly-once source support.
 * Connectors, topics and MQTT topics are named per measurement, so sections do not see each other's traffic.
 */
final class ConnectorBench implements AutoCloseable {
    /** How the sections describe this fixture. */
    static final String SETUP = "Mosquitto 2 (a process of its own), Kafka (one KRaft node in the benchmark's JVM)"
            + " and one Connect worker in a JVM of its own (the harness's `-Xmx512m -XX:+UseSerialGC`, default worker"
            + " and connector settings otherwise, but for the sink's `" + MqttSinkConnectorConfig.MAX_INFLIGHT_QOS2_CONFIG
            + "=" + MqttLoad.WINDOW + "`: this Mosquitto takes any number in flight, and the raw publisher keeps as"
            + " many), all on this machine.";
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(10);
    static final Duration POLL = Duration.ofMillis(5);
    private static ConnectorBench shared;

    final MosquittoBroker broker;
    final KafkaConnectCluster kafka;
    /** The worker at Connect's defaults, where every section but the exactly-once rows runs its connectors. */
    final BenchWorker worker;
    final WorkerJvm jvm;
    private final double startSeconds;
    private BenchWorker exactlyOnceWorker;

    private ConnectorBench() throws Exception {
        long started = System.nanoTime();
        broker = MosquittoBroker.builder().start();
        kafka = KafkaConnectCluster.builder().startKafkaOnly();
        worker = BenchWorker.start(kafka.bootstrapServers(), Map.of());
        jvm = worker.jvm;
        startSeconds = (System.nanoTime() - started) / 1e9;
    }

    /**
     * A worker of a Connect cluster of its own with {@code exactly.once.source.support=enabled} (KIP-618), started
     * on first use: the support is a setting of the whole cluster and puts every source task of it in transactions,
     * so the at-least-once figures keep a worker without it.
     */
    synchronized BenchWorker exactlyOnceWorker() throws Exception {
        if (exactlyOnceWorker == null) {
            exactlyOnceWorker = BenchWorker.start(kafka.bootstrapServers(),
                    Map.of("exactly.once.source.support", "enabled"));
        }
        return exactlyOnceWorker;
    }

    /** The fixture of this JVM, started on first use; {@link #closeShared()} stops it. */
    static synchronized ConnectorBench shared() throws Exception {
        if (shared == null) {
            shared = new ConnectorBench();
        }
        return shared;
    }

    /** Stops the shared fixture, if it was started; before the JVM exits, as Kafka cleans up in exit hooks. */
    static synchronized void closeShared() {
        if (shared != null) {
            shared.close();
            shared = null;
        }
    }

    /**
     * Says how loaded the machine was, for a chapter whose figures started at {@code startNanos} with the 1-minute
     * load average {@code before}: on a shared machine that explains more of the spread than anything measured.
     */
    String loadNote(double before, long startNanos) {
        return String.format(Locale.ROOT, "Load average (1 min) of this %d-core machine, shared with other builds "
                + "and tests: %.1f before the section, %.1f after it. The section took %.0f s, besides the %.0f s "
                + "it took once to start Mosquitto, Kafka and the worker for all connector sections.%n%n",
                Runtime.getRuntime().availableProcessors(), before, loadAverage(),
                (System.nanoTime() - startNanos) / 1e9, startSeconds);
    }

    static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    static String uniqueId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    ConnectRest rest() {
        return worker.rest();
    }

    KafkaTestClient kafkaClient() {
        return kafka.kafka();
    }

    /**
     * A topic whose records carry the time the broker appended them, so that latency is measured against Kafka's
     * clock (the same machine's as the publisher's).
     */
    void createTopic(String topic, int partitions) {
        kafkaClient().createTopic(topic, partitions, Map.of("message.timestamp.type", "LogAppendTime"));
    }

    Map<String, String> sourceConfig(String filter, int qos, int tasks, String kafkaTopic) {
        Map<String, String> c = new HashMap<>();
        c.put("connector.class", MqttSourceConnector.class.getName());
        c.put("tasks.max", Integer.toString(tasks));
        c.put("mqtt.server.uris", broker.tcpUri());
        c.put("mqtt.topics", filter);
        c.put("mqtt.qos", Integer.toString(qos));
        c.put("kafka.topic", kafkaTopic);
        return c;
    }

    Map<String, String> sinkConfig(String kafkaTopic, String mqttTopic, int qos, int tasks) {
        Map<String, String> c = new HashMap<>();
        c.put("connector.class", MqttSinkConnector.class.getName());
        c.put("tasks.max", Integer.toString(tasks));
        c.put("topics", kafkaTopic);
        c.put("mqtt.server.uris", broker.tcpUri());
        c.put("mqtt.topic", mqttTopic);
        c.put("mqtt.qos", Integer.toString(qos));
        // The default of 20 QoS 2 in flight protects a stock Mosquitto; this one is unlimited, like the raw client's.
        c.put(MqttSinkConnectorConfig.MAX_INFLIGHT_QOS2_CONFIG, Integer.toString(MqttLoad.WINDOW));
        return c;
    }

    /** Creates a source connector and returns once each task has the broker's grant of its subscriptions. */
    void startSource(String name, Map<String, String> config) throws Exception {
        worker.startSource(name, config);
    }

    /**
     * Creates a sink connector and returns once its tasks run and, between them, have every partition of its topic:
     * a task joining the consumer group later would stop the others for a rebalance in the middle of a window.
     */
    void startSink(String name, Map<String, String> config) {
        int tasks = Integer.parseInt(config.get("tasks.max"));
        rest().createConnector(name, config);
        rest().awaitRunning(name, tasks);
        int partitions = kafkaClient().partitionCount(config.get("topics"));
        await(name + "'s " + tasks + " tasks assigned " + partitions + " partitions").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100)).until(() -> assignedPartitions(name, tasks) == partitions);
    }

    /**
     * Partitions assigned in the sink connector's consumer group once it is stable with its tasks, or -1 (also
     * before the first task joined, when Kafka does not know the group yet).
     */
    private int assignedPartitions(String name, int tasks) throws Exception {
        String group = KafkaTestClient.sinkGroupId(name);
        ConsumerGroupDescription description;
        try {
            description = kafkaClient().admin().describeConsumerGroups(List.of(group)).all()
                    .get(30, TimeUnit.SECONDS).get(group);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return -1;
            }
            throw e;
        }
        if (description.groupState() != GroupState.STABLE || description.members().size() != tasks) {
            return -1;
        }
        return description.members().stream().mapToInt(m -> m.assignment().topicPartitions().size()).sum();
    }

    /** Records Kafka confirmed to the source connector's tasks since they started. */
    long sourceCommitted(String name, int tasks) throws Exception {
        return worker.sourceCommitted(name, tasks);
    }

    /** Publishes the broker acknowledged to the sink connector's tasks since they started. */
    long sinkAcknowledged(String name, int tasks) throws Exception {
        long sum = 0;
        for (int t = 0; t < tasks; t++) {
            sum += jvm.longAttribute(new ObjectName("io.github.mqttbridge:type=mqtt-sink-task,connector=" + name
                    + ",task=" + t), "RecordsAcknowledged");
        }
        return sum;
    }

    /**
     * Waits, polling every {@link #POLL} (more often, the worker's JMX thread would take a visible share of its
     * CPU), until {@code counter} reaches {@code target} and returns the
     * {@link System#nanoTime()} at which it did; or, if it stops moving for {@code quiet} first (a QoS 0 message
     * lost), the time of its last change. {@code reached} gets the final count.
     */
    static long awaitCount(Counter counter, long target, Duration quiet, long[] reached) throws Exception {
        long deadline = System.nanoTime() + RUN_TIMEOUT.toNanos();
        long last = counter.get();
        long lastChange = System.nanoTime();
        while (last < target) {
            long now = System.nanoTime();
            if (now > deadline) {
                throw new IllegalStateException("only " + last + " of " + target + " within " + RUN_TIMEOUT);
            }
            if (now - lastChange > quiet.toNanos()) {
                break;
            }
            LockSupport.parkNanos(POLL.toNanos());
            long value = counter.get();
            if (value != last) {
                last = value;
                lastChange = System.nanoTime();
            }
        }
        reached[0] = last;
        return lastChange;
    }

    interface Counter {
        long get() throws Exception;
    }

    @Override
    public void close() {
        if (exactlyOnceWorker != null) {
            exactlyOnceWorker.close();
        }
        worker.close();
        kafka.close();
        broker.close();
    }
}
