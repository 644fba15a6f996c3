package io.github.mqttbridge.connect.source;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mqttbridge.client.MqttClient;
import io.github.mqttbridge.testing.ClassResource;
import io.github.mqttbridge.testing.ConnectWorkerProcess;
import io.github.mqttbridge.testing.KafkaConnectCluster;
import io.github.mqttbridge.testing.SharedBroker;
import io.github.mqttbridge.testing.SteadyStream;
import io.github.mqttbridge.testing.TestBroker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Connect worker running the source connector is SIGKILLed while a steady stream of QoS 1 messages flows,
 * and a new worker process starts in its place (same Connect group, so the same connector and task, whose client
 * id {@code <name>-0} takes over the broker's session of the dead one). Unlike a graceful stop, the dead task
 * acknowledges nothing more: what the broker had sent and not seen acknowledged comes again, so every message
 * must be in Kafka and the duplicates must be at most what was in flight.
 */
@ExtendWith(ConnectWorkerProcess.LogsOnFailure.class)
class MqttSourceWorkerKillIT {
    private static final Duration ARRIVAL = Duration.ofSeconds(180);
    private static final int MESSAGES = 20_000;
    private static final int CHUNK = 100;

    @RegisterExtension
    @Order(1)
    static final ClassResource<KafkaConnectCluster> kafka =
            ClassResource.of(() -> KafkaConnectCluster.builder().startKafkaOnly());
    @RegisterExtension
    @Order(2)
    static final ClassResource<ConnectWorkerProcess> worker =
            ClassResource.of(() -> ConnectWorkerProcess.builder(kafka.get().bootstrapServers()).start());


    /** The bound on duplicates is {@link SourceInFlightBound}'s, from the queue and producer sizes it sets. */
    @ParameterizedTest(name = "{0}, MQTT {1}")
    @CsvSource({"EMBEDDED, 3.1.1", "MOSQUITTO, 3.1.1", "EMBEDDED, 5", "MOSQUITTO, 5"})
    void a_worker_killed_mid_stream_loses_nothing_and_duplicates_at_most_what_was_in_flight(SharedBroker shared,
                                                                                          String version)
            throws Exception {
        TestBroker broker = shared.get();
        int inFlightBound = SourceInFlightBound.DUPLICATES;
        SourceTraffic traffic = new SourceTraffic(3);
        String name = "src-kill-" + traffic.id;
        Map<String, String> config = SourceInFlightBound.applyTo(
                traffic.connector(broker.tcpUri(), traffic.filter(), 1));
        config.put("mqtt.version", version);
        worker.get().rest().createConnector(name, config);
        worker.get().rest().awaitRunning(name, 1);
        try (MqttClient publisher = SourceTraffic.publisher(broker.tcpUri())) {
            traffic.awaitSubscribed(kafka.get().kafka(), publisher);
            // 4,000 messages a second; the second half waits for the kill, so that however slow the worker is on
            // a loaded machine, the kill comes while they flow, and the new worker starts after the rest has
            // queued up in the broker for the dead client's session.
            int chunks = MESSAGES / CHUNK;
            try (SteadyStream stream = SteadyStream.startHeldAt("publish-" + name, chunks, Duration.ofMillis(25),
                    chunks / 2, chunk -> traffic.publish(publisher, chunk * CHUNK, (chunk + 1) * CHUNK, 1))) {
                await().atMost(ARRIVAL).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                        .until(() -> traffic.inKafka(kafka.get().kafka()) >= 2 * inFlightBound);
                worker.get().kill();
                stream.release();
                long inKafkaAtKill = traffic.inKafka(kafka.get().kafka());
                int publishedAtKill = stream.chunksSent() * CHUNK;
                worker.get().start();
                stream.await(ARRIVAL);

                List<ConsumerRecord<byte[], byte[]>> all = traffic.readAll(kafka.get().kafka(), MESSAGES, ARRIVAL);
                KafkaTally tally = new KafkaTally(MESSAGES, all);
                System.out.printf("%s, worker SIGKILLed with %d messages published and %d in Kafka: %s (bound %d)%n",
                        shared, publishedAtKill, inKafkaAtKill, tally, inFlightBound);
                assertTrue(publishedAtKill < MESSAGES, "the kill came after the stream ended, not mid-stream");
                assertTrue(tally.duplicates() <= inFlightBound, tally + ", more than the bound " + inFlightBound);
                assertEquals(List.of(), tally.outOfOrderKeys());
            }
        } finally {
            worker.get().rest().deleteConnector(name);
        }
    }
}
