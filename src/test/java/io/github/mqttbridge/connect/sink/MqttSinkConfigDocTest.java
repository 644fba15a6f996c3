package io.github.mqttbridge.connect.sink;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** README.md's sink key table must be the one the ConfigDef renders to, so the docs cannot drift. */
class MqttSinkConfigDocTest {
    private static final String BEGIN = "<!-- sink-config-begin -->\n";
    private static final String END = "<!-- sink-config-end -->";

    @Test
    void readme_table_matches_the_config_def() throws Exception {
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        int begin = readme.indexOf(BEGIN);
        int end = readme.indexOf(END);
        assertTrue(begin >= 0 && end > begin, "README.md lacks the " + BEGIN.trim() + " / " + END + " markers");
        String fresh = SinkConfigMarkdown.render(MqttSinkConnectorConfig.configDef());
        String current = readme.substring(begin + BEGIN.length(), end);
        if (!current.equals(fresh)) {
            fail("README.md's sink config table is out of date; replace what is between the markers with:\n"
                    + fresh);
        }
    }

    @Test
    void every_key_is_in_the_table() {
        String table = SinkConfigMarkdown.render(MqttSinkConnectorConfig.configDef());
        for (String key : MqttSinkConnectorConfig.configDef().names()) {
            assertTrue(table.contains("| `" + key + "` |"), key);
        }
    }
}
