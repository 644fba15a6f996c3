package io.github.mqttbridge.connect.config;

import io.github.mqttbridge.client.MqttClient;
import java.util.List;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/** Checks every server URI with the client's own rules, so the message says which one is wrong and why. */
public final class ServerUrisValidator implements ConfigDef.Validator {
    public static final ServerUrisValidator INSTANCE = new ServerUrisValidator();

    private ServerUrisValidator() {
    }

    @Override
    public void ensureValid(String name, Object value) {
        @SuppressWarnings("unchecked")
        List<String> uris = (List<String>) value;
        if (uris == null || uris.isEmpty()) {
            throw new ConfigException(name, value, "give at least one broker URI, e.g. tcp://broker:1883");
        }
        for (int i = 0; i < uris.size(); i++) {
            try {
                MqttClient.checkServerUri(uris.get(i), name + "[" + i + "]");
            } catch (IllegalArgumentException e) {
                throw new ConfigException(name, uris.get(i), e.getMessage());
            }
        }
    }

    @Override
    public String toString() {
        return "tcp://, ssl://, ws:// or wss:// URIs";
    }
}
