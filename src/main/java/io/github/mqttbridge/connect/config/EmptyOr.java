package io.github.mqttbridge.connect.config;

import org.apache.kafka.common.config.ConfigDef;

/**
 * A key that may be left empty (null: the connector picks a value), and otherwise must pass {@code validator}.
 * Kafka's own validators, such as {@link ConfigDef.Range}, refuse null.
 */
public record EmptyOr(ConfigDef.Validator validator) implements ConfigDef.Validator {
    @Override
    public void ensureValid(String name, Object value) {
        if (value != null) {
            validator.ensureValid(name, value);
        }
    }

    @Override
    public String toString() {
        return "empty or " + validator;
    }
}
