package io.github.mqttbridge.quickstart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.mqttbridge.testing.BrokerPorts;
import io.github.mqttbridge.testing.ConnectRest;
import io.github.mqttbridge.testing.EmbeddedBroker;
import io.github.mqttbridge.testing.FreePorts;
import io.github.mqttbridge.testing.KafkaTestClient;
import io.github.mqttbridge.testing.PluginPackage;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.utils.internals.Exit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * The one-command demo behind {@code ./quickstart.sh}: a KRaft Kafka broker and an MQTT broker (HiveMQ CE) in
 * this JVM, a distributed Connect worker in a JVM of its own that loads the packaged plugin from
 * {@code target/plugins} through {@code plugin.path}, the source and sink connectors created through the REST API
 * from {@code config/*.json}, and a fleet of simulated devices whose telemetry flows MQTT → Kafka → MQTT.
 * See {@link Options} for the command line.
 */
public final class Quickstart {

    private static final PrintStream OUT = System.out;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path WORK = Path.of("target", "quickstart");
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    private final Options options;
    private final Deque<AutoCloseable> toClose = new ConcurrentLinkedDeque<>();
    private final List<String> errors = new ArrayList<>();
    private String mqttUri;
    private String bootstrapServers;
    private IsolatedWorkerProcess worker;
    private ConnectRest rest;
    private Fleet fleet;
    private Tally tally;
    private final long startedNanos = System.nanoTime();

    private Quickstart(Options options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(Options.USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            OUT.println(Options.USAGE);
            return;
        }
        Quickstart quickstart = new Quickstart(options);
        // Ctrl-C: the JVM runs this hook; a bounded run or a failure stops everything before exiting.
        Runtime.getRuntime().addShutdownHook(new Thread(quickstart::shutDown, "quickstart-shutdown"));
        int exit;
        try {
            exit = quickstart.run();
        } catch (Exception | AssertionError e) {
            System.err.println("\nThe quickstart failed: " + e.getMessage());
            quickstart.printLogHints();
            exit = 1;
        }
        quickstart.shutDown();
        System.exit(exit);
    }

    private int run() throws Exception {
        Files.createDirectories(WORK);
        OUT.println("kafka-connect-mqtt quickstart: starting Kafka, the MQTT broker and a Connect worker ...");
        startMqttBroker();
        startKafka();
        startWorker();
        createConnectors();
        tally = new Tally(bootstrapServers, mqttUri, KAFKA_TOPIC);
        toClose.push(tally);
        tally.start();
        fleet = new Fleet(mqttUri, options.devices(), options.ratePerDevice());
        toClose.push(fleet);
        fleet.start(options.messages());
        printTryNext();
        return options.messages() > 0 ? runBounded() : runUntilStopped();
    }

    private static final String KAFKA_TOPIC = "telemetry";

    private void startMqttBroker() {
        if (options.mqttUri() != null) {
            mqttUri = options.mqttUri();
            OUT.println("  MQTT broker   " + mqttUri + " (yours, --mqtt-uri)");
            return;
        }
        int tcp = portOr(1883);
        int[] others = FreePorts.next(4);
        EmbeddedBroker broker = new EmbeddedBroker(new BrokerPorts(tcp, others[0], others[1], others[2], others[3]));
        toClose.push(broker);
        broker.start();
        mqttUri = "tcp://localhost:" + tcp;
        OUT.println("  MQTT broker   " + mqttUri + " (embedded HiveMQ CE" + (tcp == 1883 ? ")"
                : "; 1883 was " + (options.freePorts() ? "not asked for" : "taken") + ")"));
    }

    private void startKafka() throws Exception {
        // The test kit deletes its log directories in shutdown hooks of its own, which the JVM would run at the
        // same time as ours: Kafka, finding its directories gone while it stops, halts the JVM before the Connect
        // worker is stopped. Collected here instead, they run after Kafka has stopped.
        List<Runnable> deletions = new ArrayList<>();
        Exit.setShutdownHookAdder((name, hook) -> deletions.add(hook));
        toClose.push(() -> deletions.forEach(Runnable::run));
        KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build());
        // One node: every internal topic must fit on it.
        Map.of("offsets.topic.replication.factor", "1",
                "transaction.state.log.replication.factor", "1",
                "transaction.state.log.min.isr", "1",
                "group.initial.rebalance.delay.ms", "0",
                "num.partitions", "3").forEach(builder::setConfigProp);
        KafkaClusterTestKit kafka = builder.build();
        toClose.push(kafka);
        kafka.format();
        kafka.startup();
        kafka.waitForReadyBrokers();
        bootstrapServers = kafka.bootstrapServers();
        try (KafkaTestClient admin = new KafkaTestClient(bootstrapServers)) {
            admin.createTopic(KAFKA_TOPIC, 3);
        }
        OUT.println("  Kafka         " + bootstrapServers + " (KRaft, topic '" + KAFKA_TOPIC + "')");
    }

    private void startWorker() {
        int port = portOr(8083);
        Path pluginPath = PluginPackage.PLUGIN_PATH.toAbsolutePath();
        if (!Files.isDirectory(pluginPath)) {
            throw new IllegalStateException(pluginPath + " is missing: run mvn package first (quickstart.sh does)");
        }
        Map<String, String> overrides = new LinkedHashMap<>();
        overrides.put("bootstrap.servers", bootstrapServers);
        overrides.put("listeners", "http://localhost:" + port);
        overrides.put("plugin.path", pluginPath.toString());
        // Each run has a Kafka of its own, so the offsets in its topics are never stale; shorter flushes show
        // committed source offsets sooner.
        overrides.put("offset.flush.interval.ms", "2000");
        worker = IsolatedWorkerProcess.start(Path.of("config", "connect-distributed.properties"), overrides,
                WORK.resolve("connect.log"), START_TIMEOUT);
        toClose.push(worker);
        rest = new ConnectRest(worker::url);
        OUT.println("  Connect REST  " + worker.url() + " (distributed worker, pid " + worker.pid()
                + ", plugin.path " + pluginPath + ", log " + worker.log() + ")");
    }

    /** Posts config/mqtt-source.json and config/mqtt-sink.json as they are, pointed at the MQTT broker in use. */
    private void createConnectors() throws IOException {
        for (String file : List.of("mqtt-source.json", "mqtt-sink.json")) {
            JsonNode json = JSON.readTree(Path.of("config", file).toFile());
            String name = json.path("name").asText();
            Map<String, String> config = new LinkedHashMap<>();
            json.path("config").fields().forEachRemaining(e -> config.put(e.getKey(), e.getValue().asText()));
            config.put("mqtt.server.uris", mqttUri);
            rest.createConnector(name, config);
            rest.awaitRunning(name, 1, START_TIMEOUT);
            OUT.println("  Connector     " + name + " RUNNING (from config/" + file + ")");
        }
    }

    private int runBounded() {
        long deadline = System.nanoTime() + options.timeout().toNanos();
        while (System.nanoTime() < deadline) {
            Tally.Counts counts = tally.counts();
            if (fleet.done() && counts.inKafka() >= options.messages() && counts.echoed() >= options.messages()) {
                break;
            }
            pause(Duration.ofMillis(500));
            printStatus(false);
        }
        Fleet.Counts published = fleet.counts();
        Tally.Counts counts = tally.counts();
        List<String> missingInKafka = tally.missingInKafka(fleet.ids());
        List<String> missingEchoes = tally.missingEchoes(fleet.ids());
        OUT.println();
        OUT.println("Summary: " + published.published() + " of " + options.messages() + " published, "
                + counts.inKafka() + " in Kafka, " + counts.echoed() + " echoed back to MQTT"
                + (counts.duplicates() > 0 ? " (" + counts.duplicates() + " duplicates, as at least once allows)"
                : ""));
        boolean ok = published.published() == options.messages() && published.failed() == 0
                && missingInKafka.isEmpty() && missingEchoes.isEmpty() && errors.isEmpty();
        if (ok) {
            OUT.println("QUICKSTART OK: every message made it MQTT → Kafka → MQTT");
            return 0;
        }
        OUT.println("QUICKSTART FAILED: " + (options.messages() - published.published()) + " not published, "
                + published.failed() + " publishes failed, missing in Kafka " + head(missingInKafka)
                + ", missing echoes " + head(missingEchoes) + ", errors " + errors);
        printLogHints();
        return 1;
    }

    private int runUntilStopped() {
        while (true) {
            printStatus(true);
            pause(Duration.ofSeconds(1));
        }
    }

    private void printStatus(boolean live) {
        Fleet.Counts published = fleet.counts();
        Tally.Counts counts = tally.counts();
        String source = state("mqtt-source");
        String sink = state("mqtt-sink");
        long up = Duration.ofNanos(System.nanoTime() - startedNanos).toSeconds();
        String errorText = errors.isEmpty() && published.failed() == 0 ? "none"
                : published.failed() + " failed publishes; " + String.join("; ", errors);
        String block = String.format("""
                ── live status (%02d:%02d) ─ Ctrl-C stops everything ──────────────────────────
                  published by %d devices   %8d   devices/<id>/telemetry on %s
                  in Kafka                  %8d   topic '%s' on %s
                  echoed back to MQTT       %8d   echo/devices/<id>/telemetry
                  mqtt-source  %s
                  mqtt-sink    %s
                  errors       %s
                """, up / 60, up % 60, options.devices(), published.published(), mqttUri, counts.inKafka(),
                KAFKA_TOPIC, bootstrapServers, counts.echoed(), source, sink, errorText);
        if (live && System.console() != null) {
            // Redraw in place: cursor up over the previous block, clear to the end of the screen.
            OUT.print("\033[" + lastBlockLines + "F\033[J");
        }
        OUT.print(block);
        OUT.flush();
        lastBlockLines = (int) block.lines().count();
    }

    private int lastBlockLines;

    private String state(String connector) {
        try {
            ConnectRest.ConnectorStatus status = rest.connectorStatus(connector);
            StringBuilder out = new StringBuilder(status.state());
            for (ConnectRest.TaskStatus task : status.tasks()) {
                out.append(", task ").append(task.id()).append(' ').append(task.state());
            }
            String failures = status.failures();
            if (!failures.isEmpty()) {
                String first = failures.lines().limit(2).reduce((a, b) -> a + " " + b).orElse("");
                if (!errors.contains(first)) {
                    errors.add(first);
                }
            }
            return out.toString();
        } catch (RuntimeException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    private void printTryNext() {
        URI connect = worker.url();
        String host = URI.create(mqttUri).getHost();
        int port = URI.create(mqttUri).getPort();
        OUT.println();
        OUT.println("Try next (while it runs):");
        OUT.println("  curl " + connect + "connectors");
        OUT.println("  curl " + connect + "connectors/mqtt-source/status");
        OUT.println("  curl " + connect + "connector-plugins");
        OUT.println("  mosquitto_sub -h " + host + " -p " + port + " -t 'echo/#' -v");
        OUT.println("  mosquitto_pub -h " + host + " -p " + port + " -t devices/my-device/telemetry -q 1 -m "
                + "'{\"device\":\"my-device\",\"seq\":0,\"temperature\":20.0}'");
        OUT.println("  curl -X PUT " + connect + "connectors/mqtt-sink/pause   (and .../resume)");
        OUT.println("  Worker log: " + worker.log());
        OUT.println();
    }

    private void printLogHints() {
        if (worker != null) {
            System.err.println("Connect worker log: " + worker.log() + "; its last lines:\n"
                    + IsolatedWorkerProcess.tail(worker.log(), 20));
        }
    }

    /** In reverse start order; idempotent, since both the end of a bounded run and Ctrl-C come here. */
    private synchronized void shutDown() {
        AutoCloseable next;
        boolean any = false;
        while ((next = toClose.poll()) != null) {
            if (!any) {
                OUT.println("\nStopping the devices, the Connect worker, Kafka and the MQTT broker ...");
                any = true;
            }
            try {
                next.close();
            } catch (Exception e) {
                System.err.println("while stopping " + next + ": " + e);
            }
        }
        if (any) {
            OUT.println("Stopped.");
        }
    }

    /** {@code preferred} when it is free and --free-ports was not given, else a free port. */
    private int portOr(int preferred) {
        if (!options.freePorts()) {
            try (ServerSocket ignored = new ServerSocket(preferred, 1, InetAddress.getLoopbackAddress())) {
                return preferred;
            } catch (IOException taken) {
                OUT.println("  (port " + preferred + " is taken; using a free one)");
            }
        }
        return FreePorts.next();
    }

    private static String head(List<String> ids) {
        return ids.size() <= 10 ? ids.toString() : ids.subList(0, 10) + " and " + (ids.size() - 10) + " more";
    }

    /** The status refresh tick of the main thread; the work itself happens on the devices' and clients' threads. */
    private static void pause(Duration duration) {
        try {
            TimeUnit.NANOSECONDS.sleep(duration.toNanos());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    static String payload(String device, long seq, double temperature) {
        return "{\"device\":\"" + device + "\",\"seq\":" + seq + ",\"temperature\":"
                + String.format(java.util.Locale.ROOT, "%.1f", temperature) + ",\"ts\":" + System.currentTimeMillis()
                + "}";
    }

    /** The id a payload carries: {@code <device>/<seq>}, or null when it is not one of ours. */
    static String idOf(byte[] payload) {
        try {
            JsonNode json = JSON.readTree(new String(payload, StandardCharsets.UTF_8));
            return json.hasNonNull("device") && json.hasNonNull("seq")
                    ? json.get("device").asText() + "/" + json.get("seq").asLong() : null;
        } catch (IOException notJson) {
            return null;
        }
    }
}
