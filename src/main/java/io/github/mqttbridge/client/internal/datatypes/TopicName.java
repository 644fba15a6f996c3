package io.github.mqttbridge.client.internal.datatypes;

import io.github.mqttbridge.client.internal.datatypes.MqttUtf8;

/** The rules of a topic name, the destination of a PUBLISH (MQTT 3.1.1 section 4.7). */
public final class TopicName {
    private TopicName() {
    }

    /** Why {@code topic} is not a valid topic name, or null when it is. */
    public static String problem(String topic) {
        if (topic == null) {
            return "must not be null";
        }
        String wildcards = wildcardProblem(topic);
        return wildcards != null ? wildcards : MqttUtf8.problem(topic);
    }

    /** Why a string already known to be a valid MQTT string (a decoded one) is not a topic name, or null. */
    public static String wildcardProblem(String topic) {
        if (topic.isEmpty()) {
            return "must not be empty";
        }
        for (int i = 0; i < topic.length(); i++) {
            char c = topic.charAt(i);
            if (c == '+' || c == '#') {
                return "must not contain the wildcards '+' or '#'";
            }
        }
        return null;
    }

    /**
     * Returns {@code topic} if valid; otherwise throws an {@link IllegalArgumentException} naming
     * {@code parameter}, the value and the rule it breaks.
     */
    public static String require(String topic, String parameter) {
        String problem = problem(topic);
        if (problem != null) {
            throw new IllegalArgumentException(parameter + " " + problem + ", was " + quote(topic));
        }
        return topic;
    }

    static String quote(String s) {
        if (s == null) {
            return "null";
        }
        String shown = s.length() > 80 ? s.substring(0, 80) + "..." : s;
        return "'" + shown.replace("\u0000", "\\u0000") + "'";
    }
}
