package io.github.mqttbridge.connect.sink;

import io.github.mqttbridge.connect.PluginVersion;
import io.github.mqttbridge.connect.MqttConnectionConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;

/** Publishes Kafka records to an MQTT broker; see docs/sink.md. The tasks do the work. */
public class MqttSinkConnector extends SinkConnector {
    private Map<String, String> props;

    @Override
    public String version() {
        return PluginVersion.get();
    }

    @Override
    public void start(Map<String, String> props) {
        new MqttSinkConnectorConfig(props);
        this.props = Map.copyOf(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return MqttSinkTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        List<Map<String, String>> configs = new ArrayList<>(maxTasks);
        for (int i = 0; i < maxTasks; i++) {
            Map<String, String> task = new HashMap<>(props);
            task.put(MqttSinkTask.TASK_INDEX_CONFIG, Integer.toString(i));
            configs.add(task);
        }
        return configs;
    }

    @Override
    public void stop() {
        props = null;
    }

    @Override
    public ConfigDef config() {
        return MqttSinkConnectorConfig.configDef();
    }

    /** Per-key checks first; the rules joining keys only when every key parsed, each reported on its key. */
    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        Config config = super.validate(connectorConfigs);
        Map<String, ConfigValue> values = new HashMap<>();
        for (ConfigValue v : config.configValues()) {
            values.put(v.name(), v);
        }
        if (values.values().stream().allMatch(v -> v.errorMessages().isEmpty())) {
            MqttConnectionConfig.reportCrossFieldProblems(values,
                    new AbstractConfig(MqttSinkConnectorConfig.configDef(), connectorConfigs, false));
        }
        return config;
    }
}
