package io.github.mqttbridge.connect.config;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * An MQTT string field (client id, user name): MQTT forbids U+0000 and limits it to 65535 bytes of UTF-8; the
 * broker would close the connection at once, with no reason given.
 */
public final class MqttStringValidator implements ConfigDef.Validator {
    public static final MqttStringValidator INSTANCE = new MqttStringValidator();

    private MqttStringValidator() {
    }

    @Override
    public void ensureValid(String name, Object value) {
        String s = (String) value;
        if (s == null) {
            return;
        }
        if (s.indexOf('\u0000') >= 0) {
            throw new ConfigException(name, s.replace("\u0000", "\\u0000"),
                    "MQTT does not allow the character U+0000 here; remove it");
        }
        if (s.getBytes(StandardCharsets.UTF_8).length > 65_535) {
            throw new ConfigException(name + " is longer than MQTT allows: at most 65535 bytes of UTF-8");
        }
    }

    @Override
    public String toString() {
        return "at most 65535 bytes of UTF-8, without U+0000";
    }
}
