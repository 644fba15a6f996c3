package io.github.mqttbridge.connect.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mqttbridge.connect.ConfigReference;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

class SourceConfigReferenceTest {
    private static final ConfigReference SOURCE = ConfigReference.SOURCE;

    @Test
    void the_source_guide_documents_every_key_exactly_as_the_config_def_does() throws Exception {
        String fresh = SOURCE.table();
        String inGuide = SOURCE.tableIn(Files.readString(SOURCE.guide()));
        assertNotNull(inGuide, SOURCE.guide() + " needs " + SOURCE.begin() + " and " + SOURCE.end());
        if (!fresh.equals(inGuide)) {
            System.out.println(SOURCE.guide() + "'s config table is stale; replace it with:\n" + fresh);
        }
        assertEquals(fresh, inGuide, SOURCE.guide() + "'s config table differs from the ConfigDef (fresh table "
                + "printed above; or run ConfigReference.main)");
    }

    @Test
    void the_table_lists_every_key() {
        String table = SOURCE.table();
        for (String key : MqttSourceConnectorConfig.configDef().names()) {
            assertTrue(table.contains("| `" + key + "` |"), key);
        }
    }
}
