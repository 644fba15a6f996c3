package io.github.mqttbridge.testing;

import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.connect.cli.ConnectDistributed;
import org.apache.kafka.connect.runtime.Connect;
import org.apache.kafka.connect.runtime.distributed.DistributedHerder;
import org.apache.kafka.metadata.bootstrap.BootstrapMetadata;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One KRaft Kafka node (broker and controller combined) and one distributed Connect worker, both in this JVM.
 * Start it once per test class, since it takes seconds; each connector scenario then costs a few seconds:
 *
 * <pre>{@code
 * static KafkaConnectCluster cluster;
 *
 * @BeforeAll static void start() { cluster = KafkaConnectCluster.builder().start(); }
 * @AfterAll  static void stop()  { cluster.close(); }
 * }</pre>
 *
 * Tests in one class share the cluster, so each should use its own connector names and topics.
 *
 * <p>The worker finds connectors through ServiceLoader manifests only ({@code plugin.discovery=service_load}):
 * a connector, also one defined in test code, needs its class listed in
 * {@code META-INF/services/org.apache.kafka.connect.source.SourceConnector} (or {@code ...sink.SinkConnector}).
 *
 * <p>Start-up measured by {@link KafkaConnectClusterIT} on the 2-core machine while other agents built and
 * tested: Kafka 6.3-18.5 s and the worker 3.4-15 s in a fresh failsafe JVM (class loading dominates), so
 * 11-34 s for {@link Builder#start()}; {@link #restartWorker()} 3.3-5 s (about 2 s of it the stop, which
 * waits for the group coordinator); {@link #close()} 2.6-3.8 s.
 */
public final class KafkaConnectCluster implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaConnectCluster.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private final Map<String, String> brokerProps;
    private final Map<String, String> workerProps;
    private final boolean separateController;
    private KafkaClusterTestKit kafka;
    private KafkaTestClient kafkaClient;
    private Connect<DistributedHerder> worker;
    private URI workerUrl;
    private final ConnectRest rest = new ConnectRest(this::connectUrl);
    private long kafkaStartMillis;
    private long workerStartMillis;

    private KafkaConnectCluster(Builder builder) {
        this.brokerProps = Map.copyOf(builder.brokerProps);
        this.workerProps = Map.copyOf(builder.workerProps);
        this.separateController = builder.separateController;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The settings every harness worker starts from, in this JVM or in a {@link ConnectWorkerProcess}, for the
     * Connect group {@code group} (its internal topics are named after it); without bootstrap.servers.
     */
    public static Map<String, String> defaultWorkerProperties(String group) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("group.id", group);
        props.put("config.storage.topic", group + "-configs");
        props.put("offset.storage.topic", group + "-offsets");
        props.put("status.storage.topic", group + "-status");
        props.put("config.storage.replication.factor", "1");
        props.put("offset.storage.replication.factor", "1");
        props.put("status.storage.replication.factor", "1");
        props.put("offset.storage.partitions", "5");
        props.put("status.storage.partitions", "1");
        props.put("listeners", "http://127.0.0.1:0");
        props.put("rest.advertised.host.name", "127.0.0.1");
        // Plugins come from ServiceLoader manifests on the test class path; scanning the class path for
        // them instead costs tens of seconds on this machine.
        props.put("plugin.discovery", "service_load");
        props.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        props.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
        // Source offsets are committed every second, so tests about what survives a restart wait little.
        props.put("offset.flush.interval.ms", "1000");
        // A departed worker's tasks are reassigned after this delay (default 5 minutes).
        props.put("scheduled.rebalance.max.delay.ms", "3000");
        // Lets a connector config carry consumer.override.* / producer.override.* for a test.
        props.put("connector.client.config.override.policy", "All");
        return props;
    }

    public static final class Builder {
        private final Map<String, String> brokerProps = new LinkedHashMap<>();
        private final Map<String, String> workerProps = new LinkedHashMap<>();
        private boolean separateController;

        private Builder() {
            // A single node: every internal topic has to fit on it.
            brokerProps.put("offsets.topic.replication.factor", "1");
            brokerProps.put("offsets.topic.num.partitions", "5");
            brokerProps.put("transaction.state.log.replication.factor", "1");
            brokerProps.put("transaction.state.log.min.isr", "1");
            brokerProps.put("transaction.state.log.num.partitions", "5");
            // Sink tasks join their consumer group without the default 3 s wait for more members.
            brokerProps.put("group.initial.rebalance.delay.ms", "0");

            workerProps.putAll(defaultWorkerProperties("mqtt-it-" + UUID.randomUUID().toString().substring(0, 8)));
        }

        /** Overrides or adds a broker setting. */
        public Builder brokerProperty(String key, String value) {
            brokerProps.put(key, value);
            return this;
        }

        /** Overrides or adds a worker setting (for example {@code task.shutdown.graceful.timeout.ms}). */
        public Builder workerProperty(String key, String value) {
            workerProps.put(key, value);
            return this;
        }

        /**
         * Runs the KRaft controller as a node of its own beside the broker, so that {@link #restartKafka()} can
         * restart the broker alone: a combined node shares its metadata log between both roles, and the test kit
         * restarts only the broker role.
         */
        public Builder separateController() {
            this.separateController = true;
            return this;
        }

        /** The worker's default key converter; StringConverter unless set. */
        public Builder keyConverter(String converterClass) {
            return workerProperty("key.converter", converterClass);
        }

        /** The worker's default value converter; ByteArrayConverter unless set. */
        public Builder valueConverter(String converterClass) {
            return workerProperty("value.converter", converterClass);
        }

        /** Starts Kafka, then the worker, and returns once the worker's REST API reports it healthy. */
        public KafkaConnectCluster start() {
            KafkaConnectCluster cluster = new KafkaConnectCluster(this);
            try {
                cluster.startKafka();
                cluster.startWorker();
                return cluster;
            } catch (RuntimeException | Error e) {
                cluster.close();
                throw e;
            }
        }

        /**
         * Starts Kafka only, for tests whose workers are {@link ConnectWorkerProcess}es: an idle worker in this
         * JVM would cost seconds of start-up and CPU on a 2-core machine. {@link #startWorker()} still works.
         */
        public KafkaConnectCluster startKafkaOnly() {
            KafkaConnectCluster cluster = new KafkaConnectCluster(this);
            try {
                cluster.startKafka();
                return cluster;
            } catch (RuntimeException | Error e) {
                cluster.close();
                throw e;
            }
        }
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** Topics, records and consumer-group offsets of this cluster's Kafka. */
    public KafkaTestClient kafka() {
        return kafkaClient;
    }

    /** The worker's REST API; follows the worker across {@link #restartWorker()}. */
    public ConnectRest rest() {
        return rest;
    }

    /** The worker's REST base URL, e.g. {@code http://127.0.0.1:40123/}. */
    public URI connectUrl() {
        if (workerUrl == null) {
            throw new IllegalStateException("the Connect worker is not running");
        }
        return workerUrl;
    }

    public boolean workerRunning() {
        return worker != null;
    }

    public long kafkaStartMillis() {
        return kafkaStartMillis;
    }

    public long workerStartMillis() {
        return workerStartMillis;
    }

    public void createTopic(String topic, int partitions) {
        kafkaClient.createTopic(topic, partitions);
    }

    /**
     * Starts the worker (again). After a {@link #stopWorker()} it rebinds the port it had, so its worker id
     * and REST URL stay the same, as for a worker process restarted by an operator.
     */
    public synchronized void startWorker() {
        if (worker != null) {
            throw new IllegalStateException("the Connect worker is already running");
        }
        // A mutable copy on each start: Connect writes into the map it is given.
        Map<String, String> props = new HashMap<>(workerProps);
        props.put("bootstrap.servers", kafka.bootstrapServers());
        if (workerUrl != null) {
            props.put("listeners", "http://127.0.0.1:" + workerUrl.getPort());
        }
        long started = System.nanoTime();
        worker = new ConnectDistributed().startConnect(props);
        workerUrl = worker.rest().serverUrl();
        awaitHealthy();
        workerStartMillis = (System.nanoTime() - started) / 1_000_000;
        LOG.info("Connect worker at {} up in {} ms", workerUrl, workerStartMillis);
    }

    /**
     * Stops the worker as {@code Connect.stop()} does, the only stop the in-process API offers: it is NOT a
     * crash. Tasks get {@code stop()} and up to {@code task.shutdown.graceful.timeout.ms} (default 5 s) to
     * return, source tasks then commit their offsets, sink tasks close their consumers (committing their
     * last offsets through {@code preCommit}), and the worker leaves its group. Tasks that do not stop in time
     * are abandoned without a commit. Tests that need an un-committed cut should therefore stop the data
     * flow they check before this call rather than rely on offsets being lost.
     */
    public synchronized void stopWorker() {
        if (worker == null) {
            return;
        }
        long started = System.nanoTime();
        worker.stop();
        worker.awaitStop();
        worker = null;
        LOG.info("Connect worker stopped in {} ms", (System.nanoTime() - started) / 1_000_000);
    }

    public void restartWorker() {
        stopWorker();
        startWorker();
    }

    /**
     * Shuts the Kafka broker down (a controlled shutdown, as an operator's restart) and starts it again on the same
     * port and log directory, so clients reconnect to the address they know and find their data; returns once the
     * broker is ready again. Needs {@link Builder#separateController()}.
     */
    public synchronized void restartKafka() {
        if (!separateController) {
            throw new IllegalStateException("restartKafka needs a cluster built with separateController()");
        }
        long started = System.nanoTime();
        int brokerId = kafka.brokers().keySet().iterator().next();
        try {
            kafka.restartBroker(brokerId, Map.of());
            kafka.waitForReadyBrokers();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while restarting Kafka", e);
        } catch (Exception e) {
            throw new IllegalStateException("Kafka did not restart", e);
        }
        LOG.info("Kafka broker {} restarted at {} in {} ms", brokerId, kafka.bootstrapServers(),
                (System.nanoTime() - started) / 1_000_000);
    }

    @Override
    public synchronized void close() {
        stopWorker();
        if (kafkaClient != null) {
            kafkaClient.close();
        }
        if (kafka != null) {
            try {
                kafka.close();
            } catch (Exception e) {
                throw new IllegalStateException("Kafka did not shut down cleanly", e);
            } finally {
                kafka = null;
            }
        }
    }

    private void startKafka() {
        long started = System.nanoTime();
        try {
            KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(
                    new TestKitNodes.Builder(productionMetadata()).setCombined(!separateController)
                            .setNumBrokerNodes(1).setNumControllerNodes(1).build());
            brokerProps.forEach(builder::setConfigProp);
            kafka = builder.build();
            kafka.format();
            kafka.startup();
            kafka.waitForReadyBrokers();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting Kafka", e);
        } catch (Exception e) {
            throw new IllegalStateException("Kafka did not start", e);
        }
        kafkaClient = new KafkaTestClient(kafka.bootstrapServers());
        kafkaStartMillis = (System.nanoTime() - started) / 1_000_000;
        LOG.info("Kafka at {} up in {} ms", kafka.bootstrapServers(), kafkaStartMillis);
    }

    /**
     * The metadata version and feature levels a cluster formatted today gets: the test kit's own default is the
     * version still in development, with features (the transaction protocol among them) at levels no release
     * turns on.
     */
    private static BootstrapMetadata productionMetadata() {
        MetadataVersion version = MetadataVersion.latestProduction();
        Map<String, Short> levels = Feature.PRODUCTION_FEATURES.stream()
                .collect(Collectors.toMap(Feature::featureName, feature -> feature.defaultLevel(version)));
        return BootstrapMetadata.fromVersions(version, levels, "kafka-connect-mqtt tests");
    }

    /**
     * The REST server answers before the herder has read its config topic and joined the group; until then
     * connector requests fail. {@code GET /health} turns 200 only once the herder is ready.
     */
    private void awaitHealthy() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest health = HttpRequest.newBuilder(workerUrl.resolve("/health"))
                .timeout(Duration.ofSeconds(30)).GET().build();
        await("Connect worker at " + workerUrl + " healthy")
                .atMost(START_TIMEOUT)
                .pollInterval(Duration.ofMillis(200))
                .ignoreExceptions()
                .until(() -> http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
    }
}
