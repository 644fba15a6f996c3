package io.github.mqttbridge.bench;

import io.github.mqttbridge.client.ConnectOptions;
import io.github.mqttbridge.client.MqttClient;
import io.github.mqttbridge.testing.BrokerPorts;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The broker's ceiling for reference: Mosquitto's own C clients, {@code mosquitto_pub -l} publishing one message
 * per line of a prepared file and {@code mosquitto_sub} printing each payload, on the same broker, QoS, payload
 * size and message count as a client round. Each line starts with its sequence number, so the same
 * {@link Receiver} checks that exactly N distinct messages arrived.
 */
final class CommandLineRound {
    static final String ID = "mosquitto_pub/sub";
    private static final int SEQUENCE_DIGITS = 8;
    private static final String PROBE = "probe";
    private static final long TIMEOUT_SECONDS = 180;

    private CommandLineRound() {
    }

    static RoundResult run(BrokerPorts ports, int qos, int messages, int size, String roundId, Path workDir)
            throws Exception {
        Path input = lines(workDir, messages, size);
        String topic = "bench/" + roundId;
        Receiver receiver = new Receiver(messages);
        CompletableFuture<Void> probeArrived = new CompletableFuture<>();
        Process sub = new ProcessBuilder(List.of("mosquitto_sub", "-h", "127.0.0.1", "-p",
                Integer.toString(ports.tcp()), "-t", topic, "-q", Integer.toString(qos), "-i", roundId + "-sub"))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            Thread reader = new Thread(() -> read(sub, receiver, probeArrived), roundId + "-sub-reader");
            reader.setDaemon(true);
            reader.start();
            awaitSubscribed(ports, topic, roundId, probeArrived);

            long start = System.nanoTime();
            Process pub = new ProcessBuilder(List.of("mosquitto_pub", "-h", "127.0.0.1", "-p",
                    Integer.toString(ports.tcp()), "-t", topic, "-q", Integer.toString(qos), "-l",
                    "-M", "65535", "-i", roundId + "-pub"))
                    .redirectInput(input.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            CompletableFuture<Long> published = pub.onExit().thenApply(p -> System.nanoTime());
            long publishedAt = published.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            long receivedAt = receiver.awaitLast(qos == 0, ID + " QoS " + qos + " receiving");
            String problems = receiver.problems(qos == 0);
            if (pub.exitValue() != 0 || problems != null) {
                throw new IllegalStateException(ID + " QoS " + qos + ": mosquitto_pub exit " + pub.exitValue()
                        + ", " + problems);
            }
            return new RoundResult(messages, receiver, size, publishedAt - start, receivedAt - start);
        } finally {
            sub.destroy();
            sub.waitFor(10, TimeUnit.SECONDS);
            Files.deleteIfExists(input);
        }
    }

    /** One line per message: its sequence number, zero-padded, then filler up to the payload size. */
    private static Path lines(Path workDir, int messages, int size) throws IOException {
        Files.createDirectories(workDir);
        Path file = Files.createTempFile(workDir, "lines", ".txt");
        String filler = "x".repeat(size - SEQUENCE_DIGITS);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
            for (int i = 0; i < messages; i++) {
                out.write(String.format("%0" + SEQUENCE_DIGITS + "d", i));
                out.write(filler);
                out.write('\n');
            }
        }
        return file;
    }

    private static void read(Process sub, Receiver receiver, CompletableFuture<Void> probeArrived) {
        try (var in = new BufferedReader(new InputStreamReader(sub.getInputStream(), StandardCharsets.US_ASCII))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.equals(PROBE)) {
                    probeArrived.complete(null);
                } else {
                    receiver.accept(sequence(line));
                }
            }
        } catch (IOException e) {
            // destroying mosquitto_sub at the end of the round closes the stream; a missing message shows as such
        }
    }

    private static int sequence(String line) {
        try {
            return line.length() >= SEQUENCE_DIGITS ? Integer.parseInt(line.substring(0, SEQUENCE_DIGITS)) : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * mosquitto_sub says nothing when its subscription is in place, so probes go to the topic until one comes
     * out of it; the few probes still under way then are recognised and not counted.
     */
    private static void awaitSubscribed(BrokerPorts ports, String topic, String roundId,
                                        CompletableFuture<Void> probeArrived) throws Exception {
        try (MqttClient prober = new MqttClient(ports.tcpUri(), roundId + "-probe")) {
            prober.connect(ConnectOptions.defaults()).get(30, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (true) {
                prober.publish(topic, PROBE.getBytes(StandardCharsets.US_ASCII), 0, false).get(10, TimeUnit.SECONDS);
                try {
                    probeArrived.get(100, TimeUnit.MILLISECONDS);
                    break;
                } catch (TimeoutException e) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("mosquitto_sub did not subscribe within 30 s", e);
                    }
                }
            }
            prober.disconnect().get(10, TimeUnit.SECONDS);
        }
    }
}
