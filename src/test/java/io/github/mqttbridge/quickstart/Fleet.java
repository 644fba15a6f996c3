package io.github.mqttbridge.quickstart;

import io.github.mqttbridge.client.ConnectOptions;
import io.github.mqttbridge.client.MqttClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Simulated devices, one MQTT client (ours) each, publishing JSON telemetry at QoS 1 to
 * {@code devices/<id>/telemetry}. A message counts as published when the broker acknowledged it (PUBACK).
 */
final class Fleet implements AutoCloseable {

    record Counts(long published, long failed) {
    }

    private final String mqttUri;
    private final int devices;
    private final double ratePerDevice;
    private final List<MqttClient> clients = new ArrayList<>();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "quickstart-fleet");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final Set<String> ids = ConcurrentHashMap.newKeySet();
    private long limit;

    Fleet(String mqttUri, int devices, double ratePerDevice) {
        this.mqttUri = mqttUri;
        this.devices = devices;
        this.ratePerDevice = ratePerDevice;
    }

    /** Connects every device and starts publishing; {@code limit} messages in all, or without end when 0. */
    void start(long limit) {
        this.limit = limit;
        for (int i = 0; i < devices; i++) {
            MqttClient client = new MqttClient(mqttUri, "quickstart-device-" + i);
            clients.add(client);
            client.connect(ConnectOptions.builder().cleanSession(true).reconnect(true).build()).join();
        }
        long periodMicros = Math.max(1, (long) (1_000_000 / (ratePerDevice * devices)));
        ticker.scheduleAtFixedRate(this::publishNext, 0, periodMicros, TimeUnit.MICROSECONDS);
    }

    /** One device's turn, round robin, so each device publishes at the rate asked. */
    private void publishNext() {
        long n = sent.getAndIncrement();
        if (limit > 0 && n >= limit) {
            ticker.shutdown();
            return;
        }
        int device = (int) (n % devices);
        String name = "device-" + device;
        long seq = n / devices;
        double temperature = 20 + 5 * Math.sin(seq / 10.0) + ThreadLocalRandom.current().nextDouble(-0.5, 0.5);
        byte[] payload = Quickstart.payload(name, seq, temperature).getBytes(StandardCharsets.UTF_8);
        String id = name + "/" + seq;
        clients.get(device).publish("devices/" + name + "/telemetry", payload, 1, false).whenComplete((ok, error) -> {
            if (error == null) {
                ids.add(id);
                published.incrementAndGet();
            } else {
                failed.incrementAndGet();
            }
        });
    }

    Counts counts() {
        return new Counts(published.get(), failed.get());
    }

    /** The ids ({@code <device>/<seq>}) of every message the broker acknowledged. */
    Set<String> ids() {
        return Set.copyOf(ids);
    }

    /** Whether a bounded fleet has had every publish acknowledged or failed. */
    boolean done() {
        return limit > 0 && published.get() + failed.get() >= limit;
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        clients.forEach(MqttClient::close);
    }

    @Override
    public String toString() {
        return devices + " simulated devices";
    }
}
