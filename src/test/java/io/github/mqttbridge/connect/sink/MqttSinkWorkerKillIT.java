package io.github.mqttbridge.connect.sink;

import static io.github.mqttbridge.connect.sink.SinkTraffic.assertCompleteAndOrdered;
import static io.github.mqttbridge.connect.sink.SinkTraffic.committedAll;
import static io.github.mqttbridge.connect.sink.SinkTraffic.committedWithinReceived;
import static io.github.mqttbridge.connect.sink.SinkTraffic.produce;
import static io.github.mqttbridge.connect.sink.SinkTraffic.sinkConfig;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mqttbridge.testing.ClassResource;
import io.github.mqttbridge.testing.ConnectWorkerProcess;
import io.github.mqttbridge.testing.KafkaConnectCluster;
import io.github.mqttbridge.testing.KafkaTestClient;
import io.github.mqttbridge.testing.SharedBroker;
import io.github.mqttbridge.testing.SteadyStream;
import io.github.mqttbridge.testing.TestBroker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Connect worker running the sink connector is SIGKILLed while records stream through it, and a new worker
 * process starts in its place (same Connect group). Unlike a graceful stop, the dead tasks commit nothing more, so
 * the new ones resume at the last offsets committed before the crash: everything must arrive, and only records at
 * or past those offsets (acknowledged after that commit, or in flight) may arrive twice. That is checked per
 * record against the offsets Kafka holds once the worker is dead, not against a count of what the subscriber had
 * received at the kill, which lags behind the broker by however busy the machine is.
 */
@ExtendWith(ConnectWorkerProcess.LogsOnFailure.class)
class MqttSinkWorkerKillIT {
    private static final Duration ARRIVAL = Duration.ofSeconds(180);
    private static final int PARTITIONS = 3;
    private static final int PER_PARTITION = 5_000;
    private static final int CHUNK = 20;
    /** {@code mqtt.max.outstanding.records} of each task: publishes handed to the client and not yet acknowledged. */
    private static final int OUTSTANDING = 300;

    @RegisterExtension
    @Order(1)
    static final ClassResource<KafkaConnectCluster> kafka =
            ClassResource.of(() -> KafkaConnectCluster.builder().startKafkaOnly());
    @RegisterExtension
    @Order(2)
    static final ClassResource<ConnectWorkerProcess> worker =
            ClassResource.of(() -> ConnectWorkerProcess.builder(kafka.get().bootstrapServers()).start());


    @ParameterizedTest(name = "{0}, MQTT {1}")
    @CsvSource({"EMBEDDED, 3.1.1", "MOSQUITTO, 3.1.1", "EMBEDDED, 5", "MOSQUITTO, 5"})
    void a_worker_killed_mid_stream_loses_nothing_and_commits_nothing_unacknowledged(SharedBroker shared,
                                                                                    String version) throws Exception {
        TestBroker broker = shared.get();
        String run = "sinkkill" + UUID.randomUUID().toString().substring(0, 8);
        List<String> topics = List.of(run);
        int total = PARTITIONS * PER_PARTITION;
        kafka.get().createTopic(run, PARTITIONS);
        Map<String, String> config = sinkConfig(run, broker.tcpUri(), 1);
        config.put("tasks.max", Integer.toString(PARTITIONS));
        config.put("mqtt.topic", run + "/{topic}/{partition}");
        config.put("mqtt.max.outstanding.records", Integer.toString(OUTSTANDING));
        config.put("mqtt.version", version);
        try (Subscriber sub = new RawSubscriber(broker.tcpUri(), run + "/#");
             KafkaProducer<String, String> producer = SinkTraffic.producer(kafka.get().bootstrapServers())) {
            worker.get().rest().createConnector(run, config);
            worker.get().rest().awaitRunning(run, PARTITIONS);
            // 3,000 records a second; the second half waits for the kill, so that however slow the worker is
            // on a loaded machine, the kill comes while records still flow.
            int chunks = PER_PARTITION / CHUNK;
            try (SteadyStream stream = SteadyStream.startHeldAt("produce-" + run, chunks, Duration.ofMillis(20),
                    chunks / 2, chunk -> produce(producer, topics, PARTITIONS, chunk * CHUNK, (chunk + 1) * CHUNK))) {
                // Every partition has a commit, so the restart resumes from offsets of this run, not from 0.
                await().atMost(ARRIVAL).pollInterval(Duration.ofMillis(100))
                        .until(() -> distinct(sub) >= total / 4 && committedEverywhere(run));
                worker.get().kill();
                stream.release();
                Map<TopicPartition, Long> committedAtKill = committed(run);
                int receivedAtKill = distinct(sub);
                int sentAtKill = stream.chunksSent() * CHUNK * PARTITIONS;
                // The dead worker publishes nothing more, so a committed record the subscriber does not get now
                // was never acknowledged by the broker. The wait only lets the broker forward what it
                // acknowledged just before the kill.
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                        .untilAsserted(() -> committedWithinReceived(committedAtKill, sub));

                worker.get().start();
                stream.await(ARRIVAL);
                await().atMost(ARRIVAL).pollInterval(Duration.ofMillis(500)).until(() -> distinct(sub) == total);
                assertCompleteAndOrdered(sub, run + "/", topics, PARTITIONS, PER_PARTITION);
                int duplicates = sub.count() - distinct(sub);
                System.out.printf("%s MQTT " + version + ", sink worker SIGKILLed with %d records produced, %d received, committed "
                                + "offsets %s: %d duplicates of %d, all at or past those offsets%n", shared,
                        sentAtKill, receivedAtKill, committedAtKill.values(), duplicates, total);
                assertTrue(sentAtKill < total, "the kill came after the stream ended, not mid-stream");
                // The dead worker delivered each record once at most and the new tasks publish again only from
                // the committed offsets: a record before them twice means they resumed too early.
                assertEquals(List.of(), duplicatedBefore(committedAtKill, sub), "records before the committed "
                        + "offsets at the kill delivered again");
                assertEquals(List.of(), deliveredMoreThanTwice(sub), "records delivered more than twice");
                await().atMost(ARRIVAL).until(() -> committedAll(kafka.get().kafka(), run, PARTITIONS, PER_PARTITION));
            }
        } finally {
            worker.get().rest().deleteConnector(run);
        }
    }

    private static int distinct(Subscriber sub) {
        return sub.distinctCounts().size();
    }

    private static Map<TopicPartition, Long> committed(String run) {
        return kafka.get().kafka().committedOffsets(KafkaTestClient.sinkGroupId(run));
    }

    private static boolean committedEverywhere(String run) {
        Map<TopicPartition, Long> committed = committed(run);
        return committed.size() == PARTITIONS && committed.values().stream().allMatch(offset -> offset > 0);
    }

    /** The first few records (topic:partition:offset) before their partition's committed offset that came twice. */
    private static List<String> duplicatedBefore(Map<TopicPartition, Long> committed, Subscriber sub) {
        return sub.distinctCounts().entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey)
                .filter(payload -> {
                    String[] parts = payload.split(":");
                    TopicPartition partition = new TopicPartition(parts[0], Integer.parseInt(parts[1]));
                    return Long.parseLong(parts[2]) < committed.getOrDefault(partition, 0L);
                }).sorted().limit(10).toList();
    }

    private static List<String> deliveredMoreThanTwice(Subscriber sub) {
        return sub.distinctCounts().entrySet().stream().filter(e -> e.getValue() > 2).map(Map.Entry::getKey)
                .sorted().limit(10).toList();
    }
}
