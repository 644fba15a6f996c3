package io.github.mqttbridge.bench;

import static org.awaitility.Awaitility.await;

import io.github.mqttbridge.testing.ConnectRest;
import io.github.mqttbridge.testing.ConnectWorkerProcess;
import io.github.mqttbridge.testing.FreePorts;
import java.time.Duration;
import java.util.Map;
import java.util.function.IntFunction;
import javax.management.ObjectName;

/**
 * One Connect worker of the connector benchmarks, a JVM of its own and a Connect cluster of its own, with its JMX
 * seen through {@link WorkerJvm}: where a benchmark creates connectors and reads what their tasks counted.
 */
final class BenchWorker implements AutoCloseable {

    final ConnectWorkerProcess process;
    final WorkerJvm jvm;

    private BenchWorker(ConnectWorkerProcess process, WorkerJvm jvm) {
        this.process = process;
        this.jvm = jvm;
    }

    /** Starts a worker on this Kafka with the harness's defaults and {@code workerProperties} over them. */
    static BenchWorker start(String bootstrapServers, Map<String, String> workerProperties) throws Exception {
        int jmxPort = FreePorts.next();
        ConnectWorkerProcess.Builder builder = ConnectWorkerProcess.builder(bootstrapServers);
        WorkerJvm.jmxOptions(jmxPort).forEach(builder::jvmArg);
        workerProperties.forEach(builder::workerProperty);
        ConnectWorkerProcess process = builder.start();
        try {
            return new BenchWorker(process, WorkerJvm.connect(jmxPort));
        } catch (Exception | Error e) {
            process.close();
            throw e;
        }
    }

    ConnectRest rest() {
        return process.rest();
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

    /** Records Kafka confirmed to the source connector's tasks since they started. */
    long sourceCommitted(String name, int tasks) throws Exception {
        long sum = 0;
        for (int t = 0; t < tasks; t++) {
            sum += jvm.longAttribute(sourceTask(name, t), "RecordsCommitted");
        }
        return sum;
    }

    /**
     * Publishes messages 0 to {@code count - 1} at {@code qos} through {@code load} to the source connector
     * {@code name} (one task) and returns its records a second, from the first publish until Kafka confirmed the
     * last record to the task, this worker's CPU microseconds per record over that time (every thread of the
     * process, GC and JIT included) and the bytes its threads allocated per record.
     */
    double[] sourceRound(String name, MqttLoad load, IntFunction<String> topicOf, IntFunction<byte[]> payloadOf,
                         int count, int qos) throws Exception {
        long before = sourceCommitted(name, 1);
        long cpuBefore = jvm.processCpuNanos();
        ThreadCosts threadsBefore = jvm.threadCosts();
        long start = System.nanoTime();
        load.publish(topicOf, payloadOf, 0, count, qos);
        long[] reached = new long[1];
        long end = ConnectorBench.awaitCount(() -> sourceCommitted(name, 1), before + count, Duration.ofMinutes(5),
                reached);
        long cpu = jvm.processCpuNanos() - cpuBefore;
        long allocated = jvm.threadCosts().since(threadsBefore).allocatedBytes();
        if (reached[0] - before < count) {
            throw new IllegalStateException(name + ": only " + (reached[0] - before) + " of " + count + " records");
        }
        return new double[] {count / ((end - start) / 1e9), cpu / 1e3 / count, (double) allocated / count};
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
        process.close();
    }
}
