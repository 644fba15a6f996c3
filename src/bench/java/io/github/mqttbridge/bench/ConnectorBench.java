package io.github.mqttbridge.bench;

import static org.awaitility.Awaitility.await;

import io.github.mqttbridge.connect.sink.MqttSinkConnector;
import io.github.mqttbridge.connect.source.MqttSourceConnector;
import io.github.mqttbridge.testing.ConnectRest;
import io.github.mqttbridge.testing.ConnectWorkerProcess;
import io.github.mqttbridge.testing.FreePorts;
import io.github.mqttbridge.testing.KafkaConnectCluster;
import io.github.mqttbridge.testing.KafkaTestClient;
import io.github.mqttbridge.testing.MosquittoBroker;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import javax.management.ObjectName;

/**
 * What the connector sections share, started once per benchmark JVM: a Mosquitto, a Kafka node in this JVM and one
 * Connect worker in a JVM of its own (its default heap settings, 512 MiB and the serial collector), watched
 * through {@link WorkerJvm}. Connectors, topics and MQTT topics are named per measurement, so sections do not see
 * each other's traffic.
 */
final class ConnectorBench implements AutoCloseable {
    /** How the sections describe this fixture. */
    static final String SETUP = "Mosquitto 2 (a process of its own), Kafka (one KRaft node in the benchmark's JVM)"
            + " and one Connect worker in a JVM of its own (the harness's `-Xmx512m -XX:+UseSerialGC`, default worker"
            + " and connector settings otherwise), all on this machine.";
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration POLL = Duration.ofMillis(5);
    private static ConnectorBench shared;

    final MosquittoBroker broker;
    final KafkaConnectCluster kafka;
    final ConnectWorkerProcess worker;
    final WorkerJvm jvm;
    private final double startSeconds;

    private ConnectorBench() throws Exception {
        long started = System.nanoTime();
        broker = MosquittoBroker.builder().start();
        kafka = KafkaConnectCluster.builder().startKafkaOnly();
        int jmxPort = FreePorts.next();
        ConnectWorkerProcess.Builder builder = ConnectWorkerProcess.builder(kafka.bootstrapServers());
        WorkerJvm.jmxOptions(jmxPort).forEach(builder::jvmArg);
        worker = builder.start();
        jvm = WorkerJvm.connect(jmxPort);
        startSeconds = (System.nanoTime() - started) / 1e9;
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

    Map<String, String> sinkConfig(String kafkaTopic, String mqttTopic, int qos) {
        Map<String, String> c = new HashMap<>();
        c.put("connector.class", MqttSinkConnector.class.getName());
        c.put("tasks.max", "1");
        c.put("topics", kafkaTopic);
        c.put("mqtt.server.uris", broker.tcpUri());
        c.put("mqtt.topic", mqttTopic);
        c.put("mqtt.qos", Integer.toString(qos));
        return c;
    }

    /** Creates a source connector and returns once each task has the broker's grant of its subscriptions. */
    void startSource(String name, Map<String, String> config) throws Exception {
        int tasks = Integer.parseInt(config.get("tasks.max"));
        rest().createConnector(name, config);
        rest().awaitRunning(name, tasks);
        await(name + " subscribed").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    for (int t = 0; t < tasks; t++) {
                        if (!jvm.booleanAttribute(sourceTask(name, t), "Subscribed")) {
                            return false;
                        }
                    }
                    return true;
                });
    }

    void startSink(String name, Map<String, String> config) {
        rest().createConnector(name, config);
        rest().awaitRunning(name, 1);
    }

    void pause(String name, int tasks) {
        rest().pause(name);
        for (int t = 0; t < tasks; t++) {
            rest().awaitState(name, t, "PAUSED", ConnectRest.DEFAULT_TIMEOUT);
        }
    }

    /** Records Kafka confirmed to the source connector's tasks since they started. */
    long sourceCommitted(String name, int tasks) throws Exception {
        long sum = 0;
        for (int t = 0; t < tasks; t++) {
            sum += jvm.longAttribute(sourceTask(name, t), "RecordsCommitted");
        }
        return sum;
    }

    /** Publishes the broker acknowledged to the sink connector's task since it started. */
    long sinkAcknowledged(String name) throws Exception {
        return jvm.longAttribute(new ObjectName("io.github.mqttbridge:type=mqtt-sink-task,connector=" + name
                + ",task=0"), "RecordsAcknowledged");
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

    private static ObjectName sourceTask(String connector, int task) throws Exception {
        return new ObjectName("io.github.mqttbridge:type=mqtt-source-task,connector=" + connector + ",task=" + task);
    }

    @Override
    public void close() {
        try {
            jvm.close();
        } catch (Exception e) {
            System.err.println("closing the worker's JMX connection: " + e);
        }
        worker.close();
        kafka.close();
        broker.close();
    }
}
