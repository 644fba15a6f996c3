package io.github.mqttbridge.connect.sink;

import io.github.mqttbridge.connect.MqttConnectionConfig;
import io.github.mqttbridge.connect.PluginVersion;
import io.github.mqttbridge.connect.TaskConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;

/**
 * Publishes Kafka records to an MQTT broker; see docs/sink.md. The connector only checks the configuration and
 * gives every task the same one (Connect divides the topic partitions among them); each {@link MqttSinkTask}
 * publishes.
 */
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

    /** Each task gets the connector's config (name and errors.* included) and its index. */
    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        List<Map<String, String>> tasks = new ArrayList<>(maxTasks);
        for (int i = 0; i < maxTasks; i++) {
            tasks.add(TaskConfig.forTask(props, i));
        }
        return tasks;
    }

    @Override
    public void stop() {
        props = null;
    }

    @Override
    public ConfigDef config() {
        return MqttSinkConnectorConfig.configDef();
    }

    /** The per-key checks of the ConfigDef, plus the rules that join keys, each reported on the key to fix. */
    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        return MqttConnectionConfig.validate(super.validate(connectorConfigs), MqttSinkConnectorConfig.configDef(),
                connectorConfigs, MqttSinkConnectorConfig.RULES);
    }
}
