package io.github.mqttbridge.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.mqttbridge.testing.ConnectorConfigCheck;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every connector config in README.md and docs/*.md (a JSON block naming a {@code connector.class}, as posted to
 * {@code /connectors}) and in config/*.json is one a worker would accept: users copy these first. Fragments (a few keys to add to a
 * config) are not checked, as they are no config on their own.
 */
class ConnectorExamplesTest {

    static Stream<Arguments> examples() {
        return MarkdownDocument.allFiles().stream().map(MarkdownDocument::read).flatMap(doc -> doc.codeBlocks("json")
                .stream().filter(block -> block.code().contains("\"connector.class\""))
                .map(block -> Arguments.of(doc.file() + ":" + block.line(), block.code())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void validates_against_the_connector_and_connect(String where, String json) throws Exception {
        JsonNode posted = new ObjectMapper().readTree(json);
        Map<String, String> config = new LinkedHashMap<>();
        config.put("name", posted.path("name").asText());
        posted.path("config").fields().forEachRemaining(e -> config.put(e.getKey(), e.getValue().asText()));
        assertEquals(Map.of(), ConnectorConfigCheck.problems(config), where);
    }

    /** The connector configs in config/, which users post as they are. */
    static Stream<Arguments> configFiles() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("config"))) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().map(Arguments::of).toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configFiles")
    void every_connector_config_in_config_validates(Path file) throws Exception {
        JsonNode posted = new ObjectMapper().readTree(file.toFile());
        Map<String, String> config = new LinkedHashMap<>();
        config.put("name", posted.path("name").asText());
        posted.path("config").fields().forEachRemaining(e -> config.put(e.getKey(), e.getValue().asText()));
        assertEquals(Map.of(), ConnectorConfigCheck.problems(config), file.toString());
    }

    /** The README and both connector guides each show at least one, so a parser slip cannot make this check nothing. */
    @Test
    void the_readme_and_the_connector_guides_have_examples() {
        List<String> places = examples().map(a -> a.get()[0].toString().replaceAll(":\\d+$", "")).distinct().toList();
        for (Path file : List.of(Path.of("README.md"), Path.of("docs/source.md"), Path.of("docs/sink.md"))) {
            assertTrue(places.contains(file.toString()), file + " in " + places);
        }
    }
}
