package io.github.mqttbridge.connect;

import static org.awaitility.Awaitility.await;

import io.github.mqttbridge.client.MqttClient;
import io.github.mqttbridge.connect.source.KafkaTally;
import io.github.mqttbridge.connect.source.RepeatedPayloadTraffic;
import io.github.mqttbridge.connect.source.RepeatedPayloadTraffic.Identity;
import io.github.mqttbridge.testing.ClassResource;
import io.github.mqttbridge.testing.ConnectRest;
import io.github.mqttbridge.testing.ConnectRest.ConnectorStatus;
import io.github.mqttbridge.testing.ConnectRest.TaskStatus;
import io.github.mqttbridge.testing.ConnectWorkerProcess;
import io.github.mqttbridge.testing.KafkaConnectCluster;
import io.github.mqttbridge.testing.MosquittoBroker;
import io.github.mqttbridge.testing.SteadyStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Exactly once from MQTT into Kafka (#16) on a Connect cluster that loses a worker: three distributed workers, JVMs of
 * their own with {@code exactly.once.source.support=enabled} in one group, run the source connector with
 * {@code exactly.once.support=required} and three tasks, each on filters of its own, under a steady stream of QoS 2
 * messages whose payloads repeat. The worker running task 0 is SIGKILLed mid-stream: its tasks start again on the
 * survivors, whose producers fence the dead one's (a task keeps its transactional id wherever it runs), and take over
 * its MQTT sessions; then it comes back and the tasks spread again. Each message must be in Kafka exactly once, read
 * with {@code isolation.level=read_committed}.
 */
@ExtendWith(ConnectWorkerProcess.LogsOnFailure.class)
class ExactlyOnceMultiWorkerIT {
    private static final Duration ARRIVAL = Duration.ofSeconds(180);
    private static final Duration REBALANCE = Duration.ofSeconds(180);
    private static final int WORKERS = 3;
    private static final int TASKS = 3;
    /** 200 messages a second over the three tasks' filters. */
    private static final int CHUNK = 10;
    private static final Duration PERIOD = Duration.ofMillis(50);

    @RegisterExtension
    @Order(1)
    static final ClassResource<MosquittoBroker> broker = ClassResource.of(() -> MosquittoBroker.builder().start());
    @RegisterExtension
    @Order(2)
    static final ClassResource<KafkaConnectCluster> kafka =
            ClassResource.of(() -> KafkaConnectCluster.builder().startKafkaOnly());
    private static final List<ConnectWorkerProcess> workers = new ArrayList<>();

    @BeforeAll
    static void startWorkers() {
        String group = "eos-mw-" + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < WORKERS; i++) {
            // C1 only: four worker starts on two cores are most of this test's time.
            workers.add(ConnectWorkerProcess.builder(kafka.get().bootstrapServers()).group(group)
                    .workerProperty("exactly.once.source.support", "enabled")
                    .jvmArg("-XX:TieredStopAtLevel=1").build());
        }
        CompletableFuture.allOf(workers.stream().map(w -> CompletableFuture.runAsync(w::start))
                .toArray(CompletableFuture[]::new)).join();
    }

    @AfterAll
    static void stopWorkers() {
        workers.forEach(ConnectWorkerProcess::close);
    }

    @Test
    void a_worker_sigkilled_mid_stream_hands_its_tasks_over_and_each_message_arrives_exactly_once() throws Exception {
        RepeatedPayloadTraffic traffic = new RepeatedPayloadTraffic(Identity.TOPIC, TASKS);
        String name = "eos-mw-" + traffic.id;
        Map<String, String> config = traffic.connector(broker.get().tcpUri(), "5");
        config.put("tasks.max", Integer.toString(TASKS));
        rest().createConnector(name, config);
        ConnectorStatus before = awaitTasks(name, "on any workers", workers -> true);
        try (MqttClient publisher = RepeatedPayloadTraffic.publisher(broker.get().tcpUri())) {
            traffic.awaitSubscribed(kafka.get().kafka(), publisher);
            try (SteadyStream stream = SteadyStream.start("publish-" + name, Integer.MAX_VALUE, PERIOD,
                    chunk -> traffic.publish(publisher, chunk * CHUNK, (chunk + 1) * CHUNK))) {
                awaitRecords(traffic, 100 * CHUNK, "before the kill");
                String victimId = before.tasks().stream().filter(t -> t.id() == 0).findFirst().orElseThrow()
                        .workerId();
                ConnectWorkerProcess victim = workers.stream().filter(w -> w.workerId().equals(victimId))
                        .findFirst().orElseThrow();
                victim.kill();
                ConnectorStatus moved = awaitTasks(name, "on the two survivors", ids -> !ids.contains(victimId));
                awaitRecords(traffic, traffic.inKafka(kafka.get().kafka()) + 40 * CHUNK, "on the survivors");
                victim.start();
                // Connect balances tasks apart from connectors: one task for each worker again.
                ConnectorStatus back = awaitTasks(name, "on all three workers again", ids -> ids.size() == WORKERS);
                awaitRecords(traffic, traffic.inKafka(kafka.get().kafka()) + 40 * CHUNK,
                        "after the killed worker came back");
                int messages = stream.finish(ARRIVAL) * CHUNK;
                KafkaTally tally = traffic.assertExactlyOnce(kafka.get().kafka(), messages,
                        unchanged(() -> traffic.inKafka(kafka.get().kafka())), ARRIVAL);
                System.out.printf("%d messages; tasks %s, after the kill of %s %s, after its return %s: %s%n",
                        messages, placement(before), victimId, placement(moved), placement(back), tally);
            }
        } finally {
            rest().deleteConnector(name);
        }
    }

    /**
     * No other sign that nothing is in flight: the data topic's end offsets stay put, so no transaction writes to
     * it any more.
     */
    private static BooleanSupplier unchanged(LongSupplier endOffsets) {
        long[] last = {-1};
        return () -> {
            long now = endOffsets.getAsLong();
            boolean same = now == last[0];
            last[0] = now;
            return same;
        };
    }

    /** Waits until the data topic holds {@code records} records, a sign that the tasks deliver. */
    private static void awaitRecords(RepeatedPayloadTraffic traffic, long records, String when) {
        await(records + " records " + when).atMost(ARRIVAL).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(() -> traffic.inKafka(kafka.get().kafka()) >= records);
    }

    /**
     * Waits until the connector and all its tasks are RUNNING on workers whose ids {@code where} accepts, as a live
     * worker reports it; a FAILED task ends the wait with its trace.
     */
    private static ConnectorStatus awaitTasks(String name, String where, Predicate<Set<String>> workersOk) {
        return await("tasks of " + name + " RUNNING " + where).atMost(REBALANCE)
                .pollInterval(Duration.ofMillis(250))
                // a worker may not answer while the group rebalances
                .ignoreException(UncheckedIOException.class).ignoreException(ConnectRest.ConnectRestException.class)
                .until(() -> {
                    ConnectorStatus status = rest().connectorStatus(name);
                    if (!status.failures().isEmpty()) {
                        throw new AssertionError(status.failures());
                    }
                    return status;
                }, s -> s.runningWith(TASKS) && workersOk.test(s.tasks().stream().map(TaskStatus::workerId)
                        .collect(Collectors.toSet())));
    }

    private static ConnectRest rest() {
        return workers.stream().filter(ConnectWorkerProcess::isAlive).findFirst().orElseThrow().rest();
    }

    private static String placement(ConnectorStatus status) {
        return status.tasks().stream().map(t -> t.id() + "@" + t.workerId()).sorted()
                .collect(Collectors.joining(", ", "[", "]"));
    }
}
