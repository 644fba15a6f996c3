package io.github.mqttbridge.interop;

import static io.github.mqttbridge.client.ClientTesting.join;
import static io.github.mqttbridge.client.ClientTesting.topic;
import static io.github.mqttbridge.client.ClientTesting.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mqttbridge.client.ClientTesting;
import io.github.mqttbridge.client.ClientTesting.Collector;
import io.github.mqttbridge.client.MqttClient;
import io.github.mqttbridge.client.MqttMessage;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** The wildcard cells: which topics {@code +} and {@code #} subscriptions receive. */
final class Wildcards {

    private Wildcards() {
    }

    /** {@code base/+/temp} and {@code base/#} receive exactly the topics MQTT 3.1.1 section 4.7 says. */
    static void assertMatching(InteropBroker broker) throws Exception {
        String base = topic("wild");
        Collector<MqttMessage> plus = new Collector<>();
        Collector<MqttMessage> hash = new Collector<>();
        try (MqttClient plusClient = Exchange.connected(broker.tcpUri(), "plus").onMessageArrived(plus);
                MqttClient hashClient = Exchange.connected(broker.tcpUri(), "hash").onMessageArrived(hash);
                MqttClient publisher = Exchange.connected(broker.tcpUri(), "wild-pub")) {
            join(plusClient.subscribe(base + "/+/temp", 1));
            join(hashClient.subscribe(base + "/#", 1));
            List<String> topics = List.of(base + "/a/temp", base + "/a/b/temp", base + "/x", base + "/last/temp");
            for (String t : topics) {
                join(publisher.publish(t, utf8(t), 1, false));
            }
            hash.awaitCount(topics.size());
            plus.awaitFirst(ClientTesting.on(base + "/last/temp"));
            assertEquals(Set.copyOf(topics), topicsOf(hash.items()), base + "/# gets every topic below " + base);
            assertEquals(Set.of(base + "/a/temp", base + "/last/temp"), topicsOf(plus.items()),
                    "+ matches exactly one level");
        }
    }

    private static Set<String> topicsOf(List<MqttMessage> messages) {
        return messages.stream().map(MqttMessage::destinationName).collect(Collectors.toSet());
    }

    /** What a {@code #} subscriber received besides ordinary topics when a client published to a {@code $} topic. */
    record DollarTopic(String topic, List<String> byMultiLevelWildcard) {
    }

    /**
     * Publishes to a fresh {@code $interop/...} topic, then to an ordinary marker topic, and returns the
     * {@code $} topics that a {@code #} subscriber received until the marker arrived. A subscriber to the
     * {@code $} topic itself must get it, or the broker did not accept it and the cell proves nothing.
     */
    static DollarTopic publishDollarTopic(InteropBroker broker) throws Exception {
        String dollar = "$interop/" + UUID.randomUUID();
        String marker = topic("marker");
        Collector<MqttMessage> everything = new Collector<>();
        Collector<MqttMessage> direct = new Collector<>();
        try (MqttClient hashClient = Exchange.connected(broker.tcpUri(), "all").onMessageArrived(everything);
                MqttClient dollarClient = Exchange.connected(broker.tcpUri(), "dollar").onMessageArrived(direct);
                MqttClient publisher = Exchange.connected(broker.tcpUri(), "dollar-pub")) {
            join(hashClient.subscribe("#", 1));
            join(dollarClient.subscribe(dollar, 1));
            join(publisher.publish(dollar, utf8("dollar"), 1, false));
            join(publisher.publish(marker, utf8("marker"), 1, false));
            direct.awaitFirst(ClientTesting.on(dollar));
            everything.awaitFirst(ClientTesting.on(marker));
            return new DollarTopic(dollar, everything.items().stream().map(MqttMessage::destinationName)
                    .filter(t -> t.startsWith("$")).toList());
        }
    }

    /**
     * For a broker known to break MQTT-4.7.2-1: {@code #} does deliver a {@code $} topic, and our client hands it
     * to the application unchanged. If this fails, the broker was fixed and its fault cell can go.
     */
    static void assertBrokerLetsMultiLevelWildcardMatchDollarTopics(InteropBroker broker) throws Exception {
        DollarTopic seen = publishDollarTopic(broker);
        assertTrue(seen.byMultiLevelWildcard().contains(seen.topic()), "the broker no longer delivers "
                + seen.topic() + " to `#`: it was fixed, and its fault cell can go");
    }
}
