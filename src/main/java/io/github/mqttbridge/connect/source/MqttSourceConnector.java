package io.github.mqttbridge.connect.source;

import io.github.mqttbridge.connect.MqttConnectionConfig;
import io.github.mqttbridge.connect.PluginVersion;
import io.github.mqttbridge.connect.TaskConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;

/**
 * Copies MQTT messages into Kafka. The connector only checks the configuration and divides the topic filters
 * among tasks ({@link TaskAssignment}); each {@link MqttSourceTask} subscribes and does the work.
 */
public class MqttSourceConnector extends SourceConnector {
    private Map<String, String> props;
    private MqttSourceConnectorConfig config;

    @Override
    public String version() {
        return PluginVersion.get();
    }

    @Override
    public void start(Map<String, String> props) {
        this.config = new MqttSourceConnectorConfig(props);
        this.props = Map.copyOf(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return MqttSourceTask.class;
    }

    /** Each task gets the connector's config (name and errors.* included), its own filters and its index. */
    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        List<List<String>> groups = TaskAssignment.divide(config.topics(), maxTasks);
        List<Map<String, String>> tasks = new ArrayList<>(groups.size());
        for (int i = 0; i < groups.size(); i++) {
            Map<String, String> task = TaskConfig.forTask(props, i);
            task.put(MqttSourceConnectorConfig.TOPICS_CONFIG, String.join(",", groups.get(i)));
            tasks.add(task);
        }
        return tasks;
    }

    @Override
    public void stop() {
        config = null;
    }

    @Override
    public ConfigDef config() {
        return MqttSourceConnectorConfig.configDef();
    }

    /**
     * Supported only where the guarantee holds: QoS 2, a session the broker keeps, no shared subscription (see
     * {@link ExactlyOnceKeys#obstacles}). validate() names the key when the connector requires it otherwise.
     */
    @Override
    public ExactlyOnceSupport exactlyOnceSupport(Map<String, String> connectorConfig) {
        try {
            AbstractConfig parsed = new AbstractConfig(MqttSourceConnectorConfig.configDef(), connectorConfig, false);
            return ExactlyOnceKeys.obstacles(parsed).isEmpty() ? ExactlyOnceSupport.SUPPORTED
                    : ExactlyOnceSupport.UNSUPPORTED;
        } catch (ConfigException invalid) {
            // validate() reports the key; no config that fails it delivers anything
            return ExactlyOnceSupport.UNSUPPORTED;
        }
    }

    /** The per-key checks of the ConfigDef, plus the rules that join keys, each reported on the key to fix. */
    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        return MqttConnectionConfig.validate(super.validate(connectorConfigs), MqttSourceConnectorConfig.configDef(),
                connectorConfigs, MqttSourceConnectorConfig.RULES);
    }
}
