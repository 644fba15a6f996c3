package io.github.mqttbridge.connect.config;

import io.github.mqttbridge.client.ConnectOptions;
import java.util.List;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * Checks every server URI with the client's own parser, reached through its public API
 * ({@link ConnectOptions.Builder#hosts}), so the message says which one is wrong and why.
 */
public final class ServerUrisValidator implements ConfigDef.Validator {
    public static final ServerUrisValidator INSTANCE = new ServerUrisValidator();
    /** How the client names the one URI it is given below; replaced by the key and the URI's position. */
    private static final String CLIENT_PARAMETER = "hosts[0]";

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
                ConnectOptions.builder().hosts(List.of(uris.get(i)));
            } catch (IllegalArgumentException e) {
                String reason = e.getMessage().replace(CLIENT_PARAMETER, name + "[" + i + "]");
                throw new ConfigException(name, uris.get(i), reason);
            }
        }
    }

    @Override
    public String toString() {
        return "tcp://, ssl://, ws:// or wss:// URIs";
    }
}
