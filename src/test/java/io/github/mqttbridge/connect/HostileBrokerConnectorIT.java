package io.github.mqttbridge.connect;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mqttbridge.connect.sink.MqttSinkConnector;
import io.github.mqttbridge.connect.source.MqttSourceConnector;
import io.github.mqttbridge.testing.CapturedLog;
import io.github.mqttbridge.testing.ClassResource;
import io.github.mqttbridge.testing.ConnectRest;
import io.github.mqttbridge.testing.HostileBrokerCases;
import io.github.mqttbridge.testing.KafkaConnectCluster;
import io.github.mqttbridge.testing.ScriptedBroker;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The client's hostile-broker cases, through running connectors: a source and a sink task, each connected to a
 * broker that breaks the protocol, lose that one connection with a log line naming the rule and reconnect; Connect
 * never sees an exception (the tasks stay RUNNING, nothing is logged at ERROR about them), and once the connectors
 * are deleted no thread of their clients is left. On MQTT 5 each task tells the broker why with a DISCONNECT first.
 */
class HostileBrokerConnectorIT {
    private static final Duration RECOVERED = Duration.ofSeconds(60);
    private static final AtomicInteger CONNECTORS = new AtomicInteger();

    @RegisterExtension
    @Order(1)
    static final ClassResource<CapturedLog> log = ClassResource.of(CapturedLog::install);
    @RegisterExtension
    @Order(2)
    static final ClassResource<KafkaConnectCluster> cluster =
            ClassResource.of(() -> KafkaConnectCluster.builder().start());


    /**
     * Every case on MQTT 3.1.1; on MQTT 5 one of each reason code the client answers with (ClientHostileBrokerIT runs
     * them all on both versions), to show the connectors' clients say it too.
     */
    static Stream<Arguments> cases() {
        Set<String> onMqtt5 = Set.of("remaining length past the maximum", "reserved flags of PUBACK set",
                "a second CONNACK");
        return Stream.concat(HostileBrokerCases.all().stream().map(c -> Arguments.of(c, 4)),
                HostileBrokerCases.all().stream().filter(c -> onMqtt5.contains(c.name())).map(c -> Arguments.of(c, 5)));
    }

    @ParameterizedTest(name = "{0}, MQTT version level {1}")
    @MethodSource("cases")
    void a_protocol_violation_costs_each_task_one_connection_and_never_reaches_connect(HostileBrokerCases.Case c,
            int mqttVersion) throws Exception {
        int logged = log.get().text().length();
        List<Task> tasks = new ArrayList<>();
        try (ScriptedBroker sourceBroker = ScriptedBroker.forVersion(mqttVersion, c.script(mqttVersion));
                ScriptedBroker sinkBroker = ScriptedBroker.forVersion(mqttVersion, c.script(mqttVersion))) {
            String id = "hostile-" + CONNECTORS.incrementAndGet();
            String version = mqttVersion == 5 ? "5" : "3.1.1";
            tasks.add(new Task(id + "-source", "mqtt-source-task", sourceBroker, source(sourceBroker.uri(), version)));
            // a sink task never subscribes, so a broken SUBACK cannot reach it
            if (!c.onSubscribe()) {
                tasks.add(new Task(id + "-sink", "mqtt-sink-task", sinkBroker, sink(sinkBroker.uri(), version)));
            }
            ConnectRest rest = cluster.get().rest();
            tasks.forEach(t -> rest.createConnector(t.connector, t.config));
            try {
                for (Task t : tasks) {
                    await(t.connector + " reconnected after: " + c.name()).atMost(RECOVERED)
                            .until(() -> t.broker.connections() >= 2 && t.connectedAgain());
                    String lost = "Connection to " + t.broker.uri() + " lost: ";
                    String line = log.get().text().substring(logged).lines().filter(l -> l.contains(lost)).findFirst()
                            .orElseThrow(() -> new AssertionError(t.connector + ": no line '" + lost + "...'"));
                    assertTrue(line.contains(c.rule()), "the log line must name the rule '" + c.rule() + "': " + line);
                    if (mqttVersion == 5) {
                        byte[] disconnect = {(byte) 0xE0, 0x01, (byte) c.reasonCode5()};
                        assertTrue(t.broker.firstConnectionPackets().get(10, TimeUnit.SECONDS).stream()
                                .anyMatch(p -> Arrays.equals(p, disconnect)), t.connector + ": no DISCONNECT with "
                                + "reason code " + Integer.toHexString(c.reasonCode5()));
                    }
                    ConnectRest.ConnectorStatus status = rest.connectorStatus(t.connector);
                    assertTrue(status.runningWith(1), t.connector + ": " + status.failures());
                }
                List<String> errors = log.get().text().substring(logged).lines().filter(l -> l.contains("] ERROR ")
                        && tasks.stream().anyMatch(t -> l.contains(t.connector))).toList();
                assertEquals(List.of(), errors, "nothing about these tasks may be logged at ERROR");
            } finally {
                tasks.forEach(t -> rest.deleteConnector(t.connector));
                tasks.forEach(t -> rest.awaitDeleted(t.connector));
            }
            for (Task t : tasks) {
                await(t.connector + ": no thread of its client left").atMost(Duration.ofSeconds(30))
                        .until(() -> Thread.getAllStackTraces().keySet().stream()
                                .noneMatch(th -> th.isAlive() && th.getName().startsWith("mqtt-" + t.connector + "-0")));
            }
        }
    }

    /** One connector with one task, and the broker its task talks to. */
    private record Task(String connector, String metricsType, ScriptedBroker broker, Map<String, String> config) {

        /** Connected again after the violation, as its task's own metrics say. */
        boolean connectedAgain() throws Exception {
            ObjectName name = new ObjectName("io.github.mqttbridge:type=" + metricsType + ",connector=" + connector
                    + ",task=0");
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            return server.isRegistered(name) && Boolean.TRUE.equals(server.getAttribute(name, "Connected"))
                    && ((Number) server.getAttribute(name, "Reconnects")).longValue() >= 1;
        }
    }

    private static Map<String, String> source(String uri, String version) {
        Map<String, String> c = connection(uri, version);
        c.put("connector.class", MqttSourceConnector.class.getName());
        c.put("mqtt.topics", "hostile/#");
        c.put("kafka.topic", "hostile");
        c.put("topic.creation.default.replication.factor", "1");
        c.put("topic.creation.default.partitions", "1");
        return c;
    }

    private static Map<String, String> sink(String uri, String version) {
        Map<String, String> c = connection(uri, version);
        c.put("connector.class", MqttSinkConnector.class.getName());
        c.put("topics", "hostile-sink-in");
        return c;
    }

    private static Map<String, String> connection(String uri, String version) {
        Map<String, String> c = new HashMap<>();
        c.put("tasks.max", "1");
        c.put("mqtt.server.uris", uri);
        c.put("mqtt.version", version);
        // one second, so that the never-ending trickle is caught by the keep-alive within seconds
        c.put("mqtt.keepalive.interval.ms", "1000");
        c.put("mqtt.reconnect.backoff.min.ms", "200");
        c.put("mqtt.reconnect.backoff.max.ms", "1000");
        return c;
    }
}
