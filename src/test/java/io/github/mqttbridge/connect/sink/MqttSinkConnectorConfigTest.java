package io.github.mqttbridge.connect.sink;

import io.github.mqttbridge.connect.TaskConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MqttSinkConnectorConfigTest {
    private static Map<String, String> minimal() {
        Map<String, String> props = new HashMap<>();
        props.put("name", "sink-a");
        props.put("mqtt.server.uris", "tcp://localhost:1883");
        return props;
    }

    private static Map<String, String> with(String key, String value) {
        Map<String, String> props = minimal();
        props.put(key, value);
        return props;
    }

    private static List<String> errors(Map<String, String> props, String key) {
        for (ConfigValue v : new MqttSinkConnector().validate(props).configValues()) {
            if (v.name().equals(key)) {
                return v.errorMessages();
            }
        }
        throw new AssertionError("validate() reported nothing for " + key);
    }

    @Test
    void defaults() {
        MqttSinkConnectorConfig c = new MqttSinkConnectorConfig(minimal());
        assertEquals("{topic}", c.topicTemplate().toString());
        assertEquals(1, c.qos());
        assertFalse(c.retained());
        assertEquals("auto", c.payloads().toString());
        assertEquals(TombstoneBehavior.IGNORE, c.tombstoneBehavior());
        assertTrue(c.cleanSession(), "the sink keeps no MQTT session; see CLEAN_SESSION_DEFAULT");
        assertEquals("sink-a-2", c.clientId("sink-a", 2));
    }

    @Test
    void a_minimal_config_validates_without_errors() {
        new MqttSinkConnector().validate(minimal()).configValues()
                .forEach(v -> assertEquals(List.of(), v.errorMessages(), v.name()));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "mqtt.topic|devices/{device}|{device}",
        "mqtt.topic|devices/{value.}|field path",
        "mqtt.topic|devices/{key|unclosed",
        "mqtt.qos|3|3",
        "mqtt.qos|one|one",
        "mqtt.retained|maybe|maybe",
        "mqtt.payload.format|xml|xml",
        "mqtt.payload.format|field:|field path",
        "mqtt.tombstone.behavior|delete|delete",
        "mqtt.max.inflight|0|0",
        "mqtt.max.outstanding.records|0|0",
        "mqtt.retry.backoff.ms|0|0",
        "mqtt.retry.timeout.ms|-1|-1",
        "mqtt.server.uris|http://x:1|http",
    })
    void each_key_reports_its_own_problem(String key, String value, String mentioned) {
        List<String> errors = errors(with(key, value), key);
        assertFalse(errors.isEmpty(), "no error for " + key);
        assertTrue(errors.get(0).contains(mentioned), errors.get(0));
        assertThrows(ConfigException.class, () -> new MqttSinkConnectorConfig(with(key, value)));
    }

    @Test
    void cross_field_problems_are_reported_on_their_key() {
        Map<String, String> props = with("mqtt.password", "secret");
        List<String> errors = errors(props, "mqtt.password");
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.get(0).contains("mqtt.username"), errors.get(0));
    }

    @Test
    void each_task_gets_its_own_index() {
        MqttSinkConnector connector = new MqttSinkConnector();
        connector.start(minimal());
        List<Map<String, String>> tasks = connector.taskConfigs(3);
        assertEquals(3, tasks.size());
        for (int i = 0; i < 3; i++) {
            assertEquals(String.valueOf(i), tasks.get(i).get(TaskConfig.TASK_INDEX_CONFIG));
            assertEquals("tcp://localhost:1883", tasks.get(i).get("mqtt.server.uris"));
        }
    }

    @Test
    void the_version_comes_from_the_build() {
        String version = new MqttSinkConnector().version();
        assertFalse(version.contains("${"), version);
        assertFalse(version.equals("unknown"), version);
    }
}
