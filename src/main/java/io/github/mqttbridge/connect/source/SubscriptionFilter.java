package io.github.mqttbridge.connect.source;

import io.github.mqttbridge.client.MqttTopics;

/**
 * A filter of {@code mqtt.topics}: a plain topic filter, or a shared subscription {@code $share/<group>/<filter>}
 * that the broker balances between every client subscribed with the same group.
 */
final class SubscriptionFilter {
    private static final String SHARE_PREFIX = "$share/";

    private SubscriptionFilter() {
    }

    static boolean isShared(String filter) {
        return filter.startsWith(SHARE_PREFIX);
    }

    /** The filter that topics are matched against: without the {@code $share/<group>/} of a shared one. */
    static String topicFilter(String filter) {
        if (!isShared(filter)) {
            return filter;
        }
        int slash = filter.indexOf('/', SHARE_PREFIX.length());
        return slash < 0 ? "" : filter.substring(slash + 1);
    }

    /** What is wrong with {@code filter}, phrased as what to fix, or null when it is valid. */
    static String problem(String filter) {
        if (isShared(filter)) {
            int slash = filter.indexOf('/', SHARE_PREFIX.length());
            String group = slash < 0 ? filter.substring(SHARE_PREFIX.length())
                    : filter.substring(SHARE_PREFIX.length(), slash);
            if (group.isEmpty() || group.contains("+") || group.contains("#")) {
                return "a shared subscription is written $share/<group>/<filter>, with a group name that holds no "
                        + "'/', '+' or '#'";
            }
            if (slash < 0 || slash == filter.length() - 1) {
                return "a shared subscription needs a topic filter after $share/" + group + "/";
            }
        }
        return MqttTopics.filterProblem(topicFilter(filter)).map(problem -> "the topic filter " + problem).orElse(null);
    }
}
