package io.github.mqttbridge.connect.sink;

import io.github.mqttbridge.client.MqttClient;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code mosquitto_sub} at QoS 2, one line per message: retained flag, topic and payload, tab separated. It is
 * ready once a probe published to a second topic of the same SUBSCRIBE comes back; its own debug output is
 * buffered when piped, so it cannot tell us.
 */
final class MosquittoSubscriber implements Subscriber {
    private final Process process;
    private final List<Message> messages = new CopyOnWriteArrayList<>();
    private final Thread reader;
    private final CountDownLatch probed = new CountDownLatch(1);
    private final String probeTopic = "probe/" + UUID.randomUUID();

    static boolean available() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (new File(dir, "mosquitto_sub").canExecute()) {
                return true;
            }
        }
        return false;
    }

    MosquittoSubscriber(String brokerUri, String filter) throws Exception {
        URI uri = URI.create(brokerUri);
        process = new ProcessBuilder("mosquitto_sub", "-h", uri.getHost(), "-p", String.valueOf(uri.getPort()),
                "-q", "2", "-t", filter, "-t", probeTopic, "-F", "%r\t%t\t%p").start();
        reader = new Thread(this::read, "mosquitto_sub-reader");
        reader.setDaemon(true);
        reader.start();
        // Our client only probes; the messages counted are the ones mosquitto_sub prints.
        try (MqttClient prober = new MqttClient(brokerUri, "probe-" + UUID.randomUUID())) {
            prober.connect().get(30, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!probed.await(100, TimeUnit.MILLISECONDS)) {
                if (System.nanoTime() > deadline) {
                    process.destroyForcibly();
                    throw new IllegalStateException("mosquitto_sub did not subscribe within 30 s");
                }
                prober.publish(probeTopic, new byte[] {1}, 0, false).get(30, TimeUnit.SECONDS);
            }
        }
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                String[] parts = line.split("\t", 3);
                if (parts.length == 3 && parts[1].equals(probeTopic)) {
                    probed.countDown();
                } else if (parts.length == 3) {
                    messages.add(new Message(parts[1], parts[2], parts[0].equals("1")));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }


    @Override
    public String name() {
        return "mosquitto_sub";
    }

    @Override
    public List<Message> messages() {
        return List.copyOf(messages);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            reader.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
