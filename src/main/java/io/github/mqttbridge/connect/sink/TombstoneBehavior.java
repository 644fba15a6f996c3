package io.github.mqttbridge.connect.sink;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** What a record with a null value does; see {@code mqtt.tombstone.behavior}. */
public enum TombstoneBehavior {
    IGNORE,
    CLEAR_RETAINED,
    FAIL;

    public String configName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static List<String> configNames() {
        return Arrays.stream(values()).map(TombstoneBehavior::configName).toList();
    }

    static TombstoneBehavior of(String configName) {
        for (TombstoneBehavior b : values()) {
            if (b.configName().equalsIgnoreCase(configName)) {
                return b;
            }
        }
        throw new IllegalArgumentException("unknown tombstone behavior '" + configName + "'; use " + configNames());
    }
}
