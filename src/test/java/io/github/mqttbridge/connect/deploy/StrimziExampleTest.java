package io.github.mqttbridge.connect.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.github.mqttbridge.testing.ConnectorConfigCheck;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The Strimzi example in deploy/strimzi is documentation users copy: a key the connector does not know, a value
 * it refuses or a plugin URL that does not match what we release would only show up in their cluster.
 */
class StrimziExampleTest {
    private static final Path DIR = Path.of("deploy/strimzi");

    private static List<JsonNode> resources(String kind) throws IOException {
        List<JsonNode> all = new ArrayList<>();
        try (Stream<Path> files = Files.list(DIR)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                try (var docs = new YAMLMapper().readerFor(JsonNode.class).<JsonNode>readValues(file.toFile())) {
                    all.addAll(docs.readAll());
                }
            }
        }
        return all.stream().filter(r -> kind.equals(r.path("kind").asText())).toList();
    }

    private static List<JsonNode> connectors() throws IOException {
        return resources("KafkaConnector");
    }

    static Stream<Arguments> namedConnectors() throws IOException {
        return connectors().stream().map(c -> Arguments.of(c.path("metadata").path("name").asText(), c));
    }

    /** What Strimzi hands to the Connect REST API for a KafkaConnector. */
    private static Map<String, String> connectorConfig(JsonNode connector) {
        Map<String, String> config = new LinkedHashMap<>();
        connector.path("spec").path("config").fields()
                .forEachRemaining(e -> config.put(e.getKey(), e.getValue().asText()));
        config.put("name", connector.path("metadata").path("name").asText());
        config.put("connector.class", connector.path("spec").path("class").asText());
        config.put("tasks.max", connector.path("spec").path("tasksMax").asText());
        return config;
    }

    @Test
    void the_example_has_a_source_and_a_sink_connector() throws IOException {
        assertEquals(List.of("io.github.mqttbridge.connect.source.MqttSourceConnector",
                        "io.github.mqttbridge.connect.sink.MqttSinkConnector"),
                connectors().stream().map(c -> c.path("spec").path("class").asText()).toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("namedConnectors")
    void each_connector_config_validates_against_the_connector_and_connect(String name, JsonNode resource)
            throws Exception {
        assertEquals(Map.of(), ConnectorConfigCheck.problems(connectorConfig(resource)));
    }

    @Test
    void the_connect_cluster_builds_in_the_released_plugin_zip_and_runs_the_connectors() throws Exception {
        List<JsonNode> clusters = resources("KafkaConnect");
        assertEquals(1, clusters.size());
        JsonNode cluster = clusters.get(0);
        assertEquals("true", cluster.path("metadata").path("annotations")
                .path("strimzi.io/use-connector-resources").asText(), "KafkaConnectors are ignored without it");
        String clusterName = cluster.path("metadata").path("name").asText();
        for (JsonNode connector : connectors()) {
            assertEquals(clusterName, connector.path("metadata").path("labels").path("strimzi.io/cluster").asText());
        }
        assertTrue(cluster.path("spec").path("config").path("scheduled.rebalance.max.delay.ms").isNumber());

        Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Path.of("pom.xml").toFile());
        String artifactId = pom.getElementsByTagName("artifactId").item(0).getTextContent();
        String release = pom.getElementsByTagName("version").item(0).getTextContent().replace("-SNAPSHOT", "");
        JsonNode plugins = cluster.path("spec").path("build").path("plugins");
        assertEquals(1, plugins.size());
        JsonNode artifacts = plugins.get(0).path("artifacts");
        assertEquals(1, artifacts.size());
        assertEquals("zip", artifacts.get(0).path("type").asText());
        // The zip the assembly in pom.xml names <artifactId>-<version>.zip, attached to release v<version>.
        String url = artifacts.get(0).path("url").asText();
        assertTrue(url.endsWith("/releases/download/v" + release + "/" + artifactId + "-" + release + ".zip"), url);

        // Strimzi unpacks the zip into the plugin directory; Connect finds the jars only if they are in it
        // (in lib/ of the zip's top-level directory), not left out as "provided".
        Document assembly = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(Path.of("src/assembly/plugin.xml").toFile());
        Element jars = (Element) assembly.getElementsByTagName("dependencySet").item(0);
        assertEquals("lib", jars.getElementsByTagName("outputDirectory").item(0).getTextContent());
        assertEquals("runtime", jars.getElementsByTagName("scope").item(0).getTextContent());
        assertFalse(pom.getElementsByTagName("appendAssemblyId").item(0).getTextContent().equals("true"),
                "the zip name would get a suffix the URL does not have");
    }
}
