package io.github.mqttbridge.soak;

import static org.awaitility.Awaitility.await;

import io.github.mqttbridge.connect.source.MqttSourceConnector;
import io.github.mqttbridge.testing.KafkaTestClient;
import io.github.mqttbridge.testing.Receipts;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.awaitility.core.ConditionTimeoutException;

/** A thousand devices, each its own connection and topic, publishing at once at QoS 1 into one source task. */
final class DeviceLoad {

    private static final Duration LIMIT = Duration.ofMinutes(5);

    /**
     * @param publishing from the first publish until every device had its PUBACKs
     * @param toKafka from the first publish until Kafka held as many records as were published
     */
    record Result(int devices, int messagesPerDevice, int published, int inKafka, int duplicates, int lost,
                  Duration publishing, Duration toKafka) {
        double publishRate() {
            return published / seconds(publishing);
        }

        double kafkaRate() {
            return inKafka / seconds(toKafka);
        }
    }

    private DeviceLoad() {
    }

    static Result run(SoakRig rig, SoakOptions options, String runId) throws Exception {
        String name = "soak-devices-" + runId;
        String kafkaTopic = "soak-" + runId + "-devices";
        KafkaTestClient kafka = rig.kafkaClient();
        kafka.createTopic(kafkaTopic, 3);
        int rounds = options.messagesPerDevice();
        try (DeviceFleet fleet = DeviceFleet.connect(rig.directUri(), runId, options.devices())) {
            Map<String, String> config = new HashMap<>();
            config.put("connector.class", MqttSourceConnector.class.getName());
            config.put("tasks.max", "1");
            config.put("mqtt.server.uris", rig.directUri());
            config.put("mqtt.topics", fleet.filter());
            config.put("mqtt.qos", "1");
            config.put("kafka.topic", kafkaTopic);
            rig.rest().createConnector(name, config);
            try {
                rig.rest().awaitRunning(name, 1, LIMIT);
                await(name + " subscribed").atMost(LIMIT).pollInterval(Duration.ofSeconds(1)).until(() -> {
                    fleet.probe();
                    return records(kafka, kafkaTopic) > 0;
                });
                long probes = records(kafka, kafkaTopic);
                int published = fleet.size() * rounds;
                long start = System.nanoTime();
                fleet.publish(rounds);
                Duration publishing = Duration.ofNanos(System.nanoTime() - start);
                try {
                    await(published + " device messages in Kafka").atMost(LIMIT).pollInterval(Duration.ofMillis(200))
                            .until(() -> records(kafka, kafkaTopic) - probes >= published);
                } catch (ConditionTimeoutException e) {
                    // the count below says what is missing
                }
                Duration toKafka = Duration.ofNanos(System.nanoTime() - start);
                Receipts tally = new Receipts(published);
                kafka.readAll(kafkaTopic).stream().map(r -> r.value())
                        .filter(v -> v.length == Lane.PAYLOAD_SIZE).forEach(tally::record);
                return new Result(fleet.size(), rounds, published, tally.distinct(), tally.duplicates(),
                        published - tally.distinct(), publishing, toKafka);
            } finally {
                rig.rest().deleteConnector(name);
            }
        }
    }

    private static long records(KafkaTestClient kafka, String topic) {
        return kafka.endOffsets(topic).values().stream().mapToLong(Long::longValue).sum();
    }

    static double seconds(Duration d) {
        return Math.max(1, d.toNanos()) / 1e9;
    }
}
