package io.github.mqttbridge.connect.tls;

import io.github.mqttbridge.client.ConnectOptions;
import java.util.List;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/** Checks TLS ALPN protocol names by the client's own rule, so the message says which one is wrong and why. */
final class AlpnProtocolsValidator implements ConfigDef.Validator {
    static final AlpnProtocolsValidator INSTANCE = new AlpnProtocolsValidator();
    private static final String CLIENT_PARAMETER = "alpnProtocols";

    private AlpnProtocolsValidator() {
    }

    @Override
    public void ensureValid(String name, Object value) {
        @SuppressWarnings("unchecked")
        List<String> names = (List<String>) value;
        try {
            ConnectOptions.builder().alpnProtocols(names);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(name, value, e.getMessage().replace(CLIENT_PARAMETER, name));
        }
    }

    @Override
    public String toString() {
        return "protocol names of 1 to 255 bytes, e.g. x-amzn-mqtt-ca";
    }
}
