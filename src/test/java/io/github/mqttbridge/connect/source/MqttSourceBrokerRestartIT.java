package io.github.mqttbridge.connect.source;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mqttbridge.client.MqttClient;
import io.github.mqttbridge.testing.ClassResource;
import io.github.mqttbridge.testing.KafkaConnectCluster;
import io.github.mqttbridge.testing.MosquittoBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Mosquitto is killed (SIGKILL) while it holds a backlog for the connector, and started again from its persistence.
 * Mosquitto acknowledges a PUBLISH before it saves it, so the test publishes the first half, saves the broker's
 * database (SIGUSR1) and kills it at once: everything of the first half is then in the broker's saved state,
 * queued for the connector's session or in flight to it, and must reach Kafka, as must the second half,
 * published after the restart. Only Mosquitto: the embedded broker cannot be killed as a process.
 */
class MqttSourceBrokerRestartIT {
    @RegisterExtension
    static final ClassResource<KafkaConnectCluster> cluster =
            ClassResource.of(() -> {
        MosquittoBroker.assumeAvailable();
        return KafkaConnectCluster.builder().start();
    });

    @ParameterizedTest(name = "MQTT {0}")
    @ValueSource(strings = {"3.1.1", "5"})
    void at_qos_1_a_broker_killed_mid_stream_and_restarted_loses_nothing_it_had_saved(String version)
            throws Exception {
        brokerKilledMidStream(1, version);
    }

    /**
     * The message the client's reader thread holds, waiting for room in a full inbound queue, when the connection
     * dies must not be taken for delivered: the broker's resend of it has to reach Kafka.
     */
    @ParameterizedTest(name = "MQTT {0}")
    @ValueSource(strings = {"3.1.1", "5"})
    void at_qos_2_a_broker_killed_mid_stream_and_restarted_loses_nothing_it_had_saved(String version)
            throws Exception {
        brokerKilledMidStream(2, version);
    }

    private void brokerKilledMidStream(int qos, String version) throws Exception {
        int messages = 8_000;
        SourceTraffic traffic = new SourceTraffic(4);
        String name = "src-broker-kill-" + traffic.id;
        try (MosquittoBroker broker = MosquittoBroker.builder().persistence(Duration.ofSeconds(3600)).start()) {
            var config = traffic.connector(broker.tcpUri(), traffic.filter(), qos);
            // A small queue keeps most of the backlog in the broker, where the kill hits it.
            config.put("mqtt.queue.max.messages", "200");
            config.put("mqtt.version", version);
            cluster.get().rest().createConnector(name, config);
            cluster.get().rest().awaitRunning(name, 1);
            await().atMost(Duration.ofSeconds(30)).until(() -> SourceTaskProbe.subscribed(name, 0));
            try (MqttClient publisher = SourceTraffic.publisher(broker.tcpUri())) {
                // Paused, the task stops polling but stays subscribed: its queue and the client's buffer fill,
                // and the rest of the first half waits in the broker, in flight or queued, when it is killed.
                cluster.get().rest().pause(name);
                cluster.get().rest().awaitState(name, 0, "PAUSED", Duration.ofSeconds(30));
                traffic.publish(publisher, 0, messages / 2, qos);
                broker.saveNow();
                broker.kill();
                cluster.get().rest().resume(name);
                broker.start();
                await().atMost(Duration.ofSeconds(30)).until(publisher::isConnected);
                traffic.publish(publisher, messages / 2, messages, qos);
                List<ConsumerRecord<byte[], byte[]>> all = new ArrayList<>();
                await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
                    all.clear();
                    for (int t = 0; t < traffic.mqttTopics.size(); t++) {
                        all.addAll(cluster.get().kafka().readAll(traffic.kafkaTopic(t)));
                    }
                    assertTrue(new KafkaTally(messages, all).missing().isEmpty(),
                            new KafkaTally(messages, all) + "\n" + broker.diagnostics());
                });
                KafkaTally tally = new KafkaTally(messages, all);
                System.out.printf("QoS %d MQTT " + version + ", broker killed with %d messages saved and none in Kafka: %s, reconnects %s%n",
                        qos, messages / 2, tally, SourceTaskProbe.attribute(name, 0, "Reconnects"));
                assertEquals(List.of(), tally.outOfOrderKeys());
            } finally {
                cluster.get().rest().deleteConnector(name);
            }
        }
    }
}
