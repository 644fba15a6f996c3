package io.github.mqttbridge.bench;

import io.github.mqttbridge.client.ConnectOptions;
import io.github.mqttbridge.client.MqttClient;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * The one MQTT publisher of the connector benchmarks (our client, in the benchmark's JVM), so that a connector and
 * the raw client it is compared with get exactly the same traffic. Payloads are {@value #SIZE} bytes: the
 * message's sequence number (first, as {@link Receiver} reads it) and its publish time in microseconds since the
 * epoch, for end-to-end latency against Kafka's append time.
 */
final class MqttLoad implements AutoCloseable {
    static final int SIZE = 64;
    /**
     * Publishes in flight at once, at every QoS: the same load for every connector and QoS, against a Mosquitto
     * without message limits (the client's defaults would keep QoS 2 to 20).
     */
    static final int WINDOW = 1000;

    private final MqttClient client;
    private final AtomicInteger completed = new AtomicInteger();

    MqttLoad(String uri) throws Exception {
        client = new MqttClient(uri, "bench-load-" + UUID.randomUUID().toString().substring(0, 8));
        client.connect(ConnectOptions.builder().maxInflight(WINDOW).maxInflightQos2(WINDOW).build())
                .get(30, TimeUnit.SECONDS);
    }

    static byte[] payload(int sequence) {
        Instant now = Instant.now();
        return ByteBuffer.allocate(SIZE).putInt(sequence)
                .putLong(now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000).array();
    }

    static long publishedMicros(byte[] payload) {
        return ByteBuffer.wrap(payload).getLong(Integer.BYTES);
    }

    /**
     * Publishes messages {@code from} to {@code to - 1} to {@code topicOf(i)} as fast as the window lets it and
     * returns once the broker has them all (PUBACK, PUBCOMP; written for QoS 0).
     */
    void publish(IntFunction<String> topicOf, int from, int to, int qos) throws Exception {
        publish(topicOf, MqttLoad::payload, from, to, qos);
    }

    /** The same with the payloads {@code payloadOf(i)} instead of the sequence number and publish time. */
    void publish(IntFunction<String> topicOf, IntFunction<byte[]> payloadOf, int from, int to, int qos)
            throws Exception {
        Semaphore window = window();
        List<CompletableFuture<Void>> sent = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            sent.add(publishInWindow(window, topicOf.apply(i), payloadOf.apply(i), qos));
        }
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(10, TimeUnit.MINUTES);
    }

    /** Publishes one message once {@code window} has room for it; the window gets its permit back on completion. */
    CompletableFuture<Void> publishInWindow(Semaphore window, String topic, byte[] payload, int qos)
            throws InterruptedException {
        window.acquire();
        CompletableFuture<Void> f = client.publish(topic, payload, qos, false);
        f.whenComplete((ok, e) -> {
            window.release();
            completed.incrementAndGet();
        });
        return f;
    }

    /** A window of {@link #WINDOW} publishes in flight, the same for every caller. */
    static Semaphore window() {
        return new Semaphore(WINDOW);
    }

    /** Waits until every publish of {@code window} completed. */
    static void awaitEmpty(Semaphore window) throws Exception {
        if (!window.tryAcquire(WINDOW, 10, TimeUnit.MINUTES)) {
            throw new IllegalStateException("publishes still in flight after 10 minutes");
        }
        window.release(WINDOW);
    }

    /** The thread-name prefix of the publisher's MQTT client, whose threads a round may measure. */
    String clientThreadPrefix() {
        return "mqtt-" + client.clientId() + "-";
    }

    /** Publishes completed since this publisher connected. */
    int completed() {
        return completed.get();
    }

    @Override
    public void close() throws Exception {
        try {
            client.disconnect().get(30, TimeUnit.SECONDS);
        } finally {
            client.close();
        }
    }
}
