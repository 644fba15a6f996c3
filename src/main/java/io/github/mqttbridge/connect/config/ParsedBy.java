package io.github.mqttbridge.connect.config;

import java.util.function.Function;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * Checks a string key by parsing it the way the task will, so that the message is the parser's own: the parser
 * throws an {@link IllegalArgumentException} saying what to fix. {@code description} is the "valid values" text of
 * the generated config reference.
 */
public record ParsedBy(Function<String, ?> parser, String description) implements ConfigDef.Validator {
    @Override
    public void ensureValid(String name, Object value) {
        try {
            parser.apply((String) value);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(name, value, e.getMessage());
        }
    }

    @Override
    public String toString() {
        return description;
    }
}
