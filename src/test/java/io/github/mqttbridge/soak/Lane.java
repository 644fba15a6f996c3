package io.github.mqttbridge.soak;

import static org.awaitility.Awaitility.await;

import io.github.mqttbridge.client.ConnectOptions;
import io.github.mqttbridge.client.MqttClient;
import io.github.mqttbridge.connect.sink.MqttSinkConnector;
import io.github.mqttbridge.connect.source.MqttSourceConnector;
import io.github.mqttbridge.testing.Receipts;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * One QoS level of the loop MQTT → source connector → Kafka → sink connector → MQTT: its topics, its two
 * connectors, a publisher at the start and a subscriber at the end (both our client, connected to the broker
 * directly, not through the fault proxy, so that the faults hit the bridge only), and the book of what was
 * published when and what came back when.
 */
final class Lane implements AutoCloseable {

    /** Numbered payloads have this size; the probe that checks the loop is connected has another. */
    static final int PAYLOAD_SIZE = 16;
    private static final byte[] PROBE = "probe".getBytes(StandardCharsets.UTF_8);
    private static final String KEEPALIVE_MS = "5000";

    final int qos;
    /** "3.1.1" or "5": what the lane's connectors, publisher and subscriber speak. */
    final String version;
    /**
     * The source connector in Kafka Connect's exactly-once mode (KIP-618), on the rig's exactly-once worker: each
     * message once in Kafka as a read_committed consumer sees it, not merely at least once.
     */
    final boolean exactlyOnce;
    final String inTopic;
    final String outTopic;
    final String kafkaTopic;
    final String sourceName;
    final String sinkName;

    private final AtomicLongArray publishedAt;
    private final AtomicLongArray arrivedAt;
    /** Per message: 0 while its publish is pending, SENT once the broker took it, FAILED if the client gave up. */
    private final AtomicIntegerArray outcome;
    private final Receipts received;
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicInteger pending = new AtomicInteger();
    /** Held by a fault that needs the publisher quiet, e.g. while the broker saves before it is killed. */
    private final ReentrantLock gate = new ReentrantLock();
    private volatile boolean probeArrived;
    private MqttClient publisher;
    private MqttClient subscriber;

    private static final int SENT = 1;
    private static final int FAILED = 2;

    Lane(String runId, int qos, String version, int capacity) {
        this(runId, qos, version, false, capacity);
    }

    /** The QoS 2 lane on MQTT 3.1.1 whose source connector delivers exactly once. */
    static Lane exactlyOnce(String runId, int capacity) {
        return new Lane(runId, 2, "3.1.1", true, capacity);
    }

    private Lane(String runId, int qos, String version, boolean exactlyOnce, int capacity) {
        this.qos = qos;
        this.version = version;
        this.exactlyOnce = exactlyOnce;
        String lane = "q" + qos + (version.equals("5") ? "v5" : "") + (exactlyOnce ? "eos" : "");
        this.inTopic = "soak/" + runId + "/" + lane + "/in";
        this.outTopic = "soak/" + runId + "/" + lane + "/out";
        this.kafkaTopic = "soak-" + runId + "-" + lane;
        this.sourceName = "soak-source-" + lane + "-" + runId;
        this.sinkName = "soak-sink-" + lane + "-" + runId;
        this.publishedAt = new AtomicLongArray(capacity);
        this.arrivedAt = new AtomicLongArray(capacity);
        this.outcome = new AtomicIntegerArray(capacity);
        this.received = new Receipts(capacity);
    }

    Map<String, String> sourceConfig(String mqttUri) {
        Map<String, String> c = connectorBase(MqttSourceConnector.class.getName(), mqttUri);
        c.put("mqtt.topics", inTopic);
        c.put("kafka.topic", kafkaTopic);
        if (exactlyOnce) {
            c.put("exactly.once.support", "required");
            c.put("transaction.boundary", "poll");
            c.put("mqtt.clean.session", "false");
        }
        return c;
    }

    /** The MQTT client id of the source's one task: by default, the connector's name and the task's number. */
    String sourceClientId() {
        return sourceName + "-0";
    }

