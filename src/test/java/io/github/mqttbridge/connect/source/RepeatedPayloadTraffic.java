package io.github.mqttbridge.connect.source;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.mqttbridge.client.ConnectOptions;
import io.github.mqttbridge.client.MqttClient;
import io.github.mqttbridge.client.MqttMessage;
import io.github.mqttbridge.testing.KafkaTestClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * QoS 2 messages for the exactly-once tests, whose payloads repeat ({@code "p" + i % 7}) so that no receiver can
 * tell two messages apart by their bytes, while the test still knows each one in Kafka: by its own MQTT topic
 * {@code eo<id>/data/g<k>/<i>}, which the connector makes the record's key ({@link Identity#TOPIC}), or on MQTT 5
 * by its user property {@code n=<i>} on a topic all messages of its group share, which the connector makes a header
 * ({@link Identity#USER_PROPERTY}): then topic and payload together repeat too.
 *
 * <p>Message i belongs to group {@code i % groups}, and each group has a filter of its own, so that several tasks
 * can divide the stream. Every data topic goes to the one Kafka topic {@code eo<id>.data}, read with
 * {@code isolation.level=read_committed} ({@link KafkaTestClient}); probes for the subscriptions go to
 * {@code eo<id>.probe}.
 */
public final class RepeatedPayloadTraffic {
    /** How a test tells messages apart in Kafka when their payloads repeat. */
    public enum Identity { TOPIC, USER_PROPERTY }

    private static final String NUMBER_PROPERTY = "n";
    private static final int DISTINCT_PAYLOADS = 7;
    /** How long a test's sign that nothing is in flight must hold before the last read. */
    private static final Duration SETTLED = Duration.ofSeconds(3);

    public final String id = UUID.randomUUID().toString().substring(0, 8);
    private final Identity identity;
    private final int groups;

    public RepeatedPayloadTraffic(Identity identity, int groups) {
        this.identity = identity;
        this.groups = groups;
    }

    public static String payload(int message) {
        return "p" + message % DISTINCT_PAYLOADS;
    }

    public List<String> filters() {
        return IntStream.range(0, groups).mapToObj(g -> "eo" + id + "/+/g" + g + "/+").toList();
    }

    public String kafkaTopic() {
        return "eo" + id + ".data";
    }

    private String mqttTopic(int message) {
        String group = "eo" + id + "/data/g" + message % groups + "/";
        return group + (identity == Identity.TOPIC ? Integer.toString(message) : "all");
    }

    /**
     * The source connector with exactly-once delivery: QoS 2, a persistent session, and Connect's transactions
     * ({@code exactly.once.support=required}, which needs a worker with {@code exactly.once.source.support=enabled}).
     */
    public Map<String, String> connector(String uri, String mqttVersion) {
        Map<String, String> c = SourceTraffic.connectorConfig(uri, String.join(",", filters()), 2);
        c.put("mqtt.clean.session", "false");
        c.put("mqtt.version", mqttVersion);
        c.put("exactly.once.support", "required");
        return c;
    }

    /** A publisher straight to the broker on MQTT 5, which the user properties need, reconnecting on its own. */
    public static MqttClient publisher(String uri) throws Exception {
        MqttClient p = new MqttClient(uri, "pub-" + UUID.randomUUID().toString().substring(0, 8));
        p.connect(ConnectOptions.builder().mqttVersion(5).reconnect(true)
                .reconnectDelay(Duration.ofMillis(100), Duration.ofSeconds(1)).build()).get(10, TimeUnit.SECONDS);
        return p;
    }

    /** Publishes messages {@code from} to {@code to - 1} at QoS 2 and returns once the broker has completed each. */
    public void publish(MqttClient publisher, int from, int to) throws Exception {
        Semaphore window = new Semaphore(500);
        List<CompletableFuture<Void>> sent = new ArrayList<>();
        for (int i = from; i < to; i++) {
            MqttMessage message = new MqttMessage(payload(i));
            message.setDestinationName(mqttTopic(i));
            message.setQos(2);
            if (identity == Identity.USER_PROPERTY) {
                message.addUserProperty(NUMBER_PROPERTY, Integer.toString(i));
            }
            window.acquire();
            CompletableFuture<Void> f = publisher.send(message);
            f.whenComplete((ok, error) -> window.release());
            sent.add(f);
        }
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
    }

    /**
     * Waits until the broker has every filter's subscription, seen from outside the worker: a probe on each group
     * reaches Kafka only then, and before it the broker would drop the stream's first messages.
     */
    public void awaitSubscribed(KafkaTestClient kafka, MqttClient publisher) {
        String probeTopic = "eo" + id + ".probe";
        await("every filter subscribed, as probes through " + probeTopic + " show").atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    for (int g = 0; g < groups; g++) {
                        publisher.publish("eo" + id + "/probe/g" + g + "/x", new byte[0], 2, false);
                    }
                    if (!kafka.topics().contains(probeTopic)) {
                        return false;
                    }
                    Set<String> probed = new HashSet<>();
                    kafka.readAll(probeTopic).forEach(r -> probed.add(KafkaTestClient.text(r.key())));
                    return probed.size() == groups;
                });
    }

    /** The records in the data topic, committed or not, as a cheap sign of progress; 0 before it exists. */
    public long inKafka(KafkaTestClient kafka) {
        if (!kafka.topics().contains(kafkaTopic())) {
            return 0;
        }
        return kafka.endOffsets(kafkaTopic()).values().stream().mapToLong(Long::longValue).sum();
    }

    /** Every committed record of the data topic now. */
    public List<ConsumerRecord<byte[], byte[]>> committed(KafkaTestClient kafka) {
        return kafka.readAll(kafkaTopic());
    }

    /** The message a record carries. */
    public int number(ConsumerRecord<byte[], byte[]> record) {
        if (identity == Identity.TOPIC) {
            return numberInTopic(KafkaTestClient.text(record.key()));
        }
        Header n = record.headers().lastHeader(NUMBER_PROPERTY);
        return Integer.parseInt(new String(n.value(), StandardCharsets.UTF_8));
    }

    /** The message a PUBLISH of this traffic carries, from its topic; only for {@link Identity#TOPIC}. */
    public int numberInTopic(String mqttTopic) {
        return Integer.parseInt(mqttTopic.substring(mqttTopic.lastIndexOf('/') + 1));
    }

    /**
     * Waits until every one of messages 0 to {@code messages - 1} is committed in Kafka and {@code settled} has held
     * for {@link #SETTLED} on end (nothing in flight that could still commit a copy), reads the data topic once more
     * and fails on a message lost or duplicated, a wrong payload, or messages of one MQTT topic out of order.
     */
    public KafkaTally assertExactlyOnce(KafkaTestClient kafka, int messages, BooleanSupplier settled,
                                        Duration within) {
        return assertExactlyOnce(kafka, messages, settled, within, Set::of);
    }

    /**
     * The same, but the messages {@code lostByKafka} names are not missed: Kafka dropped their records after it
     * committed them ({@link io.github.mqttbridge.testing.KafkaTransactions.Aborted#committedByItsCoordinator()}).
     */
    public KafkaTally assertExactlyOnce(KafkaTestClient kafka, int messages, BooleanSupplier settled,
                                        Duration within, Supplier<Set<Integer>> lostByKafka) {
        await("all " + messages + " messages committed in " + kafkaTopic()).atMost(within)
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    KafkaTally tally = new KafkaTally(messages, committed(kafka), this::number);
                    assertEquals(List.of(), missedByUs(tally, lostByKafka.get()), tally.toString());
                });
        await("nothing left in flight").atMost(within).during(SETTLED).pollInterval(Duration.ofMillis(250))
                .until(settled::getAsBoolean);
        List<ConsumerRecord<byte[], byte[]>> all = committed(kafka);
        KafkaTally tally = new KafkaTally(messages, all, this::number);
        assertEquals(List.of(), missedByUs(tally, lostByKafka.get()), "lost: " + tally);
        assertEquals(List.of(), tally.duplicated(), "duplicated: " + tally);
        assertEquals(List.of(), wrongPayloads(all), "records with another message's payload");
        assertEquals(List.of(), tally.outOfOrderKeys(), "first arrivals out of publishing order");
        return tally;
    }

    private static List<Integer> missedByUs(KafkaTally tally, Set<Integer> lostByKafka) {
        return tally.missing().stream().filter(n -> !lostByKafka.contains(n)).toList();
    }

    /** Records whose payload is not the one their message was sent with: "number: payload". */
    public List<String> wrongPayloads(List<ConsumerRecord<byte[], byte[]>> records) {
        List<String> wrong = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            String value = KafkaTestClient.text(r.value());
            if (!payload(number(r)).equals(value)) {
                wrong.add(number(r) + ": " + value);
            }
        }
        return wrong;
    }
}
