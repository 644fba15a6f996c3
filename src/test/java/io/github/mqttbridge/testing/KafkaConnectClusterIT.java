package io.github.mqttbridge.testing;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.mqttbridge.testing.ConnectRest.ConnectRestException;
import io.github.mqttbridge.testing.ConnectRest.ConnectorStatus;
import io.github.mqttbridge.testing.ConnectRest.PluginInfo;
import io.github.mqttbridge.testing.ConnectRest.Validation;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks the harness itself: the Kafka node stores and returns records, the worker's REST API answers and
 * survives a restart. It logs its timings; measured here on 2 loaded cores: cluster start 10.7-34 s (Kafka
 * 6.3-18.5 s, worker 3.4-15 s, the high ends while other agents ran their suites), worker restart 3.1-5 s,
 * close 2.4-3.8 s, the whole class 20-53 s.
 */
class KafkaConnectClusterIT {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaConnectClusterIT.class);

    private static KafkaConnectCluster cluster;

    @BeforeAll
    static void start() {
        long started = System.nanoTime();
        cluster = KafkaConnectCluster.builder().start();
        LOG.info("cluster up in {} ms (Kafka {} ms, worker {} ms)", (System.nanoTime() - started) / 1_000_000,
                cluster.kafkaStartMillis(), cluster.workerStartMillis());
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            long started = System.nanoTime();
            cluster.close();
            LOG.info("cluster closed in {} ms", (System.nanoTime() - started) / 1_000_000);
        }
    }

    @Test
    void kafkaReturnsRecordsWithPartitionsKeysHeadersAndTimestamps() {
        KafkaTestClient kafka = cluster.kafka();
        kafka.createTopic("harness-records", 3);
        assertEquals(3, kafka.partitionCount("harness-records"));

        for (int p = 0; p < 3; p++) {
            kafka.produce("harness-records", p, 1_700_000_000_000L + p, ("k" + p).getBytes(StandardCharsets.UTF_8),
                    ("v" + p).getBytes(StandardCharsets.UTF_8), KafkaTestClient.header("mqtt.topic", "a/" + p));
        }

        List<ConsumerRecord<byte[], byte[]>> records = kafka.read("harness-records", 3, Duration.ofSeconds(60));
        assertEquals(3, records.size());
        for (ConsumerRecord<byte[], byte[]> record : records) {
            int p = record.partition();
            assertEquals("k" + p, KafkaTestClient.text(record.key()));
            assertEquals("v" + p, KafkaTestClient.text(record.value()));
            assertEquals(1_700_000_000_000L + p, record.timestamp());
            assertEquals("a/" + p, KafkaTestClient.text(record.headers().lastHeader("mqtt.topic").value()));
        }
        assertEquals(3, kafka.readAll("harness-records").size());
        assertEquals(Map.of(new TopicPartition("harness-records", 0), 1L, new TopicPartition("harness-records", 1),
                1L, new TopicPartition("harness-records", 2), 1L), kafka.endOffsets("harness-records"));
    }

    @Test
    void committedOffsetsOfAGroupAreVisible() {
        KafkaTestClient kafka = cluster.kafka();
        kafka.createTopic("harness-offsets", 1);
        for (int i = 0; i < 5; i++) {
            kafka.produce("harness-offsets", 0, "k", "v" + i);
        }
        TopicPartition partition = new TopicPartition("harness-offsets", 0);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                Map.of("bootstrap.servers", cluster.bootstrapServers(), "group.id", "harness-group"),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.assign(List.of(partition));
            consumer.commitSync(Map.of(partition, new OffsetAndMetadata(3)));
        }
        assertEquals(Map.of(partition, 3L), kafka.committedOffsets("harness-group"));
        assertEquals(Map.of(), kafka.committedOffsets("no-such-group"));
    }

    @Test
    void restApiListsPluginsAndRejectsUnknownConnectorClasses() {
        ConnectRest rest = cluster.rest();
        // With service_load only connectors with a ServiceLoader manifest are found: none of Connect's own
        // (MirrorMaker's are in connect-mirror, not a dependency), only ours on the test class path (the
        // harness's test connector and the two of target/classes).
        List<PluginInfo> connectors = rest.connectorPlugins();
        assertTrue(connectors.contains(new PluginInfo(HarnessSourceConnector.class.getName(), "source", "test")),
                connectors.toString());
        assertTrue(connectors.stream().allMatch(p -> p.className().startsWith("io.github.mqttbridge.")),
                connectors.toString());
        // Converters and transforms of connect-runtime, connect-json and connect-transforms are found.
        List<PluginInfo> all = rest.connectorPlugins(false);
        assertTrue(all.stream().anyMatch(p -> p.className().equals("org.apache.kafka.connect.json.JsonConverter")),
                "plugins found: " + all);
        assertTrue(all.stream().anyMatch(p -> p.className().equals(
                "org.apache.kafka.connect.converters.ByteArrayConverter")), "plugins found: " + all);

        ConnectRestException unknown = assertThrows(ConnectRestException.class,
                () -> rest.validate("com.example.NoSuchConnector", Map.of("topics", "t")));
        // Connect 4.4.0 answers 500 here (its BadRequestException arrives wrapped from the validation
        // thread) and logs the stack trace at ERROR; the body names the class and the connectors it knows.
        assertTrue(unknown.status() >= 400, unknown.getMessage());
        assertTrue(unknown.body().contains("Failed to find any class that implements Connector and which name "
                + "matches com.example.NoSuchConnector"), unknown.getMessage());

        ConnectRestException missing = assertThrows(ConnectRestException.class,
                () -> rest.connectorStatus("no-such-connector"));
        assertEquals(404, missing.status(), missing.getMessage());

        Validation validation = rest.validate(HarnessSourceConnector.class.getName(), Map.of("count", "-1"));
        // Connect also requires "name" in a validation request, though the REST API fills it in on create.
        assertEquals(3, validation.errorCount(), validation.toString());
        assertTrue(validation.errors().containsKey("name"), validation.toString());
        assertTrue(validation.errors().get("topic").get(0).contains("Missing required configuration"),
                validation.toString());
        assertTrue(validation.errors().get("count").get(0).contains("at least 0"), validation.toString());
    }

    @Test
    void sourceConnectorResumesFromItsCommittedOffsetAfterAWorkerRestart() {
        ConnectRest rest = cluster.rest();
        cluster.createTopic("harness-source", 2);
        Map<String, String> config = Map.of(
                "connector.class", HarnessSourceConnector.class.getName(),
                "tasks.max", "2",
                "topic", "harness-source",
                "count", "10");
        rest.createConnector("harness-source", config);
        ConnectorStatus status = rest.awaitRunning("harness-source", 2);
        assertEquals(cluster.connectUrl().getHost() + ":" + cluster.connectUrl().getPort(),
                status.tasks().get(0).workerId());
        assertEquals(20, cluster.kafka().read("harness-source", 20, Duration.ofSeconds(60)).size());
        await("source offsets committed").atMost(Duration.ofSeconds(60))
                .until(() -> rest.offsets("harness-source").path("offsets").size() == 2);

        cluster.restartWorker();
        rest.awaitRunning("harness-source", 2);
        rest.restartTask("harness-source", 1);
        rest.awaitRunning("harness-source", 2);
        rest.putConfig("harness-source", Map.of(
                "connector.class", HarnessSourceConnector.class.getName(),
                "tasks.max", "2",
                "topic", "harness-source",
                "count", "12"));
        rest.awaitRunning("harness-source", 2);

        List<String> values = cluster.kafka().read("harness-source", 24, Duration.ofSeconds(60)).stream()
                .map(r -> KafkaTestClient.text(r.key()) + ":" + KafkaTestClient.text(r.value())).sorted().toList();
        assertEquals(List.of("0:0", "0:1", "0:10", "0:11", "0:2", "0:3", "0:4", "0:5", "0:6", "0:7", "0:8",
                "0:9", "1:0", "1:1", "1:10", "1:11", "1:2", "1:3", "1:4", "1:5", "1:6", "1:7", "1:8", "1:9"),
                values, "each record once: the tasks resumed after their committed offsets");
        assertEquals("12", rest.config("harness-source").get("count"));

        rest.deleteConnector("harness-source");
        rest.awaitDeleted("harness-source");
        assertEquals(List.of(), rest.connectors());
    }

    @Test
    void workerAnswersAgainAfterARestart() {
        String before = cluster.connectUrl().toString();
        int plugins = cluster.rest().connectorPlugins().size();
        JsonNode root = cluster.rest().get("/");
        assertNotNull(root.get("version").asText());

        long started = System.nanoTime();
        cluster.restartWorker();
        LOG.info("worker restarted in {} ms", (System.nanoTime() - started) / 1_000_000);

        assertTrue(cluster.workerRunning());
        assertEquals(before, cluster.connectUrl().toString(), "a restarted worker keeps its URL and worker id");
        assertEquals(plugins, cluster.rest().connectorPlugins().size());
        assertEquals(root.get("kafka_cluster_id"), cluster.rest().get("/").get("kafka_cluster_id"));
    }
}
