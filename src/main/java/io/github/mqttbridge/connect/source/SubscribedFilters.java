package io.github.mqttbridge.connect.source;

import io.github.mqttbridge.client.MqttMessage;
import io.github.mqttbridge.client.MqttTopics;
import java.util.ArrayList;
import java.util.List;

/**
 * Which of the task's filters a message came through. On MQTT 5 each filter is subscribed with a subscription
 * identifier, its position in the task's list plus one, and the broker names the identifiers that matched. A
 * broker that takes no identifiers, or an identifier from a subscription an earlier assignment left in the session,
 * makes the topic be matched against the filters here instead.
 */
final class SubscribedFilters {
    private final List<String> filters;

    SubscribedFilters(List<String> filters) {
        this.filters = List.copyOf(filters);
    }

    List<String> all() {
        return filters;
    }

    /** The subscription identifier of the filter at {@code index}; MQTT 5 reserves 0 for "none". */
    static int identifier(int index) {
        return index + 1;
    }

    /** The filters, as configured ($share/ included), that the message's topic came through. */
    List<String> matched(MqttMessage message) {
        String topic = message.destinationName();
        List<String> matched = new ArrayList<>(1);
        for (int id : message.subscriptionIdentifiers()) {
            if (id >= 1 && id <= filters.size() && matches(filters.get(id - 1), topic)) {
                matched.add(filters.get(id - 1));
            }
        }
        if (matched.isEmpty()) {
            for (String filter : filters) {
                if (matches(filter, topic)) {
                    matched.add(filter);
                }
            }
        }
        return matched;
    }

    private static boolean matches(String filter, String topic) {
        return MqttTopics.matches(SubscriptionFilter.topicFilter(filter), topic);
    }
}
