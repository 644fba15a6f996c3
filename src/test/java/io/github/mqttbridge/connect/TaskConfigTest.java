package io.github.mqttbridge.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mqttbridge.connect.sink.MqttSinkConnectorConfig;
import io.github.mqttbridge.connect.source.MqttSourceConnectorConfig;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

/** What both tasks read besides their connector's keys. */
class TaskConfigTest {
    private static Map<String, String> sink(String... keyValues) {
        Map<String, String> props = new HashMap<>();
        props.put("name", "commands");
        props.put("mqtt.server.uris", "tcp://localhost:1883");
        for (int i = 0; i < keyValues.length; i += 2) {
            props.put(keyValues[i], keyValues[i + 1]);
        }
        return props;
    }

    private static TaskConfig<MqttSinkConnectorConfig> parse(Map<String, String> props) {
        return TaskConfig.parse(props, MqttSinkConnectorConfig::new);
    }

    @Test
    void a_task_has_its_index_its_connectors_name_and_so_its_client_id() {
        TaskConfig<MqttSinkConnectorConfig> task = parse(TaskConfig.forTask(sink(), 2));
        assertEquals(2, task.index());
        assertEquals("commands", task.connectorName());
        assertEquals("commands-2", task.clientId());
        assertEquals("task 2 of 'commands'", task.toString());
        assertEquals("tcp://localhost:1883", task.connector().serverUris().get(0));
    }

    @Test
    void the_same_base_serves_the_source() {
        Map<String, String> props = sink("mqtt.topics", "a/#", "kafka.topic", "a", "mqtt.client.id", "plant");
        TaskConfig<MqttSourceConnectorConfig> task = TaskConfig.parse(TaskConfig.forTask(props, 1),
                MqttSourceConnectorConfig::new);
        assertEquals("plant-1", task.clientId());
        assertEquals("a/#", task.connector().topics().get(0));
    }

    @Test
    void errors_tolerance_is_read_from_connects_own_key() {
        assertFalse(parse(TaskConfig.forTask(sink(), 0)).toleratesAllErrors(), "Connect's default is none");
        assertTrue(parse(TaskConfig.forTask(sink("errors.tolerance", " ALL "), 0)).toleratesAllErrors());
        assertFalse(parse(TaskConfig.forTask(sink("errors.tolerance", "none"), 0)).toleratesAllErrors());
    }

    @Test
    void a_task_config_without_its_index_is_refused_naming_the_key() {
        ConfigException e = assertThrows(ConfigException.class, () -> parse(sink()));
        assertTrue(e.getMessage().contains(TaskConfig.TASK_INDEX_CONFIG), e.getMessage());
    }

    @Test
    void the_connectors_keys_are_checked_as_the_connector_checks_them() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> parse(TaskConfig.forTask(sink("mqtt.qos", "3"), 0)));
        assertTrue(e.getMessage().contains("mqtt.qos"), e.getMessage());
    }
}
