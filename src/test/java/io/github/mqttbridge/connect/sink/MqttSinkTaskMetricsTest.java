package io.github.mqttbridge.connect.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.github.mqttbridge.connect.TaskConfig;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/** The sink task's MBean: its ObjectName and attribute names are what users put into their monitoring. */
class MqttSinkTaskMetricsTest {
    private static final MBeanServer SERVER = ManagementFactory.getPlatformMBeanServer();

    private static MqttSinkTaskMetrics metrics(String connector, int index) {
        TaskConfig<MqttSinkConnectorConfig> task = TaskConfig.parse(TaskConfig.forTask(
                Map.of("name", connector, "mqtt.server.uris", "tcp://localhost:1883"), index),
                MqttSinkConnectorConfig::new);
        return new MqttSinkTaskMetrics(task, () -> false);
    }

    @Test
    void registers_under_its_documented_name_with_its_documented_attributes() throws Exception {
        MqttSinkTaskMetrics metrics = metrics("commands", 1);
        ObjectName name = new ObjectName("io.github.mqttbridge:type=mqtt-sink-task,connector=commands,task=1");
        metrics.register();
        try {
            Set<String> attributes = Arrays.stream(SERVER.getMBeanInfo(name).getAttributes())
                    .map(MBeanAttributeInfo::getName).collect(Collectors.toSet());
            assertEquals(Set.of("RecordsPublished", "RecordsAcknowledged", "RecordsInFlight", "PublishFailures",
                    "BadRecords", "RecordsRefused", "RecordsExpired", "Reconnects", "Connected"), attributes);
            metrics.published();
            metrics.published();
            metrics.acknowledged();
            assertEquals(1L, SERVER.getAttribute(name, "RecordsInFlight"));
            assertEquals(false, SERVER.getAttribute(name, "Connected"));
        } finally {
            metrics.unregister();
        }
        assertFalse(SERVER.isRegistered(name));
    }

    @Test
    void the_connector_name_is_quoted_unless_it_is_plain() throws Exception {
        assertEquals(new ObjectName("io.github.mqttbridge:type=mqtt-sink-task,connector=a.b_c-d,task=0"),
                metrics("a.b_c-d", 0).objectName());
        assertEquals(new ObjectName("io.github.mqttbridge:type=mqtt-sink-task,connector=\"plant sensors\",task=0"),
                metrics("plant sensors", 0).objectName());
    }
}
