package io.github.mqttbridge.connect.source;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mqttbridge.client.MqttClient;
import io.github.mqttbridge.testing.CapturedLog;
import io.github.mqttbridge.testing.ClassResource;
import io.github.mqttbridge.testing.KafkaConnectCluster;
import io.github.mqttbridge.testing.MosquittoBroker;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A broker may grant less than the QoS a source asks for (Mosquitto's {@code max_qos}, RabbitMQ and NATS for
 * QoS 2, cloud brokers for QoS 2). The task then gives the guarantee of what was granted, and says so: a WARN per
 * filter, and once every filter is confirmed a line with the guarantee actually in force.
 */
class SourceGrantedQosIT {
    private static final Duration ARRIVAL = Duration.ofSeconds(120);

    /** Installed before the worker starts, so that it holds every line the in-process worker logs. */
    @RegisterExtension
    @Order(1)
    static final ClassResource<CapturedLog> log = ClassResource.of(() -> {
        MosquittoBroker.assumeAvailable();
        return CapturedLog.install();
    });
    @RegisterExtension
    @Order(2)
    static final ClassResource<KafkaConnectCluster> cluster =
            ClassResource.of(() -> KafkaConnectCluster.builder().start());
    @RegisterExtension
    @Order(3)
    static final ClassResource<MosquittoBroker> qos0Only =
            ClassResource.of(() -> MosquittoBroker.builder().maxQos(0).start());

    @Test
    void a_qos1_source_granted_qos0_reports_at_most_once_as_the_guarantee_in_force() throws Exception {
        SourceTraffic traffic = new SourceTraffic(2);
        String name = "granted-qos0-" + traffic.id;
        String otherFilter = "it" + traffic.id + "/probe/temp";
        cluster.get().rest().createConnector(name,
                traffic.connector(qos0Only.get().tcpUri(), traffic.filter() + "," + otherFilter, 1));
        cluster.get().rest().awaitRunning(name, 1);

        String inForce = "MQTT source task 0 of '" + name + "' subscribed to all 2 filters, the lowest at QoS 0; "
                + "guarantee in force: at most once";
        await("the guarantee in force").atMost(Duration.ofSeconds(60)).until(() -> log.get().text().contains(inForce));
        for (String filter : List.of(traffic.filter(), otherFilter)) {
            assertEquals(1, lines("WARN", "granted QoS 0 instead of 1 for '" + filter + "'"),
                    "one WARN names the downgraded filter " + filter);
        }
        assertEquals(1, lines("INFO", inForce), "said once");
        assertTrue(log.get().text().contains("MQTT source task 0 of '" + name + "' starting")
                && lines("INFO", "guarantee: at least once") >= 1, "the start line still says what was asked for");

        try (MqttClient publisher = SourceTraffic.publisher(qos0Only.get().tcpUri())) {
            traffic.publish(publisher, 0, 100, 0);
            traffic.readAll(cluster.get().kafka(), 100, ARRIVAL);
        }
        cluster.get().rest().deleteConnector(name);
    }

    private static long lines(String level, String text) {
        return log.get().text().lines().filter(line -> line.contains(level) && line.contains(text)).count();
    }
}
