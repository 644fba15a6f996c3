package io.github.mqttbridge.client;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mqttbridge.testing.Receipts;
import io.github.mqttbridge.testing.SharedBroker;
import io.github.mqttbridge.testing.TestBroker;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The publishing process is killed (SIGKILL) mid-stream and started again with the same client id and file
 * persistence: every message it had accepted must arrive, because the restarted client sends again what the
 * broker had not acknowledged.
 */
class ClientProcessCrashIT {
    private static final int MESSAGES = 4000;

    @TempDir
    Path persistence;

    static Stream<Arguments> brokersAndQos() {
        return Stream.of(SharedBroker.values()).flatMap(b -> Stream.of(Arguments.of(b, 1), Arguments.of(b, 2)));
    }

    @ParameterizedTest(name = "{0}, QoS {1}")
    @MethodSource("brokersAndQos")
    void a_killed_publisher_restarted_with_file_persistence_loses_nothing(SharedBroker shared, int qos)
            throws Exception {
        TestBroker broker = shared.get();
        String id = "crash-" + UUID.randomUUID().toString().substring(0, 8);
        String topic = "it/" + id;
        Receipts receipts = new Receipts(MESSAGES);
        try (MqttClient subscriber = new MqttClient(broker.tcpUri(), id + "-s")) {
            subscriber.onMessageArrived(m -> receipts.record(m.payloadBytes()));
            subscriber.connect(ConnectOptions.builder().cleanSession(false).build()).get(10, TimeUnit.SECONDS);
            subscriber.subscribe(topic, qos).get(10, TimeUnit.SECONDS);

            AtomicInteger lastAccepted = new AtomicInteger(-1);
            Child first = startPublisher(broker, id, topic, qos, 0, MESSAGES, lastAccepted, new AtomicBoolean());
            await().atMost(Duration.ofSeconds(60)).until(() -> lastAccepted.get() >= MESSAGES / 2);
            first.process.destroyForcibly();
            assertTrue(first.process.waitFor(10, TimeUnit.SECONDS));
            first.output.join(10_000);
            int resumeFrom = lastAccepted.get() + 1;

            AtomicBoolean done = new AtomicBoolean();
            Child second = startPublisher(broker, id, topic, qos, resumeFrom, MESSAGES, new AtomicInteger(), done);
            assertTrue(second.process.waitFor(120, TimeUnit.SECONDS), "the restarted publisher did not finish");
            second.output.join(10_000);
            assertEquals(0, second.process.exitValue());
            assertTrue(done.get());
            await().atMost(Duration.ofSeconds(60)).until(receipts::allArrived);
            if (qos == 2) {
                // The one message that may have been accepted but not yet reported when the process died is
                // published again by the restarted process as a new message.
                assertTrue(receipts.duplicates() <= 1, "QoS 2 duplicates: " + receipts);
            }
            System.out.printf("%s QoS %d: publisher killed after message %d: %s%n", shared, qos, resumeFrom - 1,
                    receipts);
        }
    }

    /** A child JVM and the thread that reads what it prints, to be joined once it ended. */
    private record Child(Process process, Thread output) {
    }

    private Child startPublisher(TestBroker broker, String id, String topic, int qos, int from, int to,
                                   AtomicInteger lastAccepted, AtomicBoolean done) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                CrashablePublisher.class.getName(), broker.tcpUri(), id + "-p", persistence.toString(), topic,
                Integer.toString(qos), Integer.toString(from), Integer.toString(to)))
                .redirectErrorStream(true).start();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    if (line.startsWith("accepted ")) {
                        lastAccepted.set(Integer.parseInt(line.substring(9)));
                    } else if (line.equals("done")) {
                        done.set(true);
                    } else {
                        System.out.println("[publisher] " + line);
                    }
                }
            } catch (IOException e) {
                // the process died; what it printed so far has been read
            }
        }, "publisher-output");
        reader.setDaemon(true);
        reader.start();
        return new Child(p, reader);
    }
}
