package io.github.mqttbridge.connect.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mqttbridge.connect.TaskConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.apache.kafka.connect.source.SourceConnector;
import org.junit.jupiter.api.Test;

class MqttSourceConnectorTest {
    private static List<Map<String, String>> taskConfigs(String topics, int maxTasks) {
        Map<String, String> props = new HashMap<>();
        props.put("name", "plant-7");
        props.put("mqtt.server.uris", "tcp://localhost:1883");
        props.put("mqtt.topics", topics);
        props.put("kafka.topic", "mqtt");
        props.put("errors.tolerance", "all");
        MqttSourceConnector connector = new MqttSourceConnector();
        connector.start(props);
        return connector.taskConfigs(maxTasks);
    }

    private static TaskConfig<MqttSourceConnectorConfig> parse(Map<String, String> task) {
        return TaskConfig.parse(task, MqttSourceConnectorConfig::new);
    }

    private static List<String> filtersOf(Map<String, String> task) {
        return parse(task).connector().topics();
    }

    @Test
    void plain_filters_are_divided_among_tasks_each_exactly_once() {
        List<Map<String, String>> tasks = taskConfigs("a/#,b/#,c/#,d/#,e/#", 3);
        assertEquals(3, tasks.size());
        List<String> all = new ArrayList<>();
        tasks.forEach(t -> all.addAll(filtersOf(t)));
        assertEquals(List.of("a/#", "b/#", "c/#", "d/#", "e/#"), all.stream().sorted().toList());
        tasks.forEach(t -> assertFalse(filtersOf(t).isEmpty()));
    }

    @Test
    void never_more_tasks_than_plain_filters() {
        assertEquals(2, taskConfigs("a,b", 5).size());
    }

    @Test
    void a_shared_subscription_goes_to_every_task() {
        List<Map<String, String>> tasks = taskConfigs("$share/g/sensors/#,plain/x", 3);
        assertEquals(3, tasks.size());
        tasks.forEach(t -> assertTrue(filtersOf(t).contains("$share/g/sensors/#"), t.toString()));
        assertEquals(1, tasks.stream().filter(t -> filtersOf(t).contains("plain/x")).count());
    }

    @Test
    void each_task_has_its_index_and_so_a_stable_unique_client_id() {
        List<Map<String, String>> tasks = taskConfigs("$share/g/s/#", 3);
        List<String> ids = tasks.stream().map(t -> parse(t).clientId()).toList();
        assertEquals(List.of("plant-7-0", "plant-7-1", "plant-7-2"), ids);
        assertEquals(ids, taskConfigs("$share/g/s/#", 3).stream()
                .map(t -> parse(t).clientId()).toList());
        assertEquals(3, new HashSet<>(ids).size());
    }

    @Test
    void tasks_get_the_connector_keys_they_read_themselves() {
        Map<String, String> task = taskConfigs("a", 1).get(0);
        assertTrue(parse(task).toleratesAllErrors());
        assertEquals("plant-7", parse(task).connectorName());
    }

    @Test
    void workers_find_the_connector_through_the_service_loader_and_it_has_a_version() {
        List<String> found = ServiceLoader.load(SourceConnector.class).stream().map(p -> p.type().getName()).toList();
        assertTrue(found.contains(MqttSourceConnector.class.getName()), found.toString());
        String version = new MqttSourceConnector().version();
        assertTrue(version.matches("\\d+\\.\\d+\\.\\d+.*"), version);
    }
}
