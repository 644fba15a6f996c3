package io.github.mqttbridge.connect.config;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;

/** Offers a fixed list of values in the REST API's recommendations. */
public record FixedValues(List<?> values) implements ConfigDef.Recommender {
    public FixedValues {
        values = List.copyOf(values);
    }

    @Override
    public List<Object> validValues(String name, Map<String, Object> parsedConfig) {
        return List.copyOf(values);
    }

    @Override
    public boolean visible(String name, Map<String, Object> parsedConfig) {
        return true;
    }
}
