package io.github.mqttbridge.connect;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mqttbridge.connect.sink.SinkTraffic;
import io.github.mqttbridge.connect.source.SourceTraffic;
import io.github.mqttbridge.testing.ConnectRest;
import io.github.mqttbridge.testing.ConnectRest.ConnectorStatus;
import io.github.mqttbridge.testing.ConnectRest.TaskStatus;
import io.github.mqttbridge.testing.ConnectWorkerProcess;
import io.github.mqttbridge.testing.KafkaConnectCluster;
import io.github.mqttbridge.testing.MosquittoBroker;
import io.github.mqttbridge.testing.MosquittoConnections;
import io.github.mqttbridge.testing.PluginPackage;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The bridge on a Connect cluster as production runs it: one Kafka broker and three distributed workers in JVMs
 * of their own, one group, each loading the plugin from the packaged {@code target/plugins} through
 * {@code plugin.path}. A source connector with six tasks on one shared subscription and a sink connector with
 * three tasks on a six-partition topic run on it, under a steady QoS 1 load both ways, while a worker is
 * SIGKILLed and comes back, and while all three are restarted one by one as in an upgrade: nothing may be lost,
 * the tasks must spread over all three workers again, and Mosquitto must never see two live connections with
 * one task's client id. The figures go to docs/reliability.md ({@link MultiWorkerReport}).
 *
 * <p>The scenarios share one cluster, as starting three worker JVMs costs most of a minute on two cores; each
 * starts from the tasks spread over three running workers, and leaves them so.
 */
