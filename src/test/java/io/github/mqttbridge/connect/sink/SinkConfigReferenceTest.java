package io.github.mqttbridge.connect.sink;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.mqttbridge.connect.ConfigReference;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** docs/sink.md's key table must be the one the ConfigDef renders to, so the docs cannot drift. */
class SinkConfigReferenceTest {
    private static final ConfigReference SINK = ConfigReference.SINK;

    @Test
    void the_sink_guide_table_matches_the_config_def() throws Exception {
        String current = SINK.tableIn(Files.readString(SINK.guide()));
        assertNotNull(current, SINK.guide() + " lacks the " + SINK.begin() + " / " + SINK.end() + " markers");
        String fresh = SINK.table();
        if (!current.equals(fresh)) {
            fail(SINK.guide() + "'s config table is out of date; replace what is between the markers with:\n"
                    + fresh);
        }
    }

    @Test
    void every_key_is_in_the_table() {
        String table = SINK.table();
        for (String key : MqttSinkConnectorConfig.configDef().names()) {
            assertTrue(table.contains("| `" + key + "` |"), key);
        }
    }
}
