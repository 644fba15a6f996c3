package io.github.mqttbridge.connect.source;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mqttbridge.client.MqttClient;
import io.github.mqttbridge.testing.ConnectRest.ConnectorStatus;
import io.github.mqttbridge.testing.ConnectRest.TaskStatus;
import io.github.mqttbridge.testing.ConnectWorkerProcess;
import io.github.mqttbridge.testing.KafkaConnectCluster;
import io.github.mqttbridge.testing.SharedBroker;
import io.github.mqttbridge.testing.SteadyStream;
import io.github.mqttbridge.testing.TestBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Three Connect workers in separate JVMs form one group and run a source connector with six tasks on one shared
 * subscription, so that Mosquitto balances a steady QoS 1 stream between six sessions on three machines. One
 * worker is SIGKILLed mid-stream: its tasks must come up on the two survivors with the same client ids, resume
 * their sessions (Mosquitto kept queueing their share of the stream for them) and bring every message to
 * Kafka.
 */
@ExtendWith(ConnectWorkerProcess.LogsOnFailure.class)
class MultiWorkerFailoverIT {
    private static final Duration ARRIVAL = Duration.ofSeconds(180);
    private static final int WORKERS = 3;
    private static final int TASKS = 6;
    private static final int MESSAGES = 12_000;
    private static final int CHUNK = 100;
    /**
     * A dead worker's tasks wait this long for it before they move (5 minutes by default); a few seconds keep the
     * test short and are still the path production takes.
     */
    private static final String REBALANCE_DELAY_MS = "5000";

    private static KafkaConnectCluster kafka;
    private static final List<ConnectWorkerProcess> workers = new ArrayList<>();

    @BeforeAll
    static void start() {
        kafka = KafkaConnectCluster.builder().startKafkaOnly();
        String group = "failover-" + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < WORKERS; i++) {
            workers.add(ConnectWorkerProcess.builder(kafka.bootstrapServers()).group(group)
                    .workerProperty("scheduled.rebalance.max.delay.ms", REBALANCE_DELAY_MS).start());
        }
    }

    @AfterAll
    static void stop() {
        workers.forEach(ConnectWorkerProcess::close);
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void a_killed_workers_tasks_move_to_the_survivors_and_no_message_is_lost() throws Exception {
        TestBroker broker = SharedBroker.MOSQUITTO.get();
        SourceTraffic traffic = new SourceTraffic(3);
        String name = "src-failover-" + traffic.id;
        Map<String, String> config = traffic.connector(broker.tcpUri(), "$share/g/" + traffic.filter(), 1);
        config.put("tasks.max", Integer.toString(TASKS));
        ConnectWorkerProcess survivor = workers.get(0);
        ConnectWorkerProcess victim = workers.get(WORKERS - 1);
        survivor.rest().createConnector(name, config);
        try {
            Set<String> all = workers.stream().map(ConnectWorkerProcess::workerId).collect(Collectors.toSet());
            ConnectorStatus spread = await("tasks on all three workers").atMost(ARRIVAL)
                    .pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                    .until(() -> survivor.rest().connectorStatus(name),
                            s -> s.runningWith(TASKS) && workersOf(s).equals(all));
            System.out.println("Tasks before the kill: " + placement(spread));

            try (MqttClient publisher = SourceTraffic.publisher(broker.tcpUri())) {
                traffic.awaitSubscribed(kafka.kafka(), publisher);
                try (SteadyStream stream = SteadyStream.start("publish-" + name, MESSAGES / CHUNK,
                        Duration.ofMillis(50), chunk -> traffic.publish(publisher, chunk * CHUNK, (chunk + 1) * CHUNK, 1))) {
                    await().atMost(ARRIVAL).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                            .until(() -> traffic.inKafka(kafka.kafka()) >= MESSAGES / 6);
                    String deadId = victim.workerId();
                    victim.kill();
                    long killedAt = System.nanoTime();
                    int publishedAtKill = stream.chunksSent() * CHUNK;

                    // Until the new owners write their status, the dead worker's tasks still read RUNNING on it.
                    Set<String> survivors = workers.stream().filter(w -> w != victim)
                            .map(ConnectWorkerProcess::workerId).collect(Collectors.toSet());
                    ConnectorStatus recovered = await("all tasks RUNNING on the survivors").atMost(ARRIVAL)
                            .pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                            .until(() -> survivor.rest().connectorStatus(name),
                                    s -> s.runningWith(TASKS) && survivors.containsAll(workersOf(s)));
                    Duration recovery = Duration.ofNanos(System.nanoTime() - killedAt);
                    stream.await(ARRIVAL);

                    KafkaTally tally = new KafkaTally(MESSAGES, traffic.readAll(kafka.kafka(), MESSAGES, ARRIVAL));
                    System.out.printf("Worker %s SIGKILLed with %d of %d messages published; all %d tasks RUNNING "
                                    + "again after %d ms (scheduled.rebalance.max.delay.ms=%s): %s; %s%n",
                            deadId, publishedAtKill, MESSAGES, TASKS, recovery.toMillis(), REBALANCE_DELAY_MS,
                            placement(recovered), tally);
                    assertTrue(publishedAtKill < MESSAGES, "the kill came after the stream ended, not mid-stream");
                    assertEquals(List.of(), tally.missing());
                }
            }
        } finally {
            survivor.rest().deleteConnector(name);
        }
    }

    private static Set<String> workersOf(ConnectorStatus status) {
        return status.tasks().stream().map(TaskStatus::workerId).collect(Collectors.toSet());
    }

    private static String placement(ConnectorStatus status) {
        return status.tasks().stream().map(t -> t.id() + "@" + t.workerId()).collect(Collectors.joining(", "));
    }
}
