package io.github.mqttbridge.connect.source;

import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;

/**
 * A task's configuration: the connector's, with the filters this task subscribes to in {@code mqtt.topics}, and
 * the task's index, which makes its client id.
 */
final class MqttSourceTaskConfig extends MqttSourceConnectorConfig {
    /** Internal: set by the connector for each task, not by users. */
    static final String TASK_INDEX_CONFIG = "mqtt.task.index";
    /** Connect's key for the connector name, which the connector copies into each task's config. */
    static final String CONNECTOR_NAME_CONFIG = "name";

    private static final ConfigDef TASK_CONFIG_DEF = new ConfigDef(CONFIG_DEF)
            .define(TASK_INDEX_CONFIG, Type.INT, ConfigDef.NO_DEFAULT_VALUE, ConfigDef.Range.atLeast(0),
                    Importance.LOW, "The index of the task among the connector's tasks.");

    MqttSourceTaskConfig(Map<?, ?> originals) {
        super(TASK_CONFIG_DEF, originals);
    }

    int taskIndex() {
        return getInt(TASK_INDEX_CONFIG);
    }

    String connectorName() {
        Object name = originals().get(CONNECTOR_NAME_CONFIG);
        return name == null ? null : name.toString();
    }

    /** The MQTT client id of this task: stable across restarts, unique per task. */
    String clientId() {
        return clientId(connectorName(), taskIndex());
    }
}
