package io.github.mqttbridge.connect.sink;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** An MQTT subscriber that is not our client, counting what arrives: topic and payload text, in arrival order. */
public interface Subscriber extends AutoCloseable {
    record Message(String topic, String payload, boolean retained) {
    }

    String name();

    List<Message> messages();

    default int count() {
        return messages().size();
    }

    /** Payloads per topic, in arrival order: one MQTT topic per Kafka partition gives that partition's order. */
    default Map<String, List<String>> byTopic() {
        return messages().stream().collect(Collectors.groupingBy(Message::topic,
                Collectors.mapping(Message::payload, Collectors.toList())));
    }

    default Map<String, Long> distinctCounts() {
        return messages().stream().map(Message::payload).distinct()
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    @Override
    void close();
}
