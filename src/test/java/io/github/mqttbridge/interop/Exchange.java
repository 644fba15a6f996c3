package io.github.mqttbridge.interop;

import static io.github.mqttbridge.client.ClientTesting.clientId;
import static io.github.mqttbridge.client.ClientTesting.join;
import static io.github.mqttbridge.client.ClientTesting.topic;
import static io.github.mqttbridge.client.ClientTesting.utf8;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mqttbridge.client.ClientTesting;
import io.github.mqttbridge.client.ClientTesting.Collector;
import io.github.mqttbridge.client.ConnectOptions;
import io.github.mqttbridge.client.MqttClient;
import io.github.mqttbridge.client.MqttMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * One publisher sending numbered messages to one subscriber through the broker, and what arrived: the building
 * block of the bulk, WebSocket and fault cells.
 */
final class Exchange {

    /** How long arrivals must pause before a lossy broker's exchange counts as over. */
    private static final Duration QUIET = Duration.ofSeconds(3);

    private final int granted;
    private final int sent;
    private final List<MqttMessage> arrived;

    private Exchange(int granted, int sent, List<MqttMessage> arrived) {
        this.granted = granted;
        this.sent = sent;
        this.arrived = arrived;
    }

    /** {@value InteropCells#BULK} messages over TCP, waiting until all of them arrived. */
    static Exchange bulk(InteropBroker broker, int qos, ConnectOptions publisherOptions) throws Exception {
        return bulk(broker.tcpUri(), qos, publisherOptions, InteropCells.BULK);
    }

    /** {@code count} messages to {@code uri}, published and subscribed at {@code qos}, waiting for all. */
    static Exchange bulk(String uri, int qos, ConnectOptions publisherOptions, int count) throws Exception {
        return bulk(uri, qos, qos, publisherOptions, count);
    }

    /** {@code count} messages published at {@code publishQos} to a subscription at {@code subscribeQos}. */
    static Exchange bulk(String uri, int publishQos, int subscribeQos, ConnectOptions publisherOptions, int count)
            throws Exception {
        return run(uri, publishQos, subscribeQos, publisherOptions, count, arrived -> arrived.awaitCount(count));
    }

    /**
     * Like {@link #bulk}, for a broker that may drop messages it acknowledged: waits until all arrived or
     * arrivals paused for a while, and returns what came.
     */
    static Exchange untilQuiet(String uri, int qos, ConnectOptions publisherOptions, int count) throws Exception {
        return run(uri, qos, qos, publisherOptions, count, arrived -> {
            AtomicInteger seen = new AtomicInteger(-1);
            await("arrivals to end").atMost(ClientTesting.WAIT).pollInterval(QUIET).until(
                    () -> arrived.size() == count || seen.getAndSet(arrived.size()) == arrived.size());
        });
    }

    private interface Arrival {
        void await(Collector<MqttMessage> arrived);
    }

    private static Exchange run(String uri, int publishQos, int subscribeQos, ConnectOptions publisherOptions,
            int count, Arrival arrival) throws Exception {
        String t = topic("bulk-qos" + publishQos);
        Collector<MqttMessage> arrived = new Collector<>();
        try (MqttClient subscriber = connected(uri, "bulk-sub").onMessageArrived(arrived);
                MqttClient publisher = new MqttClient(uri, clientId("bulk-pub"))) {
            int granted = join(subscriber.subscribe(t, subscribeQos));
            join(publisher.connect(publisherOptions));
            publishAll(publisher, t, numbered(count), publishQos);
            arrival.await(arrived);
            return new Exchange(granted, count, arrived.items());
        }
    }

    static List<String> numbered(int count) {
        return IntStream.range(0, count).mapToObj(Integer::toString).toList();
    }

    /** Publishes all at once, as a bridge does, and waits until the broker acknowledged every one. */
    static void publishAll(MqttClient publisher, String topic, List<String> payloads, int qos) throws Exception {
        List<CompletableFuture<Void>> acks = new ArrayList<>();
        for (String payload : payloads) {
            acks.add(publisher.publish(topic, utf8(payload), qos, false));
        }
        join(CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)));
    }

    static MqttClient connected(String uri, String idPrefix) throws Exception {
        MqttClient client = new MqttClient(uri, clientId(idPrefix));
        try {
            join(client.connect());
            return client;
        } catch (Exception | Error e) {
            client.close();
            throw e;
        }
    }

    /** The first message a new subscription to {@code topic} receives. */
    static MqttMessage firstMessage(String uri, String topic) throws Exception {
        return firstMessage(uri, topic, () -> { });
    }

    /** The first message a new subscription to {@code topic} receives once {@code afterSubscribing} ran. */
    static MqttMessage firstMessage(String uri, String topic, ThrowingRunnable afterSubscribing) throws Exception {
        Collector<MqttMessage> arrived = new Collector<>();
        try (MqttClient subscriber = connected(uri, "first").onMessageArrived(arrived)) {
            join(subscriber.subscribe(topic, 1));
            afterSubscribing.run();
            return arrived.awaitCount(1).get(0);
        }
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    /** The client, subscribed to {@code topic}, receives its own QoS 1 message: it is connected and works. */
    static void assertEchoes(MqttClient client, String topic) throws Exception {
        Collector<MqttMessage> arrived = new Collector<>();
        client.onMessageArrived(arrived);
        join(client.subscribe(topic, 1));
        join(client.publish(topic, utf8("echo"), 1, false));
        assertEquals("echo", arrived.awaitCount(1).get(0).payloadString());
    }

    int granted() {
        return granted;
    }

    List<MqttMessage> messages() {
        return arrived;
    }

    List<String> payloads() {
        return arrived.stream().map(MqttMessage::payloadString).toList();
    }

    /** Everything arrived, once, in the order sent, at {@code qos}, which the broker granted as asked. */
    void assertAllInOrderAt(int qos) {
        assertEquals(qos, granted, "granted QoS");
        assertEquals(numbered(sent), payloads(), "every message once, in order");
        assertTrue(arrived.stream().allMatch(m -> m.qos() == qos), "every message at QoS " + qos);
    }
}
