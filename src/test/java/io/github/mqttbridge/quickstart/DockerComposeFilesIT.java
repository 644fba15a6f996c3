package io.github.mqttbridge.quickstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.github.mqttbridge.connect.sink.MqttSinkConnector;
import io.github.mqttbridge.connect.source.MqttSourceConnector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Connector;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml cannot run on a machine without a Docker engine (DockerComposeIT runs it where there is
 * one), so this checks what can be checked without: every host path it mounts exists once {@code mvn package}
 * has run (failsafe runs after package), the worker gets the plugin directory the build makes, and every
 * connector config it posts passes the connector's own validation.
 */
class DockerComposeFilesIT {

    private static final Path COMPOSE = Path.of("docker-compose.yml");
    private final JsonNode compose = read();

    @Test
    void every_mounted_host_path_exists() {
        List<String> mounts = hostPaths();
        assertFalse(mounts.isEmpty(), "no bind mounts found in " + COMPOSE);
        for (String mount : mounts) {
            assertTrue(Files.exists(Path.of(mount)), COMPOSE + " mounts " + mount + ", which does not exist");
        }
    }

    @Test
    void the_worker_gets_the_unpacked_plugin_on_its_plugin_path() throws IOException {
        List<String> volumes = volumes("connect");
        assertTrue(volumes.contains("./target/plugins:/opt/connect-plugins:ro"), volumes.toString());
        try (var plugins = Files.list(Path.of("target", "plugins"))) {
            Path plugin = plugins.findFirst().orElseThrow();
            assertTrue(Files.isRegularFile(plugin.resolve("manifest.json")), plugin + " lacks manifest.json");
            try (var lib = Files.list(plugin.resolve("lib"))) {
                assertTrue(lib.anyMatch(j -> j.getFileName().toString().startsWith("kafka-connect-mqtt-")),
                        plugin + "/lib lacks our jar");
            }
        }
        String command = compose.path("services").path("connect").path("command").toString();
        assertTrue(command.contains("plugin.path=/opt/connect-plugins"), command);
        assertTrue(command.contains("connect-distributed.sh"), command);
    }

    @Test
    void both_images_are_the_official_ones() {
        assertTrue(compose.at("/services/kafka/image").asText().startsWith("apache/kafka:"));
        assertEquals(compose.at("/services/kafka/image").asText(), compose.at("/services/connect/image").asText());
        assertTrue(compose.at("/services/mosquitto/image").asText().startsWith("eclipse-mosquitto:"));
    }

    @Test
    void every_posted_connector_config_validates() throws IOException {
        String script = compose.at("/services/register-connectors/command").toString();
        List<String> posted = new ArrayList<>();
        for (String volume : volumes("register-connectors")) {
            String[] parts = volume.split(":");
            if (parts[0].endsWith(".json")) {
                assertTrue(script.contains(parts[1]), "the mounted " + parts[1] + " is never posted: " + script);
                posted.add(parts[0]);
            }
        }
        assertEquals(List.of("./config/mqtt-source.json", "./config/mqtt-sink.json"), posted);
        for (String file : posted) {
            JsonNode json = new ObjectMapper().readTree(Path.of(file).toFile());
            Map<String, String> config = new LinkedHashMap<>();
            json.path("config").fields().forEachRemaining(e -> config.put(e.getKey(), e.getValue().asText()));
            // As the register service sends it.
            config.replaceAll((k, v) -> v.replace("tcp://localhost:1883", "tcp://mosquitto:1883"));
            config.put("name", json.path("name").asText());
            Connector connector = config.get("connector.class").equals(MqttSourceConnector.class.getName())
                    ? new MqttSourceConnector() : new MqttSinkConnector();
            assertEquals(connector.getClass().getName(), config.get("connector.class"), file);
            Config validated = connector.validate(config);
            List<String> errors = validated.configValues().stream().filter(v -> !v.errorMessages().isEmpty())
                    .map(v -> v.name() + ": " + v.errorMessages()).toList();
            assertTrue(errors.isEmpty(), file + " does not validate: " + errors);
            assertTrue(validated.configValues().stream().map(ConfigValue::name).toList().contains("mqtt.server.uris"));
        }
    }

    private List<String> hostPaths() {
        List<String> paths = new ArrayList<>();
        compose.path("services").fields().forEachRemaining(service ->
                service.getValue().path("volumes").forEach(v -> {
                    String source = v.asText().split(":")[0];
                    if (source.startsWith("./") || source.startsWith("/")) {
                        paths.add(source);
                    }
                }));
        return paths;
    }

    private List<String> volumes(String service) {
        List<String> volumes = new ArrayList<>();
        compose.path("services").path(service).path("volumes").forEach(v -> volumes.add(v.asText()));
        return volumes;
    }

    private static JsonNode read() {
        try {
            return new YAMLMapper().readTree(COMPOSE.toFile());
        } catch (IOException e) {
            throw new IllegalStateException(COMPOSE + " is not valid YAML", e);
        }
    }
}
