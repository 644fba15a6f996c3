package io.github.mqttbridge.interop;

import static io.github.mqttbridge.client.ClientTesting.clientId;
import static io.github.mqttbridge.client.ClientTesting.join;
import static io.github.mqttbridge.client.ClientTesting.topic;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mqttbridge.client.ClientTesting.Collector;
import io.github.mqttbridge.client.ConnectionLost;
import io.github.mqttbridge.client.MqttClient;
import io.github.mqttbridge.client.MqttMessage;
import io.github.mqttbridge.testing.CapturedLog;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** RabbitMQ 3.10 from Debian with rabbitmq_mqtt and rabbitmq_web_mqtt, with the faults noted on each cell. */
@BrokerColumn(column = 4, value = "RabbitMQ 3.10 (rabbitmq_mqtt)")
abstract class RabbitMqCells extends InteropCells {

    private static final String DOWNGRADE = "RabbitMQ answers a QoS 2 PUBLISH with PUBACK and grants QoS 1 for a"
            + " QoS 2 subscription: it downgrades QoS 2 to 1, as documented";
    private static final String DOWNGRADE_DOCUMENTED = "https://www.rabbitmq.com/docs/3.13/mqtt,"
            + " rabbitmq/rabbitmq-mqtt#155";

    @Override
    protected InteropBroker startBroker() {
        return RabbitMqBroker.start();
    }

    /**
     * The correct behaviour: a QoS 2 publish answered by PUBACK completes once, with one WARN per connection that
     * names the downgrade, and the connection stays up. Today the client calls the PUBACK a protocol violation,
     * disconnects, and with reconnect on resends into the same fault forever (issue 19).
     */
    @Test
    @Override
    @BrokerFault(value = DOWNGRADE, reference = DOWNGRADE_DOCUMENTED)
    void qos2Bulk() throws Exception {
        String t = topic("qos2-downgraded");
        Collector<MqttMessage> arrived = new Collector<>();
        Collector<ConnectionLost> lost = new Collector<>();
        try (CapturedLog log = CapturedLog.install();
                MqttClient subscriber = Exchange.connected(broker.tcpUri(), "rmq-sub").onMessageArrived(arrived);
                MqttClient publisher = new MqttClient(broker.tcpUri(), clientId("rmq-qos2")).onConnectionLost(lost)) {
            assertEquals(1, join(subscriber.subscribe(t, 2)), "RabbitMQ grants QoS 1");
            join(publisher.connect(RECONNECTING));
            Exchange.publishAll(publisher, t, Exchange.numbered(BULK), 2);
            arrived.awaitCount(BULK);
            await("no copies").during(Duration.ofSeconds(1)).until(() -> arrived.size() == BULK);
            assertEquals(Exchange.numbered(BULK), arrived.items().stream().map(MqttMessage::payloadString).toList());
            assertTrue(lost.items().isEmpty(), "the connection stays up: " + lost.items());
            long warnings = log.text().lines().filter(line -> line.contains("WARN")
                    && line.toLowerCase(Locale.ROOT).contains("downgrad")).count();
            assertEquals(1, warnings, "one WARN per connection names the downgrade");
        }
    }

    @Test
    @Override
    @BrokerFault(value = "`#` and `+` match topics that start with `$` (MQTT-4.7.2-1): RabbitMQ maps MQTT filters to"
            + " bindings on its amq.topic exchange, where `#` matches every routing key; our client delivers what the"
            + " broker sends, unchanged",
            reference = "https://www.rabbitmq.com/docs/3.13/mqtt (topic to routing key mapping); no upstream issue found")
    void dollarTopics() throws Exception {
        Wildcards.assertBrokerLetsMultiLevelWildcardMatchDollarTopics(broker);
    }

    /** The same downgrade for a single message: today it loops exactly as the bulk cell does. */
    @Test
    @Override
    @BrokerFault(value = DOWNGRADE, reference = DOWNGRADE_DOCUMENTED)
    void qos2WithReconnect() throws Exception {
        super.qos2WithReconnect();
    }
}