@ExtendWith(ConnectWorkerProcess.LogsOnFailure.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MultiWorkerClusterIT {
    private static final Duration ARRIVAL = Duration.ofSeconds(180);
    private static final Duration REBALANCE = Duration.ofSeconds(180);
    private static final int WORKERS = 3;
    private static final int SOURCE_TASKS = 6;
    private static final int SINK_TASKS = 3;
    private static final int PARTITIONS = 6;
    /**
     * A departed worker's tasks wait this long for it before they move (5 minutes by default); a few seconds keep
     * the test short and are still the path production takes.
     */
    private static final String REBALANCE_DELAY_MS = "5000";
    private static final String KILL = "Worker SIGKILLed, then restarted";
    private static final String ROLLING = "Rolling restart (graceful stop and start, one worker at a time)";

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String SOURCE = "mw-src-" + RUN;
    private static final String SINK = "mw-sink-" + RUN;
    private static final String SINK_TOPIC = "mw-records-" + RUN;
    private static final List<ConnectWorkerProcess> workers = new ArrayList<>();
    private static final MultiWorkerReport report = new MultiWorkerReport(setup());
    private static MosquittoBroker broker;
    private static KafkaConnectCluster kafka;
    /** Records each partition of the sink's topic holds: the next load numbers on from here. */
    private static int sinkPerPartition;

    @BeforeAll
    static void start() {
        // A broker of its own: its connection log must hold this test's clients only.
        broker = MosquittoBroker.builder().start();
        kafka = KafkaConnectCluster.builder().startKafkaOnly();
        String group = "mw-" + RUN;
        for (int i = 0; i < WORKERS; i++) {
            // C1 only: five worker starts on two cores are most of this test's time, and the optimising compiler
            // adds CPU to each start that the test's modest load never pays back.
            workers.add(ConnectWorkerProcess.builder(kafka.bootstrapServers()).group(group).packagedPlugin()
                    .workerProperty("scheduled.rebalance.max.delay.ms", REBALANCE_DELAY_MS)
                    .jvmArg("-XX:TieredStopAtLevel=1").build());
        }
        CompletableFuture.allOf(workers.stream().map(w -> CompletableFuture.runAsync(w::start))
                .toArray(CompletableFuture[]::new)).join();

        kafka.createTopic(SINK_TOPIC, PARTITIONS);
        Map<String, String> source = new SourceTraffic(1).connector(broker.tcpUri(),
                "$share/bridge/" + TwoWayLoad.SOURCE_FILTER, 1);
        source.put("tasks.max", Integer.toString(SOURCE_TASKS));
        Map<String, String> sink = SinkTraffic.sinkConfig(SINK_TOPIC, broker.tcpUri(), 1);
        sink.put("tasks.max", Integer.toString(SINK_TASKS));
        sink.put("mqtt.topic", SINK + "/{topic}/{partition}");
        rest().createConnector(SOURCE, source);
        rest().createConnector(SINK, sink);
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (report.scenarios() > 0) {
                report.write();
            }
        } finally {
            workers.forEach(ConnectWorkerProcess::close);
            if (kafka != null) {
                kafka.close();
            }
            if (broker != null) {
                broker.close();
            }
        }
    }

    @Test
    @Order(1)
    void both_connectors_run_their_tasks_spread_over_all_three_workers_from_the_packaged_plugin() throws Exception {
        Map<String, ConnectorStatus> spread = awaitTasks("on all three workers", all()::equals);
        System.out.println("Tasks: " + placement(spread));
        for (ConnectWorkerProcess worker : workers) {
            long tasks = spread.values().stream().flatMap(s -> s.tasks().stream())
                    .filter(t -> t.workerId().equals(worker.workerId())).count();
            assertTrue(tasks >= 1, worker + " runs no task: " + placement(spread));
            // The class path holds none of our classes (PluginPackage checked it), so the worker can only have
            // found the connectors in the plugin class loader its log names.
            String loader = "Registered loader: PluginClassLoader{pluginLocation=file:" + PluginPackage.pluginPath();
            assertTrue(Files.readString(worker.logFile()).contains(loader), worker + " never logged " + loader);
        }
    }

    @Test
    @Order(2)
    void a_killed_workers_tasks_move_to_the_survivors_and_spread_again_when_it_returns_with_nothing_lost()
            throws Exception {
        awaitTasks("on all three workers", all()::equals);
        ConnectWorkerProcess victim = workers.get(WORKERS - 1);
        Set<String> survivors = workers.stream().filter(w -> w != victim).map(ConnectWorkerProcess::workerId)
                .collect(Collectors.toSet());
        try (TwoWayLoad load = load()) {
            awaitSourceTraffic(load);
            int sentAtKill = load.sourceSent();
            long killedAt = System.nanoTime();
            victim.kill();
            // Until the new owners write their status, the dead worker's tasks still read RUNNING on it.
            Map<String, ConnectorStatus> moved = awaitTasks("on the two survivors", survivors::containsAll);
            report.recovery(KILL, "SIGKILL of one worker", "on the two survivors", since(killedAt));
            System.out.println("After the kill: " + placement(moved));

            long restartedAt = System.nanoTime();
            victim.start();
            Duration start = since(restartedAt);
            long joinedAt = System.nanoTime();
            Map<String, ConnectorStatus> back = awaitTasks("on all three workers again", all()::equals);
            report.recovery(KILL, "the killed worker joining the group again (its start took " + seconds(start)
                    + " s)", "on all three workers", since(joinedAt));
            System.out.println("After the return: " + placement(back));

            TwoWayLoad.Outcome outcome = finish(load, KILL);
            assertTrue(sentAtKill < outcome.source().sent(), "the kill came after the stream ended");
        }
        assertClientIdsStableAndUnique();
    }

    @Test
    @Order(3)
    void a_rolling_restart_of_all_three_workers_loses_nothing() throws Exception {
        awaitTasks("on all three workers", all()::equals);
        try (TwoWayLoad load = load()) {
            awaitSourceTraffic(load);
            for (int i = 0; i < WORKERS; i++) {
                ConnectWorkerProcess worker = workers.get(i);
                long stoppedAt = System.nanoTime();
                worker.stop();
                Duration stop = since(stoppedAt);
                long startedAt = System.nanoTime();
                worker.start();
                Duration start = since(startedAt);
                awaitTasks("on all three workers after restarting worker " + (i + 1), all()::equals);
                report.recovery(ROLLING, "the graceful stop of worker " + (i + 1) + " of " + WORKERS + " (the stop "
                        + "took " + seconds(stop) + " s, the start until it joined " + seconds(start) + " s)",
                        "on all three workers", since(stoppedAt));
            }
            finish(load, ROLLING);
        }
        assertClientIdsStableAndUnique();
    }

    private static TwoWayLoad load() throws Exception {
        return new TwoWayLoad(kafka.kafka(), kafka.bootstrapServers(), broker.tcpUri(), SINK_TOPIC, PARTITIONS,
                sinkPerPartition, SINK);
    }

    /** Lets the load run through the unbroken cluster first, so that the disruption hits a flowing stream. */
    private static void awaitSourceTraffic(TwoWayLoad load) {
        await("load flowing").atMost(ARRIVAL).pollInterval(Duration.ofMillis(200))
                .until(() -> load.sourceSent() >= 1_000);
    }

    private static TwoWayLoad.Outcome finish(TwoWayLoad load, String scenario) throws Exception {
        TwoWayLoad.Outcome outcome = load.finish(ARRIVAL);
        sinkPerPartition = outcome.sinkPerPartition();
        report.delivery(scenario, outcome);
        System.out.println(scenario + ": " + outcome);
        assertEquals(0, outcome.source().lost(), "MQTT messages lost on the way to Kafka");
        assertEquals(0, outcome.sink().lost(), "Kafka records lost on the way to MQTT");
        return outcome;
    }

    /**
     * Mosquitto's connection log of the whole run so far: the tasks connected with exactly their own client ids
     * ({@code <connector>-<task>}), before and after every rebalance, and no id ever had two live connections.
     */
    private static void assertClientIdsStableAndUnique() {
        Set<String> expected = Stream.concat(
                IntStream.range(0, SOURCE_TASKS).mapToObj(i -> SOURCE + "-" + i),
                IntStream.range(0, SINK_TASKS).mapToObj(i -> SINK + "-" + i)).collect(Collectors.toSet());
        MosquittoConnections connections = MosquittoConnections.of(broker.log(),
                id -> id.startsWith(SOURCE + "-") || id.startsWith(SINK + "-"));
        report.connections(connections);
        System.out.println("Task connections: " + connections);
        assertEquals(expected, connections.connects().keySet(), "task client ids seen by the broker");
        assertTrue(connections.connects().values().stream().anyMatch(n -> n > 1),
                "no task connected twice, so no task moved: " + connections);
        assertEquals(Map.of(), connections.takeovers(), "session takeovers: two live connections with one id");
        assertEquals(Map.of(), connections.overlaps(), "second connections while the first one was live");
    }

    /**
     * Waits until both connectors and all their tasks are RUNNING on a set of workers {@code where} accepts, as
     * reported by a live worker's REST API; a FAILED task ends the wait with its trace.
     */
    private static Map<String, ConnectorStatus> awaitTasks(String where, Predicate<Set<String>> workersOk) {
        return await("tasks of both connectors RUNNING " + where).atMost(REBALANCE)
                .pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .until(() -> {
                    ConnectorStatus source = rest().connectorStatus(SOURCE);
                    ConnectorStatus sink = rest().connectorStatus(SINK);
                    String failures = source.failures() + sink.failures();
                    if (!failures.isEmpty()) {
                        throw new AssertionError(failures);
                    }
                    return Map.of(SOURCE, source, SINK, sink);
                }, s -> s.get(SOURCE).runningWith(SOURCE_TASKS) && s.get(SINK).runningWith(SINK_TASKS)
                        && workersOk.test(workersOf(s)));
    }

    private static ConnectRest rest() {
        return workers.stream().filter(ConnectWorkerProcess::isAlive).findFirst().orElseThrow().rest();
    }

    private static Set<String> all() {
        return workers.stream().map(ConnectWorkerProcess::workerId).collect(Collectors.toSet());
    }

    private static Set<String> workersOf(Map<String, ConnectorStatus> statuses) {
        return statuses.values().stream().flatMap(s -> s.tasks().stream()).map(TaskStatus::workerId)
                .collect(Collectors.toSet());
    }

    private static String placement(Map<String, ConnectorStatus> statuses) {
        return statuses.values().stream().flatMap(s -> s.tasks().stream().map(t -> s.name() + "/" + t.id() + "@"
                + t.workerId())).sorted().collect(Collectors.joining(", "));
    }

    private static Duration since(long nanoTime) {
        return Duration.ofNanos(System.nanoTime() - nanoTime);
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f", d.toMillis() / 1000.0);
    }

    private static String setup() {
        return "One Kafka broker (KRaft, in the test JVM) and three distributed Connect workers, each a JVM of its "
                + "own (`-Xmx512m -XX:+UseSerialGC -XX:TieredStopAtLevel=1`) in one group, loading the plugin "
                + "from the packaged `target/plugins` through `plugin.path` (none of our classes on their class "
                + "path), on a shared " + Runtime.getRuntime().availableProcessors() + "-core machine; the MQTT "
                + "broker is Mosquitto. "
                + "Source connector: " + SOURCE_TASKS + " tasks on the shared subscription `$share/bridge/"
                + TwoWayLoad.SOURCE_FILTER + "` at QoS 1, persistent sessions. Sink connector: " + SINK_TASKS
                + " tasks on a " + PARTITIONS + "-partition topic, publishing at QoS 1. Load during each scenario: "
                + "200 MQTT messages/s into the source and 240 records/s into the sink, started before the first "
                + "disruption and ended after the last one. Worker settings: `scheduled.rebalance.max.delay.ms="
                + REBALANCE_DELAY_MS + "`, `session.timeout.ms=6000`, `heartbeat.interval.ms=1000` (and the same "
                + "for the sink tasks' consumers), `task.shutdown.graceful.timeout.ms` at its default of 5000. A "
                + "disruption counts as over when every task of both connectors is RUNNING again where the table "
                + "says, as the REST API of a live worker reports it (polled every 250 ms).";
    }
}
