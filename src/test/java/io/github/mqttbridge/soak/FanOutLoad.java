package io.github.mqttbridge.soak;

import static org.awaitility.Awaitility.await;

import io.github.mqttbridge.client.MqttClient;
import io.github.mqttbridge.connect.sink.MqttSinkConnector;
import io.github.mqttbridge.testing.Receipts;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.core.ConditionTimeoutException;

/**
 * One sink task publishing to ten thousand distinct MQTT topics, the topic made from each record's key by the
 * sink's topic template, at QoS 1.
 */
final class FanOutLoad {

    private static final Duration LIMIT = Duration.ofMinutes(5);

    /**
     * @param topicsSeen distinct MQTT topics the subscriber got messages on
     * @param sinceCreated from creating the connector (task start included) until the last message arrived
     * @param firstToLast from the first message's arrival to the last's
     */
    record Result(int topics, int topicsSeen, int records, int received, int duplicates, int lost,
                  Duration sinceCreated, Duration firstToLast) {
        double rate() {
            return received / DeviceLoad.seconds(firstToLast);
        }
    }

    private FanOutLoad() {
    }

    static Result run(SoakRig rig, SoakOptions options, String runId) throws Exception {
        String name = "soak-fanout-" + runId;
        String kafkaTopic = "soak-" + runId + "-fanout";
        String prefix = "soak/" + runId + "/fanout/";
        int records = options.fanOutRecords();
        Receipts receipts = new Receipts(records);
        Set<String> topics = ConcurrentHashMap.newKeySet();
        AtomicLong first = new AtomicLong();
        AtomicLong last = new AtomicLong();
        rig.kafkaClient().createTopic(kafkaTopic, 3);
        List<ProducerRecord<byte[], byte[]>> batch = new ArrayList<>(records);
        for (int i = 0; i < records; i++) {
            batch.add(new ProducerRecord<>(kafkaTopic, ("t" + i % options.fanOutTopics())
                    .getBytes(StandardCharsets.UTF_8), Receipts.payload(i, Lane.PAYLOAD_SIZE)));
        }
        rig.kafkaClient().produceAll(batch);
        try (MqttClient subscriber = new MqttClient(rig.directUri(), "soak-fanout-sub-" + runId)) {
            subscriber.onMessageArrived(m -> {
                long now = System.nanoTime();
                first.compareAndSet(0, now);
                last.set(now);
                topics.add(m.destinationName());
                receipts.record(m.payloadBytes());
            });
            subscriber.connect().get(30, TimeUnit.SECONDS);
            subscriber.subscribe(prefix + "#", 1).get(30, TimeUnit.SECONDS);
            Map<String, String> config = new HashMap<>();
            config.put("connector.class", MqttSinkConnector.class.getName());
            config.put("tasks.max", "1");
            config.put("topics", kafkaTopic);
            config.put("mqtt.server.uris", rig.directUri());
            config.put("mqtt.topic", prefix + "{key}");
            config.put("mqtt.qos", "1");
            long created = System.nanoTime();
            rig.rest().createConnector(name, config);
            try {
                await(records + " records on " + options.fanOutTopics() + " topics").atMost(LIMIT)
                        .pollInterval(Duration.ofMillis(200)).until(receipts::allArrived);
            } catch (ConditionTimeoutException e) {
                // the count below says what is missing
            } finally {
                rig.rest().deleteConnector(name);
            }
            boolean any = first.get() != 0;
            return new Result(options.fanOutTopics(), topics.size(), records, receipts.distinct(),
                    receipts.duplicates(), records - receipts.distinct(),
                    any ? Duration.ofNanos(last.get() - created) : Duration.ZERO,
                    any ? Duration.ofNanos(last.get() - first.get()) : Duration.ZERO);
        }
    }
}
