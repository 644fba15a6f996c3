package io.github.mqttbridge.connect;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;

/**
 * What a task reads besides its connector's keys, the same for source and sink: its index among the connector's
 * tasks (set by the connector), the connector's name and Connect's {@code errors.tolerance} (both copied into the
 * task's config by the connector), and from them the task's MQTT client id.
 *
 * @param <C> the connector's config, parsed from the same properties
 */
public final class TaskConfig<C extends MqttConnectionConfig> {
    /** Internal: set by the connector for each task, not by users. */
    public static final String TASK_INDEX_CONFIG = "mqtt.task.index";
    /** Connect's key for the connector name, which the connector copies into each task's config. */
    public static final String CONNECTOR_NAME_CONFIG = "name";
    /** Connect's own key, passed to the connector with the rest of its config; read here, defined by Connect. */
    public static final String ERRORS_TOLERANCE_CONFIG = "errors.tolerance";
    private static final String DEFAULT_CONNECTOR_NAME = "kafka-connect-mqtt";

    private static final ConfigDef TASK_KEYS = new ConfigDef()
            .define(TASK_INDEX_CONFIG, Type.INT, ConfigDef.NO_DEFAULT_VALUE, ConfigDef.Range.atLeast(0),
                    Importance.LOW, "The index of the task among the connector's tasks.")
            .define(CONNECTOR_NAME_CONFIG, Type.STRING, DEFAULT_CONNECTOR_NAME, Importance.LOW, "Connect's name of "
                    + "the connector.")
            .define(ERRORS_TOLERANCE_CONFIG, Type.STRING, "none", Importance.LOW, "Connect's errors.tolerance.");

    private final C connector;
    private final int index;
    private final String connectorName;
    private final boolean toleratesAllErrors;

    private TaskConfig(C connector, AbstractConfig task) {
        this.connector = connector;
        this.index = task.getInt(TASK_INDEX_CONFIG);
        this.connectorName = task.getString(CONNECTOR_NAME_CONFIG);
        this.toleratesAllErrors = task.getString(ERRORS_TOLERANCE_CONFIG).trim().toLowerCase(Locale.ROOT).equals("all");
    }

    /** Parses a task's properties: the connector's keys with {@code connectorConfig}, then the task's own. */
    public static <C extends MqttConnectionConfig> TaskConfig<C> parse(Map<String, String> props,
                                                                     Function<Map<String, String>, C> connectorConfig) {
        return new TaskConfig<>(connectorConfig.apply(props), new AbstractConfig(TASK_KEYS, props, false));
    }

    /** The properties of task {@code index}: the connector's (name and errors.* included) and the index. */
    public static Map<String, String> forTask(Map<String, String> connectorProps, int index) {
        Map<String, String> task = new HashMap<>(connectorProps);
        task.put(TASK_INDEX_CONFIG, Integer.toString(index));
        return task;
    }

    public C connector() {
        return connector;
    }

    public int index() {
        return index;
    }

    public String connectorName() {
        return connectorName;
    }

    /** The MQTT client id of this task: stable across restarts, unique per task. */
    public String clientId() {
        return connector.clientId(connectorName, index);
    }

    /** Whether Connect's {@code errors.tolerance} is {@code all}: bad records are skipped instead of failing. */
    public boolean toleratesAllErrors() {
        return toleratesAllErrors;
    }

    /** How logs name this task: "task 2 of 'plant-sensors'". */
    @Override
    public String toString() {
        return "task " + index + " of '" + connectorName + "'";
    }
}
