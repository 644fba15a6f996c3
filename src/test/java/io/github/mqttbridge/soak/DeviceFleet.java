package io.github.mqttbridge.soak;

import io.github.mqttbridge.testing.RawPackets;
import io.github.mqttbridge.testing.RawSocket;
import io.github.mqttbridge.testing.Receipts;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Many simulated devices, each its own MQTT connection with its own client id, publishing to its own topic at QoS
 * 1. They speak hand-encoded MQTT over plain sockets ({@link RawSocket}, {@link RawPackets}), served by a few
 * threads, because a thousand of our clients would mean a thousand reader and a thousand writer threads, too
 * many for two cores beside Kafka, Connect and the broker.
 */
final class DeviceFleet implements AutoCloseable {

    private static final int THREADS = 8;
    private static final byte[] PROBE = {'p', 'r', 'o', 'b', 'e'};

    private final String topicPrefix;
    private final List<RawSocket> devices = new ArrayList<>();
    private final ExecutorService threads = Executors.newFixedThreadPool(THREADS, r -> {
        Thread t = new Thread(r, "soak-devices");
        t.setDaemon(true);
        return t;
    });

    private DeviceFleet(String topicPrefix) {
        this.topicPrefix = topicPrefix;
    }

    /** Connects {@code count} devices (clean sessions) to the broker; returns once each got CONNACK accepted. */
    static DeviceFleet connect(String tcpUri, String runId, int count) throws Exception {
        DeviceFleet fleet = new DeviceFleet("soak/" + runId + "/devices/");
        try {
            URI uri = URI.create(tcpUri);
            List<Future<RawSocket>> connecting = new ArrayList<>();
            for (int d = 0; d < count; d++) {
                String clientId = "soak-" + runId + "-device-" + d;
                connecting.add(fleet.threads.submit(() -> connectOne(uri, clientId)));
            }
            for (Future<RawSocket> device : connecting) {
                fleet.devices.add(device.get());
            }
            return fleet;
        } catch (Exception | Error e) {
            fleet.close();
            throw e;
        }
    }

    private static RawSocket connectOne(URI uri, String clientId) throws IOException {
        RawSocket socket = RawSocket.connect(uri.getHost(), uri.getPort());
        byte[] connack = socket.send(RawPackets.connect311(clientId)).read(4);
        if (!Arrays.equals(RawPackets.CONNACK_ACCEPTED, connack)) {
            socket.close();
            throw new IOException(clientId + " was refused: " + Arrays.toString(connack));
        }
        return socket;
    }

    /** The MQTT topic filter that matches every device's topic. */
    String filter() {
        return topicPrefix + "+/telemetry";
    }

    String topic(int device) {
        return topicPrefix + device + "/telemetry";
    }

    int size() {
        return devices.size();
    }

    /**
     * Device 0 publishes one message that is not numbered (its payload is not {@link Lane#PAYLOAD_SIZE} long), to
     * see whether the connector's subscription is in place yet.
     */
    void probe() throws IOException {
        byte[] ack = devices.get(0).send(RawPackets.publishQos1(topic(0), 1, PROBE)).read(4);
        if (!Arrays.equals(RawPackets.puback(1), ack)) {
            throw new IOException("expected PUBACK 1 for the probe, got " + Arrays.toString(ack));
        }
    }

    /** The number message {@code round} of {@code device} carries, when each publishes {@code rounds}. */
    static int messageNumber(int device, int round, int rounds) {
        return device * rounds + round;
    }

    /**
     * Every device publishes {@code rounds} messages, all devices at once: each thread sends one message from each
     * of its devices, then reads their PUBACKs, round after round. Returns once every message is acknowledged.
     */
    void publish(int rounds) throws Exception {
        List<Future<?>> work = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            work.add(threads.submit(() -> {
                for (int round = 0; round < rounds; round++) {
                    int packetId = round % 65_535 + 1;
                    for (int d = thread; d < devices.size(); d += THREADS) {
                        devices.get(d).send(RawPackets.publishQos1(topic(d), packetId,
                                Receipts.payload(messageNumber(d, round, rounds), Lane.PAYLOAD_SIZE)));
                    }
                    for (int d = thread; d < devices.size(); d += THREADS) {
                        byte[] ack = devices.get(d).read(4);
                        if (!Arrays.equals(RawPackets.puback(packetId), ack)) {
                            throw new IOException("device " + d + " expected PUBACK " + packetId + ", got "
                                    + Arrays.toString(ack));
                        }
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : work) {
            f.get();
        }
    }

    @Override
    public void close() {
        for (RawSocket device : devices) {
            try {
                device.send(RawPackets.DISCONNECT).close();
            } catch (IOException e) {
                // the device is gone either way
            }
        }
        threads.shutdownNow();
    }
}
