package io.github.mqttbridge.client;

import static io.github.mqttbridge.client.ClientTesting.clientId;
import static io.github.mqttbridge.client.ClientTesting.join;
import static io.github.mqttbridge.client.ClientTesting.topic;
import static io.github.mqttbridge.client.ClientTesting.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mqttbridge.client.ClientTesting.Collector;
import io.github.mqttbridge.testing.MosquittoBroker;
import io.github.mqttbridge.testing.SharedBroker;
import io.github.mqttbridge.testing.TestBroker;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Our client and mosquitto's own command-line clients understand each other through mosquitto. */
class ClientInteropIT {

    private static final int LINES = 100;

    private static String tool(String name) {
        boolean onPath = Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, name)));
        if (!onPath) {
            String message = name + " is not on the PATH (apt-get install mosquitto-clients)";
            if ("true".equalsIgnoreCase(System.getenv(MosquittoBroker.REQUIRE_ENV))) {
                Assertions.fail(message + ", and " + MosquittoBroker.REQUIRE_ENV + "=true requires it");
            }
            Assumptions.abort(message);
        }
        return name;
    }

    private static List<String> lines() {
        return IntStream.range(0, LINES).mapToObj(i -> "line " + i + " \u00e9\u00e8").toList();
    }

    private static List<String> hostAndPort(TestBroker broker) {
        URI uri = URI.create(broker.tcpUri());
        return List.of("-h", uri.getHost(), "-p", Integer.toString(uri.getPort()));
    }

    private static String run(List<String> command, String stdin) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            CompletableFuture<byte[]> output = CompletableFuture.supplyAsync(() -> {
                try {
                    return p.getInputStream().readAllBytes();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            try (var in = p.getOutputStream()) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            assertTrue(p.waitFor(ClientTesting.WAIT.toSeconds(), TimeUnit.SECONDS), command + " did not finish");
            String out = new String(output.join(), StandardCharsets.UTF_8);
            assertEquals(0, p.exitValue(), command + " failed:\n" + out);
            return out;
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void messagesFromMosquittoPubArrive() throws Exception {
        String pub = tool("mosquitto_pub");
        TestBroker broker = SharedBroker.MOSQUITTO.get();
        String t = topic("from-mosquitto-pub");
        Collector<MqttMessage> arrived = new Collector<>();
        try (MqttClient subscriber = new MqttClient(broker.tcpUri(), clientId("interop-sub"))
                .onMessageArrived(arrived)) {
            join(subscriber.connect());
            join(subscriber.subscribe(t, 1));
            List<String> command = new ArrayList<>(List.of(pub, "-q", "1", "-t", t, "-l"));
            command.addAll(hostAndPort(broker));
            run(command, String.join("\n", lines()) + "\n");

            arrived.awaitCount(LINES);
            assertEquals(lines(), arrived.items().stream().map(MqttMessage::payloadString).toList());
            assertTrue(arrived.items().stream().allMatch(m -> m.qos() == 1 && t.equals(m.destinationName())));
        }
    }

    @Test
    void messagesFromOurClientArriveAtMosquittoSub() throws Exception {
        String sub = tool("mosquitto_sub");
        TestBroker broker = SharedBroker.MOSQUITTO.get();
        String t = topic("to-mosquitto-sub");
        // mosquitto_sub cannot say when it has subscribed, so a persistent session it takes over holds the
        // messages instead: subscribe under its client id first, publish, then let mosquitto_sub collect.
        String subscriberId = clientId("interop-msub");
        try (MqttClient placeholder = new MqttClient(broker.tcpUri(), subscriberId)) {
            join(placeholder.connect(ConnectOptions.builder().cleanSession(false).build()));
            join(placeholder.subscribe(t, 1));
            join(placeholder.disconnect());
        }
        try (MqttClient publisher = new MqttClient(broker.tcpUri(), clientId("interop-pub"))) {
            join(publisher.connect());
            List<CompletableFuture<Void>> acks = new ArrayList<>();
            for (String line : lines()) {
                acks.add(publisher.publish(t, utf8(line), 1, false));
            }
            join(CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)));
        }
        List<String> command = new ArrayList<>(List.of(sub, "-q", "1", "-t", t, "-i", subscriberId, "-c",
                "-C", Integer.toString(LINES)));
        command.addAll(hostAndPort(broker));
        String out = run(command, "");
        assertEquals(lines(), out.lines().toList());

        try (MqttClient cleanup = new MqttClient(broker.tcpUri(), subscriberId)) {
            join(cleanup.connect());
        }
    }
}
