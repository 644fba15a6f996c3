package io.github.mqttbridge.testing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Connector;
import org.apache.kafka.connect.runtime.SinkConnectorConfig;
import org.apache.kafka.connect.runtime.SourceConnectorConfig;
import org.apache.kafka.connect.sink.SinkConnector;

/**
 * What a worker would say about a connector config users copy from our examples, without a worker: the connector's
 * own {@code validate()}, Connect's connector settings, and keys that neither defines (which both validations let
 * pass, so a misspelt key would go unnoticed).
 */
public final class ConnectorConfigCheck {
    /**
     * Keys Connect passes on to converters, clients and transforms, which no ConfigDef lists, and the source's topic
     * creation settings, which Connect's static ConfigDef lists only once it is enriched with the topic groups.
     */
    private static final List<String> PASS_THROUGH_PREFIXES = List.of("key.converter.", "value.converter.",
            "header.converter.", "producer.override.", "consumer.override.", "admin.override.", "transforms.",
            "predicates.", "topic.creation.");

    private ConnectorConfigCheck() {
    }

    /** The problems of a config holding {@code connector.class}, by key; empty when a worker would accept it. */
    public static Map<String, List<String>> problems(Map<String, String> config) throws ReflectiveOperationException {
        Connector connector = (Connector) Class.forName(config.get("connector.class"))
                .getDeclaredConstructor().newInstance();
        Map<String, List<String>> problems = new LinkedHashMap<>();
        addErrors(problems, connector.validate(config).configValues());
        boolean sink = connector instanceof SinkConnector;
        ConfigDef framework = sink ? SinkConnectorConfig.configDef() : SourceConnectorConfig.configDef();
        addErrors(problems, framework.validate(config));
        if (sink) {
            try {
                SinkConnectorConfig.validate(config);
            } catch (ConfigException e) {
                problems.put("topics", List.of(e.getMessage()));
            }
        }
        for (String key : config.keySet()) {
            boolean known = connector.config().names().contains(key) || framework.names().contains(key)
                    || PASS_THROUGH_PREFIXES.stream().anyMatch(key::startsWith);
            if (!known) {
                problems.put(key, List.of("neither the connector nor Connect knows this key"));
            }
        }
        return problems;
    }

    private static void addErrors(Map<String, List<String>> problems, List<ConfigValue> values) {
        for (ConfigValue value : values) {
            if (!value.errorMessages().isEmpty()) {
                problems.put(value.name(), value.errorMessages());
            }
        }
    }
}
