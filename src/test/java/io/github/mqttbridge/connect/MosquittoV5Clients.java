package io.github.mqttbridge.connect;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.mqttbridge.client.MqttClient;
import io.github.mqttbridge.testing.MosquittoBroker;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Mosquitto's command line clients speaking MQTT 5 ({@code -V 5}): a publisher and a subscriber that are not our
 * client, to check what crosses the bridge as a foreign client sends and sees it. They talk to any broker.
 */
final class MosquittoV5Clients {
    /** What {@code mosquitto_sub} printed of one message; absent properties are empty strings. */
    record Received(String topic, String userProperties, String contentType, String responseTopic,
                    String correlationData, String expiryInterval, String payload) {
    }

    private MosquittoV5Clients() {
    }

    /** Skips the calling test without the tools, or fails it when Mosquitto is required (CI). */
    static void assumeAvailable() {
        MosquittoBroker.assumeAvailable();
        boolean installed = onPath("mosquitto_pub") && onPath("mosquitto_sub");
        if (!installed && "true".equalsIgnoreCase(System.getenv(MosquittoBroker.REQUIRE_ENV))) {
            fail("mosquitto_pub and mosquitto_sub are not installed (apt-get install mosquitto-clients)");
        }
        assumeTrue(installed, "mosquitto_pub and mosquitto_sub are not installed");
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (new File(dir, tool).canExecute()) {
                return true;
            }
        }
        return false;
    }

    /** Publishes at QoS 1 with {@code properties}, pairs of mosquitto_pub's -D names and values ("user-property" takes "name value"). */
    static void publish(String brokerUri, String topic, String payload, String... properties) throws Exception {
        URI uri = URI.create(brokerUri);
        List<String> command = new ArrayList<>(List.of("mosquitto_pub", "-V", "5", "-h", uri.getHost(), "-p",
                String.valueOf(uri.getPort()), "-q", "1", "-t", topic, "-m", payload));
        for (int i = 0; i < properties.length; i += 2) {
            command.add("-D");
            command.add("publish");
            command.add(properties[i]);
            command.addAll(List.of(properties[i + 1].split(" ", properties[i].equals("user-property") ? 2 : 1)));
        }
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("mosquitto_pub failed: " + output);
        }
    }

    /**
     * {@code mosquitto_sub -V 5} at QoS 1 on one filter, with every message's MQTT 5 properties. It is ready once a
     * probe published to a second topic of the same SUBSCRIBE comes back: its own output cannot tell.
     */
    static final class Subscriber implements AutoCloseable {
        private static final String SEPARATOR = "\u001f";
        private final Process process;
        private final Thread reader;
        private final List<Received> received = new CopyOnWriteArrayList<>();
        private final String probeTopic = "probe/" + UUID.randomUUID();
        private final CountDownLatch probed = new CountDownLatch(1);
        private final String brokerUri;

        Subscriber(String brokerUri, String filter) throws IOException {
            this(brokerUri, filter, "v5-sub-" + UUID.randomUUID());
        }

        Subscriber(String brokerUri, String filter, String clientId) throws IOException {
            this.brokerUri = brokerUri;
            URI uri = URI.create(brokerUri);
            String format = String.join(SEPARATOR, "%t", "%P", "%C", "%R", "%D", "%E", "%p");
            process = new ProcessBuilder("mosquitto_sub", "-V", "5", "-h", uri.getHost(), "-p",
                    String.valueOf(uri.getPort()), "-q", "1", "-i", clientId, "-t", filter, "-t", probeTopic,
                    "-F", format).start();
            reader = new Thread(this::read, "mosquitto_sub-v5-reader");
            reader.setDaemon(true);
            reader.start();
        }

        /** Waits until the subscription is in place. */
        Subscriber ready() throws Exception {
            try (MqttClient prober = new MqttClient(brokerUri, "probe-" + UUID.randomUUID())) {
                prober.connect().get(30, TimeUnit.SECONDS);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (!probed.await(100, TimeUnit.MILLISECONDS)) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("mosquitto_sub -V 5 did not subscribe within 30 s");
                    }
                    prober.publish(probeTopic, new byte[] {1}, 0, false).get(30, TimeUnit.SECONDS);
                }
            }
            return this;
        }

        private void read() {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    String[] f = line.split(SEPARATOR, -1);
                    if (f.length == 7 && f[0].equals(probeTopic)) {
                        probed.countDown();
                    } else if (f.length == 7) {
                        received.add(new Received(f[0], f[1], f[2], f[3], f[4], f[5], f[6]));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        List<Received> received() {
            return List.copyOf(received);
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            reader.join(10_000);
        }
    }
}