    Map<String, String> sinkConfig(String mqttUri) {
        Map<String, String> c = connectorBase(MqttSinkConnector.class.getName(), mqttUri);
        c.put("topics", kafkaTopic);
        c.put("mqtt.topic", outTopic);
        if (exactlyOnce) {
            // What a transactional topic's consumer reads: a record of an aborted transaction is no message.
            c.put("consumer.override.isolation.level", "read_committed");
        }
        return c;
    }

    private Map<String, String> connectorBase(String connectorClass, String mqttUri) {
        Map<String, String> c = new HashMap<>();
        c.put("connector.class", connectorClass);
        c.put("tasks.max", "1");
        c.put("mqtt.server.uris", mqttUri);
        c.put("mqtt.qos", Integer.toString(qos));
        c.put("mqtt.version", version);
        c.put("mqtt.reconnect.backoff.min.ms", "100");
        c.put("mqtt.reconnect.backoff.max.ms", "1000");
        // Short enough that a black hole longer than 1.5 times this is detected by the ping timeout, so the
        // schedule exercises both a stall the connection survives and one it does not.
        c.put("mqtt.keepalive.interval.ms", KEEPALIVE_MS);
        return c;
    }

    /** Connects the subscriber (persistent session, so it misses nothing while the broker restarts) and publisher. */
    void connect(String mqttUri, String runId) throws Exception {
        subscriber = new MqttClient(mqttUri, "soak-sub-" + sourceName);
        subscriber.onMessageArrived(m -> arrived(m.payloadBytes()));
        subscriber.connect(sessionOptions()).get(30, TimeUnit.SECONDS);
        subscriber.subscribe(outTopic, qos).get(30, TimeUnit.SECONDS);
        publisher = new MqttClient(mqttUri, "soak-pub-" + sourceName);
        publisher.connect(sessionOptionsBuilder().disconnectedPublishing(true).disconnectedBufferSize(1_000_000)
                .build()).get(30, TimeUnit.SECONDS);
    }

    private ConnectOptions sessionOptions() {
        return sessionOptionsBuilder().build();
    }

    private ConnectOptions.Builder sessionOptionsBuilder() {
        return ConnectOptions.builder().cleanSession(false).reconnect(true).mqttVersion(version.equals("5") ? 5 : 4)
                .reconnectDelay(Duration.ofMillis(100), Duration.ofSeconds(1));
    }

    private void arrived(byte[] payload) {
        if (payload.length != PAYLOAD_SIZE) {
            probeArrived = true;
            return;
        }
        if (received.record(payload) == 1) {
            arrivedAt.set(Receipts.number(payload), System.nanoTime());
        }
    }

