package io.github.mqttbridge.quickstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.mqttbridge.testing.ClassResource;
import io.github.mqttbridge.testing.ConnectRest;
import io.github.mqttbridge.testing.FreePorts;
import io.github.mqttbridge.testing.KafkaConnectCluster;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The zip that {@code mvn package} builds, as a user installs it: unpacked into an empty plugin.path of a stock
 * distributed worker (its own JVM, Kafka's jars on its class path and none of ours), which must list both
 * connectors with the version this build gave them.
 */
class PluginPackageIT {

    private static final String VERSION = System.getProperty("mqttbridge.plugin.version");
    private static final Path ZIP = Path.of("target", "kafka-connect-mqtt-" + VERSION + ".zip");
    private static final String BASE = "kafka-connect-mqtt-" + VERSION + "/";

    /** The worker's plugin.path, empty but for the unpacked zip. */
    @TempDir
    static Path pluginPath;
    @RegisterExtension
    @Order(1)
    static final ClassResource<KafkaConnectCluster> kafka =
            ClassResource.of(() -> KafkaConnectCluster.builder().startKafkaOnly());
    @RegisterExtension
    @Order(2)
    static final ClassResource<IsolatedWorkerProcess> worker = ClassResource.of(PluginPackageIT::installAndStart);

    private static IsolatedWorkerProcess installAndStart() throws IOException {
        assertTrue(Files.isRegularFile(ZIP), ZIP + " missing: failsafe runs after package, which builds it");
        unzip(ZIP, pluginPath);
        String group = "package-it-" + UUID.randomUUID().toString().substring(0, 8);
        return IsolatedWorkerProcess.start(Path.of("config", "connect-distributed.properties"), Map.of(
                        "bootstrap.servers", kafka.get().bootstrapServers(),
                        "listeners", "http://localhost:" + FreePorts.next(),
                        "plugin.path", pluginPath.toString(),
                        "group.id", group,
                        "config.storage.topic", group + "-configs",
                        "offset.storage.topic", group + "-offsets",
                        "status.storage.topic", group + "-status"),
                Path.of("target", "package-it", "connect.log"), Duration.ofMinutes(3));
    }

    @Test
    void a_stock_worker_lists_both_connectors_with_the_build_version() {
        List<ConnectRest.PluginInfo> plugins = new ConnectRest(worker.get()::url).connectorPlugins();
        for (var expected : List.of(
                new ConnectRest.PluginInfo("io.github.mqttbridge.connect.source.MqttSourceConnector", "source", VERSION),
                new ConnectRest.PluginInfo("io.github.mqttbridge.connect.sink.MqttSinkConnector", "sink", VERSION))) {
            assertTrue(plugins.contains(expected), expected + " not in " + plugins);
        }
    }

    @Test
    void the_worker_loaded_them_from_plugin_path_not_its_class_path() throws IOException {
        // isolatedClassPath() has already refused a class path holding our classes; the worker's own log names
        // the directory it loaded the plugin from.
        String log = Files.readString(worker.get().log());
        assertTrue(log.contains(pluginPath.resolve(BASE).toString().replaceAll("/$", "")),
                "the worker log does not mention " + pluginPath.resolve(BASE));
    }

    /**
     * mqtt.payload.schema is checked by the JSON Schema validator the plugin ships: a schema that breaks the
     * meta-schema is refused with its words, one that keeps it passes, in the plugin's own class loader.
     */
    @Test
    void the_plugins_json_schema_validator_runs_in_its_isolated_class_loader() {
        ConnectRest rest = new ConnectRest(worker.get()::url);
        String source = "io.github.mqttbridge.connect.source.MqttSourceConnector";
        Map<String, String> config = new java.util.HashMap<>(Map.of("name", "package-it-validate",
                "mqtt.server.uris", "tcp://localhost:1883", "mqtt.topics", "sensors/#", "kafka.topic", "sensors",
                "mqtt.payload.format", "json",
                "mqtt.payload.schema", "{\"type\":\"object\",\"properties\":{\"t\":{\"type\":\"number\"}}}"));
        assertEquals(Map.of(), rest.validate(source, config).errors());
        config.put("mqtt.payload.schema", "{\"type\":5}");
        List<String> errors = rest.validate(source, config).errors().get("mqtt.payload.schema");
        assertTrue(errors != null && errors.get(0).contains("not a valid JSON Schema"), String.valueOf(errors));
    }

    @Test
    void the_zip_has_the_confluent_hub_layout() throws IOException {
        Path root = pluginPath.resolve(BASE);
        JsonNode manifest = new ObjectMapper().readTree(root.resolve("manifest.json").toFile());
        assertEquals(VERSION, manifest.path("version").asText());
        assertEquals("kafka-connect-mqtt", manifest.path("name").asText());
        // it claims only the Connect version these tests run on
        assertEquals("Apache Kafka Connect " + System.getProperty("mqttbridge.kafka.version")
                + " (the version its tests run on), Java 17", manifest.path("requirements").path(0).asText());
        for (String doc : List.of("doc/README.md", "doc/LICENSE")) {
            assertTrue(Files.isRegularFile(root.resolve(doc)), doc);
        }
        // README links to the guides as docs/...; they ship beside it so that those links hold in doc/ too.
        try (Stream<Path> guides = Files.list(Path.of("docs"))) {
            for (Path guide : guides.filter(p -> p.toString().endsWith(".md")).toList()) {
                String shipped = "doc/docs/" + guide.getFileName();
                assertTrue(Files.isRegularFile(root.resolve(shipped)), shipped);
            }
        }
        for (String config : List.of("mqtt-source.json", "mqtt-source-sparkplug.json", "mqtt-sink.json",
                "mqtt-source.properties", "mqtt-sink.properties", "connect-distributed.properties", "connect-standalone.properties",
                "monitoring/jmx-exporter.yml", "monitoring/grafana-dashboard.json")) {
            assertTrue(Files.isRegularFile(root.resolve("etc").resolve(config)), "etc/" + config);
        }
        List<String> jars;
        try (Stream<Path> lib = Files.list(root.resolve("lib"))) {
            jars = lib.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertTrue(jars.contains("kafka-connect-mqtt-" + VERSION + ".jar"), jars.toString());
        for (String library : List.of("jackson-databind-", "protobuf-java-", "json-schema-validator-")) {
            assertTrue(jars.stream().anyMatch(j -> j.startsWith(library)), library + "* not in lib/: " + jars);
        }
        // What the worker provides must not be shadowed by a copy of ours.
        List<String> dependencies = jars.stream().filter(j -> !j.startsWith("kafka-connect-mqtt-")).toList();
        for (String provided : List.of("kafka-", "connect-", "slf4j-", "log4j-")) {
            assertFalse(dependencies.stream().anyMatch(j -> j.startsWith(provided)), provided + "* in lib/: " + jars);
        }
    }

    private static void unzip(Path zip, Path into) throws IOException {
        try (InputStream in = Files.newInputStream(zip); ZipInputStream entries = new ZipInputStream(in)) {
            for (ZipEntry entry; (entry = entries.getNextEntry()) != null; ) {
                Path target = into.resolve(entry.getName()).normalize();
                if (!target.startsWith(into)) {
                    throw new IOException("zip entry outside the target: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(entries, target);
                }
            }
        }
    }
}
