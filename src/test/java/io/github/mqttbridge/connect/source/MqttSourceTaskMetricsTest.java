package io.github.mqttbridge.connect.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mqttbridge.connect.TaskConfig;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/** The source task's MBean: its ObjectName and attribute names are what users put into their monitoring. */
class MqttSourceTaskMetricsTest {
    private static final MBeanServer SERVER = ManagementFactory.getPlatformMBeanServer();

    private static MqttSourceTaskMetrics metrics(String connector, int index) {
        Map<String, String> props = new HashMap<>(Map.of("name", connector, "mqtt.server.uris", "tcp://localhost:1883",
                "mqtt.topics", "a/#", "kafka.topic", "a"));
        TaskConfig<MqttSourceConnectorConfig> task = TaskConfig.parse(TaskConfig.forTask(props, index),
                MqttSourceConnectorConfig::new);
        return new MqttSourceTaskMetrics(task, new PendingAcks(), new HandOverQueue(10, 100), () -> true);
    }

    @Test
    void registers_under_its_documented_name_with_its_documented_attributes() throws Exception {
        MqttSourceTaskMetrics metrics = metrics("plant-sensors", 3);
        ObjectName name = new ObjectName("io.github.mqttbridge:type=mqtt-source-task,connector=plant-sensors,task=3");
        metrics.register();
        try {
            Set<String> attributes = Arrays.stream(SERVER.getMBeanInfo(name).getAttributes())
                    .map(MBeanAttributeInfo::getName).collect(Collectors.toSet());
            assertEquals(Set.of("MessagesReceived", "RecordsCommitted", "AcksPending", "Reconnects", "QueueDepth",
                    "QueueBytes", "Connected", "Subscribed", "SparkplugUnknownAliases"), attributes);
            metrics.reconnected();
            assertEquals(1L, SERVER.getAttribute(name, "Reconnects"));
            assertEquals(true, SERVER.getAttribute(name, "Connected"));
            metrics.sparkplugUnknownAliases(() -> 4);
            assertEquals(4L, SERVER.getAttribute(name, "SparkplugUnknownAliases"));
        } finally {
            metrics.unregister();
        }
        assertFalse(SERVER.isRegistered(name));
    }

    @Test
    void the_connector_name_is_quoted_only_where_jmx_requires_it() throws Exception {
        assertEquals(new ObjectName("io.github.mqttbridge:type=mqtt-source-task,connector=plant sensors,task=0"),
                metrics("plant sensors", 0).objectName());
        assertEquals(new ObjectName("io.github.mqttbridge:type=mqtt-source-task,connector=\"a,b\",task=0"),
                metrics("a,b", 0).objectName());
    }

    @Test
    void a_task_that_left_its_mbean_behind_is_replaced() throws Exception {
        MqttSourceTaskMetrics old = metrics("restarted", 0);
        old.register();
        MqttSourceTaskMetrics fresh = metrics("restarted", 0);
        fresh.register();
        try {
            fresh.reconnected();
            assertEquals(1L, SERVER.getAttribute(fresh.objectName(), "Reconnects"));
        } finally {
            fresh.unregister();
        }
        assertFalse(SERVER.isRegistered(fresh.objectName()));
    }
}
