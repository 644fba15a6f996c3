package io.github.mqttbridge.connect.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;

class SourceConfigReferenceTest {
    @Test
    void readme_documents_every_key_exactly_as_the_config_def_does() throws Exception {
        String fresh = SourceConfigReference.table();
        String inReadme = SourceConfigReference.tableIn(Files.readString(SourceConfigReference.README));
        assertNotNull(inReadme, "README.md needs " + SourceConfigReference.BEGIN + " and " + SourceConfigReference.END);
        if (!fresh.equals(inReadme)) {
            System.out.println("README.md's source config table is stale; replace it with:\n" + fresh);
        }
        assertEquals(fresh, inReadme, "README.md's source config table differs from the ConfigDef (fresh table "
                + "printed above; or run SourceConfigReference.main)");
    }

    @Test
    void the_table_lists_every_key() {
        String table = SourceConfigReference.table();
        for (String key : MqttSourceConnectorConfig.CONFIG_DEF.names()) {
            assertTrue(table.contains("| `" + key + "` |"), key);
        }
    }
}