    /**
     * Publishes probes until one comes back through both connectors: until the source task has subscribed, the
     * broker would drop what the lane publishes. At QoS 1 at least, so that one gets lost only with its connection;
     * at the lane's QoS 2, so that the exactly-once source sees nothing but QoS 2.
     */
    void awaitLoopClosed(Duration timeout) {
        await(sourceName + " to " + sinkName + " carries a probe").atMost(timeout).pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    publisher.publish(inTopic, PROBE, Math.max(1, qos), false);
                    return probeArrived;
                });
    }

    /** Publishes the next {@code count} numbered messages without waiting for the broker's acknowledgements. */
    void publish(int count) {
        gate.lock();
        try {
            for (int i = 0; i < count; i++) {
                int n = next.get();
                publishedAt.set(n, System.nanoTime());
                pending.incrementAndGet();
                publisher.publish(inTopic, Receipts.payload(n, PAYLOAD_SIZE), qos, false)
                        .whenComplete((ok, error) -> {
                            outcome.set(n, error == null ? SENT : FAILED);
                            pending.decrementAndGet();
                        });
                next.incrementAndGet();
            }
        } finally {
            gate.unlock();
        }
    }

    /** Stops publishing and waits until the broker acknowledged everything published so far. */
    void hold(Duration timeout) {
        gate.lock();
        await("publisher of QoS " + qos + " acknowledged").atMost(timeout).pollInterval(Duration.ofMillis(20))
                .until(() -> pending.get() == 0);
    }

    void release() {
        if (gate.isHeldByCurrentThread()) {
            gate.unlock();
        }
    }

    int published() {
        return next.get();
    }

    int pending() {
        return pending.get();
    }

    int receivedDistinct() {
        return received.distinct();
    }

    /** Messages the broker took from the publisher that have not reached the subscriber yet. */
    int sentNotArrived() {
        int missing = 0;
        for (int n = 0, end = next.get(); n < end; n++) {
            if (outcome.get(n) == SENT && received.count(n) == 0) {
                missing++;
            }
        }
        return missing;
    }

    /**
     * When the first message published at or after {@code since} (System.nanoTime) reached the subscriber, or
     * empty while none has. Messages are published in number order, so those after {@code since} are a suffix.
     */
    OptionalLong firstArrivalOfPublishedSince(long since) {
        int end = next.get();
        int from = end;
        while (from > 0 && publishedAt.get(from - 1) - since >= 0) {
            from--;
        }
        long first = Long.MAX_VALUE;
        for (int n = from; n < end; n++) {
            long at = arrivedAt.get(n);
            if (at != 0 && at < first) {
                first = at;
            }
        }
        return first == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(first);
    }

    /**
     * What the lane published, what Kafka holds ({@code kafkaRecords}) and what the subscriber got; the records in
     * {@code lostByKafka} were written and committed, then dropped by Kafka itself, so their messages count apart.
     */
    LaneResult result(List<ConsumerRecord<byte[], byte[]>> kafkaRecords,
                      List<ConsumerRecord<byte[], byte[]>> lostByKafka) {
        int published = next.get();
        Receipts inKafka = new Receipts(Math.max(1, published));
        kafkaRecords.stream().map(ConsumerRecord::value).filter(v -> v.length == PAYLOAD_SIZE)
                .forEach(inKafka::record);
        Set<Integer> droppedByKafka = lostByKafka.stream().map(ConsumerRecord::value)
                .filter(v -> v.length == PAYLOAD_SIZE).map(Receipts::number).collect(Collectors.toSet());
        int sent = 0;
        int failed = 0;
        int lostBeforeKafka = 0;
        int lostInKafka = 0;
        int lost = 0;
        for (int n = 0; n < published; n++) {
            int o = outcome.get(n);
            if (o == SENT) {
                sent++;
                boolean kafkasLoss = inKafka.count(n) == 0 && droppedByKafka.contains(n);
                lostInKafka += kafkasLoss ? 1 : 0;
                lostBeforeKafka += inKafka.count(n) == 0 && !kafkasLoss ? 1 : 0;
                lost += received.count(n) == 0 && !kafkasLoss ? 1 : 0;
            } else if (o == FAILED) {
                failed++;
            }
        }
        return new LaneResult(qos, version, exactlyOnce, published, sent, failed, inKafka.distinct(),
                inKafka.duplicates(), lostBeforeKafka, lostInKafka, received.distinct(), received.duplicates(), lost,
                received.missing(10), duplicatesInKafka(inKafka, kafkaRecords));
    }

    /**
     * The first few messages Kafka holds more than once, each with when it was published (from the lane's first
     * message, so that it can be set beside the faults' times) and the offsets of its records.
     */
    private List<String> duplicatesInKafka(Receipts inKafka, List<ConsumerRecord<byte[], byte[]>> kafkaRecords) {
        List<String> duplicates = new ArrayList<>();
        for (int n : inKafka.duplicated(10)) {
            List<Long> offsets = kafkaRecords.stream()
                    .filter(r -> r.value().length == PAYLOAD_SIZE && Receipts.number(r.value()) == n)
                    .map(ConsumerRecord::offset).toList();
            duplicates.add(String.format(Locale.ROOT, "%d (published at %.1f s, offsets %s)", n,
                    (publishedAt.get(n) - publishedAt.get(0)) / 1e9, offsets));
        }
        return duplicates;
    }

    @Override
    public void close() {
        if (publisher != null) {
            publisher.close();
        }
        if (subscriber != null) {
            subscriber.close();
        }
    }
}
