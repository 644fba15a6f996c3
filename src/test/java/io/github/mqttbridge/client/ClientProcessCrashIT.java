package io.github.mqttbridge.client;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mqttbridge.testing.Receipts;
import io.github.mqttbridge.testing.SharedBroker;
import io.github.mqttbridge.testing.TestBroker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The publishing process is killed (SIGKILL) mid-stream and started again with the same client id and file
 * persistence: every message it had accepted must arrive, because the restarted client sends again what the
 * broker had not acknowledged; at QoS 2 each exactly once. How far the killed process got is read from its
 * {@link AcceptanceLedger} and its session store after it is gone, so it is exact however loaded the machine is,
 * and the restarted process publishes precisely the messages the first one had not accepted.
 */
@ParameterizedClass(name = "MQTT version level {0}")
@ValueSource(ints = {4, 5})
class ClientProcessCrashIT {
    /** Each case runs on MQTT 3.1.1 and on MQTT 5. */
    @Parameter
    int mqttVersion;

    private static final int MESSAGES = 4000;

    @TempDir
    Path work;

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
        Path persistence = work.resolve("session");
        Receipts receipts = new Receipts(MESSAGES);
        try (MqttClient subscriber = new MqttClient(broker.tcpUri(), id + "-s")) {
            subscriber.onMessageArrived(m -> receipts.record(m.payloadBytes()));
            subscriber.connect(ConnectOptions.builder().mqttVersion(mqttVersion).cleanSession(false).build())
                    .get(10, TimeUnit.SECONDS);
            subscriber.subscribe(topic, qos).get(10, TimeUnit.SECONDS);

            Publisher first = new Publisher(broker, id + "-p", persistence, topic, qos, "first");
            first.start(0);
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(10))
                    .until(() -> AcceptanceLedger.lastRecorded(first.ledger) >= MESSAGES / 2);
            first.process.destroyForcibly();
            assertTrue(first.process.waitFor(30, TimeUnit.SECONDS), "the killed publisher did not end");
            int lastAccepted = AcceptanceLedger.lastAccepted(first.ledger, MqttPersistence.file(persistence),
                    first.clientId);
            assertTrue(lastAccepted < MESSAGES - 1, "the publisher had accepted every message before it was killed,"
                    + " so the kill tested nothing; " + first.output());

            Publisher second = new Publisher(broker, id + "-p", persistence, topic, qos, "second");
            second.start(lastAccepted + 1);
            assertTrue(second.process.waitFor(120, TimeUnit.SECONDS),
                    "the restarted publisher did not finish; " + second.output());
            assertEquals(0, second.process.exitValue(), "the restarted publisher failed; " + second.output());
            await().atMost(Duration.ofSeconds(60)).until(receipts::allArrived);
            if (qos == 2) {
                assertEquals(0, receipts.duplicates(), "QoS 2 duplicates " + receipts.duplicated(10)
                        + " after a kill at message " + lastAccepted + ": " + receipts);
            }
            System.out.printf("%s QoS %d: publisher killed after accepting message %d: %s%n", shared, qos,
                    lastAccepted, receipts);
        }
    }

    /** One run of {@link CrashablePublisher} in its own JVM, with its own ledger and output file. */
    private final class Publisher {
        final String clientId;
        final Path ledger;
        private final TestBroker broker;
        private final Path persistence;
        private final String topic;
        private final int qos;
        private final Path log;
        Process process;

        Publisher(TestBroker broker, String clientId, Path persistence, String topic, int qos, String run) {
            this.broker = broker;
            this.clientId = clientId;
            this.persistence = persistence;
            this.topic = topic;
            this.qos = qos;
            this.ledger = work.resolve(run + ".ledger");
            this.log = work.resolve(run + ".log");
        }

        void start(int from) throws IOException {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            // Its output goes to a file, not a pipe: nothing the test decides depends on reading it in time.
            process = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                    CrashablePublisher.class.getName(), broker.tcpUri(), clientId, persistence.toString(),
                    ledger.toString(), topic, Integer.toString(qos), Integer.toString(from),
                    Integer.toString(MESSAGES), Integer.toString(mqttVersion)))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        }

        /** What the process printed, for assertion messages. */
        String output() throws IOException {
            return "its output:\n" + Files.readString(log, StandardCharsets.UTF_8);
        }
    }
}
