package io.github.mqttbridge.client;

import io.github.mqttbridge.client.internal.datatypes.TopicFilter;
import io.github.mqttbridge.client.internal.datatypes.TopicName;
import java.util.Optional;

/** The MQTT rules for topic names and filters, for an application that checks its own configuration. */
public final class MqttTopics {
    private MqttTopics() {
    }

    /** Why {@code topic} is not a topic name a message can be published to, or empty when it is one. */
    public static Optional<String> nameProblem(String topic) {
        return Optional.ofNullable(TopicName.problem(topic));
    }

    /** Why {@code filter} is not a topic filter a client can subscribe to, or empty when it is one. */
    public static Optional<String> filterProblem(String filter) {
        return Optional.ofNullable(TopicFilter.problem(filter));
    }

    /** Whether a message published to {@code topic} matches {@code filter} (wildcards, and {@code $} topics). */
    public static boolean matches(String filter, String topic) {
        return TopicFilter.matches(filter, topic);
    }
}
